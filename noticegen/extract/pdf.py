"""PDF summaries: the text layer through poppler's pdftotext (pypdf where poppler is missing),
page by page; pages without text read by OCR."""
from __future__ import annotations

import logging
import shutil
import subprocess
from pathlib import Path
from typing import Optional


from ..errors import ExtractionError
from ..i18n import _
from .segment import Segment
from .lines import page_lines, paragraphs

MAX_PAGES = 500
TIMEOUT = 60  # seconds for pdftotext


def read_pdf(path: Path) -> list[Segment]:
    pages = _pdftotext(path)
    if pages is None:
        pages = _pypdf(path)
    lines = page_lines([(line, number) for line in text.splitlines()]
                       for number, text in enumerate(pages, start=1))
    segments = [Segment(text, f"第{numbers[0]}页") for text, numbers in paragraphs(lines)]
    blank = sorted(set(range(1, len(pages) + 1)) - {number for _, number in lines})
    if blank:
        from .ocr import engine_name, ocr_pdf_pages
        if len(blank) == len(pages) or engine_name() is not None:
            segments = _by_page(segments + ocr_pdf_pages(path, blank))
    if not segments:
        raise ExtractionError(_("no text found in the PDF, not even by OCR"), path=path,
                              hint=_("ask for a sharper scan or the Word file"))
    return segments


def _by_page(segments: list[Segment]) -> list[Segment]:
    return sorted(segments, key=lambda s: int(s.location[1:].split("页")[0]))


def _pdftotext(path: Path) -> Optional[list[str]]:
    """Page texts by poppler, or None when it is missing or fails (pypdf then says why)."""
    exe = shutil.which("pdftotext")
    if not exe:
        return None
    try:
        proc = subprocess.run([exe, "-enc", "UTF-8", "-q", str(path), "-"], capture_output=True,
                              timeout=TIMEOUT, stdin=subprocess.DEVNULL)
    except (OSError, subprocess.TimeoutExpired):
        return None
    if proc.returncode != 0:
        return None
    pages = proc.stdout.decode("utf-8", "replace").split("\f")
    if pages and not pages[-1].strip():
        pages.pop()               # after the last page's form feed
    if len(pages) > MAX_PAGES:
        raise ExtractionError(_("{pages} pages, more than a summary has").format(
                                  pages=len(pages)), path=path,
                              hint=_("check it is the right file"))
    return pages


def _pypdf(path: Path) -> list[str]:
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, LimitReachedError, PdfReadError
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted:
            try:
                if not reader.decrypt(""):
                    raise ExtractionError(_("the PDF is password-protected"), path=path,
                                          hint=_("ask the unit for an unprotected copy"))
            except NotImplementedError:
                raise ExtractionError(_("the PDF is encrypted in a way that cannot be read"),
                                      path=path,
                                      hint=_("ask the unit for an unprotected copy")) from None
        if len(reader.pages) > MAX_PAGES:
            raise ExtractionError(_("{pages} pages, more than a summary has").format(
                                      pages=len(reader.pages)), path=path,
                                  hint=_("check it is the right file"))
        pages = [page.extract_text() or "" for page in reader.pages]
    except ExtractionError:
        raise
    except DependencyError:
        raise ExtractionError(_("the PDF is encrypted with AES, which needs the “cryptography” "
                                "package to read"), path=path,
                              hint=_("ask the unit for an unprotected copy, or pip install "
                                     "cryptography")) from None
    except LimitReachedError:
        raise ExtractionError(_("the PDF unpacks to far more than its size (a decompression "
                                "bomb?)"), path=path,
                              hint=_("open it in a PDF reader and print it to PDF again")) from None
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise ExtractionError(_("the PDF is damaged or not a PDF ({kind})").format(
                                  kind=type(exc).__name__), path=path,
                              hint=_("open it in a PDF reader and save or print it to PDF "
                                     "again")) from None
    return pages
