"""The check results as plain data: the documented JSON schema every report is built from."""
from __future__ import annotations

from ..check.runner import SummaryResult
from ..model import Campaign

SCHEMA_VERSION = 2


def summary_data(result: SummaryResult) -> dict:
    deadline = result.deadline
    return {
        "file": result.file,
        "unit": result.unit,
        "status": result.status,
        "error": result.error,
        "coverage": result.coverage,
        "deadline": None if deadline is None else {
            "status": deadline.status,
            "date": deadline.date.isoformat() if deadline.date else None,
            "source": deadline.source,
            "deadline": deadline.deadline.isoformat(),
        },
        "clauses": [{"id": c.id, "status": c.status, "decided_by": c.source,
                     "confidence": c.confidence, "evidence": c.evidence, "location": c.location}
                    for c in result.clauses],
        "metrics": [{"row": m.row, "name": m.name, "value": m.value, "standard": m.standard,
                     "meets_standard": m.meets_standard, "evidence": m.sentence.original}
                    for m in result.metrics],
    }


def report_data(campaign: Campaign, results: list[SummaryResult]) -> dict:
    return {
        "schema": SCHEMA_VERSION,
        "campaign": {"file": campaign.source, "name": campaign.name, "year": campaign.year,
                     "deadline": campaign.deadline.isoformat()},
        "summaries": [summary_data(r) for r in results],
    }
