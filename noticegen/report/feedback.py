"""Per-unit feedback letters: what a unit reported, its estimated points, what to add or fix.

A letter goes to each unit whose summary counts (its latest readable one); a summary whose
unit was not recognised gets none (the caller lists it). The wording differs for a complete
summary, an incomplete one and a late one; headings are numbered in order over the sections
the letter actually has, so every letter passes ``noticegen lint``.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Optional

from ..chinese import chinese_date, display_width
from ..check.coverage import BY_FIGURES, COVERED, MISSING, NEGATED, PARTIAL
from ..check.normalize import _converter
from ..check.roster import Report, as_report
from ..check.runner import SummaryResult
from ..check.status import DateSource, DeadlineStatus, ReadStatus
from ..lint.checks import PAIRS
from ..lint.fix import FIXES
from ..model import Campaign
from ..output import safe_filename, unique_name
from ..render.context import printed_clauses
from ..render.docx import CompiledTemplate
from ..render.layout import wrap_title
from ..resources import template_dir
from ..wordxml.gbt9704 import TITLE_CHARS_PER_LINE
from .labels import COMMITMENT_ROW, clause_scores, points_text

TEMPLATE = "feedback.docx"
HEADING_NUMBERS = "一二三四五六七八九十"

POINTS_NOTE = ("估算得分的计算方法：报告完整的条款计该条款全部标准分，报告不够具体的条款计标准分的一半，"
               "未报告或报告存在差距的条款不计分；满分为你单位承担的各条款标准分之和。"
               "估算仅依据总结文字，最终得分以考核部门评定为准。")


@dataclass
class Letters:
    """The letters to write (file name → .docx bytes) and the files that get none."""

    documents: dict[str, bytes]
    without_letter: list[str]


def letter_title(unit: str) -> str:
    """``关于…自查自评总结的反馈意见``, broken between phrases (never inside a word) when it
    needs two lines."""
    head, tail = f"关于{unit}", "自查自评总结的反馈意见"
    if display_width(head + tail) <= TITLE_CHARS_PER_LINE:
        return head + tail
    if display_width(head) <= TITLE_CHARS_PER_LINE:
        return f"{head}\n{tail}"
    return "\n".join(wrap_title(head) + [tail])


CORNER_QUOTES = str.maketrans({"「": "“", "」": "”", "『": "‘", "』": "’"})
FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
NESTED_QUOTES = str.maketrans({"“": "‘", "”": "’", "‘": "“", "’": "”"})


def _traditional(char: str) -> bool:
    """A character only traditional text uses: outside GB 2312 and changed by OpenCC's t2s
    (so 著, 乾 or 覆, right in simplified text too, never count)."""
    try:
        char.encode("gb2312")
        return False
    except UnicodeEncodeError:
        return _converter().convert(char) != char


def simplified(text: str) -> str:
    """``text`` in simplified characters when it is written in traditional ones (OpenCC t2s,
    as the checker reads it); simplified text as it is."""
    if any(_traditional(char) for char in set(text)):
        return _converter().convert(text)
    return text


def quote(text: str) -> str:
    """Summary text fit to quote in a letter: in simplified characters, 「」 and 『』 as “” and
    ‘’, digits half-width, the safe lint corrections applied (full-width punctuation beside
    Chinese, Arabic dates), quotation marks and brackets that open or close outside the
    sentence dropped."""
    text = simplified(text).translate(CORNER_QUOTES).translate(FULLWIDTH_DIGITS)
    for _, fix in FIXES:
        text = fix(text)
    for left, right in [*PAIRS, ("‘", "’")]:
        if text.count(left) != text.count(right):
            text = text.replace(left, "").replace(right, "")
    return " ".join(text.split())


def quoted(text: str) -> str:
    """``“…”`` around a quote, the quotation marks inside it turned into ‘…’ (and ‘…’ into
    “…”), as a quote within a quote is written."""
    return "“{text}。”".format(text=quote(text).rstrip("。；，、：;,.:").translate(NESTED_QUOTES))


def default_date(report: Report) -> dt.date:
    """The letters' date when none is given: the deadline, or the latest summary's date."""
    dates = [r.deadline.date for r in report.counted()
             if r.status == ReadStatus.OK and r.deadline and r.deadline.date]
    return max([report.campaign.deadline, *dates])


def _clause_line(printed: dict, score: float, evidence: Optional[str] = None,
                 see: Optional[str] = None) -> str:
    """A clause as 附件2 prints it with its 标准分, then the summary's words on it, or (``see``,
    a shortfall told by figures) where the letter lists those figures."""
    text = printed["text"].rstrip("。；;，,")
    line = "{number}\u3000{text}（标准分{score}分）。".format(
        number=printed["number"], text=text, score=points_text(score))
    if see:
        line += "所报承诺指标未达到标准，见第{see}部分。".format(see=see)
    elif evidence:
        line += "总结原文：" + quoted(evidence)
    return line


FIGURES_TITLE = "未达到承诺标准的指标（请说明原因和整改措施）"


def _sections(campaign: Campaign, result: SummaryResult) -> list[dict]:
    """The numbered sections the letter needs. A failing figure is told once, in the figures
    section; a shortfall that rests on it only points there."""
    printed = printed_clauses(campaign)
    scores = clause_scores(campaign)
    failing = [m for m in result.figures if not m.meets_standard]
    told = {m.sentence.original for m in failing}
    groups = [(MISSING, "未报告的条款"), (PARTIAL, "报告不够具体的条款"),
              (NEGATED, "报告存在差距的条款（请说明整改措施）")]
    found = [(title, [c for c in result.clauses if c.status == status]) for status, title in groups]
    titles = [title for title, clauses in found if clauses] + ([FIGURES_TITLE] if failing else [])
    see = HEADING_NUMBERS[titles.index(FIGURES_TITLE)] if failing else None
    def line(clause) -> str:
        by_figures = failing and clause.status == NEGATED and (
            clause.source == BY_FIGURES or clause.evidence in told)
        return _clause_line(printed[clause.id], scores[clause.id],
                            clause.evidence if clause.status != MISSING else None,
                            see if by_figures else None)
    items = {title: [line(c) for c in clauses] for title, clauses in found if clauses}
    items[FIGURES_TITLE] = ["{name}（{row}）：总结所报为{value}；应兑现标准：{standard}。".format(
        name=m.name, value=m.value, standard=m.standard, row=COMMITMENT_ROW.format(row=m.row))
        for m in failing]
    return [{"heading": f"{HEADING_NUMBERS[n]}、{title}", "lines": items[title]}
            for n, title in enumerate(titles)]


def _received(result: SummaryResult, campaign: Campaign) -> str:
    deadline = result.deadline
    if deadline is None or deadline.status != DeadlineStatus.LATE:
        return "你单位报送的自查自评总结已收悉。"
    if deadline.source == DateSource.FILE:
        return "你单位的自查自评总结于{date}报送，晚于规定的{deadline}。".format(
            date=chinese_date(deadline.date), deadline=chinese_date(campaign.deadline))
    return "你单位的自查自评总结落款日期为{date}，晚于规定的{deadline}。".format(
        date=chinese_date(deadline.date), deadline=chinese_date(campaign.deadline))


def _assessment(result: SummaryResult, campaign: Campaign, owed: int) -> str:
    covered = sum(1 for c in result.clauses if c.status == COVERED)
    values = dict(document=campaign.issued_document, owed=owed, covered=covered,
                  points=points_text(result.points), max_points=points_text(result.max_points))
    if result.complete and result.figures:
        return ("经逐条对照《{document}》，总结对你单位承担的全部{owed}项条款都作了报告，"
                "所报承诺指标均达到标准，估算得分{points}分（满分{max_points}分）。").format(**values)
    if result.complete:
        return ("经逐条对照《{document}》，总结对你单位承担的全部{owed}项条款都作了报告，"
                "估算得分{points}分（满分{max_points}分）。").format(**values)
    return ("经逐条对照《{document}》，你单位承担的{owed}项条款中，总结作了完整报告的有{covered}项，"
            "估算得分{points}分（满分{max_points}分）。").format(**values)


def _request(result: SummaryResult, campaign: Campaign, date: dt.date) -> str:
    late = bool(result.deadline and result.deadline.status == DeadlineStatus.LATE)
    if result.complete and late:
        return "请今后按规定时间报送，并做好迎检准备工作。"
    if result.complete:
        return "请继续保持，做好迎检准备工作。"
    if late or date >= campaign.deadline:
        return "请对照以下内容尽快补充完善，报{submit_to}。".format(submit_to=campaign.submit_to)
    return "请在{deadline}前对照以下内容补充完善，报{submit_to}。".format(
        deadline=chinese_date(campaign.deadline), submit_to=campaign.submit_to)


def feedback_context(campaign: Campaign, result: SummaryResult, date: dt.date) -> dict:
    """What the feedback template shows for one unit's summary."""
    owed = len(result.clauses)
    intro = [_received(result, campaign),
             _assessment(result, campaign, owed) + _request(result, campaign, date)]
    return {
        "title": letter_title(result.unit),
        "organ": campaign.organ,
        "unit": result.unit,
        "intro": intro,
        "sections": _sections(campaign, result),
        "closing": [POINTS_NOTE],
        "contact": "{name}，电话：{phone}".format(name=campaign.contact_name,
                                                phone=campaign.contact_phone),
        "date": chinese_date(date),
        "complete": result.complete,
        "late": bool(result.deadline and result.deadline.status == DeadlineStatus.LATE),
    }


def feedback_letters(report: Report, template: CompiledTemplate | None = None,
                     date: dt.date | None = None, results=None) -> Letters:
    """One letter per unit whose summary counts; the unrecognised summaries listed instead."""
    report = as_report(report, results)
    campaign = report.campaign
    template = template or CompiledTemplate(template_dir() / TEMPLATE)
    date = date or default_date(report)
    documents: dict[str, bytes] = {}
    used: set[str] = set()
    for entry in report.roster:
        summary = entry.summary
        if summary is None or summary.status != ReadStatus.OK:
            continue
        name = unique_name(safe_filename(summary.unit + '-反馈'), used, ".docx")
        documents[name] = template.render(
            feedback_context(campaign, summary, date),
            properties=dict(title="自查自评总结反馈意见", author=campaign.organ, date=date,
                            subject=summary.unit))
    without = [s.file for s in report.unrecognised if s.status == ReadStatus.OK]
    return Letters(documents, without)
