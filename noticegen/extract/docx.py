"""Word summaries: body paragraphs, table cells and text boxes in order, then footnotes,
endnotes, headers and footers.

Tracked changes are read as accepted (insertions and moves in, deletions out); comments and
the fallback copy of a text box are not part of the text.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterator, Optional

from lxml import etree

from ..errors import ExtractionError
from ..i18n import _
from ..safezip import parse_xml, read_members
from ..wordxml.ns import W
from ..wordxml.text import NOT_TEXT as _SKIP
from ..wordxml.text import collect_text as _collect
from .segment import Segment

_NOTES = (("word/footnotes.xml", "footnote", "脚注"), ("word/endnotes.xml", "endnote", "尾注"))


def _error(message: str) -> ExtractionError:
    return ExtractionError(message, hint=_("open it in Word and save it again as .docx"))


def _paragraph(paragraph) -> tuple[str, list]:
    parts: list[str] = []
    boxes: list = []
    _collect(paragraph, parts, boxes)
    return "".join(parts).strip(), boxes


def _blocks(container) -> Iterator:
    """Paragraphs and tables of a body, cell or text box, looking inside content controls."""
    for block in container:
        if block.tag in (f"{W}p", f"{W}tbl"):
            yield block
        elif block.tag in (f"{W}sdt", f"{W}customXml", f"{W}ins", f"{W}moveTo"):
            content = block.find(f"{W}sdtContent") if block.tag == f"{W}sdt" else block
            if content is not None:
                yield from _blocks(content)


def _cell_text(cell, texts: list[str], boxes: list) -> None:
    """Paragraphs of a table cell, tables nested in it included."""
    for block in _blocks(cell):
        if block.tag == f"{W}p":
            text, found = _paragraph(block)
            texts.append(text)
            boxes += found
        else:
            for row in block.findall(f"{W}tr"):
                for inner in row.findall(f"{W}tc"):
                    _cell_text(inner, texts, boxes)


class _Reader:
    """Numbers paragraphs, tables and text boxes as it walks a part."""

    def __init__(self) -> None:
        self.segments: list[Segment] = []
        self.paragraphs = self.tables = self.boxes = 0

    def body(self, container) -> None:
        for block in _blocks(container):
            if block.tag == f"{W}p":
                self.paragraphs += 1
                text, boxes = _paragraph(block)
                if text:
                    self.segments.append(Segment(text, f"段{self.paragraphs}"))
                self._boxes(boxes)
            else:
                self._table(block)

    def _table(self, table) -> None:
        self.tables += 1
        number = self.tables
        for r, row in enumerate(table.findall(f"{W}tr"), start=1):
            for c, cell in enumerate(row.findall(f"{W}tc"), start=1):
                texts: list[str] = []
                boxes: list = []
                _cell_text(cell, texts, boxes)
                text = "\n".join(t for t in texts if t)
                if text:
                    self.segments.append(Segment(text, f"表{number} 行{r} 列{c}"))
                self._boxes(boxes)

    def _boxes(self, boxes: list) -> None:
        for box in boxes:
            self.boxes += 1
            self.flat(box, f"文本框{self.boxes}")

    def flat(self, container, location: str) -> None:
        """Every paragraph under ``container`` as one segment each, at ``location``."""
        for p in container.iter(f"{W}p"):
            if any(a.tag in _SKIP for a in p.iterancestors()):
                continue
            parts: list[str] = []
            _collect(p, parts, [])
            text = "".join(parts).strip()
            if text:
                self.segments.append(Segment(text, location))


def _part(members: dict, name: str, path: Path):
    try:
        return parse_xml(members[name])
    except etree.XMLSyntaxError as exc:
        error = ExtractionError(_("the document is damaged inside: its part “{part}” is not "
                                  "well-formed XML").format(part=name),
                                path=path, hint=_("open it in Word and save it again"))
        raise error from exc


def read_docx(path: Path, data: Optional[bytes] = None) -> list[Segment]:
    """Segments of a .docx file (or of ``data``, the bytes of one, reported as ``path``)."""
    members = read_members(path, data, error=_error)
    if "word/document.xml" not in members:
        raise ExtractionError(_("not a Word document (no word/document.xml inside)"), path=path,
                              hint=_("send the summary as .docx, .pdf or .txt"))
    root = _part(members, "word/document.xml", path)
    reader = _Reader()
    body = root.find(f"{W}body")
    if body is not None:
        reader.body(body)
    for name, tag, label in _NOTES:
        if name in members:
            for note in _part(members, name, path).iter(f"{W}{tag}"):
                if note.get(f"{W}type") in (None, "normal"):
                    reader.flat(note, f"{label}{note.get(f'{W}id')}")
    for name in sorted(members):
        if name.startswith(("word/header", "word/footer")) and name.endswith(".xml"):
            try:
                part = parse_xml(members[name])
            except etree.XMLSyntaxError:
                continue
            reader.flat(part, "页眉" if "header" in name else "页脚")
    return reader.segments
