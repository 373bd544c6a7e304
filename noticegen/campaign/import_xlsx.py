"""An .xlsx rubric sheet (one row per clause, category and item cells merged) as campaign data.

The workbook is checked before openpyxl sees it: a size limit on the file and on what it
unpacks to (zip bombs), and on merged ranges (``G1:XFD1048576`` would make openpyxl create
17 billion cells). Cells are read sparsely, so one far-away cell costs nothing.
"""
from __future__ import annotations

import io
import re
from pathlib import Path

from ..errors import DataError, located
from ..safezip import read_members
from .importer import Unmapped, rubric_from_rows
from ..i18n import N_, _

COLUMNS = {"执行": 5, "项目": 0, "竞赛及考核内容": 1, "考核内容": 1, "标准": 2, "标准分": 3,
           "分值": 3, "部门": 4}
MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_UNPACKED_BYTES = 64 * 1024 * 1024
MAX_MERGED_CELLS = 100_000          # all merged ranges together
MAX_COLUMNS = 64                     # a rubric sheet has six
_HINT = N_("open it in Excel or WPS and save it again as .xlsx")
_MERGE = re.compile(rb"<(?:\w+:)?mergeCell\b[^>]*?\bref=\"([^\"]*)\"")
_REF = re.compile(r"([A-Z]{1,3})([0-9]{1,7})")


def _column_number(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number


def _area(ref: str) -> int | None:
    """Cells in a merged range such as ``A2:A9``; None when the reference is not one."""
    corners = [_REF.fullmatch(part) for part in ref.split(":")]
    if len(corners) != 2 or not all(corners):
        return None
    (c1, r1), (c2, r2) = ((_column_number(m.group(1)), int(m.group(2))) for m in corners)
    return (abs(c2 - c1) + 1) * (abs(r2 - r1) + 1)


def _read_checked(path: Path) -> bytes:
    """The workbook's bytes after the checks that keep openpyxl bounded."""
    try:
        with Path(path).open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise DataError(_("cannot read the file: {reason}").format(reason=exc.strerror), path=path,
                        hint=_("check the path and the file's permissions")) from None
    if len(data) > MAX_FILE_BYTES:
        raise DataError(_("the file is over {size} MB, far more than a rubric sheet").format(
            size=MAX_FILE_BYTES // 2**20), path=path, hint=_("check it is the right file"))

    def refuse(message: str) -> DataError:
        return DataError(message.removeprefix(located(path, "")), path=path, hint=_(_HINT))

    members = read_members(path, data, error=refuse)
    if sum(len(blob) for blob in members.values()) > MAX_UNPACKED_BYTES:
        raise DataError(_("unpacks to more than {size} MB, far more than a rubric sheet (a zip "
                          "bomb?)").format(
            size=MAX_UNPACKED_BYTES // 2**20), path=path, hint=_("check it is the right file"))
    merged = 0
    for name, blob in members.items():
        if not name.startswith("xl/worksheets/"):
            continue
        for match in _MERGE.finditer(blob):
            ref = match.group(1).decode("ascii", "replace")
            area = _area(ref)
            if area is None:
                raise DataError(_("merged range “{ref}” in {name} is not a cell range").format(
                    ref=ref, name=name), path=path,
                                hint=_(_HINT))
            merged += area
            if merged > MAX_MERGED_CELLS:
                raise DataError(_("merged range {ref} covers {area:,} cells, far more than a "
                                  "rubric sheet ({limit:,} merged cells at most)").format(
                    ref=ref, area=area, limit=MAX_MERGED_CELLS), path=path,
                                hint=_("unmerge the range in Excel or WPS and merge only the "
                                       "category and item cells"))
    return data


def _grid(sheet) -> list[list[str]]:
    """The sheet's rows as text, merged ranges filled from their top-left cell; only rows and
    columns holding text count, so a stray far-away cell costs nothing."""
    cells = {key: str(cell.value) for key, cell in sheet._cells.items()
             if cell.value is not None and key[1] <= MAX_COLUMNS}
    for merged in sheet.merged_cells.ranges:
        top = cells.get((merged.min_row, merged.min_col))
        if top is None:
            continue
        for r in range(merged.min_row, merged.max_row + 1):
            for c in range(merged.min_col, min(merged.max_col, MAX_COLUMNS) + 1):
                cells[(r, c)] = top
    if not cells:
        return []
    width = max(c for _, c in cells)
    return [[cells.get((r, c), "") for c in range(1, width + 1)]
            for r in sorted({r for r, _ in cells})]


def import_xlsx(path: Path) -> tuple[dict, list[Unmapped]]:
    """A campaign skeleton with the rubric of an .xlsx sheet (one row per clause)."""
    from openpyxl import load_workbook
    data = _read_checked(Path(path))
    try:
        sheet = load_workbook(io.BytesIO(data), read_only=False, data_only=True).worksheets[0]
        values = _grid(sheet)
    except (MemoryError, RecursionError):
        raise DataError(_("the sheet is too large to read"), path=path, hint=_(_HINT)) from None
    except Exception as exc:  # openpyxl raises many kinds of error on odd files
        raise DataError(_("not a readable .xlsx file ({kind})").format(
            kind=type(exc).__name__), path=path,
                        hint=_(_HINT)) from None
    header_index = next((i for i, row in enumerate(values) if any("标准分" in v or "分值" in v for v in row)), None)
    notes: list[Unmapped] = []
    if header_index is None:
        raise DataError(_("no header row with 标准分 found"), path=path,
                        hint=_("the sheet needs columns 项目 / 竞赛及考核内容 / 标准及要求 / 标准分 / 部门 / 执行单位"))
    mapping = {}
    for column, name in enumerate(values[header_index]):
        target = next((v for key, v in sorted(COLUMNS.items(), key=lambda kv: -len(kv[0])) if key in name), None)
        if target is not None and target not in mapping.values():
            mapping[column] = target
        elif name.strip():
            notes.append(Unmapped(_("{sheet} column {number}").format(
                sheet=sheet.title, number=column + 1), _("column “{name}” not "
                                                         "used").format(name=name)))
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
    notes.append(Unmapped(_("notice, issuer, leadership, "
                            "units"), _("not in the sheet: fill them in")))
    return {"campaign": {"name": None, "year": None}, "issuer": None, "notice": None,
            "contact": None, "summaries": None, "leadership": None,
            "departments": [{"name": d} for d in labels], "units": [],
            "groups": {e: [] for e in executors}, "rubric": rubric, "commitments": None}, notes
