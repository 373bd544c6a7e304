"""Who owes a summary and what came in: the roster of units, duplicates, files skipped.

Files found in a folder that are plainly not summaries (a README, notes, a Word lock file,
a file of a type no unit sends its summary in) are skipped with a note before checking;
after checking, a readable file that names no unit and reports on no clause is skipped too.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Optional

from ..errors import DataError
from ..extract.base import SUPPORTED
from ..output import written_here
from ..model import Campaign, Organisation
from .coverage import MISSING
from .runner import SummaryResult
from .status import DeadlineStatus, ReadStatus, RosterStatus
from .units import UnitNames
from ..i18n import N_, _

ON_TIME, LATE, DATE_UNKNOWN = RosterStatus.ON_TIME, RosterStatus.LATE, RosterStatus.DATE_UNKNOWN
NOT_SUBMITTED, UNREADABLE = RosterStatus.NOT_SUBMITTED, RosterStatus.UNREADABLE

# Word-processor files a unit may well send its summary in: checked (and reported
# unreadable) rather than skipped, even when their name names no unit
DOCUMENT_TYPES = (".doc", ".wps", ".rtf", ".odt", ".docm", ".dotx", ".xps", ".ofd")
NOTES_NAME = re.compile(r"^(?:(?:readme|read_me|notes?|license|changelog)\b|说明|备注|注意事项)",
                        re.IGNORECASE)

# why a file is skipped: kind → the note shown
SKIP_REASONS = {
    "notes": N_("a README or notes file, not a summary"),
    "lock": N_("a lock file Word leaves while a document is open, not a summary"),
    "type": N_("not a summary: its type is not one summaries are read from (.docx, .doc, .wps, "
               ".rtf, .pdf, scans .jpg/.png/.tif, .txt/.md)"),
    "empty": N_("not a summary: it names no unit and reports on no clause"),
    "ours": N_("written by noticegen (a feedback letter or another output), not a summary"),
}


@dataclass(frozen=True)
class Skipped:
    """A file that was not checked as a summary, and why."""

    file: str
    kind: str                                    # notes | lock | type | empty

    @property
    def reason(self) -> str:
        return _(SKIP_REASONS[self.kind])


@dataclass
class RosterEntry:
    """One unit that owes a summary: what it sent and how it stands."""

    unit: Organisation
    status: RosterStatus
    max_points: float                            # the scores of the clauses it executes
    summary: Optional[SummaryResult] = None      # the file that counts (readable, latest)
    others: list[SummaryResult] = field(default_factory=list)   # earlier or unreadable copies


@dataclass
class Report:
    """Everything ``check`` found, arranged the way the department reads it."""

    campaign: Campaign
    summaries: list[SummaryResult]               # every file checked as a summary, in file order
    roster: list[RosterEntry]
    unrecognised: list[SummaryResult]            # checked, but naming no unit of the campaign
    skipped: list[Skipped]

    def __post_init__(self) -> None:
        self._instead = {id(other): entry.summary for entry in self.roster for other in entry.others}

    @property
    def inputs(self) -> tuple[str, ...]:
        """Every file the report was made from: the campaign and each file looked at."""
        files = [s.file for s in self.summaries] + [s.file for s in self.unrecognised] + \
            [s.file for s in self.skipped]
        return tuple(([self.campaign.source] if self.campaign.source else []) + files)

    def superseded_by(self, summary: SummaryResult) -> Optional[SummaryResult]:
        """The summary from the same unit that counts instead of ``summary``, if any."""
        return self._instead.get(id(summary))

    def counted(self) -> list[SummaryResult]:
        """The summaries that count: each unit's latest readable one, the unrecognised ones
        and the unreadable files (in file order)."""
        return [s for s in self.summaries if self.superseded_by(s) is None]

    def entry(self, unit_name: str) -> Optional[RosterEntry]:
        return next((e for e in self.roster if e.unit.name == unit_name), None)


def select_files(paths: Iterable[Path], units: UnitNames) -> tuple[list[Path], list[Skipped]]:
    """The files to check under ``paths``, sorted, and the files of folders skipped as plainly
    not summaries. A file named on the command line is always checked."""
    files: list[Path] = []
    skipped: list[Skipped] = []
    for path in map(Path, paths):
        if not path.exists():
            raise DataError(_("no such file or folder"), path=path,
                            hint=_("check the path of the summaries"))
        if not path.is_dir():
            files.append(path)
            continue
        ours = written_here(path)
        for found in sorted(p for p in path.rglob("*") if p.is_file() and not any(
                part.startswith(".") for part in p.relative_to(path).parts)):
            kind = "ours" if ours(found) else skip_kind(found, units)
            if kind:
                skipped.append(Skipped(str(found), kind))
            else:
                files.append(found)
    return files, skipped


def skip_kind(path: Path, units: UnitNames) -> Optional[str]:
    """Why a file found in a folder is not checked (a key of SKIP_REASONS), or None."""
    if path.name.startswith("~$"):
        return "lock"
    suffix = path.suffix.lower()
    if NOTES_NAME.match(path.stem) and suffix in SUPPORTED:
        return "notes"
    if suffix not in SUPPORTED and suffix not in DOCUMENT_TYPES and units.match(path, []) is None:
        return "type"
    return None


def is_summary(result: SummaryResult) -> bool:
    """A readable file that names no unit and reports on no clause or figure is not one."""
    return not (result.status == ReadStatus.OK and result.unit is None and not result.figures
                and all(c.status == MISSING for c in result.clauses))


def owing_units(campaign: Campaign) -> list[Organisation]:
    """The units that execute at least one clause, in the campaign's order."""
    return [u for u in campaign.units if campaign.clauses_for_unit(u)]


