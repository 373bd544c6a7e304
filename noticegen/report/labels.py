"""Small formatting helpers shared by the reports: points, shortened clause texts, the
standard score of each clause and a commitment figure beside its standard."""
from __future__ import annotations

from ..model import Campaign

COMMITMENT_ROW = "附件3第{row}项"     # how the reports name a row of the commitment table


def points_text(points: float) -> str:
    """``18.5``, ``37`` (no trailing zeros)."""
    return f"{points:g}"


def short_text(text: str, length: int = 16) -> str:
    """The start of ``text``: at most ``length`` characters, ``…`` when cut."""
    text = " ".join(text.split())
    return text if len(text) <= length else text[:length - 1] + "…"


def clause_scores(campaign: Campaign) -> dict[str, float]:
    """Clause id → its 标准分."""
    return {c.id: c.score for c in campaign.rubric.clauses()}


def figure_text(figure) -> str:
    """``城市供电可靠率（附件3第1项）99.93%，标准：不低于99.95%``: a figure as reported, with its
    row of 附件3 and the standard it should meet."""
    return "{name}（{row}）{value}，标准：{standard}".format(
        name=figure.name, row=COMMITMENT_ROW.format(row=figure.row), value=figure.value,
        standard=figure.standard)
