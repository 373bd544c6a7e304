"""Word's formatting chain: direct properties → character style → paragraph style and the
styles it is based on → document defaults. What the styles decide is worked out once per
style (and once per distinct styles.xml), so a paragraph costs only its direct properties."""
from __future__ import annotations

from typing import Callable, Optional

from .gbt9704 import BODY_CHAR
from .ns import w
from .lengths import twips_to_chars

Getter = Callable[[object], tuple]     # properties element → (decided here, value)


_RFONTS, _SZ, _JC, _IND, _SPACING, _FRAME = w("rFonts"), w("sz"), w("jc"), w("ind"), w("spacing"), w("framePr")
_VAL = w("val")


def _font_getter(slot: str, theme_marker: bool) -> Getter:
    attr, theme = w(slot), w(f"{slot}Theme")

    def getter(rpr) -> tuple:
        fonts = rpr.find(_RFONTS)
        if fonts is None:
            return False, None
        if fonts.get(theme):
            return True, ("@" + fonts.get(theme)) if theme_marker else None
        value = fonts.get(attr)
        return (True, value) if value else (False, None)
    return getter


east_asia = _font_getter("eastAsia", False)        # a theme font counts as “not set”
east_asia_theme = _font_getter("eastAsia", True)
ascii_font = _font_getter("ascii", True)


def size(rpr) -> tuple:
    node = rpr.find(_SZ)
    value = node.get(_VAL, "") if node is not None else ""
    return (True, int(value)) if value.isdigit() else (False, None)


def align(ppr) -> tuple:
    node = ppr.find(_JC)
    return (True, node.get(_VAL)) if node is not None else (False, None)


def first_line(ppr) -> tuple:
    """First-line indent in hundredths of a character (negative: hanging)."""
    ind = ppr.find(_IND)
    if ind is None:
        return False, None
    for attr, scale in (("firstLineChars", 1), ("hangingChars", -1)):
        if ind.get(w(attr)):
            return True, scale * int(ind.get(w(attr)))
    for attr, scale in (("firstLine", 1), ("hanging", -1)):
        if ind.get(w(attr)):
            return True, scale * twips_to_chars(int(ind.get(w(attr))), BODY_CHAR)
    return False, None


def _indent(*names: str) -> Getter:
    def getter(ppr) -> tuple:
        ind = ppr.find(_IND)
        if ind is None:
            return False, None
        for name in names:
            if ind.get(w(f"{name}Chars")):
                return True, int(ind.get(w(f"{name}Chars")))
        for name in names:
            if ind.get(w(name)):
                return True, twips_to_chars(int(ind.get(w(name))), BODY_CHAR)
        return False, None
    return getter


left, right = _indent("left", "start"), _indent("right", "end")


def spacing(ppr) -> tuple:
    """(lineRule, line): ("exact", 579) or ("auto", 240)."""
    node = ppr.find(_SPACING)
    if node is None or not node.get(w("line"), "").lstrip("-").isdigit():
        return False, None
    return True, (node.get(w("lineRule"), "auto"), int(node.get(w("line"))))


def frame(ppr) -> tuple:
    node = ppr.find(_FRAME)
    return (True, node.get(w("xAlign"))) if node is not None and node.get(w("xAlign")) else (False, None)


PARAGRAPH = {"align": align, "first_line": first_line, "left": left, "right": right,
             "line": spacing, "frame_align": frame}
RUN = {"east_asia": east_asia, "size": size}
RUN_THEMES = {"ascii": ascii_font, "theme": east_asia_theme}
# the element each property is read from: direct properties are read only when it is there
TAGS = {"align": _JC, "first_line": _IND, "left": _IND, "right": _IND, "line": _SPACING,
        "frame_align": _FRAME, "east_asia": _RFONTS, "size": _SZ, "ascii": _RFONTS, "theme": _RFONTS}


def direct(element, getters: dict, found: dict) -> None:
    """Override ``found`` with what ``element`` (a pPr or rPr) decides itself."""
    tags = {child.tag for child in element}
    for key, getter in getters.items():
        if TAGS[key] in tags:
            decided, value = getter(element)
            if decided:
                found[key] = value


def resolve(props: list, getter: Getter, default=None):
    for element in props:
        decided, value = getter(element)
        if decided:
            return value
    return default


class Styles:
    def __init__(self, root) -> None:
        self.by_id = {s.get(w("styleId")): s for s in root.iter(w("style"))} if root is not None else {}
        defaults = root.find(w("docDefaults")) if root is not None else None
        self.default_rpr = defaults.find(f"{w('rPrDefault')}/{w('rPr')}") if defaults is not None else None
        self.default_ppr = defaults.find(f"{w('pPrDefault')}/{w('pPr')}") if defaults is not None else None
        self.default_paragraph = next((sid for sid, s in self.by_id.items()
                                       if s.get(w("type")) == "paragraph" and s.get(w("default")) == "1"), None)
        self._chains: dict = {}
        self._paragraphs: dict = {}
        self._runs: dict = {}

    def chain(self, style_id: Optional[str]) -> list:
        if style_id in self._chains:
            return self._chains[style_id]
        seen, chain, current = set(), [], style_id
        while current and current in self.by_id and current not in seen:
            seen.add(current)
            style = self.by_id[current]
            chain.append(style)
            based = style.find(w("basedOn"))
            current = based.get(_VAL) if based is not None else None
        self._chains[style_id] = chain
        return chain

    def name(self, style_id: Optional[str]) -> str:
        if ("name", style_id) in self._runs:
            return self._runs[("name", style_id)]
        style = self.by_id.get(style_id)
        node = style.find(w("name")) if style is not None else None
        name = node.get(_VAL) if node is not None else (style_id or "")
        self._runs[("name", style_id)] = name
        return name

    def paragraph(self, style_id: Optional[str]) -> dict:
        """What the paragraph style decides: align, indents, line spacing, frame, page break."""
        if style_id not in self._paragraphs:
            props = [p for p in (s.find(w("pPr")) for s in self.chain(style_id)) if p is not None]
            found = {key: resolve(props, getter) for key, getter in PARAGRAPH.items()}
            if found["line"] is None and self.default_ppr is not None:
                found["line"] = resolve([self.default_ppr], spacing)
            found["page_break_before"] = any(p.find(w("pageBreakBefore")) is not None for p in props[:1])
            found["style_name"] = self.name(style_id)
            self._paragraphs[style_id] = found
        return self._paragraphs[style_id]

    def run(self, paragraph_style: Optional[str], char_style: Optional[str], themes: bool) -> dict:
        """What the styles decide for a run: East-Asian font, size (and theme fonts for footers)."""
        key = (paragraph_style, char_style, themes)
        if key not in self._runs:
            props = [s.find(w("rPr")) for s in self.chain(char_style) + self.chain(paragraph_style)]
            props = [p for p in props + [self.default_rpr] if p is not None]
            getters = {**RUN, **RUN_THEMES} if themes else RUN
            found = {name: resolve(props, getter) for name, getter in getters.items()}
            found["size"] = found["size"] or 20
            self._runs[key] = found
        return self._runs[key]
