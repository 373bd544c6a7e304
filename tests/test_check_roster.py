"""The department's view of check: the roster of units, duplicates, skipped files, points."""
from __future__ import annotations

import json
import os

from click.testing import CliRunner

from noticegen.campaign import load_valid_campaign
from noticegen.check.coverage import ClauseResult
from noticegen.check.runner import estimate_points
from noticegen.cli import main
from noticegen.render.context import printed_clauses

from conftest import EXAMPLE
from test_check import DISPATCH_SUMMARY

UNITS = ["××电业局城区供电营业所", "××电业局客户服务中心", "××电业局计量所", "××电业局农电公司",
         "××旗供电分公司", "××县供电局", "××县农电局", "××电业局变电工区", "××电业局输电工区",
         "××电业局调度所"]


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_printed_numbers_follow_the_rubric_table():
    printed = printed_clauses(load_valid_campaign(EXAMPLE))
    assert printed["1.1.1"] == {"number": "㈠1.⑴", "text": printed["1.1.1"]["text"]}
    assert printed["1.1.1"]["text"].startswith("认真贯彻“人民电业为人民”")
    assert printed["1.4.3"]["number"] == "㈠4.⑶"
    # an item that is itself the requirement: its number and title, as 附件2 prints them
    assert printed["3.2.1"] == {"number": "㈢2.", "text": "“95598”客户服务热线服务规范"}


def test_two_of_ten_summaries_in_lists_eight_units_not_submitted(folder):
    result = run("check", EXAMPLE, folder, "--format", "json")
    assert result.exit_code == 1, result.output
    data = json.loads(result.stdout)
    roster = {r["unit"]: r for r in data["roster"]}
    assert [r["unit"] for r in data["roster"]] == UNITS
    assert [u for u, r in roster.items() if r["status"] == "not_submitted"] == \
        [u for u in UNITS if u not in ("××电业局城区供电营业所", "××电业局调度所")]
    counter, dispatch = roster["××电业局城区供电营业所"], roster["××电业局调度所"]
    assert (counter["status"], counter["date"], counter["points"], counter["max_points"]) == \
        ("late", "2006-11-20", 47, 100)
    assert counter["figures_below_standard"] == [2, 10]
    assert (dispatch["status"], dispatch["date"], dispatch["date_source"]) == \
        ("on_time", "2006-11-15", "text")
    assert (dispatch["points"], dispatch["max_points"]) == (50, 50)
    assert roster["××电业局变电工区"] == {
        "unit": "××电业局变电工区", "short": "变电工区", "status": "not_submitted", "file": None,
        "date": None, "date_source": None, "points": None, "max_points": 20,
        "figures_below_standard": [], "error": None, "others": []}
    table = run("check", EXAMPLE, folder).stdout.splitlines()
    assert table[0] == ("units owing a summary by 2006-11-18: 10 — 1 on time, 1 late, "
                        "0 date unknown, 8 not submitted, 0 unreadable")
    assert table[3].split() == ["××电业局计量所", "not", "submitted", "—", "of", "100", "points"]
    assert table[1].split()[:7] == ["××电业局城区供电营业所", "LATE", "(2006-11-20)", "47", "of",
                                    "100", "points"]


def test_points_full_for_covered_half_for_partial_none_otherwise():
    clauses = load_valid_campaign(EXAMPLE).rubric.clauses()[:4]       # scores 2, 3, 2, 2
    verdicts = [ClauseResult("1.1.1", "covered", 1.0), ClauseResult("1.1.2", "partial", 0.5),
                ClauseResult("1.2.1", "negated", 0.5), ClauseResult("1.2.2", "missing", 0.0)]
    assert estimate_points(clauses, verdicts) == (3.5, 9)


