"""Read summaries (.docx, .doc/.wps/.rtf, .pdf, scans, .txt/.md) into text segments with their
locations."""
from .base import SUPPORTED, Segment, extract

__all__ = ["SUPPORTED", "Segment", "extract"]
