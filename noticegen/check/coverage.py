"""Judge each clause against a summary's sentences: covered, partial, negated or missing."""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import Optional

from rapidfuzz import fuzz

from ..model import Clause
from .calibration import Calibration
from .concepts import OCCURRED
from .general import COVERED_AT, NEGATED_AT, PARTIAL_AT
from .figures import FigureResult
from .likeness import likeness, vector
from .rules import ClauseRule, Rules
from .sentences import Sentence
from .status import DecidedBy, Verdict

COVERED, PARTIAL, NEGATED, MISSING = Verdict.COVERED, Verdict.PARTIAL, Verdict.NEGATED, Verdict.MISSING
CUE_SHORTFALL_SHARE = 0.8  # of the covered confidence, for a shortfall beside cue phrases
SHORTFALL_MARGIN = 0.1    # a shortfall outweighs a report of the work when this much likelier
_QUOTED = re.compile(r"“[^”]{0,40}”")


# what decided a verdict
BY_GENERAL, BY_CUES, BY_FIGURES = DecidedBy.GENERAL, DecidedBy.CUES, DecidedBy.FIGURES


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


class CueRule:
    """A clause's cue phrases, the optional layer a campaign may add: every concept of an
    alternative in one sentence is a full match (covered, or a shortfall when the sentence
    says the work fell short); all but one concept of an alternative of three or more is a
    near match (partial)."""

    def __init__(self, rule: ClauseRule, rules: Rules) -> None:
        self.rule = rule
        self.rules = rules

    def full_match(self, text: str) -> bool:
        rule = self.rule
        if rule.exclude is not None and rule.exclude.search(text):
            return False
        return any(all(p.search(text) for p in alt) for alt in rule.alternatives)

    def near_match(self, text: str) -> bool:
        rule = self.rule
        if rule.exclude is not None and rule.exclude.search(text):
            return False
        return any(len(alt) >= 3 and sum(1 for p in alt if p.search(text)) == len(alt) - 1
                   for alt in rule.alternatives)

    def judge(self, clause: Clause, text: Text) -> ClauseResult:
        rules = self.rules
        hits = [s for s in text.candidates(self.rule.anchor)
                if counts(s, rules) and self.full_match(s.text)]
        positive = [s for s in hits if not is_negated(s, rules)]
        if positive:
            return _result(clause, COVERED, _best(clause, positive))
        if hits:
            return _result(clause, NEGATED, _best(clause, hits))
        near = [s for s in text.candidates(self.rule.near_anchor)
                if counts(s, rules) and self.near_match(s.text)]
        if near:
            return _result(clause, PARTIAL, _best(clause, near), weight=0.5)
        return ClauseResult(clause.id, MISSING, 0.0, source=BY_CUES)


class FigureRule:
    """A commitment clause, judged by the figures reported: one meeting its standard covers
    it, all of them short of it is a shortfall."""

    @staticmethod
    def judge(clause: Clause, figures: list[FigureResult]) -> Optional[ClauseResult]:
        if not figures:
            return None
        passing = [m for m in figures if m.meets_standard]
        chosen = passing[0] if passing else figures[0]
        return ClauseResult(clause.id, COVERED if passing else NEGATED, 1.0,
                            chosen.sentence.original, chosen.sentence.location, BY_FIGURES)


