"""Layout steps applied to a rendered document body that a template alone cannot express.

- Tables whose alt-text title is ``merge:1,2,6`` get runs of equal cells in those
  (1-based) columns merged vertically; each listed column merges only within the
  runs of the columns listed before it (a category cell spans its items, an item
  cell its clauses).
- The 署名 paragraph is centred over the 成文日期, which stays 右空四字.
"""
from __future__ import annotations

from lxml import etree

from ..chinese import display_width
from ..wordxml.gbt9704 import BODY_CHAR
from ..wordxml.ns import qn
from ..wordxml.order import get_or_add, insert_child
from ..wordxml.text import element_text as _text
from ..wordxml.lengths import chars_to_twips

_P_PR, _P_STYLE, _VAL = qn("w:pPr"), qn("w:pStyle"), qn("w:val")


def _is_header(row) -> bool:
    props = row.find(qn("w:trPr"))
    return props is not None and props.find(qn("w:tblHeader")) is not None


def merge_tables(body) -> None:
    for table in body.iter(qn("w:tbl")):
        props = table.find(qn("w:tblPr"))
        caption = props.find(qn("w:tblCaption")) if props is not None else None
        value = caption.get(qn("w:val"), "") if caption is not None else ""
        if not value.startswith("merge:"):
            continue
        columns = [int(c) - 1 for c in value[6:].split(",") if c.strip().isdigit()]
        rows = [r for r in table.findall(qn("w:tr")) if not _is_header(r)]
        _merge_columns(rows, columns)


def _merge_columns(rows, columns: list[int]) -> None:
    width = max((len(r.findall(qn("w:tc"))) for r in rows), default=0)
    groups = [0] * len(rows)  # rows in the same group may merge
    for column in columns:
        new_groups, group, previous = [], 0, None
        for index, row in enumerate(rows):
            cells = row.findall(qn("w:tc"))
            key = (groups[index], _text(cells[column])) if len(cells) == width else None
            if key is None or key != previous or not key[1]:
                group += 1
                start = True
            else:
                start = False
            new_groups.append(group)
            if key is not None and not start:
                _continue_cell(cells[column])
            elif key is not None:
                _restart_cell(cells[column])
            previous = key
        _drop_single_restarts(rows, column, width, new_groups)
        groups = new_groups


def _cell_props(cell):
    props = cell.find(qn("w:tcPr"))
    if props is None:
        props = etree.Element(qn("w:tcPr"))
        cell.insert(0, props)
    return props


def _set_vmerge(cell, value: str | None) -> None:
    props = _cell_props(cell)
    existing = props.find(qn("w:vMerge"))
    if existing is not None:
        props.remove(existing)
    if value is None:
        return
    merge = etree.Element(qn("w:vMerge"))
    if value == "restart":
        merge.set(qn("w:val"), "restart")
    insert_child(props, merge)


def _restart_cell(cell) -> None:
    _set_vmerge(cell, "restart")


def _continue_cell(cell) -> None:
    _set_vmerge(cell, "continue")
    paragraphs = cell.findall(qn("w:p"))
    for extra in paragraphs[1:]:
        cell.remove(extra)
    for run in paragraphs[0].findall(qn("w:r")):
        paragraphs[0].remove(run)


def _drop_single_restarts(rows, column: int, width: int, groups: list[int]) -> None:
    """A ``restart`` with no ``continue`` below it is no merge at all: remove it."""
    for index, row in enumerate(rows):
        cells = row.findall(qn("w:tc"))
        if len(cells) != width:
            continue
        alone = index + 1 >= len(rows) or groups[index + 1] != groups[index]
        props = cells[column].find(qn("w:tcPr"))
        merge = props.find(qn("w:vMerge")) if props is not None else None
        if alone and merge is not None and merge.get(qn("w:val")) == "restart":
            props.remove(merge)


def centre_signature(body, style_ids: dict[str, str]) -> None:
    """Indent the 署名 so that it is centred over the 成文日期 below it."""
    signature_id, date_id = style_ids.get("署名"), style_ids.get("成文日期")
    if not signature_id or not date_id:
        return
    paragraphs = list(body.iter(qn("w:p")))
    styles = [_style(p) for p in paragraphs]
    for index, paragraph in enumerate(paragraphs[:-1]):
        if styles[index] != signature_id or styles[index + 1] != date_id:
            continue
        date = paragraphs[index + 1]
        offset = (display_width(_text(date).strip()) - display_width(_text(paragraph).strip())) / 2
        date_right = _right_chars(date, default=400)
        _set_right_chars(paragraph, max(0, round(date_right + offset * 100)))


def _style(paragraph) -> str | None:
    props = paragraph.find(_P_PR)
    style = props.find(_P_STYLE) if props is not None else None
    return style.get(_VAL) if style is not None else None


def _right_chars(paragraph, default: int) -> int:
    ind = paragraph.find(f"{qn('w:pPr')}/{qn('w:ind')}")
    value = ind.get(qn("w:rightChars")) if ind is not None else None
    return int(value) if value else default


def _set_right_chars(paragraph, chars: int) -> None:
    ind = get_or_add(paragraph.find(qn("w:pPr")), "w:ind")
    ind.set(qn("w:rightChars"), str(chars))
    ind.set(qn("w:right"), str(chars_to_twips(chars, BODY_CHAR)))
