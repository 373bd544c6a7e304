"""The order the WordprocessingML schema gives the children of property elements.

Word refuses a file whose ``w:pPr`` has ``w:ind`` before ``w:spacing``; whoever adds a child
puts it in its place with :func:`insert_child` (or sorts a whole element with
:func:`order_children`).
"""
from __future__ import annotations

from .ns import local, qn

ORDER = {
    "rPr": ["rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike",
            "outline", "shadow", "emboss", "imprint", "noProof", "snapToGrid", "vanish",
            "webHidden", "color", "spacing", "w", "kern", "position", "sz", "szCs", "highlight",
            "u", "effect", "bdr", "shd", "fitText", "vertAlign", "rtl", "cs", "em", "lang",
            "eastAsianLayout", "specVanish", "oMath", "rPrChange"],
    "pPr": ["pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl",
            "numPr", "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens",
            "kinsoku", "wordWrap", "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN",
            "bidi", "adjustRightInd", "snapToGrid", "spacing", "ind", "contextualSpacing",
            "mirrorIndents", "suppressOverlap", "jc", "textDirection", "textAlignment",
            "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange"],
    "tblPr": ["tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize",
              "tblStyleColBandSize", "tblW", "jc", "tblCellSpacing", "tblInd", "tblBorders", "shd",
              "tblLayout", "tblCellMar", "tblLook", "tblCaption", "tblDescription", "tblPrChange"],
    "tcPr": ["cnfStyle", "tcW", "gridSpan", "hMerge", "vMerge", "tcBorders", "shd", "noWrap",
             "tcMar", "textDirection", "tcFitText", "vAlign", "hideMark", "headers", "cellIns",
             "cellDel", "cellMerge", "tcPrChange"],
    "tblBorders": ["top", "left", "start", "bottom", "right", "end", "insideH", "insideV"],
    "pBdr": ["top", "left", "bottom", "right", "between", "bar"],
    "sectPr": ["headerReference", "footerReference", "footnotePr", "endnotePr", "type", "pgSz",
               "pgMar", "paperSrc", "pgBorders", "lnNumType", "pgNumType", "cols", "formProt",
               "vAlign", "noEndnote", "titlePg", "textDirection", "bidi", "rtlGutter", "docGrid",
               "printerSettings", "sectPrChange"],
}
_RANK = {parent: {name: i for i, name in enumerate(names)} for parent, names in ORDER.items()}


def order_children(parent) -> None:
    """Put the children of a property element in schema order (unknown ones last, stable)."""
    rank = _RANK.get(local(parent))
    if not rank:
        return
    for element in sorted(parent, key=lambda e: rank.get(local(e), len(rank))):
        parent.append(element)


def insert_child(parent, element):
    """Insert ``element`` into ``parent`` after every child the schema puts before it."""
    rank = _RANK[local(parent)]
    mine = rank[local(element)]
    before = [i for i, e in enumerate(parent) if rank.get(local(e), mine) < mine]
    parent.insert(max(before, default=-1) + 1, element)
    return element


def get_or_add(parent, tag: str):
    """The first ``tag`` child of ``parent`` (``"w:ind"``), added in its place when absent."""
    found = parent.find(qn(tag))
    if found is None:
        found = insert_child(parent, parent.makeelement(qn(tag), {}))
    return found
