"""Every labelled set in tests/data is sound: what the accuracy figures rest on."""
from __future__ import annotations

import json

import pytest

from noticegen.campaign import load_valid_campaign
from noticegen.check.evaluate import labelled_figures_of

from conftest import ROOT

SETS = sorted(p.parent for p in (ROOT / "tests" / "data").glob("eval-*/labels.json"))
VERDICTS = {"covered", "negated", "missing"}


@pytest.mark.parametrize("folder", SETS, ids=[p.name for p in SETS])
def test_labels_are_complete_and_quote_their_files_exactly(folder):
    labels = json.loads((folder / "labels.json").read_text(encoding="utf-8"))
    campaign_file = folder / "campaign.yaml"
    if campaign_file.exists():
        ids = {c.id for c in load_valid_campaign(campaign_file).rubric.clauses()}
        rows = {c.no for c in load_valid_campaign(campaign_file).commitments}
    else:
        leaves = json.loads((folder / labels["rubric"]).read_text(encoding="utf-8"))["leaves"]
        ids, rows = {leaf["id"] for leaf in leaves}, None
    assert len(labels["summaries"]) >= 10
    for summary in labels["summaries"]:
        text = (folder / summary["file"]).read_bytes().decode(summary["encoding"])
        where = f"{folder.name}/{summary['file']}"
        assert set(summary["labels"]) == ids, where
        assert set(summary["labels"].values()) <= VERDICTS, where
        addressed = {i for i, v in summary["labels"].items() if v != "missing"}
        assert set(summary["evidence"]) == addressed, where
        for clause_id, quote in summary["evidence"].items():
            assert quote in text, (where, clause_id, quote)
        for negative in summary.get("hard_negatives", []):
            assert summary["labels"][negative["id"]] == "missing", (where, negative)
            assert negative["quote"] in text, (where, negative)
        for metric in labelled_figures_of(summary):
            assert metric["quote"] in text, (where, metric)
            assert rows is None or metric["row"] in rows, (where, metric)
