"""What the pages show about a check: verdict names, printed clause numbers, points, status."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Optional

from ..model import CLAUSE_MARKS, Campaign

STATUS_NAMES = {"covered": "已覆盖", "partial": "部分覆盖", "negated": "有差距", "missing": "未覆盖"}
STATUS_ORDER = ("covered", "partial", "negated", "missing")
UNIT_STATES = {"none": "未提交", "draft": "草稿已检查", "on_time": "按时提交", "late": "逾期提交"}


@dataclass(frozen=True)
class ClauseInfo:
    id: str
    number: str        # as printed: ㈠1、⑵
    text: str
    score: float


def clause_index(campaign: Campaign) -> dict[str, ClauseInfo]:
    """Every clause of the rubric by id, with its printed number."""
    index = {}
    for category in campaign.rubric.categories:
        for item in category.items:
            for position, clause in enumerate(item.clauses):
                mark = ""
                if item.has_subclauses:
                    mark = CLAUSE_MARKS[position] if position < len(CLAUSE_MARKS) else f"({position + 1})"
                index[clause.id] = ClauseInfo(clause.id, f"{category.mark}{item.number}、{mark}",
                                              clause.text, clause.score)
    return index


def points(campaign: Campaign, verdicts: dict[str, str]) -> tuple[float, float]:
    """Points earned and possible for clause verdicts: a covered clause its full score, a
    partial one half, others nothing. (Kept apart so that the report's own rule can replace it.)"""
    scores = {c.id: c.score for c in campaign.rubric.clauses()}
    earned = sum(scores.get(cid, 0) * {"covered": 1.0, "partial": 0.5}.get(status, 0.0)
                 for cid, status in verdicts.items())
    possible = sum(scores.get(cid, 0) for cid in verdicts)
    return round(earned, 1), round(possible, 1)


def verdicts(result: Optional[dict], overrides: dict[str, str]) -> dict[str, str]:
    """Clause id → status of a check result, with the department's overrides applied."""
    found = {c["id"]: c["status"] for c in (result or {}).get("clauses", [])}
    found.update({cid: status for cid, status in overrides.items() if cid in found})
    return found


def unit_state(has_checked_draft: bool, submission) -> str:
    if submission is not None:
        return "late" if submission.late else "on_time"
    return "draft" if has_checked_draft else "none"


def is_late(at_utc: dt.datetime, deadline: dt.date, zone) -> bool:
    """True when a moment (UTC) falls on a local day after the deadline day."""
    local = at_utc.replace(tzinfo=dt.timezone.utc).astimezone(zone)
    return local.date() > deadline


def local_time(at_utc: Optional[dt.datetime], zone) -> str:
    if at_utc is None:
        return ""
    return at_utc.replace(tzinfo=dt.timezone.utc).astimezone(zone).strftime("%Y-%m-%d %H:%M:%S")
