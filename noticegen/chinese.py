"""Chinese numerals, written dates and the display width of Chinese text."""
from __future__ import annotations

import unicodedata

_DIGITS = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
           "八": 8, "九": 9}
_YEAR_DIGITS = str.maketrans({"〇": "0", "○": "0", "零": "0", "一": "1", "二": "2", "三": "3",
                              "四": "4", "五": "5", "六": "6", "七": "7", "八": "8", "九": "9"})


def chinese_number(text: str) -> int | None:
    """Value of a Chinese numeral up to 99 (三 → 3, 十二 → 12, 二十四 → 24)."""
    if "十" in text:
        tens, _, ones = text.partition("十")
        if len(ones) > 1 or len(tens) > 1:
            return None
        return (_DIGITS.get(tens, 1) if tens else 1) * 10 + (_DIGITS.get(ones, 0) if ones else 0)
    if len(text) == 1 and text in _DIGITS:
        return _DIGITS[text]
    return None


def chinese_year(text: str) -> int:
    """二○○六 → 2006."""
    return int(text.translate(_YEAR_DIGITS))


def chinese_date(date) -> str:
    """``2026年11月14日`` (Arabic numerals, no zero padding), as GB/T 9704-2012 wants."""
    return f"{date.year}年{date.month}月{date.day}日"


def display_width(text: str) -> float:
    """Width in characters of the body font: CJK and full-width 1, others ½."""
    return sum(1.0 if unicodedata.east_asian_width(ch) in "WFA" else 0.5 for ch in text)
