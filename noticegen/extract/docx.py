"""Word summaries: body paragraphs and table cells in order, then headers and footers."""
from __future__ import annotations

from pathlib import Path

from lxml import etree

from ..errors import ExtractionError
from ..safezip import parse_xml, read_members
from .base import Segment

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _error(message: str) -> ExtractionError:
    return ExtractionError(message, hint="open it in Word and save it again as .docx")


def _paragraph_text(paragraph) -> str:
    parts = []
    for node in paragraph.iter(f"{W}t", f"{W}tab", f"{W}br"):
        parts.append(node.text or "" if node.tag == f"{W}t" else " ")
    return "".join(parts).strip()


def read_docx(path: Path) -> list[Segment]:
    members = read_members(path, error=_error)
    if "word/document.xml" not in members:
        raise ExtractionError("not a Word document (no word/document.xml inside)", path=path,
                              hint="send the summary as .docx, .pdf or .txt")
    try:
        root = parse_xml(members["word/document.xml"])
    except etree.XMLSyntaxError as exc:
        raise ExtractionError(f"the document's XML is damaged ({exc})", path=path,
                              hint="open it in Word and save it again") from None
    body = root.find(f"{W}body")
    segments: list[Segment] = []
    paragraph_no, table_no = 0, 0
    for block in (body if body is not None else []):
        if block.tag == f"{W}p":
            paragraph_no += 1
            text = _paragraph_text(block)
            if text:
                segments.append(Segment(text, f"段{paragraph_no}"))
        elif block.tag == f"{W}tbl":
            table_no += 1
            for r, row in enumerate(block.iter(f"{W}tr"), start=1):
                for c, cell in enumerate(row.findall(f"{W}tc"), start=1):
                    text = "\n".join(t for t in (_paragraph_text(p) for p in cell.iter(f"{W}p")) if t)
                    if text:
                        segments.append(Segment(text, f"表{table_no} 行{r} 列{c}"))
    for name in sorted(members):
        if name.startswith(("word/header", "word/footer")) and name.endswith(".xml"):
            try:
                part = parse_xml(members[name])
            except etree.XMLSyntaxError:
                continue
            kind = "页眉" if "header" in name else "页脚"
            for p in part.iter(f"{W}p"):
                text = _paragraph_text(p)
                if text:
                    segments.append(Segment(text, kind))
    return segments
