"""Small formatting helpers shared by the reports: points and shortened clause texts."""
from __future__ import annotations


def points_text(points: float) -> str:
    """``18.5``, ``37`` (no trailing zeros)."""
    return f"{points:g}"


def short_text(text: str, length: int = 16) -> str:
    """The start of ``text``: at most ``length`` characters, ``…`` when cut."""
    text = " ".join(text.split())
    return text if len(text) <= length else text[:length - 1] + "…"
