"""Build corpora/background.txt: the sentences the checker measures word specificity against.

Usage: python tools/make_background.py TEXT... > corpora/background.txt

Give it regulations and summaries of this field (not the labelled sets the checker is
measured on). Each output line is one normalised sentence; duplicates are dropped.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from noticegen.check.normalize import normalize  # noqa: E402

_SPLIT = re.compile(r"[。！？；\n]")
_HAN = re.compile(r"[\u4e00-\u9fff]")


def sentences(text: str):
    for piece in _SPLIT.split(normalize(text)):
        piece = piece.strip()
        if len(_HAN.findall(piece)) >= 6:
            yield piece


def main(paths: list[str]) -> None:
    seen: dict[str, None] = {}
    for path in paths:
        for sentence in sentences(Path(path).read_text(encoding="utf-8", errors="replace")):
            seen.setdefault(sentence)
    sys.stdout.write("\n".join(seen) + "\n")


if __name__ == "__main__":
    main(sys.argv[1:])
