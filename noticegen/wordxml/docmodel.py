"""Read a .docx into what lint and import look at, with formatting resolved through styles.

Run formatting is resolved along Word's chain: the run's own properties → its character
style → the paragraph's style and the styles it is based on → the document defaults.
Text boxes are paragraphs of their own (their ``mc:Fallback`` copy is skipped); deleted
text does not count.
"""
from __future__ import annotations

import re
from collections import OrderedDict
from pathlib import Path
from typing import Optional

from lxml import etree

from ..errors import ExtractionError
from ..safezip import parse_xml
from . import styles as style_rules
from .archive import Members
from .model import Document, Paragraph, Run, Section, Table
from .ns import MC_FALLBACK, R_NS, w
from .styles import Styles
from .tables import read_table
from .text import element_text as _text
from .text import owner as _owner
from .text import own_runs, run_text as _run_text
from ..i18n import _

__all__ = ["Document", "Paragraph", "Run", "Section", "Table", "load_document", "readable"]

_PAGE_FIELD = re.compile(r"^\s*PAGE\b")
_STYLE_CACHE: OrderedDict = OrderedDict()


def _styles(members: Members) -> Styles:
    """Styles parsed once per distinct styles.xml (keyed by its CRC and sizes)."""
    name = "word/styles.xml"
    if name not in members:
        return Styles(None)
    key = members.key(name)
    if key not in _STYLE_CACHE:
        _STYLE_CACHE[key] = Styles(parse_xml(members[name]))
        if len(_STYLE_CACHE) > 16:
            _STYLE_CACHE.popitem(last=False)
    return _STYLE_CACHE[key]


_P, _T, _BR = w("p"), w("t"), w("br")

_PPR, _PSTYLE, _RPR, _RSTYLE, _INSTR = w("pPr"), w("pStyle"), w("rPr"), w("rStyle"), w("instrText")
_VAL, _PAGE_BREAK_BEFORE, _FLD_SIMPLE, _TYPE = w("val"), w("pageBreakBefore"), w("fldSimple"), w("type")
_RFONTS, _SZ, _EA, _EA_THEME = w("rFonts"), w("sz"), w("eastAsia"), w("eastAsiaTheme")


def _paragraph_props(ppr, styles: Styles, in_table: bool) -> tuple[Optional[str], dict]:
    """(style id, resolved paragraph properties); in a table cell only the style counts."""
    style_node = ppr.find(_PSTYLE) if ppr is not None else None
    style_id = style_node.get(_VAL) if style_node is not None else styles.default_paragraph
    props = styles.paragraph(style_id)
    if ppr is not None and not in_table:
        props = dict(props)
        style_rules.direct(ppr, style_rules.PARAGRAPH, props)
        props["page_break_before"] = props["page_break_before"] or ppr.find(_PAGE_BREAK_BEFORE) is not None
    return style_id, props


def _run(r, style_id: Optional[str], styles: Styles, themes: bool) -> Run:
    rpr = r.find(_RPR)
    char_node = rpr.find(_RSTYLE) if rpr is not None else None
    found = styles.run(style_id, char_node.get(_VAL) if char_node is not None else None, themes)
    if themes:
        found = dict(found)
        if rpr is not None:
            style_rules.direct(rpr, {**style_rules.RUN, **style_rules.RUN_THEMES}, found)
        return Run(_run_text(r), found["east_asia"], found["size"], found["ascii"], found["theme"])
    east_asia, size = found["east_asia"], found["size"]
    if rpr is not None:
        fonts = rpr.find(_RFONTS)
        if fonts is not None:
            if fonts.get(_EA_THEME):
                east_asia = None
            elif fonts.get(_EA):
                east_asia = fonts.get(_EA)
        sz = rpr.find(_SZ)
        if sz is not None and sz.get(_VAL, "").isdigit():
            size = int(sz.get(_VAL))
    return Run(_run_text(r), east_asia, size)


