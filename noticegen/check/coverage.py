"""Judge each clause against a summary's sentences: covered, partial, negated or missing."""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import Optional

from rapidfuzz import fuzz

from ..model import Clause
from .calibration import bundled_calibration
from .general import COVERED_AT, NEGATED_AT, PARTIAL_AT
from .metrics import MetricResult
from .rules import ClauseRule, Rules
from .sentences import Sentence
from .status import DecidedBy, Verdict

COVERED, PARTIAL, NEGATED, MISSING = Verdict
_QUOTED = re.compile(r"“[^”]{0,40}”")


# what decided a verdict
BY_GENERAL, BY_CUES, BY_FIGURES = DecidedBy


@dataclass(frozen=True)
class ClauseResult:
    """The verdict on one clause, with the sentence that supports it.

    ``confidence`` (0‥1) is how closely the evidence fits the clause: the share of the
    clause's weighted concepts it shows (general matcher), or its likeness to the clause
    text (cue phrases). It is not a number of points.
    """

    id: str
    status: Verdict
    confidence: float
    evidence: Optional[str] = None
    location: Optional[str] = None
    source: DecidedBy = BY_GENERAL


def is_negated(sentence: Sentence, rules: Rules) -> bool:
    """True when the sentence says something was not done or fell short (quoted words are
    others', not the unit's)."""
    return _negation_in(sentence.text, rules)


def counts(sentence: Sentence, rules: Rules) -> bool:
    """Headings and stated intentions (plans) are not reports of work done."""
    return not sentence.heading and not sentence.in_plan and not rules.plan.search(sentence.text)


def _full_match(rule: ClauseRule, text: str) -> bool:
    if rule.exclude is not None and rule.exclude.search(text):
        return False
    return any(all(p.search(text) for p in alt) for alt in rule.alternatives)


def _near_match(rule: ClauseRule, text: str) -> bool:
    """All but one concept of an alternative with three or more."""
    if rule.exclude is not None and rule.exclude.search(text):
        return False
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


def judge_cues(clause: Clause, rule: ClauseRule, text: Text, rules: Rules) -> ClauseResult:
    """The verdict of a clause's cue phrases."""
    hits = [s for s in text.candidates(rule.anchor) if counts(s, rules) and _full_match(rule, s.text)]
    positive = [s for s in hits if not is_negated(s, rules)]
    if positive:
        return _result(clause, COVERED, _best(clause, positive))
    if hits:
        return _result(clause, NEGATED, _best(clause, hits))
    near = [s for s in text.candidates(rule.near_anchor)
            if counts(s, rules) and _near_match(rule, s.text)]
    if near:
        return _result(clause, PARTIAL, _best(clause, near), weight=0.5)
    return ClauseResult(clause.id, MISSING, 0.0, source=BY_CUES)


def judge_figures(clause: Clause, metrics: list[MetricResult]) -> Optional[ClauseResult]:
    """A commitment clause judged by the figures reported: one meeting its standard covers
    it, all of them short of it is a shortfall."""
    if not metrics:
        return None
    passing = [m for m in metrics if m.meets_standard]
    chosen = passing[0] if passing else metrics[0]
    return ClauseResult(clause.id, COVERED if passing else NEGATED, 1.0, chosen.sentence.original,
                        chosen.sentence.location, BY_FIGURES)


def judge_general(clause: Clause, match, sentences: list[Sentence]) -> ClauseResult:
    """The general matcher's verdict from the clause's best place in the summary."""
    if match is None:
        return ClauseResult(clause.id, MISSING, 0.0)
    calibration = bundled_calibration()
    if calibration is not None:
        confidence = round(calibration.probability(match.features()), 3)
        if match.negated and match.eligible and match.score >= NEGATED_AT:
            status = NEGATED        # a stated shortfall needs no more than the clause's words
        elif confidence < calibration.partial_at:
            return ClauseResult(clause.id, MISSING, confidence)
        else:
            status = PARTIAL if confidence < calibration.covered_at else \
                NEGATED if match.negated else COVERED
    else:
        confidence = match.score
        if not match.eligible or match.score < PARTIAL_AT:
            return ClauseResult(clause.id, MISSING, match.score)
        status = PARTIAL
        if match.negated and match.score >= NEGATED_AT:
            status = NEGATED
        elif not match.negated and match.score >= COVERED_AT:
            status = COVERED
    quoted = [sentences[i] for i in match.sentences]
    return ClauseResult(clause.id, status, confidence, "".join(s.original for s in quoted),
                        quoted[0].location)


def general_matches(rules: Rules, text: Text, metrics: list[MetricResult]) -> dict:
    """The general matcher's best place for each clause (by profile index) in ``text``;
    sentences that report commitment figures are evidence for the commitment clause only."""
    sentences = text.sentences
    figures = {m.sentence.index for m in metrics}
    usable = [counts(s, rules) and s.index not in figures for s in sentences]
    return rules.general.best_matches(
        [s.text for s in sentences], usable, [not s.in_plan for s in sentences], text.joined,
        text.starts, lambda span: _negation_in(span, rules), [s.in_problems for s in sentences])


def judge_summary(clauses: list[Clause], rules: Rules, text: Text,
                  metrics: list[MetricResult]) -> list[ClauseResult]:
    """Verdicts on ``clauses``: figures for commitment clauses, cue phrases where the campaign
    has them, the general matcher for every other clause."""
    general = rules.general
    sentences = text.sentences
    judged_otherwise = all(c.id in rules.clauses for c in clauses)   # cue phrases for all
    matches = {} if judged_otherwise else general_matches(rules, text, metrics)
    results = []
    for clause in clauses:
        index = general.index[clause.id]
        cue = rules.clauses.get(clause.id)
        commitments = (cue.commitments if cue else False) or general.profiles[index].commitments
        verdict = judge_figures(clause, metrics) if commitments else None
        if verdict is None and cue is not None:
            verdict = judge_cues(clause, cue, text, rules)
        if verdict is None:
            verdict = judge_general(clause, matches.get(index), sentences)
        results.append(verdict)
    return results


def _negation_in(span: str, rules: Rules) -> bool:
    span = _QUOTED.sub("", rules.not_negation.sub("", span))
    return bool(rules.negation.search(span))


def _best(clause: Clause, candidates: list[Sentence]) -> Sentence:
    """The candidate closest to the clause's wording (rapidfuzz), earliest on ties."""
    return max(candidates, key=lambda s: (fuzz.partial_ratio(s.text, clause.text), -s.index))


def _result(clause: Clause, status: str, sentence: Sentence, weight: float = 1.0) -> ClauseResult:
    similarity = fuzz.token_set_ratio(sentence.text, clause.text) / 100
    confidence = round(weight * (0.5 + 0.5 * similarity), 2)
    return ClauseResult(clause.id, status, confidence, sentence.original, sentence.location,
                        BY_CUES)
