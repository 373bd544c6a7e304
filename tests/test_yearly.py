"""Yearly regeneration: rollover, import (docx round trip, xlsx), diff, batch rebuilds."""
from __future__ import annotations

import datetime as dt
import shutil

import pytest
from click.testing import CliRunner
from openpyxl import Workbook

from noticegen.campaign import load_valid_campaign
from noticegen.campaign.diff import diff_campaigns
from noticegen.campaign.load import read_yaml
from noticegen.campaign.rollover import move_date
from noticegen.cli import main
from noticegen.render.build import build_many

from conftest import REFUSED, EXAMPLE
from docx_helpers import part


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.mark.parametrize("date,policy,expected", [
    (dt.date(2006, 11, 14), "weekday", dt.date(2007, 11, 13)),   # Tuesday stays Tuesday
    (dt.date(2006, 11, 18), "weekday", dt.date(2007, 11, 17)),   # Saturday stays Saturday
    (dt.date(2006, 11, 18), "workday", dt.date(2007, 11, 19)),   # 2007-11-18 is a Sunday
    (dt.date(2006, 11, 14), "workday", dt.date(2007, 11, 14)),
    (dt.date(2008, 2, 29), "workday", dt.date(2009, 3, 2)),     # 28 February 2009 is a Saturday
])
def test_move_date(date, policy, expected):
    assert move_date(date, 1, policy) == expected


