"""Read summaries (.docx, .pdf, .txt/.md) into text segments with their locations."""
from .base import Segment, extract

__all__ = ["Segment", "extract"]
