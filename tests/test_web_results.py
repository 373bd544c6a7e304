"""Results stored by the web app before schema 4 still show their commitment figures."""
import json

import pytest

pytest.importorskip("flask")

from noticegen.web.results import stored_result  # noqa: E402


def test_a_result_stored_with_metrics_reads_as_figures():
    row = {"row": 1, "name": "城市供电可靠率", "value": "99.1%", "meets_standard": False}
    old = stored_result(json.dumps({"clauses": [], "metrics": [row]}))
    new = stored_result(json.dumps({"clauses": [], "figures": [row]}))
    assert old == new == {"clauses": [], "figures": [row]}
