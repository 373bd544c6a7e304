"""Run the lint rules over a .docx and describe each finding."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..errors import InternalError, NoticegenError, RuleError, printable
from ..resources import data_path, load_data_file
from . import checks, pagechecks
from ..wordxml.docmodel import load_document, readable
from ..wordxml.roles import find_roles
from ..i18n import N_, _

SEVERITIES = ("error", "warning", "info")


@dataclass(frozen=True)
class LintRule:
    id: str
    severity: str
    clause: str
    message: str
    hint: str


@dataclass(frozen=True)
class Finding:
    file: str
    location: str
    excerpt: str
    rule: str
    severity: str
    clause: str
    message: str
    hint: str

    def __str__(self) -> str:
        return printable(_("{file}:{location}: {severity}: {message} [{rule}, GB/T 9704 {clause}] "
                           "“{excerpt}” (hint: {hint})").format(
            file=self.file,
            location=_("document") if self.location == "document" else self.location,
            severity=_(SEVERITY_WORDS.get(self.severity, self.severity)), message=_(self.message),
            rule=self.rule, clause=self.clause, excerpt=self.excerpt, hint=_(self.hint)))


SEVERITY_WORDS = {"error": N_("error"), "warning": N_("warning"), "info": N_("info")}


@lru_cache(maxsize=1)
def lint_rules() -> dict[str, LintRule]:
    path = data_path("rules") / "lint-gbt9704.yaml"
    entries = load_data_file(path)
    rules = {}
    for entry in entries:
        if entry.get("enabled", True) is False:
            continue
        if entry.get("severity") not in SEVERITIES:
            raise RuleError(_("rule {id}: severity must be one of {severities}").format(
                id=entry.get('id'), severities=", ".join(SEVERITIES)),
                            path=path)
        rules[entry["id"]] = LintRule(entry["id"], entry["severity"], str(entry.get("clause", "")),
                                      entry["message"], entry.get("hint", ""))
    return rules


def lint_file(path: Path) -> list[Finding]:
    """Every finding for one .docx, in document order (page-level findings first); a bug
    is raised as this file's :class:`InternalError`, so that a batch goes on."""
    try:
        return _lint(Path(path))
    except NoticegenError:
        raise
    except Exception as exc:
        raise InternalError.wrap(exc, path) from exc


def _lint(path: Path) -> list[Finding]:
    readable(path)
    document = load_document(Path(path))
    roles = find_roles(document)
    hits = [
        *pagechecks.page(document, roles.body), *pagechecks.page_numbers(document, roles.kind),
        *checks.number(roles, document), *checks.fonts(document, roles), *checks.indent(roles),
        *checks.recipients(roles), *checks.heading_sequence(roles), *checks.signature(roles),
        *checks.attachments(document, roles), *checks.dates(document, roles),
        *checks.punctuation(document, roles), *checks.rubric_sums(document),
    ]
    rules = lint_rules()
    findings = []
    for rule_id, paragraph, excerpt, *unsure in hits:
        rule = rules.get(rule_id)
        if rule is None:
            continue
        location = paragraph.location if paragraph is not None else "document"
        # a finding that cannot be sure (not a 公文, a part told by a guess) is a warning
        severity = "warning" if rule.severity == "error" and (unsure or not roles.official) else rule.severity
        findings.append(Finding(str(path), location, excerpt, rule.id, severity, rule.clause,
                                rule.message, rule.hint))
    order = {p.location: i for i, p in enumerate(document.paragraphs)}
    findings.sort(key=lambda f: order.get(f.location, -1))
    return findings
