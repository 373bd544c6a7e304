"""The public API: what the CLI (and any other caller) uses."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Iterator

from .campaign import load_valid_campaign, load_campaign, validate
from .errors import DataError, NoticegenError
from .output import write_file, write_files
from .model import Campaign
from .resources import template_dir
from .i18n import _

if TYPE_CHECKING:
    from .check.roster import Report
    from .check.runner import Checker, SummaryResult

# Imported on first use (PEP 562), so that commands start without what they do not need
_LAZY = {"Checker": ".check.runner", "SummaryResult": ".check.runner",
         "INTERNAL_ERROR": ".check.runner", "ReadStatus": ".check.status",
         "evaluate": ".check.evaluate", "Evaluation": ".check.evaluate",
         "report_data": ".report.data", "render_table": ".report.table",
         "Report": ".check.roster", "build_report": ".check.roster"}


def __getattr__(name: str):
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib
    value = getattr(importlib.import_module(_LAZY[name], __package__), name)
    globals()[name] = value
    return value

__all__ = ["load_valid_campaign", "load_campaign", "validate", "describe", "build_many",
           "export_templates", "checker", "has_cue_phrases", "check", "select_summaries", "build_report", "Report", "Checker",
           "SummaryResult", "ReadStatus", "report_data", "render_table",
           "write_xlsx", "write_feedback", "suggest_rules", "evaluate", "Evaluation"]


def describe(campaign: Campaign) -> str:
    """A one-line summary of a campaign's size."""
    rubric = campaign.rubric
    items = sum(len(c.items) for c in rubric.categories)
    return _("{categories} categories, {items} items, {clauses} clauses, {points:g} points, "
             "{units} units, {rows} commitment rows").format(
                 categories=len(rubric.categories), items=items, clauses=len(rubric.clauses()),
                 points=rubric.total, units=len(campaign.units), rows=len(campaign.commitments))


def export_templates(folder: Path, force: bool = False) -> list[Path]:
    """Copy the bundled templates into ``folder`` for editing, under the overwrite policy
    (:mod:`noticegen.output`)."""
    from .render.package import TEMPLATE_FILES
    from .report.feedback import TEMPLATE as FEEDBACK_TEMPLATE
    folder = Path(folder)
    names = [*TEMPLATE_FILES.values(), FEEDBACK_TEMPLATE]
    # each copy complete or absent, even when the disk fills
    write_files(folder, {name: (template_dir() / name).read_bytes() for name in names}, force)
    return [folder / name for name in names]


def checker(campaign: Campaign, *, extra_rules: Iterable[Path] = (), all_clauses: bool = False,
            unit: str | None = None) -> Checker:
    """The compiled checker for ``campaign``; ``checker.rules.unbound`` lists cue-phrase
    entries that name no clause."""
    from .check.runner import Checker
    return Checker(campaign, extra_rules=extra_rules, all_clauses=all_clauses, unit=unit)


def has_cue_phrases(campaign: Campaign, extra_rules: Iterable[Path] = ()) -> bool:
    """Whether some cue phrase (coverage.yaml beside the campaign, or ``extra_rules``) names a
    clause of ``campaign``'s rubric."""
    from .check.rules import load_rules, rule_files
    return bool(rule_files(campaign, list(extra_rules))) and bool(
        load_rules(campaign, list(extra_rules)).clauses)


def select_summaries(checker: Checker, paths: list[Path]):
    """The files under ``paths`` to check as summaries, and those skipped as plainly not
    summaries (README, notes, other file types), as ``(files, skipped)``."""
    from .check.roster import select_files
    files, skipped = select_files(paths, checker.units)
    if not files and not skipped:
        raise DataError(_("no summary files found"), path=", ".join(map(str, paths)),
                        hint=_("name summary files (.docx, .doc, .wps, .rtf, .pdf, scans "
                               ".jpg/.png/.tif, .txt/.md), or folders holding them"))
    return files, skipped


def check(checker: Checker, files: list[Path], *,
          workers: int | None = None) -> Iterator[SummaryResult]:
    """Check ``files`` (as :func:`select_summaries` chose them), in order."""
    from .check.runner import check_summaries
    return check_summaries(checker, files, workers=workers)


def suggest_rules(campaign: Campaign, paths: list[Path], output: Path, *,
                  labels: Path | None = None, force: bool = False) -> int:
    """Write proposed cue phrases for ``campaign`` from the summaries under ``paths``;
    returns how many clauses got an entry."""
    from .check.sentences import split_sentences
    from .check.runner import Checker
    from .check.suggest import suggest, to_yaml
    from .extract import extract
    engine = Checker(campaign, all_clauses=True)
    sentences, results = [], []
    chosen = select_summaries(engine, paths)[0]
    for path in chosen:
        try:
            segments = extract(path)
        except NoticegenError:
            continue
        sentences += [s.text for s in split_sentences(segments, engine.rules.plan_section)]
        results.append(engine.check_segments(segments, path))
    suggestions = suggest(campaign, sentences, results, labels)
    inputs = (campaign.source, *chosen, labels)
    write_file(Path(output), to_yaml(suggestions).encode("utf-8"), force,
               sources=tuple(p for p in inputs if p))
    return len(suggestions)