def test_rollover_keeps_the_file_and_lists_what_to_review(tmp_path):
    target = tmp_path / "2007" / "campaign.yaml"
    target.parent.mkdir()
    result = run("rollover", EXAMPLE, "--year", 2007, "-o", target)
    assert result.exit_code == 0, result.output
    review = result.stdout
    for field in ("notice.number", "notice.date", "notice.printed_date", "summaries.deadline",
                  "notice.body[1]", "leadership", "contact"):
        assert f"  {field}: " in review, field
    old_lines = EXAMPLE.read_text(encoding="utf-8").splitlines()
    new_lines = target.read_text(encoding="utf-8").splitlines()
    assert len(old_lines) == len(new_lines)
    changed = [(a, b) for a, b in zip(old_lines, new_lines) if a != b]
    assert [b.strip()[:12] for _, b in changed] == [
        "year: 2007", "number: {cod", "date: 2007-1", "- 2006年，根据××", "printed_date", "deadline: 20"]
    assert '"≥99.9%"' in target.read_text(encoding="utf-8")  # quoting kept
    campaign = load_valid_campaign(target)
    assert str(campaign.number) == "×电党宣〔2007〕12号" and campaign.date == dt.date(2007, 11, 13)
    [outcome] = list(build_many([target], tmp_path / "out"))
    assert outcome.error is None
    again = run("rollover", EXAMPLE, "--year", 2007, "-o", target)  # our own, unchanged
    assert again.exit_code == 0
    target.write_text(target.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
    refused = run("rollover", EXAMPLE, "--year", 2007, "-o", target)
    assert refused.exit_code == 2 and REFUSED.format(name=target.name) in refused.stderr


def test_import_of_the_built_notice_reproduces_the_package(tmp_path):
    [first] = list(build_many([EXAMPLE], tmp_path / "first"))
    imported = tmp_path / "imported" / "campaign.yaml"
    imported.parent.mkdir()
    result = run("import", first.result.folder / "通知.docx", "-o", imported)
    assert result.exit_code == 0, result.output
    assert result.stdout == f"wrote {imported}\n"  # everything mapped
    [second] = list(build_many([imported], tmp_path / "second"))
    assert second.error is None, second.error
    a, b = first.result.folder, second.result.folder
    names = sorted(str(p.relative_to(a)) for p in a.rglob("*.docx"))
    assert names == sorted(str(p.relative_to(b)) for p in b.rglob("*.docx"))
    for name in names:
        assert (a / name).read_bytes() == (b / name).read_bytes(), name


def test_import_without_letters_lists_what_it_could_not_map(tmp_path):
    [built] = list(build_many([EXAMPLE], tmp_path / "out"))
    notice = tmp_path / "通知.docx"
    shutil.copy(built.result.folder / "通知.docx", notice)
    result = run("import", notice, "-o", tmp_path / "c.yaml")
    assert result.exit_code == 0
    assert "not mapped: units: no unit letters (责任书/*.docx) beside the notice" in result.stdout
    text = (tmp_path / "c.yaml").read_text(encoding="utf-8")
    assert text.startswith("# Imported from 通知.docx by noticegen import. Review before use.\n"
                           "# not mapped: units:")


def test_import_xlsx_rubric_with_merged_cells(tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(["项目", "竞赛及考核内容", "竞赛与考核标准及要求", "标准分", "组织实施及考核部门", "执行单位或部门"])
    sheet.append(["㈠服务优质（10分）", "1.强化服务意识（5分）", "⑴实施服务品牌建设。", 2, "宣传部", "各单位"])
    sheet.append([None, None, "⑵开展优质服务调研。", 3, "行风办", None])
    sheet.append([None, "2.现场服务规范（5分）", "包括现场服务纪律。", 5, "营销部", None])
    sheet.append(["合计", None, None, 10, None, None])
    for cells in ("A2:A4", "B2:B3", "F2:F4"):
        sheet.merge_cells(cells)
    source = tmp_path / "rubric.xlsx"
    book.save(source)
    result = run("import", source, "-o", tmp_path / "c.yaml")
    assert result.exit_code == 0, result.output
    assert "not mapped: notice, issuer, leadership, units: not in the sheet" in result.stdout
    data = read_yaml(tmp_path / "c.yaml")
    rubric = data["rubric"]
    assert rubric["total"] == 10
    [category] = rubric["categories"]
    assert category["title"] == "服务优质" and category["score"] == 10
    first, second = category["items"]
    assert first["title"] == "强化服务意识" and first["score"] == 5
    assert [c["text"] for c in first["clauses"]] == ["实施服务品牌建设。", "开展优质服务调研。"]
    assert [c["executors"] for c in first["clauses"]] == [["各单位"], ["各单位"]]
    assert second["text"] == "包括现场服务纪律。" and second["score"] == 5
    assert sorted(d["name"] for d in data["departments"]) == ["宣传部", "营销部", "行风办"]
    invalid = run("validate", tmp_path / "c.yaml")
    assert invalid.exit_code == 1 and "missing required field “notice.title”" in invalid.stderr


def test_diff_lists_exactly_the_edits(tmp_path, example_text):
    edited = (example_text
              .replace("建立内部监督、政府监督、用户监督和舆论监督相结合的监督机制", "建立内部监督、用户监督和舆论监督相结合的监督机制")
              .replace("          score: 30\n", "          score: 25\n", 1)
              .replace("      score: 50\n", "      score: 45\n", 1)
              .replace("  total: 100", "  total: 95")
              .replace("              score: 20\n", "              score: 15\n", 1)
              .replace("    - {name: 吴××, post: 团委书记}\n", "    - {name: 吴××, post: 团委书记}\n    - {name: 钱××, post: 工会主席}\n", 1)
              .replace("  - {name: ××电业局输电工区, short: 输电工区}\n", "")
              .replace(", 变电工区, 输电工区, 调度所]", ", 变电工区, 调度所]"))
    path = tmp_path / "edited.yaml"
    path.write_text(edited, encoding="utf-8")
    changes = [str(c) for c in diff_campaigns(load_valid_campaign(EXAMPLE), load_valid_campaign(path))]
    assert changes == [
        "~ 类别1 服务优质规范、行业作风端正 分值: 50 → 45",
        "~ 项目1.3 规范服务行为 分值: 30 → 25",
        "~ 条款1.2.3 reworded (similarity 0.93): 建立内部监督、政府监督、用户监督和舆论监… ⇒ 建立内部监督、用户监督和舆论监…",
        "~ 条款1.3.3 分值: 20 → 15",
        "+ 成员: 钱××（工会主席）",
        "- 执行单位: ××电业局输电工区",
        "~ 单位组 局属（农电）各单位: 输电工区 → —",
    ]
    report = tmp_path / "diff.docx"
    result = run("diff", EXAMPLE, path, "--docx", report)
    assert result.exit_code == 0 and result.stdout.endswith(
        f"7 changes\nwrote {report} (the changes as tracked insertions and deletions)\n")
    xml = part(report)
    ns = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}
    deleted = ["".join(t.text for t in d.iter("{%s}delText" % ns["w"])) for d in xml.iterfind(".//w:del", ns)]
    inserted = ["".join(t.text for t in i.iter("{%s}t" % ns["w"])) for i in xml.iterfind(".//w:ins", ns)]
    assert "监督、政府" in deleted and "钱××（工会主席）" in inserted and "45" in inserted


def test_batch_rebuild_touches_only_what_changed(tmp_path, example_text):
    campaigns = tmp_path / "campaigns"
    for name in ("a", "b"):
        (campaigns / name).mkdir(parents=True)
        (campaigns / name / "campaign.yaml").write_text(example_text, encoding="utf-8")
    out = tmp_path / "out"
    first = run("build", campaigns / "a", campaigns / "b", "-o", out)
    assert first.exit_code == 0 and first.stdout.count("14 written") == 2
    second = run("build", campaigns / "a", campaigns / "b", "-o", out)
    assert second.stdout.count("0 written, 14 unchanged") == 2
    edited = example_text.replace("服务承诺兑现情况表\n  rows", "服务承诺兑现情况统计表\n  rows")
    (campaigns / "b" / "campaign.yaml").write_text(edited, encoding="utf-8")
    third = run("build", campaigns / "a", campaigns / "b", "-o", out)
    lines = third.stdout.splitlines()
    assert lines[0].endswith("a: 0 written, 14 unchanged")
    assert lines[1].endswith("b: 2 written, 12 unchanged")
    assert sorted(lines[2:]) == ["  changed: 通知.docx", "  changed: 附件3.docx"]


def test_diff_shows_the_year_and_the_printing_date(tmp_path):
    target = tmp_path / "2007.yaml"
    assert run("rollover", EXAMPLE, "--year", 2007, "--serial", 3, "-o", target).exit_code == 0
    result = run("diff", EXAMPLE, target)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[:6] == [
        "通知:", "  ~ 活动年度: 2006 → 2007", "  ~ 文号: ×电党宣〔2006〕12号 → ×电党宣〔2007〕3号",
        "  ~ 成文日期: 2006-11-14 → 2007-11-13", "  ~ 截止日期: 2006-11-18 → 2007-11-17",
        "  ~ 印发日期: 2006-11-14 → 2007-11-13"]
