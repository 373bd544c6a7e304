"""The department's tracking sheet: every unit's status, date, points and clauses, ready to
print and file; then the commitment figures and the evidence behind every verdict."""
from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path
from typing import Optional

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ..chinese import chinese_date
from ..check.roster import (DATE_UNKNOWN, LATE, NOT_SUBMITTED, ON_TIME, UNREADABLE, Report,
                            as_report)
from ..check.runner import SummaryResult
from ..check.status import DateSource, DecidedBy, ReadStatus, Verdict
from ..render.context import printed_clauses
from ..safezip import read_members, write_members
from .labels import COMMITMENT_ROW, clause_scores, figure_text, points_text, short_text

FILLS = {
    Verdict.COVERED: PatternFill("solid", fgColor="C6EFCE"),
    Verdict.PARTIAL: PatternFill("solid", fgColor="FFEB9C"),
    Verdict.NEGATED: PatternFill("solid", fgColor="F8CBAD"),
    Verdict.MISSING: PatternFill("solid", fgColor="FFC7CE"),
    "n/a": PatternFill("solid", fgColor="D9D9D9"),
}
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
LABELS = {Verdict.COVERED: "已覆盖", Verdict.PARTIAL: "部分", Verdict.NEGATED: "差距",
          Verdict.MISSING: "缺失", "n/a": "—"}
ROSTER_LABELS = {ON_TIME: "按时提交", LATE: "逾期提交", DATE_UNKNOWN: "已提交（日期不明）",
                 NOT_SUBMITTED: "未提交", UNREADABLE: "无法读取"}
ROSTER_FILLS = {ON_TIME: FILLS[Verdict.COVERED], LATE: FILLS[Verdict.PARTIAL], DATE_UNKNOWN: FILLS[Verdict.PARTIAL],
                NOT_SUBMITTED: FILLS[Verdict.MISSING], UNREADABLE: FILLS[Verdict.NEGATED]}
DECIDED_BY = {DecidedBy.GENERAL: "通用匹配", DecidedBy.CUES: "提示词", DecidedBy.FIGURES: "承诺指标"}
POINTS_NOTE = ("估算得分：报告完整的条款计全部标准分，报告不够具体的计一半，报告存在差距或未报告的不计分；"
               "满分为该单位承担的各条款标准分之和。估算仅依据总结文字，以考核部门评定为准。")
THIN = Side(style="thin", color="808080")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
SUMMARY_HEADER = ["序号", "单位", "状态", "总结日期", "估算得分", "满分", "未达标指标"]
DATE_FORMAT = "yyyy-mm-dd"


def tracking_workbook(report: Report, results: Optional[list[SummaryResult]] = None) -> bytes:
    """The .xlsx bytes of the tracking sheet (document times from the campaign, not the clock)."""
    report = as_report(report, results)
    campaign = report.campaign
    book = Workbook()
    _summary_sheet(book.active, report)
    _figures_sheet(book, report)
    _evidence_sheet(book, report)
    stamp = dt.datetime.combine(campaign.deadline, dt.time())
    book.properties.created = book.properties.modified = stamp
    book.properties.creator = campaign.organ
    book.properties.title = f"{campaign.name}自查自评总结跟踪表"
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


def _summary_rows(report: Report) -> list[dict]:
    """One row per unit that owes a summary, then the files no such unit could be found for."""
    rows = []
    for entry in report.roster:
        rows.append({"unit": entry.unit.name, "status": ROSTER_LABELS[entry.status],
                     "fill": ROSTER_FILLS[entry.status], "summary": entry.summary,
                     "max_points": entry.max_points, "others": entry.others,
                     "owed": {c.id for c in report.campaign.clauses_for_unit(entry.unit)}})
    for summary in report.unrecognised:
        readable = summary.status == ReadStatus.OK
        rows.append({"unit": summary.unit or "（单位未识别）",
                     "status": "已提交（单位未识别）" if readable else "无法读取",
                     "fill": FILLS[Verdict.PARTIAL] if readable else FILLS[Verdict.NEGATED],
                     "summary": summary, "max_points": summary.max_points if readable else None,
                     "others": [], "owed": {c.id for c in summary.clauses}})
    return rows


