"""Propose cue phrases (plain words) for a campaign's clauses from real summaries.

For each clause, the sentences that report it are gathered: the evidence quotes of a labels
file where one is given, else the sentences the checker itself judged covered. Pairs of
content words that occur together in those sentences, and seldom in the other sentences of
the summaries, become alternatives of a cue-phrase entry, best first. The result is a file in
the format of ``coverage.yaml`` for a person to review, trim and keep beside the campaign.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path
from typing import Iterable, Optional

from ..model import Campaign
from .coverage import COVERED
from .normalize import normalize
from .status import DecidedBy
from ..i18n import _

MAX_ALTERNATIVES = 4
MIN_IDF = 3.0            # words this common in the field (安全, 全部) say little
MAX_SHARE = 0.04         # nor do words in more than this share of the summaries' sentences
MIN_PRECISION = 0.6      # of the sentences holding a pair, at least this share report the clause


@dataclass(frozen=True)
class Suggestion:
    """Proposed alternatives for one clause, with how often each held in the summaries."""

    clause_id: str
    clause_text: str
    evidence: int                                    # sentences that report the clause
    alternatives: tuple[tuple[tuple[str, str], int, int], ...]   # (pair, in evidence, elsewhere)


def _evidence_from_labels(labels_path: Path) -> dict[str, list[str]]:
    data = json.loads(Path(labels_path).read_text(encoding="utf-8"))
    found: dict[str, list[str]] = {}
    for summary in data.get("summaries", []):
        for clause_id, status in summary.get("labels", {}).items():
            quote = summary.get("evidence", {}).get(clause_id)
            if status == COVERED and quote:
                found.setdefault(clause_id, []).append(normalize(quote))
    return found


def _evidence_from_results(results) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for result in results:
        for clause in result.clauses:
            if clause.status == COVERED and clause.evidence and clause.source != DecidedBy.FIGURES:
                found.setdefault(clause.id, []).append(normalize(clause.evidence))
    return found


def suggest(campaign: Campaign, sentences: Iterable[str], results,
            labels_path: Optional[Path] = None) -> list[Suggestion]:
    """Suggestions for every clause that has evidence; ``sentences`` are all the normalised
    sentences of the summaries (the background the pairs must be rare in)."""
    from .lexicon import lexicon
    from .wordcut import tagged_words
    evidence = _evidence_from_labels(labels_path) if labels_path else _evidence_from_results(results)
    lex = lexicon()
    generic = lex.generic
    everything = list(dict.fromkeys(sentences))
    shares: dict[str, float] = {}

    def share(word: str) -> float:
        """The share of all the summaries' sentences that use ``word``."""
        if word not in shares:
            shares[word] = sum(1 for s in everything if word in s) / max(len(everything), 1)
        return shares[word]

    suggestions = []
    for clause in campaign.rubric.clauses():
        quotes = list(dict.fromkeys(evidence.get(clause.id, [])))
        if not quotes:
            continue
        words_by_quote = [{w for w, tag in tagged_words(q) if len(w) >= 2 and w not in generic
                           and tag[:1] in "nvjlia" and lex.idf(w) >= MIN_IDF
                           and share(w) <= MAX_SHARE} for q in quotes]
        pairs: dict[tuple[str, str], int] = {}
        for words in words_by_quote:
            for pair in combinations(sorted(words), 2):
                pairs[pair] = pairs.get(pair, 0) + 1
        scored = []
        for pair, inside in pairs.items():
            if inside < min(2, len(quotes)):
                continue
            outside = sum(1 for s in everything if pair[0] in s and pair[1] in s
                          and not any(s in q or q in s for q in quotes))
            if inside / (inside + outside) >= MIN_PRECISION:
                scored.append((pair, inside, outside))
        scored.sort(key=lambda item: (-item[1], item[2], item[0]))
        chosen, covered = [], set()
        for pair, inside, outside in scored:
            holds = {i for i, words in enumerate(words_by_quote) if set(pair) <= words}
            if holds - covered:
                chosen.append((pair, inside, outside))
                covered |= holds
            if len(chosen) == MAX_ALTERNATIVES:
                break
        if chosen:
            suggestions.append(Suggestion(clause.id, clause.text, len(quotes), tuple(chosen)))
    return suggestions


def _quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def to_yaml(suggestions: list[Suggestion]) -> str:
    """The suggestions as a cue-phrase file, each figure in a comment."""
    lines = [_("# Suggested cue phrases: review them, delete what is wrong, and keep the file as"),
             _("# coverage.yaml beside the campaign (or pass it with --rules)."), ""]
    for item in suggestions:
        lines.append(_("# {id}: {text}… — {count} sentences report it").format(
            id=item.clause_id, text=item.clause_text[:40], count=item.evidence))
        lines.append(f"- clause: {_quoted(item.clause_text[:16])}")
        lines.append("  any:")
        for (first, second), inside, outside in item.alternatives:
            lines.append(f"    - [{_quoted(re.escape(first))}, {_quoted(re.escape(second))}]   " +
                         _("# in {inside} of them, in {outside} other sentences").format(
                             inside=inside, outside=outside))
    return "\n".join(lines) + "\n"
