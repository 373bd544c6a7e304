"""Hostile templates: bounded in time, output, loops and numbers; unable to change the data."""
from __future__ import annotations

import time

import pytest
from click.testing import CliRunner

from noticegen.cli import main

from conftest import EXAMPLE
from docx_helpers import cell_texts, part, w
from hostile.templates import EXPRESSIONS, edited_templates

NOT_ALLOWED = "template notice.docx tries something not allowed: "
OUTCOMES = {
    "huge power": "it computes a number with more than 20,000 digits",
    "huge repeat": "it builds a text or list of more than 4,194,304 items",
    "nested ranges": "its loops ran more than 1,000,000 times",
    "wide centre": "it passes the number 1e+10 to a filter or method, more than 10,000,000",
    "wide method": "it passes the number 1e+10 to a filter or method, more than 10,000,000",
    "wide format": "it formats with a width of millions of characters",
    "wide str.format": "it formats with a width of millions of characters",
    "doubling namespace": "it builds a text or list of more than 4,194,304 items",
    "doubling concat": "it builds a text or list of more than 4,194,304 items",
    "lipsum": "template notice.docx uses an unknown field: 'lipsum' is undefined",
    "mutate rows": "access to attribute 'clear' of 'list' object is unsafe.",
    "mutate dict": "access to attribute 'update' of 'dict' object is unsafe.",
}


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.mark.parametrize("case", sorted(EXPRESSIONS))
def test_hostile_template_is_stopped_quickly_with_a_clear_message(tmp_path, case):
    folder = edited_templates(tmp_path / "tpl", EXPRESSIONS[case])
    start = time.perf_counter()
    result = run("build", EXAMPLE, "-o", tmp_path / "out", "--template-dir", folder)
    assert time.perf_counter() - start < 20
    assert result.exit_code == 2, result.output
    [line, summary] = result.stderr.splitlines()
    expected = OUTCOMES[case]
    if not expected.startswith("template "):
        expected = NOT_ALLOWED + expected
    assert line.startswith(f"error: {expected} (hint: "), line
    assert summary == "1 of 1 campaigns failed"
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").rglob("*.docx"))


def test_a_template_cannot_empty_the_table_another_document_shows(tmp_path):
    """Mutating calls are refused; even a template that only reads sees the data unchanged."""
    folder = edited_templates(tmp_path / "tpl", "{{ rubric.rows|length }}")
    result = run("build", EXAMPLE, "-o", tmp_path / "out", "--template-dir", folder)
    assert result.exit_code == 0, result.output
    table = part(tmp_path / "out" / "mengdian-2006" / "附件2.docx").find(f".//{w('tbl')}")
    assert len(cell_texts(table)) > 20


def test_a_slow_template_is_stopped_by_the_clock(tmp_path, monkeypatch):
    from noticegen.render import sandbox
    monkeypatch.setattr(sandbox, "MAX_SECONDS", 1)
    monkeypatch.setattr(sandbox, "MAX_LOOP_STEPS", 10**12)
    folder = edited_templates(tmp_path / "tpl", EXPRESSIONS["nested ranges"])
    start = time.perf_counter()
    result = run("build", EXAMPLE, "-o", tmp_path / "out", "--template-dir", folder)
    assert time.perf_counter() - start < 15
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {NOT_ALLOWED}it took longer than 1 s to fill in")


DATA_LOOPS = "".join("{% for r" + str(i) + " in rubric.rows %}" for i in range(8)) + "{% endfor %}" * 8


def test_nested_loops_over_the_data_count_against_the_loop_limit(tmp_path):
    folder = edited_templates(tmp_path / "tpl", DATA_LOOPS)
    start = time.perf_counter()
    result = run("build", EXAMPLE, "-o", tmp_path / "out", "--template-dir", folder)
    assert time.perf_counter() - start < 20
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {NOT_ALLOWED}its loops ran more than 1,000,000 times")


def test_the_alarm_stops_what_the_budget_does_not_see(tmp_path, monkeypatch):
    from noticegen.render import sandbox
    monkeypatch.setattr(sandbox, "MAX_SECONDS", 1)
    monkeypatch.setattr(sandbox, "MAX_LOOP_STEPS", 10**12)
    monkeypatch.setattr(sandbox._Budget, "check_time", lambda self: None)
    folder = edited_templates(tmp_path / "tpl", DATA_LOOPS)
    start = time.perf_counter()
    result = run("build", EXAMPLE, "-o", tmp_path / "out", "--template-dir", folder)
    assert time.perf_counter() - start < 15
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {NOT_ALLOWED}it took longer than 1 s to fill in")
