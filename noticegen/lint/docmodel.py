"""Read a .docx into what the lint rules look at, with formatting resolved through styles.

Run formatting is resolved along Word's chain: the run's own properties → its character
style → the paragraph's style and the styles it is based on → the document defaults.
Text boxes are paragraphs of their own (their ``mc:Fallback`` copy is skipped); deleted
text does not count.
"""
from __future__ import annotations

import re
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from lxml import etree

from ..errors import ExtractionError
from ..safezip import parse_xml
from .archive import Members

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
W = f"{{{W_NS}}}"
_CJK = re.compile(r"[\u4e00-\u9fff]")
_PAGE_FIELD = re.compile(r"^\s*PAGE\b")


def w(name: str) -> str:
    return f"{W}{name}"


@dataclass
class Run:
    text: str
    east_asia: Optional[str]          # None: not set explicitly (theme or nothing)
    size: Optional[int]               # half-points
    ascii: Optional[str] = None       # footers only: Latin font, “@minorHAnsi” for a theme font
    theme: Optional[str] = None       # footers only: the East-Asian theme font, “@minorEastAsia”


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
    raw_text: str = ""                # text before stripping (leading spaces place things)
    left: Optional[int] = None        # left indent in hundredths of a character
    right: Optional[int] = None       # right indent in hundredths of a character
    line: Optional[tuple] = None      # (lineRule, line) resolved: ("exact", 579), ("auto", 240)
    frame_align: Optional[str] = None  # framePr xAlign or a text box's horizontal alignment
    page_field: bool = False          # holds a PAGE field (footers)

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
    footers: dict                     # part name → list of Paragraph
    even_and_odd: bool
    members: Members = field(default=None, repr=False)

    def theme_font(self, name: Optional[str]) -> Optional[str]:
        """A font name, with “@minorEastAsia”-style theme references looked up in the theme."""
        if not name or not name.startswith("@"):
            return name
        part = next((n for n in self.members if re.fullmatch(r"word/theme/theme\d*\.xml", n)), None)
        if part is None:
            return None
        root = parse_xml(self.members[part])
        a = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
        fonts = root.find(f".//{a}{'major' if 'major' in name else 'minor'}Font")
        if fonts is None:
            return None
        if "EastAsia" in name:
            ea = fonts.find(f"{a}ea")
            hans = next((f.get("typeface") for f in fonts.findall(f"{a}font") if f.get("script") == "Hans"), None)
            return (ea.get("typeface") if ea is not None else "") or hans
        latin = fonts.find(f"{a}latin")
        return latin.get("typeface") if latin is not None else None

    def running_text(self) -> list[Paragraph]:
        """Paragraphs of the running text: not in a table or a text box."""
        return [p for p in self.paragraphs if not p.in_table and not p.in_textbox]


class _Styles:
    def __init__(self, root) -> None:
        self.by_id = {s.get(w("styleId")): s for s in root.iter(w("style"))} if root is not None else {}
        defaults = root.find(w("docDefaults")) if root is not None else None
        self.default_rpr = defaults.find(f"{w('rPrDefault')}/{w('rPr')}") if defaults is not None else None
        self.default_ppr = defaults.find(f"{w('pPrDefault')}/{w('pPr')}") if defaults is not None else None
        self.default_paragraph = next((sid for sid, s in self.by_id.items()
                                       if s.get(w("type")) == "paragraph" and s.get(w("default")) == "1"), None)
        self._chains: dict = {}

    def chain(self, style_id: Optional[str]) -> list:
        if style_id in self._chains:
            return self._chains[style_id]
        seen, chain, current = set(), [], style_id
        while current and current in self.by_id and current not in seen:
            seen.add(current)
            style = self.by_id[current]
            chain.append(style)
            based = style.find(w("basedOn"))
            current = based.get(w("val")) if based is not None else None
        self._chains[style_id] = chain
        return chain

    def name(self, style_id: Optional[str]) -> str:
        style = self.by_id.get(style_id)
        node = style.find(w("name")) if style is not None else None
        return node.get(w("val")) if node is not None else (style_id or "")


_STYLE_CACHE: OrderedDict = OrderedDict()


def _styles(members: Members) -> _Styles:
    """Styles parsed once per distinct styles.xml (keyed by its CRC and sizes)."""
    name = "word/styles.xml"
    if name not in members:
        return _Styles(None)
    key = members.key(name)
    if key not in _STYLE_CACHE:
        _STYLE_CACHE[key] = _Styles(parse_xml(members[name]))
        if len(_STYLE_CACHE) > 16:
            _STYLE_CACHE.popitem(last=False)
    return _STYLE_CACHE[key]


