"""Tables read in one pass over the elements that matter (rows, cells, paragraphs, runs,
fonts, sizes, text): a rubric table has hundreds of cells, and looking each property up
element by element costs several times more. Tables with nested tables or text boxes are
left to the general reader."""
from __future__ import annotations

from itertools import islice
from typing import Callable, Optional

from .model import Paragraph, Run, Table
from .styles import Styles, w

_TBL, _TR, _TC, _VMERGE, _P, _PSTYLE = w("tbl"), w("tr"), w("tc"), w("vMerge"), w("p"), w("pStyle")
_R, _RSTYLE, _RFONTS, _SZ, _T, _TAB, _BR, _CR = (w("r"), w("rStyle"), w("rFonts"), w("sz"), w("t"), w("tab"),
                                                 w("br"), w("cr"))
_TXBX, _VAL, _EA, _EA_THEME, _TYPE = w("txbxContent"), w("val"), w("eastAsia"), w("eastAsiaTheme"), w("type")
_TAGS = (_TR, _TC, _VMERGE, _P, _PSTYLE, _R, _RSTYLE, _RFONTS, _SZ, _T, _TAB, _BR, _CR)
_UNSET = object()


def simple(block) -> bool:
    """No nested table and no text box: the one-pass reader applies."""
    return len(list(islice(block.iter(_TBL, _TXBX), 2))) == 1


class _Reader:
    def __init__(self, styles: Styles, paragraphs: list, number: int, index: int) -> None:
        self.styles, self.paragraphs, self.number, self.index = styles, paragraphs, number, index
        self.rows: list = []
        self.row = self.cell = self.paragraph = self.run = None

    def end_run(self) -> None:
        if self.run is None:
            return
        char_style, east_asia, size, parts = self.run
        base = self.styles.run(self.paragraph["style"], char_style, False)
        self.paragraph["runs"].append(Run("".join(parts), base["east_asia"] if east_asia is _UNSET else east_asia,
                                          base["size"] if size is None else size))
        self.run = None

    def end_paragraph(self) -> None:
        self.end_run()
        state, self.paragraph = self.paragraph, None
        if state is None or not state["text"]:
            return
        raw = "".join(r.text for r in state["runs"])
        props = self.styles.paragraph(state["style"])
        paragraph = Paragraph(self.number, f"表{self.index} 行{len(self.rows)} 列{len(self.row) + 1}", raw.strip(),
                              props["style_name"], props["align"], props["first_line"], state["runs"],
                              props["page_break_before"] or state["page_break"], True, raw_text=raw,
                              left=props["left"], right=props["right"], line=props["line"],
                              frame_align=props["frame_align"])
        self.paragraphs.append(paragraph)
        self.cell[1].append(raw)

    def end_cell(self) -> None:
        self.end_paragraph()
        if self.cell is not None:
            merge, texts = self.cell
            self.row.append(("".join(texts).strip(), merge))
            self.cell = None

    def start(self, node) -> None:
        tag = node.tag
        if tag == _T:
            if self.run is not None:
                self.run[3].append(node.text or "")
                self.paragraph["text"] = True
        elif tag == _R:
            self.end_run()
            if self.paragraph is not None:
                self.run = [None, _UNSET, None, []]
        elif tag == _RFONTS or tag == _SZ or tag == _RSTYLE:
            if self.run is not None:          # not the paragraph mark's properties
                self._run_property(tag, node)
        elif tag == _TAB or tag == _BR or tag == _CR:
            if self.run is not None:
                self.run[3].append(" " if tag == _TAB else "\n")
                if tag == _BR and node.get(_TYPE) == "page":
                    self.paragraph["page_break"] = True
        elif tag == _P:
            self.end_paragraph()
            if self.cell is not None:
                self.paragraph = {"style": self.styles.default_paragraph, "runs": [], "text": False,
                                  "page_break": False}
        elif tag == _PSTYLE:
            if self.paragraph is not None and self.run is None:
                self.paragraph["style"] = node.get(_VAL)
        elif tag == _TC:
            self.end_cell()
            self.cell = [None, []]
        elif tag == _VMERGE:
            if self.cell is not None and self.paragraph is None:
                self.cell[0] = node.get(_VAL, "continue")
        elif tag == _TR:
            self.end_cell()
            self.row = []
            self.rows.append(self.row)

    def _run_property(self, tag: str, node) -> None:
        if tag == _RSTYLE:
            self.run[0] = node.get(_VAL)
        elif tag == _RFONTS:
            if node.get(_EA_THEME):
                self.run[1] = None
            elif node.get(_EA):
                self.run[1] = node.get(_EA)
        else:
            value = node.get(_VAL, "")
            self.run[2] = int(value) if value.isdigit() else self.run[2]


def read_table(block, styles: Styles, paragraphs: list, number: int, index: int,
               fallback: Optional[Callable] = None) -> Table:
    """The table's rows as (cell text, vMerge) and its non-empty paragraphs, added to ``paragraphs``."""
    if not simple(block) and fallback is not None:
        return fallback(block, styles, paragraphs, number, index)
    reader = _Reader(styles, paragraphs, number, index)
    for node in block.iter(*_TAGS):
        reader.start(node)
    reader.end_cell()
    return Table(index, reader.rows)
