"""What a clause asks about, derived from its own words: concepts, their weights and forms.

A clause is cut into facets (its comma-separated requirements, plus its item's title); each
facet holds concepts, the content words jieba finds in it (nouns, verbs, abbreviations …).
A concept weighs as much as it is specific (IDF over the background corpus, less when many
clauses of the rubric share it, little when it is a generic word) and is recognised by its
forms: the word, its synonyms (domain set or 词林) and, for long compounds, their parts.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicon import Lexicon
from .normalize import normalize
from .wordcut import tagged_words

# part-of-speech tags (jieba/ICTCLAS) of words that can name what a requirement is about
_CONTENT_TAGS = ("n", "v", "vn", "an", "a", "l", "i", "j", "nz", "eng", "m", "nt", "ns", "s")
_SKIP_TAGS = ("ad", "d", "p", "c", "u", "r", "q", "f", "vd")
_FACETS = re.compile(r"[，；。：,;:]")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_NUMBER_ONLY = re.compile(r"^[\d.%]+$")

SYNONYM_DOMAIN, SYNONYM_GENERAL, PART = 0.85, 0.7, 0.6   # how much a form counts
GENERIC_WEIGHT = 0.25


@dataclass(frozen=True)
class Concept:
    """One thing a clause names, with the strings that show it and how much they count."""

    word: str
    weight: float
    forms: tuple[tuple[str, float], ...]     # (string, factor)


@dataclass(frozen=True)
class Profile:
    """A clause as the general matcher sees it."""

    clause_id: str
    facets: tuple[tuple[int, ...], ...]      # concept indices per facet
    concepts: tuple[Concept, ...]
    commitments: bool = False                # the clause asks for the commitment figures
    targets: tuple["Target", ...] = ()       # rates the clause sets (满意率达到95%以上)
    forbidden: tuple[str, ...] = ()          # what must not happen (不发生违纪行为: 违纪)


@dataclass(frozen=True)
class Target:
    """A rate a clause sets: ``name`` (满意率) at least, or at most, ``value`` per cent."""

    name: str
    value: float
    at_most: bool = False

    def missed_in(self, text: str) -> bool:
        """Whether ``text`` reports this rate short of the target (满意率只有92%)."""
        for name in dict.fromkeys((self.name, self.name[-3:])):
            for match in re.finditer(re.escape(name) + _REPORTED, text):
                value = float(match.group(1))
                if value > self.value if self.at_most else value < self.value:
                    return True
        return False


def _words(text: str, lexicon: Lexicon) -> list[str]:
    words = []
    for word, tag in tagged_words(text):
        if len(word) < 2 or not (_CJK.search(word) or word.isdigit() and len(word) >= 4):
            continue
        if _NUMBER_ONLY.match(word) and len(word) < 4 or tag.startswith(_SKIP_TAGS):
            continue
        if tag.startswith(_CONTENT_TAGS) or word in lexicon.domain:
            words.append(word)
    return words


def _parts(word: str, lexicon: Lexicon) -> list[str]:
    """Words inside a long compound (行风监督员 → 行风, 监督员) that are not generic."""
    if len(word) < 4:
        return []
    from .wordcut import search_words
    return [p for p in search_words(word) if 2 <= len(p) < len(word) and p not in lexicon.generic]


def _concept(word: str, lexicon: Lexicon, share: int) -> Concept:
    weight = lexicon.idf(word) / (1.0 + 0.5 * (share - 1))
    if word in lexicon.generic:
        weight *= GENERIC_WEIGHT
    forms = {word: 1.0}
    domain, general = lexicon.synonyms(word)
    for synonym in domain:
        forms.setdefault(synonym, SYNONYM_DOMAIN)
    for synonym in general:
        forms.setdefault(synonym, SYNONYM_GENERAL)
    for part in _parts(word, lexicon):   # a part says no more than the part itself does
        forms.setdefault(part, round(PART * min(1.0, lexicon.idf(part) / lexicon.idf(word)), 4))
    return Concept(word, round(weight, 4), tuple(sorted(forms.items())))


_TARGET = re.compile(r"([\u4e00-\u9fff]{1,6}率)(要|应|须|必须)?(达到|不低于|不少于|保持|在|"
                     r"不超过|不高于|低于|控制在)?\s*(\d+(?:\.\d+)?)\s*[%％]\s*(及?以上|以下|以内)?")
_REPORTED = r"[^\d，。；\n]{0,8}?(\d+(?:\.\d+)?)\s*[%％]"
_AT_MOST = ("不超过", "不高于", "低于", "控制在", "以下", "以内")


def clause_targets(text: str) -> tuple[Target, ...]:
    """The rates a clause text sets, as targets a reported figure can miss."""
    return tuple(Target(m.group(1), float(m.group(4)),
                        (m.group(3) or "") in _AT_MOST or (m.group(5) or "") in _AT_MOST)
                 for m in _TARGET.finditer(text))


_FORBIDS = re.compile(r"(?:不发生|不出现|杜绝|严禁|防止|避免|不得有)([^，。；：（]{2,40})")
_KIND_OF_THING = re.compile(r"(行为|问题|现象|情况|事件|事故|发生)$")
_COUNT = r"([\d一二两三四五六七八九十]+)\s*(?:起|次|件|例|张|名|人次|处)"
OCCURRED = re.compile(r"(?:发生|出现|查处|查实|查出|有|共)了?\s*" + _COUNT)   # 发生2起…
_COUNTED_AFTER = re.compile(r"\s*" + _COUNT)                                  # 违纪3起


def clause_forbidden(text: str) -> tuple[str, ...]:
    """What a clause says must not happen (不发生业务差错、违纪行为 → 业务差错, 违纪): a
    summary reporting it happened tells a shortfall."""
    words: set[str] = set()
    for found in _FORBIDS.finditer(text):
        for item in re.split(r"[、和及与或]|以及", found.group(1)):
            core = _KIND_OF_THING.sub("", re.sub(r"[“”\"'《》]", "", item.strip()))
            if 2 <= len(core) <= 8 and _CJK.search(core):
                words.add(core)
    return tuple(sorted(words))


def tells_occurrence(text: str, forbidden: tuple[str, ...]) -> bool:
    """Whether ``text`` reports that one of ``forbidden`` happened, with a count above zero
    in the part naming it (全年查处农电工违纪3起, 发生2起习惯性违章)."""
    for part in re.split(r"[，；。]", text):
        named = [part.find(word) + len(word) for word in forbidden if word in part]
        if not named:
            continue
        counts = [*OCCURRED.finditer(part), *(_COUNTED_AFTER.match(part, at) for at in named)]
        if any(count and count.group(1).strip("0零") for count in counts):
            return True
    return False


_COMMITMENT_TABLE = re.compile(r"情况表|兑现表|附件\s*[3三]|附[三3]|兑现.{0,8}(标准|指标)|(标准|指标).{0,8}兑现")


def is_commitment_clause(text: str) -> bool:
    """A clause that asks for the figures of the commitment table (附件3) to be met."""
    return bool(_COMMITMENT_TABLE.search(text))


def build_profiles(clauses, lexicon: Lexicon) -> list[Profile]:
    """Profiles of ``clauses`` (objects with id, text and item_title), one per clause."""
    cut = []
    for clause in clauses:
        text = normalize(clause.text)
        facets = [_words(piece, lexicon) for piece in _FACETS.split(text) if piece.strip()]
        title = _words(normalize(clause.item_title), lexicon) if clause.item_title else []
        cut.append((clause, text, [f for f in facets if f] + ([title] if title else [])))
    share: dict[str, int] = {}
    for _, _, facets in cut:
        for word in {w for facet in facets for w in facet}:
            share[word] = share.get(word, 0) + 1
    profiles = []
    for clause, text, facets in cut:
        concepts: list[Concept] = []
        index: dict[str, int] = {}
        facet_indices = []
        for facet in facets:
            ids = []
            for word in facet:
                if word not in index:
                    index[word] = len(concepts)
                    concepts.append(_concept(word, lexicon, share[word]))
                ids.append(index[word])
            facet_indices.append(tuple(dict.fromkeys(ids)))
        profiles.append(Profile(clause.id, tuple(facet_indices), tuple(concepts),
                                is_commitment_clause(text), clause_targets(text),
                                clause_forbidden(text)))
    return profiles
