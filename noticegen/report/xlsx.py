"""The department's tracking sheet: units × clauses coloured by status, deadlines, figures."""
from __future__ import annotations

import datetime as dt
import io
import re

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from ..check.runner import SummaryResult
from ..model import Campaign
from ..safezip import read_members, write_members

FILLS = {
    "covered": PatternFill("solid", fgColor="C6EFCE"),
    "partial": PatternFill("solid", fgColor="FFEB9C"),
    "negated": PatternFill("solid", fgColor="F8CBAD"),
    "missing": PatternFill("solid", fgColor="FFC7CE"),
    "n/a": PatternFill("solid", fgColor="D9D9D9"),
}
LABELS = {"covered": "已覆盖", "partial": "部分", "negated": "差距", "missing": "缺失", "n/a": "—"}
DEADLINE = {"on_time": "按时", "late": "逾期", "unknown": "未知"}


def tracking_workbook(campaign: Campaign, results: list[SummaryResult]) -> bytes:
    """The .xlsx bytes of the tracking sheet (document times from the campaign, not the clock)."""
    book = Workbook()
    sheet = book.active
    sheet.title = "覆盖情况"
    clause_ids = [c.id for c in campaign.rubric.clauses()]
    header = ["文件", "单位", "状态", "总结日期", "是否按时", "覆盖率", *clause_ids]
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center")
    for number, result in enumerate(results, start=2):
        by_id = {c.id: c.status for c in result.clauses}
        deadline = result.deadline
        row = [cell_text(result.file), cell_text(result.unit or ""),
               "无法读取：" + cell_text(result.error) if result.error else "正常",
               deadline.date.isoformat() if deadline and deadline.date else "",
               DEADLINE[deadline.status] if deadline else "", result.coverage if result.error is None else None]
        row += [LABELS[by_id.get(i, "n/a")] if result.error is None else "" for i in clause_ids]
        sheet.append(row)
        for offset, clause_id in enumerate(clause_ids):
            if result.error is None:
                sheet.cell(number, 7 + offset).fill = FILLS[by_id.get(clause_id, "n/a")]
        sheet.cell(number, 6).number_format = "0%"
    sheet.freeze_panes = "C2"
    sheet.column_dimensions["A"].width = 28
    sheet.column_dimensions["B"].width = 24
    sheet.column_dimensions["C"].width = 14
    for offset in range(len(clause_ids)):
        sheet.column_dimensions[get_column_letter(7 + offset)].width = 7
    _figures_sheet(book, campaign, results)
    _evidence_sheet(book, results)
    stamp = dt.datetime.combine(campaign.deadline, dt.time())
    book.properties.created = book.properties.modified = stamp
    book.properties.creator = campaign.organ
    buffer = io.BytesIO()
    book.save(buffer)
    return _fixed_times(buffer.getvalue(), stamp)


def _fixed_times(data: bytes, stamp: dt.datetime) -> bytes:
    """openpyxl stamps the save time into the file; put the campaign's date there instead, and
    fixed times on the archive's members, so that the same results give the same bytes."""
    members = read_members("tracking sheet", data)
    core = members.get("docProps/core.xml", b"").decode("utf-8")
    core = re.sub(r"(<dcterms:(?:created|modified)[^>]*>)[^<]*(<)", rf"\g<1>{stamp:%Y-%m-%dT%H:%M:%SZ}\2", core)
    members["docProps/core.xml"] = core.encode("utf-8")
    return write_members(members)


def _figures_sheet(book: Workbook, campaign: Campaign, results: list[SummaryResult]) -> None:
    sheet = book.create_sheet("承诺指标")
    sheet.append(["文件", "单位", *[f"{c.no} {c.item}" for c in campaign.commitments]])
    for number, result in enumerate(results, start=2):
        found = {m.row: m for m in result.metrics}
        sheet.append([cell_text(result.file), cell_text(result.unit or "")] +
                     [found[c.no].value if c.no in found else "" for c in campaign.commitments])
        for offset, commitment in enumerate(campaign.commitments):
            metric = found.get(commitment.no)
            if metric is not None:
                sheet.cell(number, 3 + offset).fill = \
                    FILLS["covered" if metric.meets_standard else "missing"]


DECIDED_BY = {"general": "通用匹配", "cues": "提示词", "figures": "承诺指标"}


def _evidence_sheet(book: Workbook, results: list[SummaryResult]) -> None:
    """One row per verdict: what decided it, how sure, and the sentence it rests on."""
    sheet = book.create_sheet("判定依据")
    sheet.append(["文件", "单位", "条款", "判定", "判定依据", "置信度", "位置", "依据原文"])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    row = 1
    for result in results:
        for clause in result.clauses:
            sheet.append([cell_text(result.file), cell_text(result.unit or ""), clause.id,
                          LABELS[clause.status], DECIDED_BY.get(clause.source, clause.source),
                          clause.confidence, clause.location or "",
                          cell_text(clause.evidence or "")])
            row += 1
            sheet.cell(row, 4).fill = FILLS[clause.status]
    for column, width in zip("ABCDEFGH", (28, 24, 8, 8, 10, 8, 12, 80)):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A2"


def cell_text(text: str) -> str:
    """Text a spreadsheet cell can hold: control characters (from file names, say) shown as
    \\xNN instead of making the workbook unwritable."""
    return ILLEGAL_CHARACTERS_RE.sub(lambda m: f"\\x{ord(m.group()):02x}", text)
