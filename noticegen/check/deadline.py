"""When a summary was written (its own date, else the file's time) against the deadline."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from ..chinese import chinese_number, chinese_year
from .sentences import Sentence
from .status import DateSource, DeadlineStatus

_ARABIC = re.compile(r"(\d{4})\s*(?:年|[-./])\s*(\d{1,2})\s*(?:月|[-./])\s*(\d{1,2})\s*日?")
_CHINESE = re.compile(r"([〇○零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日")
TAIL_SENTENCES = 8


@dataclass(frozen=True)
class DeadlineResult:
    status: DeadlineStatus
    date: Optional[dt.date]
    source: DateSource
    deadline: dt.date


def _dates(text: str) -> list[dt.date]:
    """Every valid date in ``text``, Arabic or Chinese numerals, in text order."""
    found = [(m.start(), tuple(map(int, m.groups()))) for m in _ARABIC.finditer(text)]
    found += [(m.start(), (chinese_year(m.group(1)), chinese_number(m.group(2)) or 0,
                           chinese_number(m.group(3)) or 0)) for m in _CHINESE.finditer(text)]
    dates = []
    for _, (year, month, day) in sorted(found):
        try:
            dates.append(dt.date(year, month, day))
        except ValueError:
            continue
    return dates


def summary_date(sentences: list[Sentence]) -> Optional[dt.date]:
    """The date under the signature: the last full date in the last lines."""
    for sentence in reversed(sentences[-TAIL_SENTENCES:]):
        dates = _dates(sentence.original)
        if dates:
            return dates[-1]
    return None


def file_time(path: Path) -> Optional[float]:
    """When a file was last changed (seconds since the epoch), None when it cannot be told."""
    try:
        return Path(path).stat().st_mtime
    except OSError:
        return None


def day_of(timestamp: Optional[float]) -> Optional[dt.date]:
    """The local day of a file time, None when there is none or it is out of range."""
    if timestamp is None:
        return None
    try:
        return dt.date.fromtimestamp(timestamp)
    except (OSError, ValueError, OverflowError):
        return None


def judge_deadline(sentences: list[Sentence], changed: Optional[dt.date],
                   deadline: dt.date) -> DeadlineResult:
    """On time or late: by the date under the signature, else by ``changed`` (the file's
    date, read by the caller), else unknown."""
    date, source = summary_date(sentences), DateSource.TEXT
    if date is None:
        if changed is None:
            return DeadlineResult(DeadlineStatus.UNKNOWN, None, DateSource.NONE, deadline)
        date, source = changed, DateSource.FILE
    status = DeadlineStatus.ON_TIME if date <= deadline else DeadlineStatus.LATE
    return DeadlineResult(status, date, source, deadline)
