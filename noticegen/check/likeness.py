"""How alike a place and a clause read, pair by pair of characters.

The concepts of the general matcher tell whether a place shows a clause's words; this tells
how much of the place is about them. Both texts become character-bigram vectors weighted by
how rare each bigram is in ``corpora/background.txt`` (IDF over its lines). A sentence that
uses two of a clause's words while talking about something else (“用电检查班实行24小时值班，
受理窃电举报” against 24小时抢修值班) shares few of its bigrams with the clause.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from functools import lru_cache

from ..resources import data_path

_HAN_RUN = re.compile(r"[\u4e00-\u9fff]{2,}")

Vector = dict[str, float]


def bigrams(text: str) -> Counter:
    """The pairs of neighbouring Chinese characters in ``text``, counted."""
    found: Counter = Counter()
    for run in _HAN_RUN.findall(text):
        found.update(run[i:i + 2] for i in range(len(run) - 1))
    return found


@lru_cache(maxsize=1)
def _rarity() -> tuple[dict[str, float], float]:
    """IDF of every bigram of the background lines, and that of a bigram they lack."""
    lines = [line for line in (data_path("corpora") / "background.txt").read_text(
        encoding="utf-8").splitlines() if line.strip()]
    frequencies: Counter = Counter()
    for line in lines:
        frequencies.update(set(bigrams(line)))
    count = len(lines)
    return ({gram: math.log((count + 1) / (df + 1)) + 1.0 for gram, df in frequencies.items()},
            math.log(count + 1) + 1.0)


@lru_cache(maxsize=512)
def vector(text: str) -> Vector:
    """The text's bigrams, each weighted (1 + log count) × IDF (the same text, one vector)."""
    rarity, unseen = _rarity()
    return {gram: (1.0 + math.log(count)) * rarity.get(gram, unseen)
            for gram, count in bigrams(text).items()}


def likeness(place: Vector, clause: Vector) -> tuple[float, float]:
    """(cosine of the two vectors, the share of the place's weight that the clause shares)."""
    place_norm = math.sqrt(sum(v * v for v in place.values()))
    clause_norm = math.sqrt(sum(v * v for v in clause.values()))
    if not place_norm or not clause_norm:
        return 0.0, 0.0
    shared = [(v, clause[gram]) for gram, v in place.items() if gram in clause]
    cosine = sum(a * b for a, b in shared) / (place_norm * clause_norm)
    return round(cosine, 4), round(sum(a for a, _ in shared) / sum(place.values()), 4)
