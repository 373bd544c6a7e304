"""The check results as plain data: the documented JSON schema every report is built from."""
from __future__ import annotations

from typing import Optional

from ..check.roster import Report, RosterEntry, as_report
from ..check.runner import SummaryResult
from ..check.status import ReadStatus
from ..render.context import printed_clauses

SCHEMA_VERSION = 4


def summary_data(result: SummaryResult, printed: Optional[dict] = None,
                 superseded_by: Optional[str] = None) -> dict:
    """One summary file: its unit, verdicts (with each clause's printed number), figures."""
    deadline = result.deadline
    printed = printed or {}
    return {
        "file": result.file,
        "unit": result.unit,
        "status": result.status.value,
        "error": result.error,
        "coverage": result.coverage,
        "points": result.points if result.status == ReadStatus.OK else None,
        "max_points": result.max_points if result.status == ReadStatus.OK else None,
        "superseded_by": superseded_by,
        "deadline": None if deadline is None else {
            "status": deadline.status.value,
            "date": deadline.date.isoformat() if deadline.date else None,
            "source": deadline.source.value,
            "deadline": deadline.deadline.isoformat(),
        },
        "clauses": [{"id": c.id, "printed": printed.get(c.id, {}).get("number"),
                     "status": c.status.value, "decided_by": c.source.value,
                     "confidence": c.confidence, "evidence": c.evidence, "location": c.location}
                    for c in result.clauses],
        "figures": [{"row": m.row, "name": m.name, "value": m.value, "standard": m.standard,
                     "meets_standard": m.meets_standard, "evidence": m.sentence.original}
                    for m in result.figures],
    }


def roster_data(entry: RosterEntry) -> dict:
    """One unit that owes a summary and how it stands."""
    summary = entry.summary
    readable = summary is not None and summary.status == ReadStatus.OK
    deadline = summary.deadline if readable else None
    return {
        "unit": entry.unit.name,
        "short": entry.unit.label,
        "status": entry.status.value,
        "file": summary.file if summary else None,
        "date": deadline.date.isoformat() if deadline and deadline.date else None,
        "date_source": deadline.source.value if deadline else None,
        "points": summary.points if readable else None,
        "max_points": entry.max_points,
        "figures_below_standard": [m.row for m in summary.figures if not m.meets_standard]
        if readable else [],
        "error": summary.error if summary is not None and not readable else None,
        "others": [o.file for o in entry.others],
    }


def report_data(report: Report, results: Optional[list[SummaryResult]] = None) -> dict:
    """The whole report (a :class:`Report`, or a campaign and its results) as JSON data."""
    report = as_report(report, results)
    campaign = report.campaign
    printed = printed_clauses(campaign)
    return {
        "schema": SCHEMA_VERSION,
        "campaign": {"file": campaign.source, "name": campaign.name, "year": campaign.year,
                     "deadline": campaign.deadline.isoformat()},
        "roster": [roster_data(e) for e in report.roster],
        "unrecognised": [s.file for s in report.unrecognised],
        "skipped": [{"file": s.file, "kind": s.kind, "reason": s.reason} for s in report.skipped],
        "summaries": [summary_data(r, printed, _file(report.superseded_by(r)))
                      for r in report.summaries],
    }


def _file(result: Optional[SummaryResult]) -> Optional[str]:
    return result.file if result is not None else None