class GeneralRule:
    """The general matcher, for every clause without cue phrases: it finds each clause's
    best place in a summary (full or near match, shortfall judged on the matched part; see
    general.py) and the calibration turns what the place shows into a verdict."""

    def __init__(self, rules: Rules, calibration: Optional[Calibration]) -> None:
        self.rules = rules
        self.matcher = rules.general
        self.calibration = calibration
        self._clause_vectors: dict[str, dict[str, float]] = {}
        # what a shortfall needs to add to silent cue phrases: nearly a covered verdict's confidence
        self.sure_of_shortfall = CUE_SHORTFALL_SHARE * (
            calibration.covered_at if calibration else COVERED_AT)

    def features(self, clause: Clause, match, sentences: list[Sentence]) -> list[float]:
        """What the calibration weighs (FEATURES): what the place shows of the clause's
        concepts, how alike the place and the clause read, and whether the place names the
        campaign's subject as the clause does."""
        clause_vector = self._clause_vectors.get(clause.id)
        if clause_vector is None:
            clause_vector = self._clause_vectors[clause.id] = vector(clause.text)
        place = "".join(sentences[i].text for i in match.sentences)
        return match.features() + list(likeness(vector(place), clause_vector)) + [
            self.matcher.names_subject(self.matcher.index[clause.id], place)]

    def places(self, text: Text, shortfalls_only: bool = False) -> dict:
        """The best place for each clause (by profile index) in ``text``. A sentence that
        reports a commitment figure can be a place too: a campaign's clauses often ask for
        the same work its table counts (发稿, 培训). With ``shortfalls_only``, only sentences
        that say something fell short, or that something happened, are places."""
        rules, sentences = self.rules, text.sentences
        usable = [counts(s, rules)
                  and (not shortfalls_only or s.in_problems or is_negated(s, rules)
                       or OCCURRED.search(s.text))       # 发生2起…: what a clause forbids?
                  for s in sentences]
        joinable = [not s.in_plan and (usable[s.index] or not shortfalls_only) for s in sentences]
        return self.matcher.best_matches(
            [s.text for s in sentences], usable, joinable,
            text.joined, text.starts, lambda span: _negation_in(span, rules),
            [s.in_problems for s in sentences])

    def judge(self, clause: Clause, match, sentences: list[Sentence]) -> ClauseResult:
        """The verdict from the clause's best place (None: no place at all)."""
        if match is None:
            return ClauseResult(clause.id, MISSING, 0.0)
        calibration = self.calibration
        if calibration is not None:
            def likelihood(place) -> float:
                return calibration.probability(self.features(clause, place, sentences))

            confidence = round(likelihood(match), 3)
            short = likelihood(match.shortfall) if match.shortfall is not None else None
            if match.negated and match.eligible and match.score >= NEGATED_AT:
                status = NEGATED    # a stated shortfall needs no more than the clause's words
            elif short is not None and (confidence < calibration.covered_at
                                        or short > confidence + SHORTFALL_MARGIN):
                # no convincing report of the work itself, but a place that says it fell short
                match, status, confidence = match.shortfall, NEGATED, round(short, 3)
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


class ClauseJudges:
    """The rules of a campaign's clauses, compiled once: figures for commitment clauses, cue
    phrases where the campaign has them (with the general matcher for a shortfall they do
    not see), the general matcher for every other clause."""

    def __init__(self, rules: Rules, calibration: Optional[Calibration] = None) -> None:
        self.rules = rules
        self.general = GeneralRule(rules, calibration)
        self.cues = {clause_id: CueRule(rule, rules) for clause_id, rule in rules.clauses.items()}

    def judge_summary(self, clauses: list[Clause], text: Text,
                      figures: list[FigureResult]) -> list[ClauseResult]:
        matcher, sentences = self.rules.general, text.sentences
        needs_general = any(c.id not in self.cues for c in clauses)
        places = self.general.places(text) if needs_general else None
        results = []
        for clause in clauses:
            index = matcher.index[clause.id]
            cue = self.cues.get(clause.id)
            commitments = (cue.rule.commitments if cue else False) or \
                matcher.profiles[index].commitments
            verdict = FigureRule.judge(clause, figures) if commitments else None
            if verdict is None and cue is not None:
                verdict = cue.judge(clause, text)
                if verdict.status == MISSING:
                    # cue phrases name the work done; a shortfall told in other words is
                    # the general matcher's to find
                    if places is None:
                        places = self.general.places(text, shortfalls_only=True)
                    general = self.general.judge(clause, places.get(index), sentences)
                    if general.status == NEGATED \
                            and general.confidence >= self.general.sure_of_shortfall:
                        verdict = general
            if verdict is None:
                verdict = self.general.judge(clause, places.get(index), sentences)
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
