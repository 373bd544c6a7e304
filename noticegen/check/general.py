"""The general matcher: judge any rubric's clauses from the clauses' own words.

For every sentence (and every pair of neighbouring sentences, at a small discount) it
measures how much of each clause's weighted concepts the sentence shows, facet by facet.
Clauses compete: a sentence is evidence only for the clause it fits best (ties share it),
and not when an off-topic field (``corpora/topics.yaml``) fits it better.
A shortfall is judged on the part of the sentence that matched, not on the whole sentence.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, replace
from typing import Optional

from .concepts import Profile, tells_occurrence

# calibrated across rubrics (see README, “How summaries are matched”)
FLOOR = 12.0              # a facet weighs at least this: one common word is not a match
TOP_CONCEPTS = 3          # a facet is matched in full when its three heaviest concepts are
COVERED_AT = 0.45
PARTIAL_AT = 0.32
NEGATED_AT = 0.34
WINDOW_LEAD = 60          # a sentence opening a two-sentence window is at most this long
WINDOW = 0.9              # two sentences together count a little less than one
OFF_TOPIC_MARGIN = 1.0    # an off-topic field must fit this much better to take a sentence
STRONG = 2.5              # a concept this heavy says something; lighter ones only help
SINGLE_CAP = 0.5          # what a facet scores at most when it shows one strong concept
SUBJECT_SHARE = 0.15      # a word in this share of a rubric's clauses (and in 3 at least)
SUBJECT_LEAST = 3         # names what the campaign is about (技能, 人才 in 技能提升年)
TOPIC_FLOOR = 6.0         # one term of an off-topic field is enough to claim a sentence
NEIGHBOURHOOD = 5         # sentences either side of a place that tell what it is about

LIGHT = 0.8               # concepts lighter than this are not looked for
MIN_SCORE = 0.2           # below this a place is not considered at all

_PART_END = re.compile(r"[，；。：]")
_GOES_ON = re.compile(r"但|却|可是|然而|还|仍|至今|目前|尚|只|仅")
_CONCRETE = re.compile(r"\d|[一二三四五六七八九十两]+(次|场|名|人|个|项|期|条|户|件|篇|天|批)")


@dataclass(frozen=True)
class Match:
    """The best place in a summary for one clause, and what the calibration weighs."""

    score: float
    sentences: tuple[int, ...]
    negated: bool
    strong: int = 2            # strong concepts the place shows
    lead: float = 1.0          # its score over the score of the place's best clause
    off_topic: float = 0.0     # the best off-topic field's score over its score
    concrete: bool = False     # the place gives numbers (counts, dates, rates)
    support: int = 1           # places in the summary that reach the partial score
    eligible: bool = True      # it wins the competition and no off-topic field takes it
    fill: float = 0.0          # the share of the whole clause's heaviest concepts it shows
    context: float = 0.0       # how well the sentences around it fit the clause's item
    nearby: float = 0.0        # how well they fit the clause itself
    shortfall: Optional["Match"] = None   # the best place saying the clause fell short, when
                                          # a place that does not say so fits it better

    def features(self) -> list[float]:
        """The numbers the calibrated model weighs, in the order of its weights."""
        return [self.score, min(self.strong, 3) / 3, self.lead, min(self.off_topic, 2.0),
                float(self.concrete), float(len(self.sentences) == 2), min(self.support, 3) / 3,
                float(self.eligible), self.fill, self.context, self.nearby]


class GeneralMatcher:
    """Profiles of a rubric's clauses compiled into one table of forms to look for."""

    def __init__(self, profiles: list[Profile], topics: list[Profile] = (),
                 generic: frozenset = frozenset()) -> None:
        self.profiles = list(profiles) + list(topics)
        self._forms_automaton = None
        self.topic_from = len(profiles)
        self.index = {profile.clause_id: p for p, profile in enumerate(profiles)}  # clause id → p
        self.item_of = [profile.clause_id.rsplit(".", 1)[0] for profile in profiles]
        self.forms: dict[str, list[tuple[int, int, float]]] = {}
        for p, profile in enumerate(self.profiles):
            for c, concept in enumerate(profile.concepts):
                if concept.weight < LIGHT:
                    continue          # too common to tell anything, and costly to look for
                for form, factor in concept.forms:
                    if p >= self.topic_from and factor < 1.0:
                        continue      # a field is named by its own words, not by their kin
                    owners = self.forms.setdefault(form, [])
                    mine = next((k for k, (q, _, _) in enumerate(owners) if q == p), None)
                    if mine is None:
                        owners.append((p, c, factor))
                    elif concept.weight * factor > profile.concepts[owners[mine][1]].weight * owners[mine][2]:
                        # a word shows one concept of a clause, the heaviest it can be
                        # (电台 is a kin of 报纸, 电视 and 媒体 alike, but names one of them)
                        owners[mine] = (p, c, factor)
        self.denominators = [
            [TOPIC_FLOOR if p >= self.topic_from else
             _heaviest((prof.concepts[c].weight for c in facet), TOP_CONCEPTS) for facet in prof.facets]
            for p, prof in enumerate(self.profiles)]
        self.clause_weight = [_heaviest((c.weight for c in prof.concepts), 5) for prof in self.profiles]
        self.subjects = _subjects(profiles, generic)
        self.info = {(p, c): (concept.weight, int(concept.weight >= STRONG),
                              tuple((p, f) for f, facet in enumerate(prof.facets) if c in facet))
                     for p, prof in enumerate(self.profiles) for c, concept in enumerate(prof.concepts)}

    def names_subject(self, p: int, place: str) -> float:
        """Whether the place names what the campaign is about, as clause p does: 1 or 0, and
        0.5 for a clause that names none of it. A sentence copying a clause's frame for
        other work (建立了项目储备库 for 建立技能人才储备库) does not."""
        words = self.subjects[p]
        return 0.5 if not words else float(any(word in place for word in words))

    def _automaton(self):
        """An Aho-Corasick automaton of every form, built once per process."""
        if self._forms_automaton is None:
            import ahocorasick
            automaton = ahocorasick.Automaton()
            for form, owners in self.forms.items():
                automaton.add_word(form, (len(form), owners))
            automaton.make_automaton()
            self._forms_automaton = automaton
        return self._forms_automaton

    def __getstate__(self) -> dict:
        return dict(self.__dict__, _forms_automaton=None)   # rebuilt where it is used

    def hits(self, joined: str, starts: list[int]) -> dict[int, dict[tuple[int, int], tuple[float, int, int]]]:
        """sentence index → {(profile, concept): (factor, start, end)} for every form found."""
        found: dict[int, dict] = {}
        for last, (length, owners) in self._automaton().iter(joined):
            at = last - length + 1
            sentence = bisect_right(starts, at) - 1
            local = at - starts[sentence]
            slot = found.setdefault(sentence, {})
            for p, c, factor in owners:
                old = slot.get((p, c))
                if old is None or factor > old[0]:
                    slot[(p, c)] = (factor, local, local + length)
        for slot in found.values():
            if any(p >= self.topic_from for p, _ in slot):
                self._yield_to_topics(slot)
        return found

    def _yield_to_topics(self, slot: dict) -> None:
        """Drop clause words found inside an off-topic term (监督员 in 安全监督员): the
        term, not the clause, is what the sentence names there."""
        spans = [(start, end) for (p, _), (_, start, end) in slot.items() if p >= self.topic_from]
        for key, (_, start, end) in list(slot.items()):
            if key[0] < self.topic_from and any(
                    start < t_end and t_start < end and not (start <= t_start and t_end <= end)
                    for t_start, t_end in spans):
                del slot[key]

    def scores(self, slot: dict) -> dict[int, tuple[float, int, float]]:
        """profile → (how well the matched concepts fill its best facet (0‥1), how many
        strong concepts that facet shows, how much of the whole clause they fill)."""
        sums: dict[tuple[int, int], list] = {}
        fills: dict[int, float] = {}
        info = self.info
        for key, value in slot.items():
            weight, strong, facets = info[key]       # facets as (profile, facet) keys
            p = key[0]
            got = weight * value[0]
            fills[p] = fills.get(p, 0.0) + got
            for facet in facets:
                acc = sums.get(facet)
                if acc is None:
                    sums[facet] = [got, strong]
                else:
                    acc[0] += got
                    acc[1] += strong
        result: dict[int, tuple[float, int, float]] = {}
        topic_from, denominators, clause_weight = self.topic_from, self.denominators, self.clause_weight
        for (p, f), (got, strong) in sums.items():
            score = got / denominators[p][f]
            if strong < 2 and p < topic_from and score > SINGLE_CAP:
                score = SINGLE_CAP
            old = result.get(p)
            if old is None or score > old[0]:
                result[p] = (score if score < 1.0 else 1.0, strong, fills[p] / clause_weight[p])
        return result

    def best_matches(self, texts: list[str], usable: list[bool], joinable: list[bool],
                     joined: str, starts: list[int], negation,
                     problems: list[bool]) -> dict[int, Match]:
        """profile → its best Match in the summary (clauses only, not topics); a sentence in
        a section of problems reports a shortfall of whatever it matches."""
        hits = self.hits(joined, starts)
        best: dict[int, Match] = {}
        present = {k: {p for p, _ in slot} for k, slot in hits.items()}
        candidates: list[tuple[tuple[int, ...], dict]] = []
        for i, slot in hits.items():
            if usable[i]:
                candidates.append(((i,), slot))
            j = i + 1
            if j in hits and joinable[i] and usable[j] and len(texts[i]) <= WINDOW_LEAD \
                    and not (usable[i] and present[i].isdisjoint(present[j])):
                # two sentences that share no profile fit none better together than apart
                candidates.append(((i, j), _merge(slot, hits[j])))
        support: dict[int, int] = {}
        any_cue: dict[int, bool] = {}
        said: dict[tuple[int, int], bool] = {}
        seen: dict[int, dict[int, float]] = {}      # sentence → clause scores, for _Surroundings
        shortfalls: dict[int, Match] = {}           # profile → its best place telling a shortfall

        def negated_at(k: int, p: int) -> bool:
            """Whether sentence k says profile p's part fell short (a sentence without any
            cue of a shortfall is not looked at more closely)."""
            if k not in any_cue:
                any_cue[k] = bool(negation(texts[k]))
            if not any_cue[k]:
                return False
            if (k, p) not in said:
                said[(k, p)] = _negated_span(texts[k], hits[k], p, negation)
            return said[(k, p)]

        for sentences, slot in candidates:
            scores = self.scores(slot)
            if len(sentences) == 2:
                scores = {p: (s * WINDOW, n, fill) for p, (s, n, fill) in scores.items()}
            clause_scores = {p: sn for p, sn in scores.items() if p < self.topic_from}
            if len(sentences) == 1:
                seen[sentences[0]] = {p: s for p, (s, _, _) in clause_scores.items()}
            if not clause_scores:
                continue
            top = max(s for s, _, _ in clause_scores.values())
            off_topic = max((s for p, (s, _, _) in scores.items() if p >= self.topic_from), default=0.0)
            concrete = None
            for p, (score, strong, fill) in clause_scores.items():
                if score < MIN_SCORE:
                    continue
                if score >= PARTIAL_AT and len(sentences) == 1:
                    support[p] = support.get(p, 0) + 1
                # evidence for the clause it fits best (ties share it), unless off topic
                eligible = score >= top and off_topic <= score * OFF_TOPIC_MARGIN
                old = best.get(p)
                beaten = old is not None and not old.negated and old.eligible >= eligible \
                    and round(score, 3) <= old.score
                short = shortfalls.get(p)
                if beaten and not (eligible and score >= NEGATED_AT
                                   and (short is None or round(score, 3) > short.score)):
                    continue              # cannot beat what is there, nor be a better shortfall
                if concrete is None:
                    concrete = any(_CONCRETE.search(texts[k]) for k in sentences)
                told = [problems[k] or negated_at(k, p)          # a heading tells no shortfall
                        for k in sentences if p in present[k] and usable[k]]
                negated = bool(told) and all(told) or self._misses_target(p, sentences, texts)
                match = Match(round(score, 3), sentences, negated, strong, round(score / top, 3),
                              round(off_topic / score, 3), concrete, 1, eligible, round(min(fill, 1.0), 3))
                if negated and eligible and score >= NEGATED_AT \
                        and (short is None or match.score > short.score):
                    shortfalls[p] = match
                if not beaten and (old is None or _better(match, old)):
                    best[p] = match
        around = _Surroundings(self, hits, seen)

        def finished(p: int, match: Match) -> Match:
            return replace(match, support=support.get(p, 0), **around.of(p, match.sentences))

        return {p: replace(finished(p, m), shortfall=finished(p, shortfalls[p])
                           if p in shortfalls and not m.negated else None)
                for p, m in best.items()}

    def _misses_target(self, p: int, sentences: tuple[int, ...], texts: list[str]) -> bool:
        """Whether the place reports a rate the clause sets short of its target, or that
        what the clause forbids happened (发生2起习惯性违章 against 不发生安全违章行为)."""
        profile = self.profiles[p]
        return bool(profile.targets) and any(t.missed_in(texts[k]) for t in profile.targets
                                             for k in sentences) \
            or bool(profile.forbidden) and any(tells_occurrence(texts[k], profile.forbidden)
                                               for k in sentences)


