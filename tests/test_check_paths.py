"""Paths of check, import and rollover that nothing else exercises: each test fails when the
path stops working (or silently takes another road)."""
from __future__ import annotations

import json
import os
import shutil

import pytest
from click.testing import CliRunner

from noticegen.campaign import load_valid_campaign
from noticegen.cli import main

from conftest import EXAMPLE, ROOT
from docx_helpers import paragraphs_text, part, rewrite_part

DATA = ROOT / "tests" / "data"
SUMMARIES = EXAMPLE.parent / "summaries"
DISPATCH = SUMMARIES / "调度所自查总结.txt"
UNDATED = DISPATCH.read_text(encoding="utf-8").replace("2006年11月15日", "")


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_import_reads_the_unit_letters_from_the_folder_given_with_letters(tmp_path):
    assert run("build", EXAMPLE, "-o", tmp_path / "out").exit_code == 0
    package = tmp_path / "out" / "mengdian-2006"
    notice = tmp_path / "alone" / "通知.docx"
    notice.parent.mkdir()
    shutil.copy(package / "通知.docx", notice)
    shutil.move(package / "责任书", tmp_path / "elsewhere")
    without = run("import", notice, "-o", tmp_path / "a.yaml")
    assert without.exit_code == 0 and "no unit letters" in without.stdout
    result = run("import", notice, "--letters", tmp_path / "elsewhere", "-o", tmp_path / "b.yaml")
    assert result.exit_code == 0, result.output
    assert "no unit letters" not in result.stdout
    imported = load_valid_campaign(tmp_path / "b.yaml")
    original = load_valid_campaign(EXAMPLE)
    owing = [u.name for u in original.units if original.clauses_for_unit(u)]
    assert sorted(u.name for u in imported.units) == sorted(owing)
    for name in owing:
        assert ({c.id for c in imported.clauses_for_unit(imported.unit_by_name(name))}
                == {c.id for c in original.clauses_for_unit(original.unit_by_name(name))}), name


def test_check_renders_letters_from_the_template_folder(tmp_path):
    folder = tmp_path / "tpl"
    assert run("templates", "export", folder).exit_code == 0
    rewrite_part(folder / "feedback.docx", "word/document.xml",
                 lambda xml: xml.replace("{{ unit }}：", "{{ unit }}（自定模板）："))
    letters = tmp_path / "letters"
    result = run("check", EXAMPLE, DISPATCH, "--feedback", letters, "--template-dir", folder)
    assert result.exit_code in (0, 1), result.output
    text = "\n".join(paragraphs_text(part(letters / "××电业局调度所-反馈.docx")))
    assert "××电业局调度所（自定模板）：" in text
    plain = tmp_path / "plain"
    assert run("check", EXAMPLE, DISPATCH, "--feedback", plain).exit_code in (0, 1)
    assert "（自定模板）" not in "\n".join(paragraphs_text(part(plain / "××电业局调度所-反馈.docx")))


def test_jobs_spreads_the_files_over_worker_processes(tmp_path, monkeypatch):
    from noticegen.check import runner
    folder = tmp_path / "summaries"
    folder.mkdir()
    for n in range(6):
        (folder / f"调度所-{n}.txt").write_text(UNDATED.replace("诚信", "守法") if n % 2 else UNDATED,
                                              encoding="utf-8")
    serial = run("check", EXAMPLE, folder, "--format", "json", "--jobs", "1")
    pids = tmp_path / "pids"
    pids.mkdir()
    real = runner.Checker.check_file

    def recorded(self, path):
        (pids / f"{os.getpid()}-{path.name}").touch()
        import time
        time.sleep(0.2)                                  # every worker gets its share
        return real(self, path)

    monkeypatch.setattr(runner, "PARALLEL_FROM", 2)
    monkeypatch.setattr(runner.Checker, "check_file", recorded)
    parallel = run("check", EXAMPLE, folder, "--format", "json", "--jobs", "2")
    workers = {p.name.split("-")[0] for p in pids.iterdir()}
    assert len(list(pids.iterdir())) == 6
    assert str(os.getpid()) not in workers and len(workers) == 2
    assert parallel.exit_code == serial.exit_code and parallel.stdout == serial.stdout


def _roster(result, unit="××电业局调度所"):
    return {r["unit"]: r for r in json.loads(result.stdout)["roster"]}[unit]


def test_an_undated_summary_is_judged_by_its_file_time(tmp_path):
    path = tmp_path / "调度所自查总结.txt"
    path.write_text(UNDATED, encoding="utf-8")
    os.utime(path, (1163980800, 1163980800))            # 2006-11-20, after the deadline
    result = run("check", EXAMPLE, path, "--format", "json")
    entry = _roster(result)
    assert (entry["status"], entry["date"], entry["date_source"]) == ("late", "2006-11-20", "file")
    [summary] = json.loads(result.stdout)["summaries"]
    assert summary["deadline"]["status"] == "late" and summary["deadline"]["source"] == "file"
    assert "LATE (2006-11-20, file time)" in run("check", EXAMPLE, path).stdout
    os.utime(path, (1163635200, 1163635200))            # 2006-11-16
    assert _roster(run("check", EXAMPLE, path, "--format", "json"))["status"] == "on_time"