def _font(rpr) -> tuple[bool, Optional[str]]:
    """(decided here, east-Asian font): a theme reference decides, but as “not set”."""
    fonts = rpr.find(w("rFonts")) if rpr is not None else None
    if fonts is None:
        return False, None
    if fonts.get(w("eastAsiaTheme")):
        return True, None
    value = fonts.get(w("eastAsia"))
    return (True, value) if value else (False, None)


def _theme_font(kind: str):
    def getter(rpr) -> tuple[bool, Optional[str]]:
        fonts = rpr.find(w("rFonts")) if rpr is not None else None
        if fonts is None:
            return False, None
        if fonts.get(w(f"{kind}Theme")):
            return True, "@" + fonts.get(w(f"{kind}Theme"))
        value = fonts.get(w(kind))
        return (True, value) if value else (False, None)
    return getter


_ascii, _east_asian_theme = _theme_font("ascii"), _theme_font("eastAsia")


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


def _owner(node, tag: str):
    """The nearest ancestor of ``node`` with ``tag``."""
    parent = node.getparent()
    while parent is not None and parent.tag != tag:
        parent = parent.getparent()
    return parent


def own_runs(p) -> list:
    """The runs of paragraph ``p`` itself, not those of text boxes anchored in it."""
    return [r for r in p.iter(w("r")) if _owner(r, w("p")) is p]


def _run_text(r) -> str:
    parts = []
    for node in r:
        if node.tag == w("t"):
            parts.append(node.text or "")
        elif node.tag == w("tab"):
            parts.append(" ")
        elif node.tag in (w("br"), w("cr")):
            parts.append("\n")
    return "".join(parts)


def _text(element) -> str:
    """The text of a paragraph (its own runs) or of a cell or part (every paragraph)."""
    if element.tag == w("p"):
        return "".join(_run_text(r) for r in own_runs(element))
    return "\n".join(_text(p) for p in element.iter(w("p")) if _owner(p, MC_FALLBACK) is None)


def _spacing(ppr) -> tuple[bool, Optional[tuple]]:
    """(decided here, (lineRule, line))."""
    spacing = ppr.find(w("spacing"))
    if spacing is None or not spacing.get(w("line"), "").lstrip("-").isdigit():
        return False, None
    return True, (spacing.get(w("lineRule"), "auto"), int(spacing.get(w("line"))))


def _paragraph(p, styles: _Styles, index: int, location: str, in_table: bool,
               themes: bool = False) -> Paragraph:
    ppr = p.find(w("pPr"))
    style_node = ppr.find(w("pStyle")) if ppr is not None else None
    style_id = style_node.get(w("val")) if style_node is not None else styles.default_paragraph
    style_chain = styles.chain(style_id)
    paragraph_props = ([ppr] if ppr is not None else []) + [s.find(w("pPr")) for s in style_chain]
    paragraph_props = [x for x in paragraph_props if x is not None]
    align = _resolve(paragraph_props, lambda x: x.find(w("jc")).get(w("val")) if x.find(w("jc")) is not None else None)
    first_line = _resolve(paragraph_props, _first_line)
    left = _resolve(paragraph_props, lambda x: _indent(x, "left", "start"))
    right = _resolve(paragraph_props, lambda x: _indent(x, "right", "end"))
    line = _resolve(paragraph_props + ([styles.default_ppr] if styles.default_ppr is not None else []), _spacing)
    frame = _resolve(paragraph_props, lambda x: x.find(w("framePr")).get(w("xAlign")) if x.find(w("framePr")) is not None else None)
    style_rprs = [s.find(w("rPr")) for s in style_chain] + [styles.default_rpr]
    runs, page_field = [], False
    for r in own_runs(p):
        rpr = r.find(w("rPr"))
        char_style = rpr.find(w("rStyle")).get(w("val")) if rpr is not None and rpr.find(w("rStyle")) is not None else None
        chain = ([rpr] if rpr is not None else []) + [s.find(w("rPr")) for s in styles.chain(char_style)] + style_rprs
        chain = [x for x in chain if x is not None]
        run = Run(_run_text(r), _resolve(chain, _font), _resolve(chain, _size, 20))
        if themes:
            run.ascii, run.theme = _resolve(chain, _ascii), _resolve(chain, _east_asian_theme)
        runs.append(run)
        instr = r.find(w("instrText"))
        page_field = page_field or (instr is not None and bool(_PAGE_FIELD.match(instr.text or "")))
    page_field = page_field or any(_PAGE_FIELD.match(f.get(w("instr"), "")) for f in p.iter(w("fldSimple")))
    page_break = any(x.find(w("pageBreakBefore")) is not None for x in paragraph_props[:1]) or \
        any(br.get(w("type")) == "page" for r in own_runs(p) for br in r.iter(w("br")))
    raw = "".join(r.text for r in runs)
    return Paragraph(index, location, raw.strip(), styles.name(style_id), align, first_line,
                     runs, page_break, in_table, raw_text=raw, left=left, right=right, line=line,
                     frame_align=frame, page_field=page_field)


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