class _Surroundings:
    """What the sentences around a place are about: a report of a requirement sits among
    sentences on the same item (headings included), a stray use of its words does not."""

    def __init__(self, matcher: GeneralMatcher, hits: dict, seen: dict) -> None:
        self.matcher = matcher
        self.hits = hits
        self._scores: dict[int, dict[int, float]] = seen      # scored already, and added to

    def _clause_scores(self, k: int) -> dict[int, float]:
        if k not in self._scores:
            topic_from = self.matcher.topic_from
            self._scores[k] = {p: s for p, (s, _, _) in self.matcher.scores(self.hits[k]).items()
                               if p < topic_from}
        return self._scores[k]

    def of(self, p: int, sentences: tuple[int, ...]) -> dict[str, float]:
        item_of = self.matcher.item_of
        item = item_of[p]
        context = nearby = 0.0
        for k in range(min(sentences) - NEIGHBOURHOOD, max(sentences) + NEIGHBOURHOOD + 1):
            if k in sentences or k not in self.hits:
                continue
            for q, score in self._clause_scores(k).items():
                if item_of[q] == item:
                    context = max(context, score)
                    if q == p:
                        nearby = max(nearby, score)
        return {"context": round(min(context, 1.0), 3), "nearby": round(min(nearby, 1.0), 3)}