def _remarks(row: dict) -> str:
    summary: Optional[SummaryResult] = row["summary"]
    notes = []
    if summary is not None and summary.status != ReadStatus.OK:
        notes.append(cell_text(summary.error or ""))
    if summary is not None and summary.deadline and summary.deadline.source == DateSource.FILE:
        notes.append("日期取自文件时间")
    if row["others"]:
        notes.append("另有未计入的文件：" + "、".join(cell_text(Path(o.file).name) for o in row["others"]))
    return "；".join(notes)


def _summary_sheet(sheet: Worksheet, report: Report) -> None:
    campaign = report.campaign
    sheet.title = "汇总"
    printed = printed_clauses(campaign)
    scores = clause_scores(campaign)
    clause_ids = list(scores)
    headers = SUMMARY_HEADER + [f"{printed[i]['number']}\n{short_text(printed[i]['text'], 12)}"
                                f"\n（{points_text(scores[i])}分）"
                                for i in clause_ids] + ["文件", "备注"]
    sheet.append(headers)
    first_clause = len(SUMMARY_HEADER) + 1
    rows = _summary_rows(report)
    for number, row in enumerate(rows, start=1):
        summary: Optional[SummaryResult] = row["summary"]
        readable = summary is not None and summary.status == ReadStatus.OK
        deadline = summary.deadline if readable else None
        failing = [figure_text(m) for m in summary.figures
                   if not m.meets_standard] if readable else []
        by_id = {c.id: c.status for c in summary.clauses} if readable else {}
        clause_cells = [LABELS[by_id[i]] if i in by_id and i in row["owed"] else
                        ("" if i in row["owed"] else LABELS["n/a"]) for i in clause_ids]
        sheet.append([number, cell_text(row["unit"]), row["status"],
                      deadline.date if deadline and deadline.date else None,
                      summary.points if readable else None, row["max_points"],
                      "；".join(cell_text(f) for f in failing)] + clause_cells +
                     [cell_text(Path(summary.file).name) if summary else "", _remarks(row)])
        line = number + 1
        sheet.cell(line, 3).fill = row["fill"]
        sheet.cell(line, 4).number_format = DATE_FORMAT
        for offset, clause_id in enumerate(clause_ids):
            status = by_id.get(clause_id) if clause_id in row["owed"] else "n/a"
            if status:
                sheet.cell(line, first_clause + offset).fill = FILLS[status]
    last_column = len(headers)
    last_row = len(rows) + 1
    _style_table(sheet, last_row, last_column)
    sheet.row_dimensions[1].height = 90
    for column, width in zip(range(1, 8), (5, 24, 14, 11, 8, 6, 36)):
        sheet.column_dimensions[get_column_letter(column)].width = width
    for column in range(first_clause, first_clause + len(clause_ids)):
        sheet.column_dimensions[get_column_letter(column)].width = 8
    sheet.column_dimensions[get_column_letter(last_column - 1)].width = 24
    sheet.column_dimensions[get_column_letter(last_column)].width = 30
    sheet.freeze_panes = "C2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(last_column)}{last_row}"
    notes = [POINTS_NOTE, "状态：截止日期{deadline}前（含当日）提交为按时提交；同一单位提交多份时，"
             "以总结落款日期（无落款日期时以文件时间）最晚的一份为准。".format(
                 deadline=chinese_date(campaign.deadline))]
    notes += ["未作为总结检查的文件：{file}（{reason}）".format(
        file=cell_text(Path(s.file).name), reason=SKIP_LABELS[s.kind])
        for s in report.skipped]
    for offset, note in enumerate(notes):
        sheet.cell(last_row + 2 + offset, 2, note)
    _print_setup(sheet, f"{campaign.name}自查自评总结跟踪表（截止{chinese_date(campaign.deadline)}）")


