"""The statuses a check gives, as enums whose members are their own text.

Each member is a ``str`` equal to its value, and prints, formats and hashes as that value
on every Python version, so JSON, tables, sheets and pages show the same words as before.
"""
from __future__ import annotations

from enum import Enum


class TextEnum(str, Enum):
    """A str-valued enum that is written as its value (``f"{x}"``, ``str(x)``, JSON)."""

    __str__ = str.__str__
    __format__ = str.__format__
    __hash__ = str.__hash__       # a member finds and is found by its value in a dict


class Verdict(TextEnum):
    """How a summary reports on one clause."""

    COVERED = "covered"
    PARTIAL = "partial"
    NEGATED = "negated"
    MISSING = "missing"


class DecidedBy(TextEnum):
    """What decided a verdict: the general matcher, cue phrases or commitment figures."""

    GENERAL = "general"
    CUES = "cues"
    FIGURES = "figures"


class DeadlineStatus(TextEnum):
    """A summary's date against the deadline."""

    ON_TIME = "on_time"
    LATE = "late"
    UNKNOWN = "unknown"


class DateSource(TextEnum):
    """Where a summary's date came from: its text, its file's time, nowhere."""

    TEXT = "text"
    FILE = "file"
    NONE = "none"


class RosterStatus(TextEnum):
    """How a unit that owes a summary stands."""

    ON_TIME = "on_time"
    LATE = "late"
    DATE_UNKNOWN = "date_unknown"
    NOT_SUBMITTED = "not_submitted"
    UNREADABLE = "unreadable"


class ReadStatus(TextEnum):
    """Whether a summary file could be read and judged."""

    OK = "ok"
    ERROR = "error"
