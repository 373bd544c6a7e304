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


def _level(heading: str) -> int | None:
    """How deep a numbered heading sits (第一部分 0, 一、 1, （一） 2, 1. 3); None unnumbered."""
    found = _HEADING.match(heading)
    if not found:
        return None
    mark = found.group(0)
    return 0 if mark.startswith("第") else 1 if mark.endswith("、") and not mark[0].isdigit() \
        else 2 if mark.startswith("（") else 3


RUN_IN_HEADING = 16       # a numbered label opening a paragraph is at most this long


def _run_in_heading(piece: str) -> bool:
    """A numbered label opening a paragraph (“1．师带徒。今年……”): a heading, not a report."""
    return len(piece) <= RUN_IN_HEADING and bool(_HEADING.match(piece))


def split_sentences(segments: list[Segment], plan_section: re.Pattern,
                    problem_section: re.Pattern | None = None) -> list[Sentence]:
    """Sentences of the segments, normalised in one pass (sentences joined by newlines). A
    plan or problems section lasts until a heading that is not below the one opening it."""
    pieces: list[tuple[str, Segment, bool]] = []   # (original, segment, is a heading)
    for segment in segments:
        line = segment.text.strip()
        if is_heading(normalize(line)) if len(line) <= 40 else False:
            pieces.append((line, segment, True))
            continue
        first = True
        for piece in _SPLIT.split(segment.text):
            if piece and len(piece.strip()) >= 2:
                piece = piece.strip()
                pieces.append((piece, segment, first and _run_in_heading(normalize(piece))))
                first = False
    normalised = normalize("\n".join(p[0] for p in pieces)).split("\n")
    sentences: list[Sentence] = []
    in_plan = in_problems = False
    section_level: int | None = None
    for (original, segment, heading), text in zip(pieces, normalised):
        if heading:
            plan = bool(plan_section.search(text))
            problems = bool(problem_section and problem_section.search(text)) and not plan
            level = _level(text)
            below = (in_plan or in_problems) and level is not None and (
                level > section_level if section_level is not None else level >= 2)
            if plan or problems or not below:
                in_plan, in_problems, section_level = plan, problems, level
        sentences.append(Sentence(len(sentences), original, text, segment.location, heading,
                                  in_plan and not heading,
                                  not heading and text.startswith(("其中", "另有", "另外有")),
                                  in_problems and not heading))
    return sentences
