"""Which unit sent a summary: its file name, title or first lines against the unit names."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

from ..model import Campaign, Organisation
from .normalize import normalize
from .sentences import Sentence

HEAD_SENTENCES = 5


def match_unit(campaign: Campaign, path: Path, sentences: list[Sentence]) -> Optional[Organisation]:
    """The unit whose longest name occurs in the file name or the summary's first lines."""
    places = [normalize(Path(path).stem)] + [s.text for s in sentences[:HEAD_SENTENCES]]
    best, best_length = None, 0
    for unit in campaign.units:
        for name in unit.names:
            name = normalize(name)
            stripped = name.replace("××", "")
            for candidate in {name, stripped}:
                if len(candidate) > best_length and len(candidate) >= 2 and \
                        any(candidate in place for place in places):
                    best, best_length = unit, len(candidate)
    return best


def unit_named(campaign: Campaign, name: str) -> Optional[Organisation]:
    """The unit called ``name`` (full, short or alias, in any script)."""
    wanted = normalize(name)
    return next((u for u in campaign.units if wanted in {normalize(n) for n in u.names}), None)
