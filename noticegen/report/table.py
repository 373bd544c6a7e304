"""The terminal report: one block per summary, what to add or fix."""
from __future__ import annotations

from ..check.coverage import BY_CUES, BY_FIGURES, BY_GENERAL, MISSING, NEGATED, PARTIAL
from ..check.runner import SummaryResult
from ..errors import printable

DEADLINE_WORDS = {"on_time": "on time", "late": "LATE", "unknown": "date unknown"}
DECIDED_BY = {BY_GENERAL: "general matcher", BY_CUES: "cue phrases", BY_FIGURES: "figures"}


def _decided_by(result: SummaryResult) -> str:
    counts = {}
    for clause in result.clauses:
        counts[clause.source] = counts.get(clause.source, 0) + 1
    return ", ".join(f"{DECIDED_BY[k]} {n}" for k, n in sorted(counts.items()))


def _ids(result: SummaryResult, status: str) -> str:
    return ", ".join(c.id for c in result.clauses if c.status == status) or "—"


def render_table(results: list[SummaryResult]) -> str:
    lines = []
    for result in results:
        if result.status == "error":
            lines.append(f"ERROR {result.error}")
            continue
        deadline = result.deadline
        when = DEADLINE_WORDS[deadline.status]
        if deadline.date:
            when += f" ({deadline.date.isoformat()}{', file time' if deadline.source == 'file' else ''})"
        lines.append(f"{result.file}: {result.unit or 'unit not recognised'} — "
                     f"coverage {result.coverage:.0%}, {when}")
        lines.append(f"  missing:   {_ids(result, MISSING)}")
        lines.append(f"  shortfall: {_ids(result, NEGATED)}")
        lines.append(f"  partial:   {_ids(result, PARTIAL)}")
        failing = [f"{m.row} {m.name} {m.value}" for m in result.metrics if not m.meets_standard]
        lines.append(f"  figures below standard: {'; '.join(failing) or '—'}")
        lines.append(f"  decided by: {_decided_by(result) or '—'}")
    ok = sum(1 for r in results if r.complete)
    errors = sum(1 for r in results if r.status == "error")
    noun = "summary" if len(results) == 1 else "summaries"
    lines.append(f"{len(results)} {noun}: {ok} complete, {len(results) - ok - errors} with "
                 f"clauses to add or fix, {errors} unreadable")
    return printable("\n".join(lines))