def _indent(ppr, *names: str) -> Optional[int]:
    ind = ppr.find(w("ind"))
    if ind is None:
        return None
    for name in names:
        if ind.get(w(f"{name}Chars")):
            return int(ind.get(w(f"{name}Chars")))
    for name in names:
        if ind.get(w(name)):
            return round(int(ind.get(w(name))) / 3.2)
    return None


def _section(sect, rels: dict) -> Section:
    size = sect.find(w("pgSz"))
    margins = sect.find(w("pgMar"))
    grid = sect.find(w("docGrid"))
    width = int(size.get(w("w"), 0)) if size is not None else 0
    height = int(size.get(w("h"), 0)) if size is not None else 0
    footers = {ref.get(w("type"), "default"): rels.get(ref.get(f"{{{R_NS}}}id"))
               for ref in sect.findall(w("footerReference"))}
    return Section(width, height, width > height,
                   {k: int(margins.get(w(k), 0)) for k in ("top", "bottom", "left", "right")}
                   if margins is not None else {},
                   int(grid.get(w("linePitch"))) if grid is not None and grid.get(w("linePitch")) else None,
                   grid.get(w("type")) if grid is not None else None, footers)


def _boxes(block):
    """Text boxes anchored in ``block`` (the ``mc:Choice`` copy only)."""
    return [box for box in block.iter(w("txbxContent")) if _owner(box, MC_FALLBACK) is None]


_ALIGN = re.compile(r"(?:<wp:align>|mso-position-horizontal:)\s*(\w+)")


def _box_align(box) -> Optional[str]:
    """A text box's horizontal alignment on the page (WPS puts page numbers in one)."""
    anchor = box.getparent()
    for _ in range(8):
        if anchor is None:
            return None
        tag = etree.QName(anchor).localname
        if tag in ("anchor", "shape", "rect"):
            break
        anchor = anchor.getparent()
    if anchor is None:
        return None
    found = _ALIGN.search(etree.tostring(anchor, encoding=str)[:4000])
    return found.group(1) if found else None


def _footer(root, styles: _Styles) -> list[Paragraph]:
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


def _body(body, styles: _Styles) -> tuple[list[Paragraph], list[Table]]:
    paragraphs, tables, number = [], [], 0
    for block in body:
        if block.tag == w("sdt"):
            content = block.find(w("sdtContent"))
            inner, inner_tables = _body(content, styles) if content is not None else ([], [])
            for paragraph in inner:
                number += 1
                paragraph.index, paragraph.location = number, f"段{number}"
            paragraphs += inner
            tables += inner_tables
        elif block.tag == w("p"):
            number += 1
            paragraphs.append(_paragraph(block, styles, number, f"段{number}", False))
            for box in _boxes(block):
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
    return paragraphs, tables


def load_document(path: Path) -> Document:
    """Parse a .docx for linting; raise ExtractionError when it cannot be read."""
    def error(message: str) -> ExtractionError:
        return ExtractionError(message, hint="open it in Word and save it again as .docx")
    members = Members(path, error=error)
    try:
        parse = lambda name: parse_xml(members[name]) if name in members else None  # noqa: E731
        document = parse("word/document.xml")
        settings, rels_root = parse("word/settings.xml"), parse("word/_rels/document.xml.rels")
        styles = _styles(members)
        if document is None:
            raise ExtractionError("not a Word document (no word/document.xml)", path=path,
                                  hint="lint works on .docx files")
        rels = {r.get("Id"): "word/" + r.get("Target", "").lstrip("/").removeprefix("word/")
                for r in (rels_root if rels_root is not None else [])}
        body = document.find(w("body"))
        paragraphs, tables = _body(body if body is not None else [], styles)
        sections = [_section(s, rels) for s in (body.iter(w("sectPr")) if body is not None else [])
                    if s.getparent().tag != w("sectPrChange")]
        footers = {name: _footer(parse(name), styles)
                   for name in {n for s in sections for n in s.footers.values() if n} if name in members}
    except etree.XMLSyntaxError as exc:
        raise ExtractionError(f"damaged XML inside ({exc})", path=path,
                              hint="open it in Word and save it again") from None
    flag = settings.find(w("evenAndOddHeaders")) if settings is not None else None
    even_odd = flag is not None and flag.get(w("val"), "true") not in ("0", "false", "off")
    return Document(Path(path), paragraphs, tables, sections, footers, even_odd, members=members)
