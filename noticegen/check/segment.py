"""jieba word segmentation with the domain dictionary (used on the rubric side only)."""
from __future__ import annotations

import logging
import re
from functools import lru_cache

from ..resources import data_path

_CJK = re.compile(r"[\u4e00-\u9fff0-9]")


@lru_cache(maxsize=1)
def _jieba():
    import jieba
    jieba.setLogLevel(logging.WARNING)
    jieba.load_userdict(str(data_path("corpora") / "userdict.txt"))
    return jieba


def content_words(text: str) -> list[str]:
    """Distinct words of two or more characters, in order of appearance."""
    words = []
    for word in _jieba().lcut(text):
        if len(word) >= 2 and _CJK.search(word) and word not in words:
            words.append(word)
    return words


def tagged_words(text: str) -> list[tuple[str, str]]:
    """(word, part-of-speech tag) pairs of ``text``."""
    import jieba.posseg
    _jieba()
    return [(pair.word, pair.flag) for pair in jieba.posseg.lcut(text)]


def search_words(text: str) -> list[str]:
    """jieba's search-mode cut: the words of ``text`` and the shorter words inside them."""
    return list(_jieba().cut_for_search(text))
