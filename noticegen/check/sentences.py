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


def is_heading(text: str) -> bool:
    """A short line that opens a section (一、… （二）… 3. …) and does not end a sentence."""
    return len(text) <= 40 and not text.endswith(("。", "；")) and bool(_HEADING.match(text)) \
        or (len(text) <= 20 and not re.search(r"[，。；]", text))


def split_sentences(segments: list[Segment], plan_section: re.Pattern) -> list[Sentence]:
    sentences: list[Sentence] = []
    in_plan = False
    for segment in segments:
        if is_heading(normalize(segment.text.strip())):
            text = normalize(segment.text.strip())
            in_plan = bool(plan_section.search(text))
            sentences.append(Sentence(len(sentences), segment.text.strip(), text,
                                      segment.location, heading=True))
            continue
        for piece in _SPLIT.split(segment.text):
            original = piece.strip()
            if len(original) < 2:
                continue
            text = normalize(original)
            sentences.append(Sentence(len(sentences), original, text, segment.location,
                                      in_plan=in_plan,
                                      continues=text.startswith(("其中", "另有", "另外有"))))
    return sentences