SKIP_LABELS = {"notes": "说明或备注文件", "lock": "Word临时文件", "type": "不是总结使用的文件类型",
               "empty": "未提及任何单位和条款"}


def _style_table(sheet: Worksheet, last_row: int, last_column: int) -> None:
    """Bold wrapped header on a tint, thin borders on every cell of the table."""
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for row in sheet.iter_rows(min_row=1, max_row=last_row, max_col=last_column):
        for cell in row:
            cell.border = BORDER
            if cell.row > 1:
                cell.alignment = Alignment(vertical="center", wrap_text=True)


def _print_setup(sheet: Worksheet, title: str) -> None:
    """A4 landscape, one page wide, the header row repeated on every page, title and page
    numbers in the margins."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = "1:1"
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    sheet.page_margins.top = sheet.page_margins.bottom = 0.6
    sheet.oddHeader.center.text = title
    sheet.oddFooter.center.text = "第 &P 页，共 &N 页"


def _figures_sheet(book: Workbook, report: Report) -> None:
    """One column per row of 附件3 (its standard under the header), one row per summary."""
    sheet = book.create_sheet("承诺指标")
    campaign = report.campaign
    sheet.append(["文件", "单位", *[f"{c.item}\n（{COMMITMENT_ROW.format(row=c.no)}）"
                                  for c in campaign.commitments]])
    sheet.append(["应兑现标准", None, *[c.standard_text for c in campaign.commitments]])
    for number, result in enumerate(report.summaries, start=3):
        found = {m.row: m for m in result.figures}
        sheet.append([cell_text(result.file), cell_text(result.unit or "")] +
                     [found[c.no].value if c.no in found else "" for c in campaign.commitments])
        for offset, commitment in enumerate(campaign.commitments):
            metric = found.get(commitment.no)
            if metric is not None:
                sheet.cell(number, 3 + offset).fill = \
                    FILLS[Verdict.COVERED if metric.meets_standard else Verdict.MISSING]
    last_column = len(campaign.commitments) + 2
    _style_table(sheet, len(report.summaries) + 2, last_column)
    for cell in sheet[2]:
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
    sheet.merge_cells(start_row=2, start_column=1, end_row=2, end_column=2)
    sheet.column_dimensions["A"].width = 28
    sheet.column_dimensions["B"].width = 24
    for column in range(3, last_column + 1):
        sheet.column_dimensions[get_column_letter(column)].width = 14
    sheet.freeze_panes = "C3"
    _print_setup(sheet, f"{campaign.name}承诺指标")
    sheet.print_title_rows = "1:2"


EVIDENCE_HEADER = ["文件", "单位", "条款", "条款内容", "判定", "判定依据", "置信度", "位置", "依据原文",
                   "条款编号"]


def _evidence_sheet(book: Workbook, report: Report) -> None:
    """One row per verdict: what decided it, how sure, and the sentence it rests on."""
    sheet = book.create_sheet("判定依据")
    printed = printed_clauses(report.campaign)
    sheet.append(EVIDENCE_HEADER)
    row = 1
    for result in report.summaries:
        for clause in result.clauses:
            shown = printed.get(clause.id, {"number": clause.id, "text": ""})
            sheet.append([cell_text(result.file), cell_text(result.unit or ""), shown["number"],
                          short_text(shown["text"], 20), LABELS[clause.status],
                          DECIDED_BY.get(clause.source, clause.source), clause.confidence,
                          clause.location or "", cell_text(clause.evidence or ""), clause.id])
            row += 1
            sheet.cell(row, 5).fill = FILLS[clause.status]
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
    for column, width in zip("ABCDEFGHIJ", (28, 24, 9, 24, 8, 10, 8, 12, 80, 8)):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:J{row}"
    _print_setup(sheet, f"{report.campaign.name}判定依据")


def cell_text(text: str) -> str:
    """Text a spreadsheet cell can hold: control characters (from file names, say) shown as
    \\xNN instead of making the workbook unwritable."""
    return ILLEGAL_CHARACTERS_RE.sub(lambda m: f"\\x{ord(m.group()):02x}", text)
