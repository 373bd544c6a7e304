"""PDF summaries through pypdf, page by page."""
from __future__ import annotations

import logging
from pathlib import Path

from pypdf import PdfReader
from pypdf.errors import DependencyError, LimitReachedError, PdfReadError

from ..errors import ExtractionError
from .base import Segment

MAX_PAGES = 500


def read_pdf(path: Path) -> list[Segment]:
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted:
            try:
                if not reader.decrypt(""):
                    raise ExtractionError("the PDF is password-protected", path=path,
                                          hint="ask the unit for an unprotected copy")
            except NotImplementedError:
                raise ExtractionError("the PDF is encrypted in a way that cannot be read",
                                      path=path, hint="ask the unit for an unprotected copy") from None
        if len(reader.pages) > MAX_PAGES:
            raise ExtractionError(f"{len(reader.pages)} pages, more than a summary has", path=path,
                                  hint="check it is the right file")
        segments = []
        for number, page in enumerate(reader.pages, start=1):
            text = page.extract_text() or ""
            if text.strip():
                segments.append(Segment(_join_lines(text), f"第{number}页"))
    except ExtractionError:
        raise
    except DependencyError:
        raise ExtractionError("the PDF is encrypted with AES, which needs the “cryptography” "
                              "package to read", path=path,
                              hint="ask the unit for an unprotected copy, or pip install "
                                   "cryptography") from None
    except LimitReachedError:
        raise ExtractionError("the PDF unpacks to far more than its size (a decompression bomb?)",
                              path=path, hint="open it in a PDF reader and print it to PDF "
                                              "again") from None
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise ExtractionError(f"the PDF is damaged or not a PDF ({type(exc).__name__})", path=path,
                              hint="open it in a PDF reader and save or print it to PDF again") from None
    if not any(s.text for s in segments):
        raise ExtractionError("the PDF has no text layer (a scan?)", path=path,
                              hint="ask for the Word file, or run OCR on the scan first")
    return segments


def _join_lines(text: str) -> str:
    """Undo the PDF's line wrapping: join lines unless one ends a sentence or paragraph."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    joined = ""
    for line in lines:
        if joined and joined[-1] not in "。！？；：”\n":
            joined += line
        else:
            joined += ("\n" if joined else "") + line
    return joined
