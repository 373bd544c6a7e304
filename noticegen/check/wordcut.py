"""Cutting text into words: jieba with the domain dictionary (used on the rubric side only)."""
from __future__ import annotations

import logging
from functools import lru_cache

from ..resources import data_path


@lru_cache(maxsize=1)
def _jieba():
    import jieba
    jieba.setLogLevel(logging.WARNING)
    jieba.load_userdict(str(data_path("corpora") / "userdict.txt"))
    return jieba


def tagged_words(text: str) -> list[tuple[str, str]]:
    """(word, part-of-speech tag) pairs of ``text``."""
    import jieba.posseg
    _jieba()
    return [(pair.word, pair.flag) for pair in jieba.posseg.lcut(text)]


def search_words(text: str) -> list[str]:
    """jieba's search-mode cut: the words of ``text`` and the shorter words inside them."""
    return list(_jieba().cut_for_search(text))
