"""Per-unit feedback letters: what to add or fix before the deadline."""
from __future__ import annotations

from pathlib import Path

from ..campaign.placeholders import chinese_date
from ..check.coverage import MISSING, NEGATED, PARTIAL
from ..check.runner import SummaryResult
from ..model import Campaign
from ..render.docx import CompiledTemplate
from ..render.layout import wrap_title
from ..output import safe_filename
from ..resources import template_dir

TEMPLATE = "feedback.docx"


def feedback_context(campaign: Campaign, result: SummaryResult) -> dict:
    texts = {c.id: c.text for c in campaign.rubric.clauses()}
    def items(status: str) -> list[dict]:
        return [{"id": c.id, "text": texts[c.id], "evidence": c.evidence or ""}
                for c in result.clauses if c.status == status]
    figures = [{"row": m.row, "name": m.name, "value": m.value, "standard": m.standard,
                "evidence": m.sentence.original} for m in result.metrics if not m.meets_standard]
    unit = result.unit or Path(result.file).name
    return {
        "title": "\n".join(wrap_title(f"关于{unit}自查自评总结的反馈意见")),
        "organ": campaign.organ,
        "unit": unit,
        "deadline": chinese_date(campaign.deadline),
        "submit_to": campaign.submit_to,
        "coverage": f"{result.coverage:.0%}",
        "missing": items(MISSING),
        "partial": items(PARTIAL),
        "shortfalls": items(NEGATED),
        "figures": figures,
        "late": bool(result.deadline and result.deadline.status == "late"),
        "contact": f"{campaign.contact_name}，电话：{campaign.contact_phone}",
    }


def feedback_letters(campaign: Campaign, results: list[SummaryResult],
                     template: CompiledTemplate | None = None) -> dict[str, bytes]:
    """File name → .docx bytes, one letter per readable summary."""
    template = template or CompiledTemplate(template_dir() / TEMPLATE)
    letters: dict[str, bytes] = {}
    for result in results:
        if result.status != "ok":
            continue
        base = safe_filename(f"{result.unit or result.file}-反馈")
        name, n = f"{base}.docx", 2
        while name in letters:
            name, n = f"{base}-{n}.docx", n + 1
        letters[name] = template.render(
            feedback_context(campaign, result),
            properties=dict(title="自查自评总结反馈意见", author=campaign.organ,
                            date=campaign.deadline, subject=result.unit or result.file))
    return letters
