"""Read a .docx into what the lint rules look at, with formatting resolved through styles.

Run formatting is resolved along Word's chain: the run's own properties → its character
style → the paragraph's style and the styles it is based on → the document defaults.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from lxml import etree

from ..errors import ExtractionError
from ..safezip import parse_xml, read_members

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
W = f"{{{W_NS}}}"
_CJK = re.compile(r"[\u4e00-\u9fff]")


def w(name: str) -> str:
    return f"{W}{name}"


@dataclass
class Run:
    text: str
    east_asia: Optional[str]          # None: not set explicitly (theme or nothing)
    size: Optional[int]               # half-points


@dataclass
class Paragraph:
    index: int                        # 1-based among body paragraphs (table cells excluded)
    location: str                     # 段12 or 表1 行2 列3
    text: str
    style_name: str
    align: Optional[str]
    first_line: Optional[int]         # first-line indent in hundredths of a character
    runs: list[Run]
    page_break_before: bool = False
    in_table: bool = False
    in_textbox: bool = False

    def fonts(self) -> set[Optional[str]]:
        return {r.east_asia for r in self.runs if _CJK.search(r.text)}

    def sizes(self) -> set[Optional[int]]:
        return {r.size for r in self.runs if r.text.strip()}


@dataclass
class Section:
    width: int
    height: int
    landscape: bool
    margins: dict
    line_pitch: Optional[int]
    grid_type: Optional[str]
    footers: dict                     # type (default/even/first) → part name


@dataclass
class Table:
    index: int
    rows: list[list[tuple[str, Optional[str]]]]   # per row: (cell text, vMerge value or None)


@dataclass
class Document:
    path: Path
    paragraphs: list[Paragraph]
    tables: list[Table]
    sections: list[Section]
    footers: dict                     # part name → (text, alignment, has PAGE field)
    even_and_odd: bool
    body_line_exact: Optional[int] = None
    members: dict = field(default_factory=dict, repr=False)

    def running_text(self) -> list[Paragraph]:
        """Paragraphs of the running text: not in a table or a text box."""
        return [p for p in self.paragraphs if not p.in_table and not p.in_textbox]


class _Styles:
    def __init__(self, root) -> None:
        self.by_id = {s.get(w("styleId")): s for s in root.iter(w("style"))} if root is not None else {}
        defaults = root.find(f"{w('docDefaults')}/{w('rPrDefault')}/{w('rPr')}") if root is not None else None
        self.default_rpr = defaults
        self.default_paragraph = next((sid for sid, s in self.by_id.items()
                                       if s.get(w("type")) == "paragraph" and s.get(w("default")) == "1"), None)

    def chain(self, style_id: Optional[str]) -> list:
        seen, chain = set(), []
        while style_id and style_id in self.by_id and style_id not in seen:
            seen.add(style_id)
            style = self.by_id[style_id]
            chain.append(style)
            based = style.find(w("basedOn"))
            style_id = based.get(w("val")) if based is not None else None
        return chain

    def name(self, style_id: Optional[str]) -> str:
        style = self.by_id.get(style_id)
        node = style.find(w("name")) if style is not None else None
        return node.get(w("val")) if node is not None else (style_id or "")


def _font(rpr) -> tuple[bool, Optional[str]]:
    """(decided here, east-Asian font): a theme reference decides, but as “not set”."""
    fonts = rpr.find(w("rFonts")) if rpr is not None else None
    if fonts is None:
        return False, None
    if fonts.get(w("eastAsiaTheme")):
        return True, None
    value = fonts.get(w("eastAsia"))
    return (True, value) if value else (False, None)


def _size(rpr) -> Optional[int]:
    size = rpr.find(w("sz")) if rpr is not None else None
    return int(size.get(w("val"))) if size is not None and size.get(w("val"), "").isdigit() else None


def _resolve(props: list, getter, default=None):
    for rpr in props:
        found = getter(rpr)
        if isinstance(found, tuple):
            if found[0]:
                return found[1]
        elif found is not None:
            return found
    return default


def _text(element) -> str:
    """The element's text; text boxes inside it are paragraphs of their own, not part of it."""
    parts = []
    nodes = element.xpath(".//w:t[not(ancestor::w:txbxContent)] | .//w:tab[not(ancestor::w:txbxContent)]"
                          " | .//w:br[not(ancestor::w:txbxContent)]", namespaces={"w": W_NS}) \
        if element.find(f".//{w('txbxContent')}") is not None else element.iter(w("t"), w("tab"), w("br"))
    for node in nodes:
        parts.append(node.text or "" if node.tag == w("t") else (" " if node.tag == w("tab") else "\n"))
    return "".join(parts)


