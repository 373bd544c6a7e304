"""Normalise summary text for matching: one form for every way a unit may have typed it.

NFKC (full-width digits and letters), traditional → simplified (OpenCC), website-converter
artefacts such as ``服務(wù)`` removed, thousands separators dropped, Chinese numerals
before counting units turned into digits (铃响三声 → 铃响3声), and punctuation in its
Chinese full-width form. Evidence is always quoted from the original text, not this form.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from ..chinese import chinese_number

_PINYIN = re.compile(r"(?<=[\u4e00-\u9fff])\([a-zü\u0101-\u01dc\u00e0-\u00fc]{1,7}\)")
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")
_PUNCT = str.maketrans({",": "，", ";": "；", ":": "：", "(": "（", ")": "）", "!": "！",
                        "?": "？", "〇": "○"})
_QUOTED = re.compile(r'"([^"\n]{0,40})"')
_NUMERAL = re.compile(r"([零一二两三四五六七八九十]{1,3})(?=(声|次|户|件|名|天|小时|分钟|个工作日|个百分点|台|座|面|封|场|遍|年来))")


@lru_cache(maxsize=1)
def _converter():
    import opencc
    return opencc.OpenCC("t2s")


def _numeral(match: re.Match) -> str:
    value = chinese_number(match.group(1))
    return str(value) if value is not None else match.group(1)


@lru_cache(maxsize=1)
def _artefacts() -> tuple[re.Pattern, dict]:
    from ..resources import data_path, load_data_file
    table = {str(k): str(v) for k, v in (load_data_file(data_path("corpora") / "artefacts.yaml") or {}).items()}
    pattern = re.compile("|".join(re.escape(k) for k in sorted(table, key=len, reverse=True)) or "(?!)")
    return pattern, table


def to_simplified(text: str) -> str:
    text = _converter().convert(text)
    pattern, table = _artefacts()
    return pattern.sub(lambda m: table[m.group(0)], text)


def normalize(text: str) -> str:
    """The matching form of ``text`` (see module docstring)."""
    text = unicodedata.normalize("NFKC", text)
    text = _PINYIN.sub("", text)
    text = to_simplified(text)
    text = _THOUSANDS.sub("", text)
    text = _QUOTED.sub(r"“\1”", text)
    text = text.translate(_PUNCT)
    return _NUMERAL.sub(_numeral, text)
