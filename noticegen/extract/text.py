"""Plain-text summaries in UTF-8 (with or without BOM), UTF-16 or GBK/GB18030."""
from __future__ import annotations

import codecs
from pathlib import Path

from ..errors import ExtractionError
from ..i18n import _
from .segment import Segment


def decode(data: bytes) -> tuple[str, str]:
    """(text, encoding) for the bytes of a Chinese text file."""
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(encoding), encoding
    if len(data) >= 4 and data[1::2].count(0) > len(data) // 4:
        return data.decode("utf-16-le", errors="strict"), "utf-16-le"
    if len(data) >= 4 and data[0::2].count(0) > len(data) // 4:
        return data.decode("utf-16-be", errors="strict"), "utf-16-be"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError:
        pass
    raise ValueError("neither UTF-8, UTF-16 nor GBK/GB18030")


def read_text(path: Path) -> list[Segment]:
    try:
        text, _encoding = decode(path.read_bytes())
    except (ValueError, UnicodeDecodeError):
        raise ExtractionError(_("unknown text encoding"), path=path,
                              hint=_("save the file as UTF-8 (or send the Word file)")) from None
    if sum(ch < " " and ch not in "\t\r\n\f" for ch in text[:4096]) > 8:
        raise ExtractionError(_("binary data, not text"), path=path,
                              hint=_("send a .txt, .docx or .pdf"))
    segments = []
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            segments.append(Segment(line.strip(), f"行{number}"))
    return segments
