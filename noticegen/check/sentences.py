"""Split extracted segments into sentences, each with its original text and matching form."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..extract import Segment
from .normalize import normalize

# sentence ends; also a full stop typed as “.” between Chinese characters, and “，其中” /
# “，另有”, which start a new statement about part of what came before
_SPLIT = re.compile(r"(?<=[。！？；!?;])|\n|(?<=[\u4e00-\u9fff])[.．](?=[\u4e00-\u9fff“\"])|[，,](?=其中|另有)")
_HEADING = re.compile(r"^(第[一二三四五六七八九十]+[部分章]|[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+[.、．])")


@dataclass(frozen=True)
class Sentence:
    """One sentence: ``original`` for quoting, ``text`` for matching."""

    index: int
    original: str
    text: str
    location: str
    heading: bool = False
    in_plan: bool = False       # inside a 下一步 / 整改措施 section: intentions, not work done
    continues: bool = False     # starts with 其中/另有: goes on from the sentence before
    in_problems: bool = False   # inside a 存在的问题 section: shortcomings, not work done


def is_heading(text: str) -> bool:
    """A short line that opens a section (一、… （二）… 3. …) and does not end a sentence."""
    return len(text) <= 40 and not text.endswith(("。", "；")) and bool(_HEADING.match(text)) \
        or (len(text) <= 20 and not re.search(r"[，。；]", text))


def split_sentences(segments: list[Segment], plan_section: re.Pattern,
                    problem_section: re.Pattern | None = None) -> list[Sentence]:
    """Sentences of the segments, normalised in one pass (sentences joined by newlines)."""
    pieces: list[tuple[str, Segment, bool]] = []   # (original, segment, is a heading line)
    for segment in segments:
        line = segment.text.strip()
        if is_heading(normalize(line)) if len(line) <= 40 else False:
            pieces.append((line, segment, True))
            continue
        for piece in _SPLIT.split(segment.text):
            if piece and len(piece.strip()) >= 2:
                pieces.append((piece.strip(), segment, False))
    normalised = normalize("\n".join(p[0] for p in pieces)).split("\n")
    sentences: list[Sentence] = []
    in_plan = in_problems = False
    for (original, segment, heading), text in zip(pieces, normalised):
        if heading:
            in_plan = bool(plan_section.search(text))
            in_problems = bool(problem_section and problem_section.search(text)) and not in_plan
        sentences.append(Sentence(len(sentences), original, text, segment.location, heading,
                                  in_plan and not heading,
                                  not heading and text.startswith(("其中", "另有", "另外有")),
                                  in_problems and not heading))
    return sentences
