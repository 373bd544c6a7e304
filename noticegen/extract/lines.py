"""Undo line wrapping of a PDF or a scan: lines joined into paragraphs."""
from __future__ import annotations

from typing import Iterable, TypeVar

T = TypeVar("T")
ENDS = "。！？；：”\n"   # a line ending in one of these ends its paragraph


def paragraphs(lines: Iterable[tuple[str, T]]) -> list[tuple[str, list[T]]]:
    """(text, items) for each paragraph of ``lines`` given as (text, item) pairs."""
    found: list[tuple[str, list[T]]] = []
    for text, item in lines:
        text = text.strip()
        if not text:
            continue
        if found and found[-1][0][-1] not in ENDS:
            found[-1] = (found[-1][0] + text, found[-1][1] + [item])
        else:
            found.append((text, [item]))
    return found
