"""Hostile --rules files, labels.json files and option values: exit 2 with a message."""
from __future__ import annotations

import time

import pytest
from click.testing import CliRunner

from noticegen.cli import main

from conftest import EXAMPLE
from hostile.rules import LABEL_FILES, RULE_FILES, SLOW_PATTERN, labels_folder, rule_file

SUMMARY = EXAMPLE.parent / "summaries" / "调度所自查总结.txt"
RULE_SHAPE = ("(hint: a list of entries with “clause:” and “any:” (a list of lists of patterns), as "
              "in examples/mengdian-2006/coverage.yaml)")
RULE_OUTCOMES = {
    "nested quantifier": f"pattern “{SLOW_PATTERN}” repeats a group that repeats itself; it could "
                         "take hours on some texts (hint: drop the inner or the outer + or *, e.g. "
                         "服+$ instead of (服+)+$)",
    "mapping at top": f"not a coverage rule file: the top level is not a list {RULE_SHAPE}",
    "entry is text": f"not a coverage rule file: entry 1 is not a mapping {RULE_SHAPE}",
    "any is text": f"not a coverage rule file: entry 1: “any” is not a list of lists of patterns "
                   f"{RULE_SHAPE}",
    "pattern is a number": f"not a coverage rule file: entry 1: “any” is not a list of lists of "
                           f"patterns {RULE_SHAPE}",
    "exclude is text": f"not a coverage rule file: entry 1: “exclude” is not a list {RULE_SHAPE}",
}
LABEL_HINT = ("(hint: each summary needs “file” (a name in this folder) and “labels” (clause id → "
              "covered/negated/missing), as in ../shared/eval-dev)")
LABEL_OUTCOMES = {
    "list at top": "no “summaries” list",
    "no summaries": "no “summaries” list",
    "summary without labels": "summary 1 has no “file” name or no “labels”",
    "file outside the folder": "summary 1: “../../etc/passwd” is not a file in this folder",
    "bad metrics": "summary 1: “metrics” is not a list of the expected entries",
}


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.mark.parametrize("case", sorted(RULE_FILES))
def test_bad_rule_files_are_refused_with_a_message(tmp_path, case):
    rules = rule_file(tmp_path / "rules.yaml", case)
    start = time.perf_counter()
    result = run("check", EXAMPLE, SUMMARY, "--rules", rules)
    assert time.perf_counter() - start < 20
    assert result.exit_code == 2, result.output
    where = f"{rules}:1" if case == "nested quantifier" else rules   # a pattern: its entry's line
    assert result.stderr == f"error: {where}: {RULE_OUTCOMES[case]}\n"


@pytest.mark.parametrize("case", sorted(LABEL_FILES))
def test_malformed_labels_are_refused_with_a_message(tmp_path, case):
    folder = labels_folder(tmp_path / "set", case)
    result = run("evaluate", EXAMPLE, folder)
    assert result.exit_code == 2, result.output
    assert result.stderr == (f"error: {folder / 'labels.json'}: labels.json: {LABEL_OUTCOMES[case]} "
                             f"{LABEL_HINT}\n")


@pytest.mark.parametrize("year", [10000, 0, -5])
def test_rollover_to_an_impossible_year_is_refused(tmp_path, year):
    result = run("rollover", EXAMPLE, "--year", year, "-o", tmp_path / "next.yaml")
    assert result.exit_code == 2
    assert result.stderr == (f"error: {EXAMPLE}: --year {year} is not a year a notice can carry "
                             "(hint: give a year from 1900 to 9998, such as 2007)\n")
    assert not (tmp_path / "next.yaml").exists()
