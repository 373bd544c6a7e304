"""Judge each clause against a summary's sentences: covered, partial, negated or missing."""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import Optional

from rapidfuzz import fuzz

from ..model import Clause
from .metrics import MetricResult
from .rules import ClauseRule, Rules
from .sentences import Sentence

COVERED, PARTIAL, NEGATED, MISSING = "covered", "partial", "negated", "missing"
_QUOTED = re.compile(r"“[^”]{0,40}”")


@dataclass(frozen=True)
class ClauseResult:
    """The verdict on one clause, with the sentence that supports it."""

    id: str
    status: str
    score: float
    evidence: Optional[str] = None
    location: Optional[str] = None


def is_negated(sentence: Sentence, rules: Rules) -> bool:
    """True when the sentence says something was not done or fell short."""
    text = _QUOTED.sub("", rules.not_negation.sub("", sentence.text))  # quoted: others' words
    return bool(rules.negation.search(text))


def counts(sentence: Sentence, rules: Rules) -> bool:
    """Headings and stated intentions (plans) are not reports of work done."""
    return not sentence.heading and not sentence.in_plan and not rules.plan.search(sentence.text)


def _full_match(rule: ClauseRule, text: str) -> bool:
    if rule.exclude is not None and rule.exclude.search(text):
        return False
    if rule.keywords:
        return sum(1 for w in rule.keywords if w in text) >= rule.needed
    return any(all(p.search(text) for p in alt) for alt in rule.alternatives)


def _near_match(rule: ClauseRule, text: str) -> bool:
    """All but one concept of an alternative with three or more, or half the key words."""
    if rule.exclude is not None and rule.exclude.search(text):
        return False
    if rule.keywords:
        return rule.needed > 1 and sum(1 for w in rule.keywords if w in text) >= rule.needed - 1 > 0
    return any(len(alt) >= 3 and sum(1 for p in alt if p.search(text)) == len(alt) - 1
               for alt in rule.alternatives)


class Text:
    """A summary's sentences joined once, to find candidate sentences with one regex pass."""

    def __init__(self, sentences: list[Sentence]) -> None:
        self.sentences = sentences
        self.joined = "\n".join(s.text for s in sentences)
        self.starts, position = [], 0
        for sentence in sentences:
            self.starts.append(position)
            position += len(sentence.text) + 1

    def candidates(self, anchors: list[re.Pattern]) -> list[Sentence]:
        """Sentences in which any of the patterns occurs, in text order."""
        starts, joined = self.starts, self.joined
        indices = sorted({bisect_right(starts, m.start()) - 1
                          for anchor in anchors for m in anchor.finditer(joined)})
        return [self.sentences[i] for i in indices]


def judge_clause(clause: Clause, rule: ClauseRule, text: Text, rules: Rules,
                 metrics: list[MetricResult]) -> ClauseResult:
    hits = [s for s in text.candidates(rule.anchor) if counts(s, rules) and _full_match(rule, s.text)]
    positive = [s for s in hits if not is_negated(s, rules)]
    if rule.commitments and metrics:
        passing = [m for m in metrics if m.meets_standard]
        if passing:
            return _result(clause, COVERED, passing[0].sentence)
        if not positive:
            return _result(clause, NEGATED, metrics[0].sentence)
    if positive:
        return _result(clause, COVERED, _best(clause, positive))
    if hits:
        return _result(clause, NEGATED, _best(clause, hits))
    near = [s for s in text.candidates(rule.near_anchor)
            if counts(s, rules) and _near_match(rule, s.text)]
    if near:
        return _result(clause, PARTIAL, _best(clause, near), weight=0.5)
    return ClauseResult(clause.id, MISSING, 0.0)


def _best(clause: Clause, candidates: list[Sentence]) -> Sentence:
    """The candidate closest to the clause's wording (rapidfuzz), earliest on ties."""
    return max(candidates, key=lambda s: (fuzz.partial_ratio(s.text, clause.text), -s.index))


def _result(clause: Clause, status: str, sentence: Sentence, weight: float = 1.0) -> ClauseResult:
    similarity = fuzz.token_set_ratio(sentence.text, clause.text) / 100
    score = round(weight * (0.5 + 0.5 * similarity), 2)
    return ClauseResult(clause.id, status, score, sentence.original, sentence.location)