def _paragraph(p, styles: _Styles, index: int, location: str, in_table: bool) -> Paragraph:
    ppr = p.find(w("pPr"))
    style_node = ppr.find(w("pStyle")) if ppr is not None else None
    style_id = style_node.get(w("val")) if style_node is not None else styles.default_paragraph
    style_chain = styles.chain(style_id)
    paragraph_props = ([ppr] if ppr is not None else []) + [s.find(w("pPr")) for s in style_chain]
    paragraph_props = [x for x in paragraph_props if x is not None]
    align = _resolve(paragraph_props, lambda x: x.find(w("jc")).get(w("val")) if x.find(w("jc")) is not None else None)
    first_line = _resolve(paragraph_props, _first_line)
    runs = []
    for r in p.iter(w("r")):
        rpr = r.find(w("rPr"))
        char_style = rpr.find(w("rStyle")).get(w("val")) if rpr is not None and rpr.find(w("rStyle")) is not None else None
        chain = ([rpr] if rpr is not None else []) + \
            [s.find(w("rPr")) for s in styles.chain(char_style)] + \
            [s.find(w("rPr")) for s in style_chain] + [styles.default_rpr]
        chain = [x for x in chain if x is not None]
        runs.append(Run(_text(r), _resolve(chain, _font), _resolve(chain, _size, 20)))
    page_break = any(x.find(w("pageBreakBefore")) is not None for x in paragraph_props[:1]) or \
        any(br.get(w("type")) == "page" for br in p.iter(w("br")))
    return Paragraph(index, location, _text(p).strip(), styles.name(style_id), align, first_line,
                     runs, page_break, in_table)


def _first_line(ppr) -> Optional[int]:
    ind = ppr.find(w("ind"))
    if ind is None:
        return None
    for attr, scale in (("firstLineChars", 1), ("hangingChars", -1)):
        if ind.get(w(attr)):
            return scale * int(ind.get(w(attr)))
    for attr, scale in (("firstLine", 1), ("hanging", -1)):
        if ind.get(w(attr)):
            return scale * round(int(ind.get(w(attr))) / 3.2)  # 16 pt characters, twips → 1/100 char
    return None


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


def load_document(path: Path) -> Document:
    """Parse a .docx for linting; raise ExtractionError when it cannot be read."""
    def error(message: str) -> ExtractionError:
        return ExtractionError(message, hint="open it in Word and save it again as .docx")
    members = read_members(path, error=error)
    try:
        parse = lambda name: parse_xml(members[name]) if name in members else None  # noqa: E731
        document, styles_root = parse("word/document.xml"), parse("word/styles.xml")
        settings, rels_root = parse("word/settings.xml"), parse("word/_rels/document.xml.rels")
    except etree.XMLSyntaxError as exc:
        raise ExtractionError(f"damaged XML inside ({exc})", path=path,
                              hint="open it in Word and save it again") from None
    if document is None:
        raise ExtractionError("not a Word document (no word/document.xml)", path=path,
                              hint="lint works on .docx files")
    styles = _Styles(styles_root)
    rels = {r.get("Id"): "word/" + r.get("Target", "").lstrip("/").removeprefix("word/")
            for r in (rels_root if rels_root is not None else [])}
    body = document.find(w("body"))
    body = body if body is not None else etree.Element(w("body"))  # no body: an empty document
    paragraphs, tables, number = [], [], 0
    for block in body:
        if block.tag == w("p"):
            number += 1
            paragraphs.append(_paragraph(block, styles, number, f"段{number}", False))
            for box in block.iter(w("txbxContent")):
                for p in box.iter(w("p")):
                    inner = _paragraph(p, styles, number, f"段{number} 文本框", False)
                    inner.in_textbox = True
                    paragraphs.append(inner)
        elif block.tag == w("tbl"):
            table_rows = []
            for r, row in enumerate(block.findall(w("tr")), start=1):
                cells = []
                for c, cell in enumerate(row.findall(w("tc")), start=1):
                    merge = cell.find(f"{w('tcPr')}/{w('vMerge')}")
                    cells.append((_text(cell).strip(), None if merge is None else merge.get(w("val"), "continue")))
                    for p in cell.findall(w("p")):
                        paragraphs.append(_paragraph(p, styles, number, f"表{len(tables) + 1} 行{r} 列{c}", True))
                table_rows.append(cells)
            tables.append(Table(len(tables) + 1, table_rows))
    sections = [_section(s, rels) for s in body.iter(w("sectPr"))]
    footers = {}
    for name in {n for s in sections for n in s.footers.values() if n}:
        root = parse(name) if name in members else None
        if root is None:
            continue
        first = root.find(w("p"))
        jc = first.find(f"{w('pPr')}/{w('jc')}") if first is not None else None
        fields = [f.get(w("instr"), "") for f in root.iter(w("fldSimple"))] + \
            [t.text or "" for t in root.iter(w("instrText"))]
        footers[name] = (_text(root).strip(), jc.get(w("val")) if jc is not None else None,
                         any("PAGE" in f for f in fields))
    even_odd = settings is not None and settings.find(w("evenAndOddHeaders")) is not None
    return Document(Path(path), paragraphs, tables, sections, footers, even_odd, members=members)
