"""One error hierarchy for everything a user can cause.

Every error names the file (and line or paragraph where known) and says what to
do. The CLI prints ``str(error)`` without a traceback and exits with
``error.exit_code``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Optional

from .i18n import _

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """``text`` safe to print on a terminal: control characters (escape sequences in a file
    name, say) shown as ``\\xNN``; line breaks and tabs kept."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


@dataclass(frozen=True)
class Problem:
    """One finding about an input file: where, what, and what to do."""

    path: str
    line: Optional[int]
    message: str
    hint: str = ""

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return _join(located(where, self.message), self.hint)


def located(where: str | Path, message: str) -> str:
    """``message`` about the file (and line) ``where``: “x.yaml:12: …”, in Chinese
    “x.yaml:12：…”."""
    return _("{where}: {message}").format(where=where, message=message)


class NoticegenError(Exception):
    """Base class: an error the user can fix; printed without a traceback."""

    exit_code = 2

    def __init__(self, message: str, *, path: str | Path | None = None,
                 line: Optional[int] = None, hint: str = "") -> None:
        self.problem = Problem(str(path) if path else "", line, message, hint)
        super().__init__(str(self.problem) if path else _join(message, hint))


def _join(message: str, hint: str) -> str:
    return printable(_("{message} (hint: {hint})").format(message=message, hint=hint)
                     if hint else message)


class DataError(NoticegenError):
    """An input that cannot be used at all: missing file, not YAML, unsafe archive."""


class ValidationError(NoticegenError):
    """Input that was read but is inconsistent; carries every problem found."""

    exit_code = 1

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = list(problems)
        Exception.__init__(self, "\n".join(str(p) for p in self.problems))


class TemplateError(NoticegenError):
    """A document template that is broken or asks for an unknown field."""


class ExtractionError(NoticegenError):
    """A summary file whose text cannot be read."""


class RuleError(NoticegenError):
    """A rule or corpus data file that is malformed."""


class OutputError(NoticegenError):
    """An output that cannot be written without losing a user's file."""


class InternalError(NoticegenError):
    """A bug met while handling one input of a batch; the others are still handled."""

    exit_code = 3

    @classmethod
    def wrap(cls, exc: BaseException, path: str | Path | None = None) -> "InternalError":
        error = cls(_("internal error: {kind}: {reason}").format(kind=type(exc).__name__,
                                                                  reason=exc), path=path,
                    hint=_("run again with --debug for the traceback and report it"))
        error.__cause__ = exc
        return error
