"""Which unit sent a summary: its file name, title or first lines against the unit names."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

from ..model import Campaign, Organisation
from .normalize import normalize
from .sentences import Sentence

HEAD_SENTENCES = 5


class UnitNames:
    """The units' names in matching form, normalised once for any number of summaries."""

    def __init__(self, campaign: Campaign) -> None:
        self.names: list[tuple[Organisation, str, bool]] = []   # (unit, name, ×× removed)
        for unit in campaign.units:
            for name in unit.names:
                normal = normalize(name)
                self.names.append((unit, normal, False))
                if "××" in normal:
                    self.names.append((unit, normal.replace("××", ""), True))

    def match(self, path: Path, sentences: list[Sentence]) -> Optional[Organisation]:
        """The unit whose longest name occurs in the file name or the summary's first lines."""
        places = [normalize(Path(path).stem)] + [s.text for s in sentences[:HEAD_SENTENCES]]
        best, best_length = None, 0
        for unit, name, _ in self.names:
            if len(name) > best_length and len(name) >= 2 and any(name in p for p in places):
                best, best_length = unit, len(name)
        return best

    def named(self, name: str) -> Optional[Organisation]:
        """The unit called ``name`` (full, short or alias, in any script)."""
        wanted = normalize(name)
        return next((u for u, n, stripped in self.names if n == wanted and not stripped), None)