def as_report(report, results: Optional[list[SummaryResult]] = None) -> Report:
    """``report`` itself, or the report of a campaign and its ``results``."""
    return report if isinstance(report, Report) else build_report(report, list(results or []))


def build_report(campaign: Campaign, results: list[SummaryResult],
                 skipped: Iterable[Skipped] = ()) -> Report:
    """Arrange checked ``results`` by unit: every owing unit gets a roster entry."""
    skipped = list(skipped)
    summaries = []
    for result in results:
        if is_summary(result):
            summaries.append(result)
        else:
            skipped.append(Skipped(result.file, "empty"))
    roster = []
    for unit in owing_units(campaign):
        sent = [r for r in summaries if r.unit == unit.name]
        max_points = sum(c.score for c in campaign.clauses_for_unit(unit))
        roster.append(_entry(unit, sent, round(max_points, 2)))
    owing = {u.name for u in owing_units(campaign)}
    unrecognised = [r for r in summaries if r.unit is None or r.unit not in owing]
    return Report(campaign, summaries, roster, unrecognised,
                  sorted(skipped, key=lambda s: s.file))


def _entry(unit: Organisation, sent: list[SummaryResult], max_points: float) -> RosterEntry:
    readable = sorted((r for r in sent if r.status == ReadStatus.OK), key=_recency, reverse=True)
    unreadable = [r for r in sent if r.status != ReadStatus.OK]
    if not readable:
        if unreadable:
            return RosterEntry(unit, UNREADABLE, max_points, unreadable[-1], unreadable[:-1])
        return RosterEntry(unit, NOT_SUBMITTED, max_points)
    latest = readable[0]
    deadline = latest.deadline
    status = {DeadlineStatus.ON_TIME: ON_TIME, DeadlineStatus.LATE: LATE}.get(
        deadline.status if deadline else None, DATE_UNKNOWN)
    return RosterEntry(unit, status, max_points, latest, readable[1:] + unreadable)


def _recency(result: SummaryResult) -> tuple:
    """Latest first: the summary's own date (else its file time), then the file time (as
    read with the file), then the name."""
    date = result.deadline.date if result.deadline and result.deadline.date else dt.date.min
    return date, result.mtime or 0.0, result.file
