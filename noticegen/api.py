"""The public API: what the CLI (and any other caller) uses."""
from __future__ import annotations

from .campaign import check_campaign, load_campaign, validate
from .model import Campaign

__all__ = ["check_campaign", "load_campaign", "validate", "describe"]


def describe(campaign: Campaign) -> str:
    """A one-line summary of a campaign's size."""
    rubric = campaign.rubric
    items = sum(len(c.items) for c in rubric.categories)
    return (f"{len(rubric.categories)} categories, {items} items, {len(rubric.clauses())} clauses, "
            f"{rubric.total:g} points, {len(campaign.units)} units, "
            f"{len(campaign.commitments)} commitment rows")
