"""validate reports every problem in one run, and takes a folder as build does."""
from __future__ import annotations

from click.testing import CliRunner

from noticegen.cli import main

from conftest import EXAMPLE, line_of


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_type_errors_and_unknown_names_come_in_one_run(broken, tmp_path, example_text):
    text = example_text.replace("score: 2\n", "score: two\n", 1).replace("宣传部]", "宣传处]", 1)
    text = text.replace("[城区供电营业所,", "[城区供电所,", 1)
    path = tmp_path / "campaign.yaml"
    path.write_text(text, encoding="utf-8")
    result = run("validate", path)
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[-1] == "3 problems found"
    assert f"{path}:{line_of(text, '城区供电所,')}: group “各供电、农电及营销各单位”: unknown unit “城区供电所”" in lines[0]
    assert f"{path}:{line_of(text, 'score: two')}: " in lines[1] and "“two”" in lines[1]
    assert f"{path}:{line_of(text, '宣传处]')}: clause 1.1.1: unknown department “宣传处”" in lines[2]
    assert "did you mean “宣传部”" in lines[2]
    # a score that could not be read does not also make the item's sum “wrong”
    assert "add up" not in result.stderr


def test_a_missing_field_and_an_unknown_department_come_together(broken):
    path, text = broken("  printed_by: ××电业局党委宣传部\n", "")
    text = text.replace("宣传部]", "宣传处]", 1)
    path.write_text(text, encoding="utf-8")
    result = run("validate", path)
    assert result.exit_code == 1
    assert "printed_by" in result.stderr and "unknown department “宣传处”" in result.stderr
    assert result.stderr.endswith("2 problems found\n")


def test_validate_takes_a_folder_holding_campaign_yaml(tmp_path):
    result = run("validate", EXAMPLE.parent)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"{EXAMPLE.parent}: valid — 3 categories")
    result = run("validate", tmp_path)
    assert result.exit_code == 2
    assert result.stderr == f"error: {tmp_path}: no campaign.yaml in this folder (hint: name the campaign file itself)\n"