def write_xlsx(report: Report, path: Path, force: bool, *, sources: tuple = (),
               sheet: bytes | None = None) -> None:
    """Write the tracking sheet of ``report`` (``sheet``, when already made) under the
    overwrite policy; never over the files the report was made from, nor over ``sources``
    (the rule files)."""
    from .report.xlsx import tracking_workbook
    data = sheet if sheet is not None else tracking_workbook(report)
    write_file(Path(path), data, force, sources=report.inputs + tuple(sources))


def require_libreoffice() -> None:
    """Raise the --pdf error now when LibreOffice is missing, before any work is done."""
    from .render import pdf
    if not pdf.soffice():
        raise pdf.PdfError(_("--pdf needs LibreOffice, which is not "
                             "installed"), hint=_(pdf.INSTALL_HINT))


def prepare_check_outputs(report: Report, xlsx_path: Path | None, feedback_dir: Path | None,
                          template_folder: Path | None = None, letter_date=None,
                          force: bool = False):
    """The tracking sheet's bytes and the letters ``check`` is to write (None where not asked
    for), made once. Unless ``force``, every file they would replace that noticegen did not
    write is named in one error before anything is written (not one at a time, half written)."""
    from .output import LETTERS_MANIFEST, foreign_files, refuse_foreign
    from .report.feedback import feedback_letters
    from .report.xlsx import tracking_workbook
    sheet = tracking_workbook(report) if xlsx_path else None
    letters = feedback_letters(report, _feedback_template(template_folder), letter_date) \
        if feedback_dir else None
    foreign: list[Path] = []
    if sheet is not None and not force:
        foreign += foreign_files(Path(xlsx_path).parent, {Path(xlsx_path).name: sheet})
    if letters is not None and not force:
        foreign += foreign_files(Path(feedback_dir), letters.documents, LETTERS_MANIFEST)
    folders = {p.parent for p in foreign}
    if len(folders) == 1:                     # as every command says it
        refuse_foreign(folders.pop(), [p.name for p in foreign])
    elif foreign:
        refuse_foreign(None, [str(p) for p in foreign])
    return sheet, letters


def _feedback_template(template_folder: Path | None):
    """The user's feedback letter template in ``template_folder``, else None (the bundled)."""
    from .render.docx import CompiledTemplate
    from .report.feedback import TEMPLATE as FEEDBACK_TEMPLATE
    if template_folder and (Path(template_folder) / FEEDBACK_TEMPLATE).is_file():
        return CompiledTemplate(Path(template_folder) / FEEDBACK_TEMPLATE)
    return None


def write_feedback(report: Report, folder: Path, template_folder: Path | None = None,
                   force: bool = False, *, with_pdf: bool = False, letter_date=None,
                   sources: tuple = (), letters=None):
    """Write one feedback letter per unit whose summary counts into ``folder`` (``letters``,
    when already made; with ``with_pdf`` each also as PDF into ``folder/pdf``, one LibreOffice
    start); return what was written (see :class:`noticegen.report.feedback.Written`)."""
    from .report.feedback import feedback_letters
    from .report.letters_out import write_letters
    if letters is None:
        letters = feedback_letters(report, _feedback_template(template_folder), letter_date)
    return write_letters(Path(folder), letters, force, with_pdf,
                         sources=report.inputs + tuple(sources))


def build_many(paths: list[Path], outdir: Path, template_dir: Path | None = None, *,
               with_pdf: bool = False, force: bool = False,
               progress: Callable[[Path, int, int], None] | None = None):
    """Build campaigns into package folders (see :func:`noticegen.render.build.build_many`)."""
    from .render.build import build_many as build
    return build(paths, outdir, template_dir, with_pdf=with_pdf, force=force, progress=progress)


def lint_docx(path: Path):
    """GB/T 9704 findings for one .docx."""
    from .lint.runner import lint_file
    return lint_file(Path(path))


def fix_docx(source: Path, target: Path, force: bool = False):
    """Write a copy of ``source`` with the safe findings corrected; return the changes."""
    from .lint.fix import fix_file
    from .lint.runner import readable
    readable(Path(source))
    return fix_file(Path(source), Path(target), force)


def rollover(source: Path, target: Path, year: int, *, serial: int | None = None,
             policy: str = "weekday", force: bool = False):
    """Write the campaign moved on to ``year``; return the list of things to review."""
    from .campaign.rollover import rollover as roll
    return roll(Path(source), Path(target), year, serial=serial, policy=policy, force=force)


def diff(old_path: Path, new_path: Path, docx: Path | None = None, force: bool = False):
    """The changes from one campaign to another; optionally a Word report of them."""
    from .campaign.diff import diff_campaigns
    old, new = load_valid_campaign(old_path), load_valid_campaign(new_path)
    changes = diff_campaigns(old, new)
    if docx is not None:
        from .render.diffdoc import diff_report
        diff_report(old, new, changes, Path(docx), force)
    return changes


def import_campaign(source: Path, target: Path, letters: Path | None = None, force: bool = False):
    """Write a campaign file from a notice .docx or an .xlsx rubric; return what was not mapped."""
    from .campaign.import_xlsx import import_xlsx
    from .campaign.importer import import_docx, write_campaign
    source = Path(source)
    if source.suffix.lower() == ".docx":
        data, notes = import_docx(source, letters)
    elif source.suffix.lower() == ".xlsx":
        data, notes = import_xlsx(source)
    else:
        raise DataError(_("import reads .docx notices and .xlsx rubric sheets"), path=source,
                        hint=_("save the file as .docx or .xlsx"))
    write_campaign(data, notes, source, Path(target), force)
    return notes
