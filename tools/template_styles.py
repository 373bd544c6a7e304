"""Small helpers that set GB/T 9704 formatting on python-docx objects through their XML
(for tools/make_templates.py)."""
from __future__ import annotations

from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement

from noticegen.wordxml.gbt9704 import BODY_CHAR
from noticegen.wordxml.ns import qn
from noticegen.wordxml.order import order_children
from noticegen.wordxml.lengths import chars_to_twips


def child(parent, tag: str, **attrs):
    """The first ``tag`` child of ``parent`` (created in schema order if absent), ``attrs`` set."""
    element = parent.find(qn(tag))
    if element is None:
        element = OxmlElement(tag)
        parent.append(element)
        order_children(parent)
    for key, value in attrs.items():
        element.set(qn(f"w:{key}"), str(value))
    return element


def set_fonts(rpr, font: str) -> None:
    """Use ``font`` for every script, East-Asian included, with no theme fonts."""
    fonts = child(rpr, "w:rFonts")
    for attr in list(fonts.attrib):
        del fonts.attrib[attr]
    for script in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{script}"), font)
    fonts.set(qn("w:hint"), "eastAsia")


def set_run_format(rpr, *, font=None, size=None, color=None, bold=None, spacing=None) -> None:
    """Fonts, size (half-points), colour, bold and character spacing on an ``rPr``."""
    if font:
        set_fonts(rpr, font)
    if bold is not None:
        child(rpr, "w:b", val="1" if bold else "0")
    if color:
        child(rpr, "w:color", val=color)
    if spacing is not None:
        child(rpr, "w:spacing", val=spacing)
    if size:
        child(rpr, "w:sz", val=size)
        child(rpr, "w:szCs", val=size)
    child(rpr, "w:lang", val="en-US", eastAsia="zh-CN")


def set_paragraph_format(ppr, *, align=None, first_line_chars=None, left_chars=None,
                         right_chars=None, hanging_chars=None, line_exact=None,
                         before=None, after=0, keep_next=False, snap=True) -> None:
    """Alignment, indents in hundredths of a character, exact line height and spacing (twips)."""
    if align:
        child(ppr, "w:jc", val=align)
    ind = {}
    for key, value in (("firstLineChars", first_line_chars), ("leftChars", left_chars),
                       ("rightChars", right_chars), ("hangingChars", hanging_chars)):
        if value is not None:
            ind[key] = value
            twips = chars_to_twips(value, BODY_CHAR)
            ind[{"firstLineChars": "firstLine", "leftChars": "left", "rightChars": "right",
                 "hangingChars": "hanging"}[key]] = twips
    if ind:
        child(ppr, "w:ind", **ind)
    spacing = {"after": after}
    if before is not None:
        spacing["before"] = before
    if line_exact:
        spacing.update(line=line_exact, lineRule="exact")
    child(ppr, "w:spacing", **spacing)
    if keep_next:
        child(ppr, "w:keepNext")
    if not snap or line_exact:
        # the exact line height already is the grid; snapping as well makes LibreOffice
        # lose the 22nd line of a page
        child(ppr, "w:snapToGrid", val="0")


def paragraph_style(document, name: str, *, font: str, size: int, based_on=None, color=None,
                    bold=False, spacing=None, **paragraph):
    """Add (or reuse) a paragraph style with GB/T 9704 fonts and paragraph settings."""
    styles = document.styles
    style = styles[name] if name in [s.name for s in styles] else \
        styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    if based_on:
        style.base_style = styles[based_on]
    style.quick_style = True
    element = style.element
    set_run_format(element.get_or_add_rPr(), font=font, size=size, color=color, bold=bold,
                   spacing=spacing)
    set_paragraph_format(element.get_or_add_pPr(), **paragraph)
    return style
