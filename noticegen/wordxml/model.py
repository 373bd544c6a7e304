"""What the lint rules look at: paragraphs with resolved formatting, tables, sections, footers."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from ..safezip import parse_xml
from .archive import Members

_CJK = re.compile(r"[\u4e00-\u9fff]")


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
    part: Optional[str] = field(default=None, compare=False, repr=False)   # see parts.part

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
        key = (self.members.key(part), name)
        if key not in _THEME_FONTS:
            if len(_THEME_FONTS) > 256:
                _THEME_FONTS.clear()
            _THEME_FONTS[key] = _theme_font(parse_xml(self.members[part]), name)
        return _THEME_FONTS[key]

    def running_text(self) -> list[Paragraph]:
        """Paragraphs of the running text: not in a table or a text box."""
        return [p for p in self.paragraphs if not p.in_table and not p.in_textbox]


_THEME_FONTS: dict = {}
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


def _theme_font(root, name: str) -> Optional[str]:
    fonts = root.find(f".//{_A}{'major' if 'major' in name else 'minor'}Font")
    if fonts is None:
        return None
    if "EastAsia" in name:
        ea = fonts.find(f"{_A}ea")
        hans = next((f.get("typeface") for f in fonts.findall(f"{_A}font") if f.get("script") == "Hans"), None)
        return (ea.get("typeface") if ea is not None else "") or hans
    latin = fonts.find(f"{_A}latin")
    return latin.get("typeface") if latin is not None else None
