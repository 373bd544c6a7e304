"""Turn the campaign model into the plain dictionaries the templates see.

Templates only ever get strings, numbers, lists and dicts (never model objects),
so a template cannot reach anything but the values listed here.
"""
from __future__ import annotations

from ..campaign.placeholders import fill, placeholder_values
from ..chinese import chinese_date, display_width
from ..wordxml.gbt9704 import CHARS_PER_LINE
from .layout import wrap_balanced, wrap_title
from ..model import CLAUSE_MARKS, Campaign, Category, Clause, Item, Organisation, Person

ATTACHMENT_NUMBERS = {"roster": 1, "rubric": 2, "commitments": 3}
FULL_SPACE = "\u3000"


def score_text(score: float) -> str:
    return f"{score:g}"


def notice_context(campaign: Campaign) -> dict:
    """Everything the notice and attachment templates use."""
    values = placeholder_values(campaign)
    titles = [campaign.roster.title, campaign.issued_document, campaign.commitment_title]
    return {
        "organ": campaign.organ,
        "banner": campaign.banner,
        "number": str(campaign.number),
        "title": "\n".join(wrap_title(campaign.title)),
        "recipients": campaign.recipients,
        "body": [{"text": fill(p.text, values), "level": p.level} for p in campaign.body],
        "attachments": [{"lead": "附件：" if n == 1 else FULL_SPACE * 3, "number": n,
                         "title": attachment_note_title(n, t)}
                        for n, t in enumerate(titles, start=1)],
        "signature": campaign.signature,
        "date": chinese_date(campaign.date),
        "attachment_numbers": dict(ATTACHMENT_NUMBERS),
        "roster": roster_context(campaign),
        "rubric": rubric_context(campaign),
        "commitments": commitments_context(campaign),
        "copy_to": "，".join(campaign.copy_to),
        "printed_by": campaign.printed_by,
        "printed_date": chinese_date(campaign.printed_date),
        **{f"field_{k}": v for k, v in values.items()},
    }


def attachment_note_title(number: int, title: str) -> str:
    """An attachment's title in the 附件说明, broken into even lines at word boundaries: the
    line holds 28 characters less the 2-character indent, “附件：” and the number."""
    room = CHARS_PER_LINE - 2 - 3 - display_width(f"{number}.")
    return "\n".join(wrap_balanced(title, room))


def _people_lines(label: str, people: tuple[Person, ...]) -> list[dict]:
    lines = []
    for i, person in enumerate(people):
        lead = f"{label}：" if i == 0 else FULL_SPACE * 4
        text = f"{lead}{person.name}"
        lines.append({"heading": False, "text": f"{text}{FULL_SPACE}{person.post}" if person.post else text})
    return lines


def roster_context(campaign: Campaign) -> dict:
    roster = campaign.roster
    lines = [{"heading": True, "text": f"一、{roster.group_name}"}]
    lines += _people_lines("组　长", roster.leaders)
    lines += _people_lines("副组长", roster.deputies)
    lines += _people_lines("成　员", roster.members)
    if roster.office:
        office = roster.office
        host = campaign.department_by_name(office.host)
        lines.append({"heading": True,
                      "text": f"二、{office.name}（设在{host.name if host else office.host}）"})
        lines += _people_lines("主　任", office.directors)
        lines += _people_lines("副主任", office.deputy_directors)
        lines += _people_lines("成　员", office.members)
    return {"title": "\n".join(wrap_title(roster.title)), "lines": lines}


def category_label(category: Category) -> str:
    return f"{category.mark}{category.title}（{score_text(category.score)}分）"


def item_label(item: Item, with_score: bool = True) -> str:
    score = f"（{score_text(item.score)}分）" if with_score else ""
    return f"{item.number}.{item.title}{score}"


def clause_mark(item: Item, index: int) -> str:
    """The clause's mark as printed: ``⑴`` when its item has several clauses, else nothing."""
    if not item.has_subclauses:
        return ""
    return CLAUSE_MARKS[index] if index < len(CLAUSE_MARKS) else f"({index + 1})"


