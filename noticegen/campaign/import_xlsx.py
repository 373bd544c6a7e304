"""An .xlsx rubric sheet (one row per clause, category and item cells merged) as campaign data."""
from __future__ import annotations

from pathlib import Path
from zipfile import BadZipFile

from ..errors import DataError
from .importer import Unmapped, rubric_from_rows

COLUMNS = {"执行": 5, "项目": 0, "竞赛及考核内容": 1, "考核内容": 1, "标准": 2, "标准分": 3,
           "分值": 3, "部门": 4}


def import_xlsx(path: Path) -> tuple[dict, list[Unmapped]]:
    """A campaign skeleton with the rubric of an .xlsx sheet (one row per clause)."""
    from openpyxl import load_workbook
    try:
        sheet = load_workbook(Path(path), read_only=False, data_only=True).worksheets[0]
    except (BadZipFile, OSError, KeyError, ValueError) as exc:
        raise DataError(f"not a readable .xlsx file ({type(exc).__name__})", path=path,
                        hint="open it in Excel or WPS and save it again as .xlsx") from None
    values = [[("" if v is None else str(v)) for v in row] for row in sheet.iter_rows(values_only=True)]
    for merged in sheet.merged_cells.ranges:
        top = values[merged.min_row - 1][merged.min_col - 1]
        for r in range(merged.min_row, merged.max_row + 1):
            for c in range(merged.min_col, merged.max_col + 1):
                values[r - 1][c - 1] = top
    header_index = next((i for i, row in enumerate(values) if any("标准分" in v or "分值" in v for v in row)), None)
    notes: list[Unmapped] = []
    if header_index is None:
        raise DataError("no header row with 标准分 found", path=path,
                        hint="the sheet needs columns 项目 / 竞赛及考核内容 / 标准及要求 / 标准分 / 部门 / 执行单位")
    mapping = {}
    for column, name in enumerate(values[header_index]):
        target = next((v for key, v in sorted(COLUMNS.items(), key=lambda kv: -len(kv[0])) if key in name), None)
        if target is not None and target not in mapping.values():
            mapping[column] = target
        elif name.strip():
            notes.append(Unmapped(f"{sheet.title} column {column + 1}", f"column “{name}” not used"))
    rows = []
    for row in values[header_index + 1:]:
        ordered = [""] * 6
        for column, target in mapping.items():
            ordered[target] = row[column] if column < len(row) else ""
        rows.append(ordered)
    rubric = rubric_from_rows(rows, sheet.title, notes)
    labels = sorted({d for c in rubric["categories"] for i in c["items"]
                     for cl in i.get("clauses", [i]) for d in cl["departments"]})
    executors = sorted({e for c in rubric["categories"] for i in c["items"]
                        for cl in i.get("clauses", [i]) for e in cl["executors"]})
    notes.append(Unmapped("notice, issuer, leadership, units", "not in the sheet: fill them in"))
    return {"campaign": {"name": None, "year": None}, "issuer": None, "notice": None,
            "contact": None, "summaries": None, "leadership": None,
            "departments": [{"name": d} for d in labels], "units": [],
            "groups": {e: [] for e in executors}, "rubric": rubric, "commitments": None}, notes