def _paragraph(p, styles: Styles, index: int, location: str, in_table: bool,
               themes: bool = False) -> Paragraph:
    style_id, props = _paragraph_props(p.find(_PPR), styles, in_table)
    runs, page_break = [_run(r, style_id, styles, themes) for r in own_runs(p)], props["page_break_before"]
    raw = "".join(r.text for r in runs)
    if "\n" in raw and not page_break:
        page_break = any(br.get(_TYPE) == "page" for r in own_runs(p) for br in r.iter(_BR))
    page_field = themes and (any(_PAGE_FIELD.match(i.text or "") for r in own_runs(p) for i in r.findall(_INSTR))
                             or any(_PAGE_FIELD.match(f.get(w("instr"), "")) for f in p.iter(_FLD_SIMPLE)
                                    if _owner(f, _P) is p))
    return Paragraph(index, location, raw.strip(), props["style_name"], props["align"], props["first_line"],
                     runs, page_break, in_table, raw_text=raw, left=props["left"], right=props["right"],
                     line=props["line"], frame_align=props["frame_align"], page_field=page_field)


def _section(sect, rels: dict) -> Section:
    size = sect.find(w("pgSz"))
    margins = sect.find(w("pgMar"))
    grid = sect.find(w("docGrid"))
    width = _number(size.get(w("w"))) if size is not None else 0
    height = _number(size.get(w("h"))) if size is not None else 0
    footers = {ref.get(w("type"), "default"): rels.get(ref.get(f"{{{R_NS}}}id"))
               for ref in sect.findall(w("footerReference"))}
    return Section(width, height, width > height,
                   {k: _number(margins.get(w(k))) for k in ("top", "bottom", "left", "right")}
                   if margins is not None else {},
                   _number(grid.get(w("linePitch"))) if grid is not None and grid.get(w("linePitch")) else None,
                   grid.get(w("type")) if grid is not None else None, footers)


def _number(value: Optional[str]) -> int:
    """A measure as Word writes it, tolerating fractions (“1440.5”) and junk (read as 0)."""
    try:
        return round(float(value or 0))
    except (ValueError, OverflowError):
        return 0


def _boxes(block):
    """Text boxes anchored in ``block`` (the ``mc:Choice`` copy only)."""
    return [box for box in block.iter(w("txbxContent")) if _owner(box, MC_FALLBACK) is None]


_ALIGN = re.compile(r"(?:<wp:align>|mso-position-horizontal:)\s*(\w+)")
_OFFSET = re.compile(r'<wp:positionH relativeFrom="(\w+)">\s*<wp:posOffset>(-?\d+)</wp:posOffset>')


def _box_align(box) -> Optional[str]:
    """A text box's horizontal alignment on the page (WPS puts page numbers in one)."""
    anchor = box.getparent()
    for _level in range(8):
        if anchor is None:
            return None
        tag = etree.QName(anchor).localname
        if tag in ("anchor", "shape", "rect"):
            break
        anchor = anchor.getparent()
    if anchor is None:
        return None
    xml = etree.tostring(anchor, encoding=str)[:4000]
    found = _ALIGN.search(xml)
    if found:
        return found.group(1)
    offset = _OFFSET.search(xml)   # placed by a distance: which half of the page is it in?
    if offset:
        half = 3_780_000 if offset.group(1) == "page" else 2_800_000   # EMU: A4 page, 版心
        return "right" if int(offset.group(2)) > half else "left"
    return None


def _footer(root, styles: Styles) -> list[Paragraph]:
    paragraphs = []
    for p in root.iter(w("p")):
        if _owner(p, MC_FALLBACK) is not None:
            continue
        paragraph = _paragraph(p, styles, 0, "页脚", False, themes=True)
        box = _owner(p, w("txbxContent"))
        if box is not None:
            paragraph.in_textbox = True
            paragraph.frame_align = paragraph.frame_align or _box_align(box)
        paragraphs.append(paragraph)
    return paragraphs


_SDT, _SDT_CONTENT, _TBL, _TR, _TC = w("sdt"), w("sdtContent"), w("tbl"), w("tr"), w("tc")
_TCPR, _VMERGE = w("tcPr"), w("vMerge")