def clause_text(item: Item, clause: Clause, index: int) -> str:
    """The clause as printed: ``⑴…`` when its item has several clauses."""
    return f"{clause_mark(item, index)}{clause.text}"


def printed_clauses(campaign: Campaign) -> dict[str, dict]:
    """Clause id → how 附件2 prints it: ``number`` (``㈠1.⑴``, or ``㈢2.`` for an item that is
    itself the requirement) and ``text``, the words printed beside that number (the clause's
    text, or the item's title when the item has no clauses of its own)."""
    printed = {}
    for category in campaign.rubric.categories:
        for item in category.items:
            for index, clause in enumerate(item.clauses):
                number = f"{category.mark}{item.number}.{clause_mark(item, index)}"
                text = clause.text if item.has_subclauses else item.title
                printed[clause.id] = {"number": number, "text": text}
    return printed


def _labels(campaign: Campaign, names: tuple[str, ...], lookup) -> list[str]:
    labels = []
    for name in names:
        org: Organisation | None = lookup(name)
        label = org.label if org else name
        if label not in labels:
            labels.append(label)
    return labels


def rubric_context(campaign: Campaign) -> dict:
    rows = []
    for category in campaign.rubric.categories:
        for item in category.items:
            for index, clause in enumerate(item.clauses):
                rows.append({
                    "id": clause.id,
                    "category": category_label(category),
                    "item": item_label(item),
                    "text": clause_text(item, clause, index),
                    "score": score_text(clause.score),
                    "departments": "\n".join(_labels(campaign, clause.departments,
                                                     campaign.department_by_name)),
                    "executors": "、".join(clause.executors),
                })
    return {"title": "\n".join(wrap_title(campaign.issued_document, 28)), "rows": rows,
            "total": score_text(campaign.rubric.total)}


def commitments_context(campaign: Campaign) -> dict:
    rows = []
    for row in campaign.commitments:
        standard = f"{row.total_label}：" if row.standard.is_count and row.total_label \
            else row.standard_text
        rows.append({"no": row.no, "item": row.item, "standard": standard,
                     "actual": f"{row.failure_label}：" if row.failure_label else "",
                     "score": f"{score_text(row.score)}分"})
    return {"title": campaign.commitment_title, "rows": rows,
            "unit_blank": FULL_SPACE * 10, "date_blank": f"{FULL_SPACE * 2}年{FULL_SPACE}月{FULL_SPACE}日"}


def letter_context(campaign: Campaign, unit: Organisation, base: dict) -> dict:
    """The context of one unit's 任务目标分解责任书 (``base`` is :func:`notice_context`)."""
    rows, assessors = [], []
    for category in campaign.rubric.categories:
        for item in category.items:
            for index, clause in enumerate(item.clauses):
                if not campaign.executes(unit, clause):
                    continue
                departments = _labels(campaign, clause.departments, campaign.department_by_name)
                assessors += [d for d in departments if d not in assessors]
                rows.append({"id": clause.id, "item": item_label(item, with_score=False),
                             "text": clause_text(item, clause, index),
                             "score": score_text(clause.score),
                             "departments": "、".join(departments)})
    total = sum(float(r["score"]) for r in rows)
    values = placeholder_values(campaign)
    return {
        **base,
        "unit": {"name": unit.name, "short": unit.label},
        "letter": {
            "title": "\n".join(wrap_title(campaign.letter_title)),
            "intro": (f"根据《{campaign.issued_document}》，{unit.name}承担以下{len(rows)}项竞赛评比"
                      f"考核内容，标准分合计{score_text(total)}分。"),
            "rows": rows,
            "total": score_text(total),
            "assessors": "、".join(assessors),
            "closing": (f"责任单位须对照上述内容逐项落实，并于{values['deadline_full']}前将自查自评"
                        f"总结报{campaign.submit_to}。"),
        },
    }
