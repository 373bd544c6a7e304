"""The text of WordprocessingML elements.

Two readings share the same notion of text (``w:t``; ``w:tab`` a space): the *formatted* one
(:func:`element_text`, what the read model and the fix-ups see) walks a paragraph's own runs,
keeps line breaks as ``\\n`` and leaves text boxes anchored in the paragraph to their own
paragraphs; the *summary* one (:func:`collect_text`) takes every piece of current text under
a node, tracked changes accepted, line breaks as spaces, and hands text boxes back separately.
"""
from __future__ import annotations

from .ns import MC_FALLBACK, w

_R, _P, _T, _TAB, _BR, _CR = w("r"), w("p"), w("t"), w("tab"), w("br"), w("cr")
_CONTAINERS = {w(t) for t in ("hyperlink", "ins", "smartTag", "customXml", "fldSimple", "sdt",
                              "sdtContent", "moveTo", "dir", "bdo")}
# subtrees holding no current text: deletions, moved-away text, the legacy copy of a text box,
# the properties (which hold the revision marks of paragraph and run properties)
NOT_TEXT = {w("del"), w("moveFrom"), MC_FALLBACK, w("pPr"), w("rPr"), w("tblPr"), w("trPr"),
            w("tcPr"), w("sectPr"), w("instrText"), w("delText")}
_SPACE = {_TAB, _BR, _CR}
_TXBX = w("txbxContent")


def owner(node, tag: str):
    """The nearest ancestor of ``node`` with ``tag``."""
    parent = node.getparent()
    while parent is not None and parent.tag != tag:
        parent = parent.getparent()
    return parent


def own_runs(p) -> list:
    """The runs of paragraph ``p`` itself, not those of text boxes anchored in it."""
    runs, stack = [], list(reversed(p))
    while stack:
        node = stack.pop()
        if node.tag == _R:
            runs.append(node)
        elif node.tag in _CONTAINERS:
            stack.extend(reversed(node))
    return runs


def run_text(r) -> str:
    """The text of a run: ``w:t``, a tab as a space, a line break as ``\\n``."""
    parts = []
    for node in r:
        tag = node.tag
        if tag == _T:
            parts.append(node.text or "")
        elif tag == _TAB:
            parts.append(" ")
        elif tag == _BR or tag == _CR:
            parts.append("\n")
    return "".join(parts)


def element_text(element) -> str:
    """The text of a paragraph (its own runs) or of a cell or part (every paragraph)."""
    if element.tag == _P:
        return "".join(run_text(r) for r in own_runs(element))
    return "".join(element_text(p) for p in element.iter(_P) if owner(p, MC_FALLBACK) is None)


def collect_text(node, parts: list[str], boxes: list) -> None:
    """Current text under ``node`` into ``parts``; text boxes met on the way into ``boxes``."""
    for child in node:
        tag = child.tag
        if tag in NOT_TEXT or not isinstance(tag, str):
            continue
        if tag == _T:
            parts.append(child.text or "")
        elif tag in _SPACE:
            parts.append(" ")
        elif tag == _TXBX:
            boxes.append(child)
        else:
            collect_text(child, parts, boxes)