def test_judging_uses_the_file_times_read_with_the_files(tmp_path, monkeypatch):
    from noticegen.api import build_report
    from noticegen.check.runner import Checker
    newer, older = tmp_path / "调度所-a.txt", tmp_path / "调度所-b.txt"   # the name order is wrong
    for path in (newer, older):
        path.write_text(UNDATED, encoding="utf-8")
    os.utime(newer, (1163635200, 1163635200))           # 2006-11-16
    os.utime(older, (1163635100, 1163635100))           # the same day, earlier
    campaign = load_valid_campaign(EXAMPLE)
    checker = Checker(campaign)
    results = [checker.check_file(p) for p in (newer, older)]
    os.utime(older, (1163700000, 1163700000))           # changed after reading: not looked at

    def no_io(*args, **kwargs):
        raise AssertionError("a file was read while judging")
    monkeypatch.setattr(os, "stat", no_io)
    report = build_report(campaign, results)
    monkeypatch.undo()
    entry = report.entry("××电业局调度所")
    assert entry.summary.file == str(newer) and [o.file for o in entry.others] == [str(older)]


def test_a_partial_verdict_through_the_command_line(tmp_path):
    path = tmp_path / "summary.txt"
    # the sentence fits the clause, nothing around it is about its item: a near match
    path.write_text("××供电公司营销部\n部里聘请了2名行风监督员。\n", encoding="utf-8")
    campaign = DATA / "eval-dev2" / "campaign.yaml"
    result = run("check", campaign, path, "--all-clauses", "--format", "json")
    assert result.exit_code == 1, result.output
    [summary] = json.loads(result.stdout)["summaries"]
    found = {c["id"]: c["status"] for c in summary["clauses"] if c["status"] != "missing"}
    assert found == {"1.3.1": "partial"}
    model = load_valid_campaign(campaign)
    score = {c.id: c.score for c in model.rubric.clauses()}["1.3.1"]
    assert summary["points"] == round(score / 2, 2)
    table = run("check", campaign, path, "--all-clauses").stdout
    assert "  partial:" in table or "partial" in table.split("1.3.1")[0].splitlines()[-1]
    sheet = tmp_path / "t.xlsx"
    assert run("check", campaign, path, "--all-clauses", "--xlsx", sheet).exit_code == 1
    from openpyxl import load_workbook
    cells = [c.value for row in load_workbook(sheet).worksheets[0].iter_rows() for c in row]
    assert "部分" in cells


@pytest.mark.parametrize("text,where,message", [
    ("- clause: 认真贯彻\n  any:\n    - [服务, 承诺\n", ":4", "not valid YAML"),
    ("- clause: 认真贯彻\n  any: [[服务]]\n- clause: 认真贯彻\n  any:\n    - [服务, \"承诺(\"]\n",
     ":3", "bad pattern “承诺(”"),
])
def test_a_broken_rule_file_names_file_and_line(tmp_path, text, where, message):
    rules = tmp_path / "rules.yaml"
    rules.write_text(text, encoding="utf-8")
    result = run("check", EXAMPLE, DISPATCH, "--rules", rules)
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith(f"error: {rules}{where}: {message}")


def test_a_rule_naming_no_clause_is_a_warning_naming_the_file(tmp_path):
    rules = tmp_path / "rules.yaml"
    rules.write_text("- clause: 9.9.9\n  any: [[服务]]\n", encoding="utf-8")
    result = run("check", EXAMPLE, DISPATCH, "--rules", rules)
    assert f"warning: {rules}: “9.9.9” names no clause of the rubric" in result.stderr


def test_rollover_serial_sets_the_document_number(tmp_path):
    target = tmp_path / "2007.yaml"
    result = run("rollover", EXAMPLE, "--year", 2007, "--serial", 7, "-o", target)
    assert result.exit_code == 0, result.output
    assert str(load_valid_campaign(target).number) == "×电党宣〔2007〕7号"
    default = tmp_path / "default.yaml"
    assert run("rollover", EXAMPLE, "--year", 2007, "-o", default).exit_code == 0
    assert str(load_valid_campaign(default).number) == "×电党宣〔2007〕12号"


def test_a_summaries_path_that_does_not_exist_stops_the_check(tmp_path):
    result = run("check", EXAMPLE, tmp_path / "summary")
    assert result.exit_code == 2
    assert "no such file or folder" in result.stderr and "summary" in result.stderr
    assert "not submitted" not in result.output


def test_letters_written_into_the_folder_of_the_summaries_are_not_read_as_summaries(tmp_path):
    folder = tmp_path / "summaries"
    folder.mkdir()
    for summary in (EXAMPLE.parent / "summaries").iterdir():
        (folder / summary.name).write_bytes(summary.read_bytes())
    first = json.loads(run("check", EXAMPLE, folder, "--format", "json").stdout)
    assert run("check", EXAMPLE, folder, "--feedback", folder).exit_code == 1
    again = json.loads(run("check", EXAMPLE, folder, "--format", "json").stdout)
    assert again["roster"] == first["roster"]
    assert {s["kind"] for s in again["skipped"]} == {"ours"}
    letter = next(folder.glob("*-反馈.docx"))
    letter.write_bytes(letter.read_bytes() + b"x")        # changed by a person: looked at again
    changed = json.loads(run("check", EXAMPLE, folder, "--format", "json").stdout)
    assert str(letter) not in {s["file"] for s in changed["skipped"] if s["kind"] == "ours"}
