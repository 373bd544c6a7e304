"""Fill ``{field}`` placeholders in free text (body paragraphs) from the campaign.

Only plain names from :func:`placeholder_values` are substituted; nothing in the
text is evaluated, so a campaign file cannot run code through its body.
"""
from __future__ import annotations

import re

from ..chinese import chinese_date
from ..model import Campaign

PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")
FIELD_NAMES = ("year", "campaign", "organ", "deadline", "deadline_full", "submit_to",
               "submit_via", "contact_name", "contact_phone", "number", "date")


def placeholder_values(campaign: Campaign) -> dict[str, str]:
    return {
        "year": str(campaign.year),
        "campaign": campaign.name,
        "organ": campaign.organ,
        "deadline": f"{campaign.deadline.month}月{campaign.deadline.day}日",
        "deadline_full": chinese_date(campaign.deadline),
        "submit_to": campaign.submit_to,
        "submit_via": campaign.submit_via,
        "contact_name": campaign.contact_name,
        "contact_phone": campaign.contact_phone,
        "number": str(campaign.number),
        "date": chinese_date(campaign.date),
    }


def unknown_placeholders(text: str) -> list[str]:
    return [m for m in PLACEHOLDER.findall(text) if m not in FIELD_NAMES]


def fill(text: str, values: dict[str, str]) -> str:
    """Replace every known ``{name}``; unknown ones are left as written."""
    return PLACEHOLDER.sub(lambda m: values.get(m[1], m[0]), text)