def test_the_latest_of_two_summaries_from_one_unit_counts(folder, tmp_path):
    (folder / "调度所-初稿.txt").write_text(
        DISPATCH_SUMMARY.replace("2006年11月16日", "2006年11月10日")
        .replace("开展调度员“岗位练兵”活动，每季度组织一次技能比武。", ""), encoding="utf-8")
    (folder / "调度所-定稿.txt").write_text(DISPATCH_SUMMARY, encoding="utf-8")
    letters = tmp_path / "letters"
    result = run("check", EXAMPLE, folder, "--format", "json", "--feedback", letters)
    data = json.loads(result.stdout)
    dispatch = {r["unit"]: r for r in data["roster"]}["××电业局调度所"]
    assert dispatch["file"] == str(folder / "调度所-定稿.txt")
    assert dispatch["date"] == "2006-11-16"
    assert sorted(dispatch["others"]) == [str(folder / "调度所-初稿.txt"),
                                          str(folder / "调度所自查总结.txt")]
    superseded = {s["file"]: s["superseded_by"] for s in data["summaries"]}
    assert superseded[str(folder / "调度所-初稿.txt")] == str(folder / "调度所-定稿.txt")
    assert superseded[str(folder / "调度所-定稿.txt")] is None
    assert sorted(p.name for p in letters.glob("*.docx")) == [
        "××电业局城区供电营业所-反馈.docx", "××电业局调度所-反馈.docx"]
    table = run("check", EXAMPLE, folder).stdout
    assert f"      also from this unit, not counted: {folder / '调度所-初稿.txt'}" in table
    assert (f"  not counted: a later summary from this unit counts "
            f"({folder / '调度所-定稿.txt'})") in table


def test_same_date_duplicates_are_ordered_by_file_time(folder):
    older, newer = folder / "调度所-a.txt", folder / "调度所-b.txt"
    for path in (older, newer):
        path.write_text(DISPATCH_SUMMARY.replace("\n××电业局调度所\n2006年11月16日\n", "\n"),
                        encoding="utf-8")
    (folder / "调度所自查总结.txt").unlink()
    os.utime(newer, (1163635200, 1163635200))          # 2006-11-16
    os.utime(older, (1163548800, 1163548800))          # 2006-11-15
    data = json.loads(run("check", EXAMPLE, folder, "--format", "json").stdout)
    dispatch = {r["unit"]: r for r in data["roster"]}["××电业局调度所"]
    assert (dispatch["file"], dispatch["date_source"]) == (str(newer), "file")
    assert dispatch["others"] == [str(older)]


def test_files_that_are_not_summaries_are_skipped_with_a_note(folder, tmp_path):
    (folder / "README.md").write_text("各单位总结放在这里。城区供电营业所的总结已收到。", encoding="utf-8")
    (folder / "notes.txt").write_text("调度所 电话 95598", encoding="utf-8")
    (folder / "~$调度所.docx").write_bytes(b"lock")
    (folder / "photo.bmp").write_bytes(b"BM\x00\x00")
    (folder / "会议通知.txt").write_text("定于下周一召开周例会，请准时参加。\n", encoding="utf-8")
    (folder / "计量所总结.doc").write_bytes(b"\xd0\xcf\x11\xe0")          # a unit's, damaged
    (folder / "d07.txt").write_text("2006年自查总结\n我们严格执行电费电价政策，不指定设计单位，"
                                    "不指定施工队伍，不指定设备材料采购。\n", encoding="utf-8")
    letters = tmp_path / "letters"
    result = run("check", EXAMPLE, folder, "--format", "json", "--feedback", letters)
    assert result.exit_code == 2, result.output     # the .doc cannot be read
    data = json.loads(result.stdout)
    skipped = {os.path.basename(s["file"]): s["kind"] for s in data["skipped"]}
    assert skipped == {"README.md": "notes", "notes.txt": "notes", "~$调度所.docx": "lock",
                       "photo.bmp": "type", "会议通知.txt": "empty"}
    checked = {os.path.basename(s["file"]) for s in data["summaries"]}
    assert checked == {"城区供电营业所自查总结.txt", "调度所自查总结.txt", "计量所总结.doc", "d07.txt"}
    roster = {r["unit"]: r for r in data["roster"]}
    assert roster["××电业局计量所"]["status"] == "unreadable"
    assert "could not convert the file" in roster["××电业局计量所"]["error"]
    assert data["unrecognised"] == [str(folder / "d07.txt")]
    assert "no letter for " + str(folder / "d07.txt") in result.stderr
    assert len(list(letters.glob("*.docx"))) == 2
    table = run("check", EXAMPLE, folder).stdout
    assert f"  skipped {folder / 'README.md'}: a README or notes file, not a summary" in table
    assert f"  unit not recognised (name it with --unit): {folder / 'd07.txt'}" in table


def test_a_file_named_on_the_command_line_is_always_checked(tmp_path):
    path = tmp_path / "README.txt"
    path.write_text(DISPATCH_SUMMARY, encoding="utf-8")
    data = json.loads(run("check", EXAMPLE, path, "--format", "json").stdout)
    assert data["skipped"] == [] and data["summaries"][0]["unit"] == "××电业局调度所"
