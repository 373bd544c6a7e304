"""Undo the line wrapping of a PDF or a scan: lines joined into paragraphs.

A line ends its paragraph when it ends a sentence or a clause (。！？；：”) or when it is
clearly shorter than a full line (a heading, the last line of a paragraph). Page numbers at
the top or bottom of a page are dropped so that a paragraph runs on to the next page.
"""
from __future__ import annotations

import re
from typing import Iterable, Optional, TypeVar

T = TypeVar("T")
ENDS = "。！？；：”"
SHORT = 0.8          # a line narrower than this share of a full line ends its paragraph
# the gap a typesetter leaves between Chinese and Latin letters or digits, which PDF readers
# turn into a space that the author never typed
_CJK = "\u2e80-\u9fff\uff00-\uffef"
_AUTOSPACE = re.compile(rf"(?<=[{_CJK}]) (?=[0-9A-Za-z])|(?<=[0-9A-Za-z%]) (?=[{_CJK}])")
_LATIN_WORD = re.compile(r"[0-9A-Za-z][0-9A-Za-z.,%‰:/+-]*")
_PAGE_NUMBER = re.compile(r"^[-—–－\s]*\d{1,3}[-—–－\s]*$"
                          r"|^第\s*\d{1,3}\s*页(\s*[，,/]?\s*共\s*\d{1,3}\s*页)?$")


def width(text: str) -> int:
    """Display width: two for a CJK character or full-width sign, one otherwise."""
    return sum(2 if ord(ch) >= 0x2E80 else 1 for ch in text)


def full_width(texts: list[str]) -> Optional[int]:
    """The width of a full line, when there are enough lines to tell."""
    widths = sorted(width(t) for t in texts if t.strip())
    return widths[int(len(widths) * 0.9)] if len(widths) >= 5 else None


def page_lines(pages: Iterable[list[tuple[str, T]]]) -> list[tuple[str, T]]:
    """The lines of all pages in order, without page numbers at a page's top or bottom."""
    out: list[tuple[str, T]] = []
    for lines in pages:
        lines = [(_AUTOSPACE.sub("", text.strip()), item) for text, item in lines
                 if text.strip()]
        while lines and _PAGE_NUMBER.match(lines[-1][0]):
            lines.pop()
        while lines and _PAGE_NUMBER.match(lines[0][0]):
            lines.pop(0)
        out += lines
    return out


def paragraphs(lines: list[tuple[str, T]]) -> list[tuple[str, list[T]]]:
    """(text, items) for each paragraph of ``lines`` given as (text, item) pairs."""
    lines = [(text.strip(), item) for text, item in lines if text.strip()]
    full = full_width([t for t, _ in lines])
    found: list[tuple[str, list[T]]] = []
    open_ = False                       # the last paragraph goes on to this line
    for index, (text, item) in enumerate(lines):
        if found and open_:
            found[-1] = (found[-1][0] + text, found[-1][1] + [item])
        else:
            found.append((text, [item]))
        following = lines[index + 1][0] if index + 1 < len(lines) else ""
        open_ = text[-1] not in ENDS and (full is None or _wrapped(text, following, full))
    return found


def _wrapped(text: str, following: str, full: int) -> bool:
    """Whether ``text`` was cut by the line's end: it is (nearly) full, or the next line
    starts with a word or number too long to fit after it."""
    word = _LATIN_WORD.match(following)
    return width(text) + (len(word.group()) if word else 0) >= SHORT * full
