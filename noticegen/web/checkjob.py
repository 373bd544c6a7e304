"""The work done in a checking process: one stored summary against its campaign."""
from __future__ import annotations

import json
from pathlib import Path

_CHECKERS: dict = {}


def _checker(campaign_path: str, unit: str):
    key = (campaign_path, unit)
    if key not in _CHECKERS:
        from .. import api
        campaign = api.check_campaign(Path(campaign_path))
        _CHECKERS[key] = (campaign, api.checker(campaign, unit=unit))
    return _CHECKERS[key]


def warm() -> bool:
    """Load the checker's libraries before the first summary arrives."""
    from ..check import runner  # noqa: F401  (jieba, rapidfuzz, the corpora)
    return True


def run(campaign_path: str, summary_path: str, unit: str) -> tuple[str, str | None]:
    """Check one file; return (result JSON, error) — error set when the file could not be read."""
    from .. import api
    campaign, engine = _checker(campaign_path, unit)
    result = engine.check_file(Path(summary_path))
    data = api.report_data(campaign, [result])["summaries"][0]
    return json.dumps(data, ensure_ascii=False), (result.error if result.status != "ok" else None)
