"""What the pages show about a check: verdict names, printed clause numbers, points, status."""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Optional

from ..model import Campaign
from ..check.status import DeadlineStatus, Verdict

STATUS_NAMES = {Verdict.COVERED: "已覆盖", Verdict.PARTIAL: "部分覆盖", Verdict.NEGATED: "有差距",
                Verdict.MISSING: "未覆盖"}
STATUS_ORDER = tuple(Verdict)
UNIT_STATES = {"none": "未提交", "draft": "草稿已检查", DeadlineStatus.ON_TIME: "按时提交",
               DeadlineStatus.LATE: "逾期提交"}


@dataclass(frozen=True)
class ClauseInfo:
    id: str
    number: str        # as printed: ㈠1.⑵
    text: str
    score: float


def clause_index(campaign: Campaign) -> dict[str, ClauseInfo]:
    """Every clause of the rubric by id, with its number as 附件2 prints it."""
    from ..render.context import printed_clauses
    printed = printed_clauses(campaign)
    return {c.id: ClauseInfo(c.id, printed[c.id]["number"], c.text, c.score)
            for c in campaign.rubric.clauses()}


def points(campaign: Campaign, verdicts: dict[str, str]) -> tuple[float, float]:
    """Points earned and possible for clause verdicts, by the checker's own rule (a covered
    clause its full score, a partial one half, others nothing)."""
    from ..check.runner import estimate_points
    clauses = [c for c in campaign.rubric.clauses() if c.id in verdicts]
    return estimate_points(clauses, [SimpleNamespace(id=i, status=s) for i, s in verdicts.items()])


def verdicts(result: Optional[dict], overrides: dict[str, str]) -> dict[str, str]:
    """Clause id → status of a check result, with the department's overrides applied."""
    found = {c["id"]: c["status"] for c in (result or {}).get("clauses", [])}
    found.update({cid: status for cid, status in overrides.items() if cid in found})
    return found


def unit_state(has_checked_draft: bool, submission) -> str:
    if submission is not None:
        return (DeadlineStatus.LATE if submission.late else DeadlineStatus.ON_TIME).value
    return "draft" if has_checked_draft else "none"


def is_late(at_utc: dt.datetime, deadline: dt.date, zone) -> bool:
    """True when a moment (UTC) falls on a local day after the deadline day."""
    local = at_utc.replace(tzinfo=dt.timezone.utc).astimezone(zone)
    return local.date() > deadline


def local_time(at_utc: Optional[dt.datetime], zone) -> str:
    if at_utc is None:
        return ""
    return at_utc.replace(tzinfo=dt.timezone.utc).astimezone(zone).strftime("%Y-%m-%d %H:%M:%S")


def stored_result(text: str) -> dict:
    """A check result as stored (the JSON of one summary); results stored before schema 4
    call the commitment figures ``metrics``."""
    result = json.loads(text)
    if "metrics" in result and "figures" not in result:
        result["figures"] = result.pop("metrics")
    return result
