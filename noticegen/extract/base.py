"""Dispatch a summary file to its reader (imported when needed); common limits."""
from __future__ import annotations

from pathlib import Path

from ..errors import ExtractionError
from ..i18n import _
from .segment import Segment

MAX_FILE_BYTES = 20 * 1024 * 1024
WORD = (".docx",)
OFFICE = (".doc", ".wps", ".rtf")          # through LibreOffice
PDF = (".pdf",)
IMAGES = (".jpg", ".jpeg", ".png", ".tif", ".tiff")   # through OCR
TEXT = (".txt", ".md")
SUPPORTED = WORD + OFFICE + PDF + IMAGES + TEXT


def extract(path: Path) -> list[Segment]:
    """The text of a summary; raise ExtractionError with a reason a person can act on."""
    path = Path(path)
    suffix = path.suffix.lower()
    if not path.is_file():
        raise ExtractionError(_("file not found") if not path.exists() else
                              _("not a regular file (a device, a pipe or a folder)"), path=path,
                              hint=_("check the path"))
    if suffix not in SUPPORTED:
        raise ExtractionError(_("unsupported file type “{suffix}”").format(
                                  suffix=suffix or _("none")), path=path,
                              hint=_("send the summary as .docx, .doc, .wps, .rtf, .pdf, "
                                     ".txt or a scan (.jpg, .png, .tif)"))
    try:
        size = path.stat().st_size
        with path.open("rb"):  # an unreadable file is a permission problem, not damage
            pass
    except OSError as exc:
        raise ExtractionError(_("cannot read the file: {reason}").format(reason=exc.strerror),
                              path=path, hint=_("check the path and permissions")) from None
    if size == 0:
        raise ExtractionError(_("the file is empty"), path=path,
                              hint=_("ask the unit to send it again"))
    if size > MAX_FILE_BYTES:
        raise ExtractionError(_("the file is {size:.0f} MB, more than a summary can be "
                                "({limit} MB at most)").format(
                                  size=size / 2**20, limit=MAX_FILE_BYTES // 2**20), path=path,
                              hint=_("check it is the right file; compress its pictures"))
    segments = _reader(suffix)(path)
    if not any(s.text.strip() for s in segments):
        raise ExtractionError(_("no text found in the file"), path=path,
                              hint=_("ask the unit for the Word file"))
    return segments


def _reader(suffix: str):
    if suffix in WORD:
        from .docx import read_docx
        return read_docx
    if suffix in OFFICE:
        from .office import read_office
        return read_office
    if suffix in PDF:
        from .pdf import read_pdf
        return read_pdf
    if suffix in IMAGES:
        from .ocr import read_image
        return read_image
    from .text import read_text
    return read_text
