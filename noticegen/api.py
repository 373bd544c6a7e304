"""The public API: what the CLI (and any other caller) uses."""
from __future__ import annotations

import shutil
from pathlib import Path

from .campaign import check_campaign, load_campaign, validate
from .errors import OutputError
from .model import Campaign
from .render.build import Outcome, build_many
from .render.package import TEMPLATE_FILES
from .resources import template_dir

__all__ = ["check_campaign", "load_campaign", "validate", "describe", "build_many", "Outcome",
           "export_templates"]


def describe(campaign: Campaign) -> str:
    """A one-line summary of a campaign's size."""
    rubric = campaign.rubric
    items = sum(len(c.items) for c in rubric.categories)
    return (f"{len(rubric.categories)} categories, {items} items, {len(rubric.clauses())} clauses, "
            f"{rubric.total:g} points, {len(campaign.units)} units, "
            f"{len(campaign.commitments)} commitment rows")


def export_templates(folder: Path, force: bool = False) -> list[Path]:
    """Copy the bundled templates into ``folder`` for editing; never overwrite without ``force``."""
    folder = Path(folder)
    targets = [(template_dir() / name, folder / name) for name in TEMPLATE_FILES.values()]
    existing = [str(t) for _, t in targets if t.exists()]
    if existing and not force:
        raise OutputError(f"would overwrite {', '.join(existing)}", path=folder,
                          hint="export into an empty folder, or pass --force")
    folder.mkdir(parents=True, exist_ok=True)
    for source, target in targets:
        shutil.copyfile(source, target)
    return [t for _, t in targets]