def _body(body, styles: Styles, paragraphs: list, tables: list, number: int = 0) -> int:
    """Append the paragraphs and tables of ``body`` (content controls opened); return the count."""
    for block in body:
        if block.tag == _SDT:
            content = block.find(_SDT_CONTENT)
            number = _body(content, styles, paragraphs, tables, number) if content is not None else number
        elif block.tag == _P:
            number += 1
            paragraphs.append(_paragraph(block, styles, number, f"段{number}", False))
            for box in _boxes(block):
                for p in box.iter(_P):
                    inner = _paragraph(p, styles, number, f"段{number} 文本框", False)
                    inner.in_textbox = True
                    paragraphs.append(inner)
        elif block.tag == _TBL:
            tables.append(read_table(block, styles, paragraphs, number, len(tables) + 1, _table))
    return number


def _table(block, styles: Styles, paragraphs: list, number: int, index: int) -> Table:
    """The general reader: nested tables and text boxes in cells."""
    rows = []
    for r, row in enumerate(block.iterchildren(_TR), start=1):
        cells = []
        for c, cell in enumerate(row.iterchildren(_TC), start=1):
            tcpr = cell.find(_TCPR)
            merge = tcpr.find(_VMERGE) if tcpr is not None else None
            own = [_paragraph(p, styles, number, f"表{index} 行{r} 列{c}", True) for p in cell.findall(_P)
                   if next(p.iter(_T), None) is not None]   # an empty cell has nothing to check
            paragraphs += own
            text = _text(cell) if cell.find(_TBL) is not None else "".join(p.raw_text for p in own)
            cells.append((text.strip(), None if merge is None else merge.get(w("val"), "continue")))
        rows.append(cells)
    return Table(index, rows)


def readable(path: Path) -> None:
    """Raise ExtractionError saying why when ``path`` cannot be opened (permission denied is
    not damage)."""
    try:
        with Path(path).open("rb"):
            pass
    except OSError as exc:
        raise ExtractionError(_("cannot read the file: {reason}").format(reason=exc.strerror),
                              path=path, hint=_("check the path and the file's "
                                                "permissions")) from None
    if not Path(path).is_file():
        raise ExtractionError(_("not a regular file (a device, a pipe or a folder)"), path=path,
                              hint=_("name a .docx file"))


def load_document(path: Path) -> Document:
    """Parse a .docx for linting; raise ExtractionError when it cannot be read."""
    def error(message: str) -> ExtractionError:
        return ExtractionError(message, hint=_("open it in Word and save it again as .docx"))
    members = Members(path, error=error)
    part = ""
    try:
        def parse(name: str):
            nonlocal part
            part = name
            return parse_xml(members[name]) if name in members else None
        document = parse("word/document.xml")
        settings, rels_root = parse("word/settings.xml"), parse("word/_rels/document.xml.rels")
        part = "word/styles.xml"
        styles = _styles(members)
        if document is None:
            raise ExtractionError(_("not a Word document (no word/document.xml)"), path=path,
                                  hint=_("lint works on .docx files"))
        rels = {r.get("Id"): "word/" + r.get("Target", "").lstrip("/").removeprefix("word/")
                for r in (rels_root if rels_root is not None else [])}
        body = document.find(w("body"))
        paragraphs, tables = [], []
        _body(body if body is not None else [], styles, paragraphs, tables)
        sections = [_section(s, rels) for s in (body.iter(w("sectPr")) if body is not None else [])
                    if s.getparent().tag != w("sectPrChange")]
        footers = {name: _footer(parse(name), styles)
                   for name in {n for s in sections for n in s.footers.values() if n} if name in members}
    except etree.XMLSyntaxError as exc:
        problem = ExtractionError(_("the document is damaged inside: its part “{part}” is not "
                                    "well-formed XML").format(part=part), path=path,
                                  hint=_("open it in Word and save it again"))
        raise problem from exc
    flag = settings.find(w("evenAndOddHeaders")) if settings is not None else None
    even_odd = flag is not None and flag.get(w("val"), "true") not in ("0", "false", "off")
    return Document(Path(path), paragraphs, tables, sections, footers, even_odd, members=members)
