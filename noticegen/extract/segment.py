"""The unit of extracted text every reader returns."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Segment:
    """A piece of text and where it stands: ``段12``, ``第2页``, ``第2页（识别）`` or ``表1 行3 列2``.

    ``note`` says what a reader should know about the text, e.g. that OCR was unsure of it.
    """

    text: str
    location: str
    note: str = ""
