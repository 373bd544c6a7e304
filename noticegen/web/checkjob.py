"""The work done in a checking process: one stored summary against its campaign."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

_CAMPAIGNS: dict = {}
_CHECKERS: dict = {}


def unit_checker(base, campaign, unit: str):
    """``base`` (compiled once per campaign) judging as ``unit``: a shallow copy that shares
    the compiled rules, as ``api.checker(campaign, unit=unit)`` would give after compiling."""
    import copy
    named = base.units.named(unit) if hasattr(base, "unit_override") else None
    if named is None:
        from .. import api
        return api.checker(campaign, unit=unit)
    engine = copy.copy(base)
    engine.unit_override = named
    return engine


def _checker(campaign_path: str, unit: str, rules_path: Optional[str] = None):
    compiled = (campaign_path, rules_path)
    if compiled not in _CAMPAIGNS:
        from .. import api
        campaign = api.load_valid_campaign(Path(campaign_path))
        rules = [Path(rules_path)] if rules_path else []
        _CAMPAIGNS[compiled] = (campaign, api.checker(campaign, extra_rules=rules))
    key = (campaign_path, rules_path, unit)
    if key not in _CHECKERS:
        campaign, base = _CAMPAIGNS[compiled]
        _CHECKERS[key] = (campaign, unit_checker(base, campaign, unit))
    return _CHECKERS[key]


def start_worker(parent: int) -> None:
    """In a checking process: end it when the server that started it is gone (killed)."""
    import os
    import threading
    import time

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1)
        os._exit(0)
    threading.Thread(target=watch, daemon=True).start()


def warm() -> bool:
    """Load the checker's libraries before the first summary arrives."""
    from .. import api
    return api.Checker is not None  # imports jieba, rapidfuzz and the corpora


def run(campaign_path: str, summary_path: str, unit: str,
        rules_path: Optional[str] = None) -> tuple[str, str | None]:
    """Check one file (with the campaign's cue-phrase file, if it has one); return (result
    JSON, error) — error set when the file could not be read."""
    from .. import api
    campaign, engine = _checker(campaign_path, unit, rules_path)
    result = engine.check_file(Path(summary_path))
    data = api.report_data(campaign, [result])["summaries"][0]
    return json.dumps(data, ensure_ascii=False), (result.error if result.status != api.ReadStatus.OK else None)