def _subjects(profiles: list[Profile], generic: frozenset) -> list[tuple[str, ...]]:
    """For each clause, its words that many clauses of the rubric share, less the words
    every rubric uses (``generic``: 建立, 开展): the campaign's subject (their weight is low
    for being common, but a report of the work names them)."""
    shared: dict[str, int] = {}
    for profile in profiles:
        for word in {concept.word for concept in profile.concepts} - generic:
            shared[word] = shared.get(word, 0) + 1
    least = max(SUBJECT_LEAST, SUBJECT_SHARE * len(profiles))
    return [tuple(sorted({c.word for c in profile.concepts if shared.get(c.word, 0) >= least}))
            for profile in profiles]


def _heaviest(weights, count: int) -> float:
    """The sum of the ``count`` heaviest weights, at least FLOOR."""
    return max(sum(sorted(weights, reverse=True)[:count]), FLOOR)


NO_MATCH = Match(0.0, (), False, strong=0, lead=0.0, support=0, eligible=False)


def _better(new: Match, old: Match) -> bool:
    """An eligible match beats one that is not; a positive match beats a negated one at the
    covered level; otherwise the higher score."""
    if new.eligible != old.eligible:
        return new.eligible
    if new.negated != old.negated and max(new.score, old.score) >= COVERED_AT:
        if not new.negated and new.score >= COVERED_AT:
            return True
        if not old.negated and old.score >= COVERED_AT:
            return False
    return new.score > old.score


def _merge(first: dict, second: dict) -> dict:
    merged = dict(first)
    for key, value in second.items():
        if key not in merged or value[0] > merged[key][0]:
            merged[key] = value
    return merged


def _negated_span(text: str, slot: dict, profile: int, negation) -> bool:
    """Whether the comma-delimited part of ``text`` holding the profile's matches says that
    something was not done or fell short. The part after it counts too when it goes on
    about the same thing (“X今年讨论过，但至今没有执行”: 但, 还, 至今 … open it)."""
    spans = [(start, end) for (p, _), (_, start, end) in slot.items() if p == profile]
    start = min(s for s, _ in spans)
    end = max(e for _, e in spans)
    left = max((m.end() for m in _PART_END.finditer(text, 0, start)), default=0)
    right_match = _PART_END.search(text, end)
    right = right_match.start() if right_match else len(text)
    if right < len(text) and _GOES_ON.match(text, right + 1):
        after = _PART_END.search(text, right + 1)
        right = after.start() if after else len(text)
    return bool(negation(text[left:right]))
