"""Where the bundled data (templates/, examples/, …) lives, installed or in a checkout."""
from __future__ import annotations

from pathlib import Path
from .i18n import _

_PACKAGE = Path(__file__).resolve().parent


def data_path(name: str) -> Path:
    """The bundled folder ``name``: inside the installed package, else beside it in a checkout."""
    for candidate in (_PACKAGE / "_data" / name, _PACKAGE.parent / name):
        if candidate.exists():
            return candidate
    raise FileNotFoundError(_("bundled data “{name}” is missing from this installation").format(
        name=name))


def template_dir() -> Path:
    return data_path("templates") / "docx"


def load_data_file(path: Path):
    """A rule or corpus YAML file; a broken one is a RuleError naming file and line."""
    from .errors import RuleError
    from .yamlread import YamlProblem, parse, read_text
    try:
        return parse(read_text(path, rules=True))
    except YamlProblem as exc:
        raise RuleError(exc.message, path=path, line=exc.line,
                        hint=_("check the rule file's YAML (quote patterns with [ ] { } : "
                               "#)")) from None
