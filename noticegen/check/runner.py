"""Check summaries against a campaign: one file, or a batch spread over the CPU cores."""
from __future__ import annotations

import datetime as dt
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator, Optional

from ..errors import ExtractionError, NoticegenError
from ..extract import extract
from ..model import Campaign
from .calibration import Calibration, bundled_calibration
from .coverage import COVERED, PARTIAL, ClauseJudges, ClauseResult, Text
from .deadline import DeadlineResult, day_of, file_time, judge_deadline
from .figures import FigureResult, find_figures
from .rules import Rules, load_rules
from .sentences import split_sentences
from .status import ReadStatus
from .units import UnitNames
from .. import i18n
from ..i18n import N_, _

INTERNAL_ERROR = N_("internal error")  # an error row starting so (translated) is a bug (exit 3)
PARALLEL_FROM = 16  # files; below this one process is quicker than starting workers


@dataclass
class SummaryResult:
    """Everything found about one summary file."""

    file: str
    status: ReadStatus = ReadStatus.OK
    error: Optional[str] = None
    unit: Optional[str] = None
    coverage: float = 0.0
    deadline: Optional[DeadlineResult] = None
    clauses: list[ClauseResult] = field(default_factory=list)
    figures: list[FigureResult] = field(default_factory=list)
    points: float = 0.0                     # estimated 标准分 points (see estimate_points)
    max_points: float = 0.0                 # what the unit can earn: its clauses' scores
    mtime: Optional[float] = None           # the file's time, read with the file (never later)

    @property
    def complete(self) -> bool:
        """Every clause covered and every reported commitment figure up to its standard."""
        return self.status == ReadStatus.OK and all(c.status == COVERED for c in self.clauses) and \
            all(m.meets_standard for m in self.figures)


def unknown_unit(campaign: Campaign, unit: str) -> NoticegenError:
    """The error for a --unit that names no unit: what it is instead, and the valid units."""
    department = campaign.department_by_name(unit)
    what = (_("“{unit}” is a department (组织实施及考核部门), not an executing unit")
            if department else _("--unit “{unit}” is not a unit of the campaign")).format(unit=unit)
    names = "、".join(u.short or u.name for u in campaign.units)
    return NoticegenError(what, hint=_("give one of the units (full name, short name or alias): "
                                       "{names}").format(names=names))


class Checker:
    """Compiled rules for a campaign, ready to check any number of summaries."""

    def __init__(self, campaign: Campaign, *, extra_rules: Iterable[Path] = (),
                 all_clauses: bool = False, unit: Optional[str] = None,
                 cue_phrases: bool = True, calibration: Optional[Calibration] = None) -> None:
        """``cue_phrases=False`` judges every clause with the general matcher alone;
        ``calibration`` replaces the bundled one (both for measuring the matcher)."""
        self.campaign = campaign
        self.rules: Rules = load_rules(campaign, list(extra_rules))
        if not cue_phrases:
            self.rules.clauses = {}
        self.judges = ClauseJudges(self.rules, calibration or bundled_calibration())
        self.all_clauses = all_clauses
        self.units = UnitNames(campaign)
        self.unit_override = self.units.named(unit) if unit else None
        if unit and self.unit_override is None:
            raise unknown_unit(campaign, unit)

    def check_file(self, path: Path) -> SummaryResult:
        mtime = file_time(Path(path))
        try:
            segments = extract(Path(path))
        except ExtractionError as exc:
            return self._unreadable(path, str(exc))
        except Exception as exc:  # a reader library's own failure: this file's row
            return self._unreadable(path, _("{file}: the file could not be read ({kind}: {reason}) "
                                            "(hint: open it and save it again)").format(
                                                file=path, kind=type(exc).__name__, reason=exc))
        try:
            return self.check_segments(segments, Path(path), day_of(mtime), mtime=mtime)
        except Exception as exc:  # a bug: this file's row says so, the batch goes on
            return SummaryResult(str(path), ReadStatus.ERROR, _(
                "internal error: {kind}: {reason} (hint: run again with --debug and report it)"
            ).format(kind=type(exc).__name__, reason=exc))

    def _unreadable(self, path: Path, error: str) -> SummaryResult:
        """An error row, with the unit its file name names (a file that cannot be read is
        still that unit's submission)."""
        unit = self.unit_override or self.units.match(Path(path), [])
        return SummaryResult(str(path), ReadStatus.ERROR, error, unit=unit.name if unit else None)

    def check_segments(self, segments, path: Path, changed: Optional[dt.date] = None, *,
                       mtime: Optional[float] = None) -> SummaryResult:
        """Judge a summary's text; ``changed`` is its file's date, for the deadline when the
        text gives none, and ``mtime`` its file time (which of a unit's files is latest)."""
        sentences = split_sentences(segments, self.rules.plan_section, self.rules.problem_section)
        unit = self.unit_override or self.units.match(path, sentences)
        clauses = self.campaign.rubric.clauses()
        if unit is not None and not self.all_clauses:
            clauses = self.campaign.clauses_for_unit(unit) or clauses
        figures = find_figures(self.campaign, sentences, self.rules)
        text = Text(sentences)
        results = self.judges.judge_summary(clauses, text, figures)
        covered = sum(1 for r in results if r.status == COVERED)
        owed = self.campaign.clauses_for_unit(unit) if unit is not None else []
        points, max_points = estimate_points(owed or clauses, results)
        return SummaryResult(
            str(path), unit=unit.name if unit else None,
            coverage=round(covered / len(results), 4) if results else 1.0,
            deadline=judge_deadline(sentences, changed, self.campaign.deadline),
            clauses=results, figures=figures, points=points, max_points=max_points, mtime=mtime)


def estimate_points(clauses, results: list[ClauseResult]) -> tuple[float, float]:
    """Estimated points and the most a unit can earn, over ``clauses`` (the unit's own): a
    covered clause earns its full score, a partial one half, a negated or missing one none."""
    status = {r.id: r.status for r in results}
    share = {COVERED: 1.0, PARTIAL: 0.5}
    points = sum(c.score * share.get(status.get(c.id, ""), 0.0) for c in clauses)
    return round(points, 2), round(sum(c.score for c in clauses), 2)


_WORKER: Optional[Checker] = None


def _init_worker(checker: Checker, language: str) -> None:
    global _WORKER
    _WORKER = checker
    i18n.select(language)


def _check_in_worker(path: Path) -> SummaryResult:
    assert _WORKER is not None
    return _WORKER.check_file(path)


def check_summaries(checker: Checker, files: list[Path], *,
                    workers: Optional[int] = None) -> Iterator[SummaryResult]:
    """Results for ``files`` in order; large batches use every core, each worker handed the
    compiled ``checker`` (nothing is loaded or compiled again)."""
    workers = workers or os.cpu_count() or 1
    if workers == 1 or len(files) < PARALLEL_FROM:
        for path in files:
            yield checker.check_file(path)
        return
    with ProcessPoolExecutor(workers, initializer=_init_worker,
                             initargs=(checker, i18n.language())) as pool:
        yield from pool.map(_check_in_worker, files, chunksize=max(1, len(files) // (workers * 8)))
