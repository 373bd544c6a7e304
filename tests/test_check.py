"""Checking summaries: accuracy on the labelled set, formats, encodings, bad input, reports."""
from __future__ import annotations

import json
import zipfile

import pytest
from click.testing import CliRunner
from docx import Document
from openpyxl import load_workbook

from noticegen.campaign import load_valid_campaign
from noticegen.check.evaluate import evaluate
from noticegen.check.normalize import normalize
from noticegen.check.runner import Checker
from noticegen.cli import main

from conftest import REFUSED, EXAMPLE, ROOT
from docx_helpers import paragraphs_text, part

EVAL_DEV = ROOT / "tests" / "data" / "eval-dev"     # a copy of ../shared/eval-dev

# A summary of the 调度所, written for these tests: it reports on all seven of its clauses.
DISPATCH_SUMMARY = """××电业局调度所
2006年“蒙电服务进万家工程”自查自评总结

一、依法经营
调度所严格执行政府批准的电价政策，公开收费标准，没有发生乱收费问题。
今年对照“三个十条”逐条学习，结合调度工作制定了《调度服务规范实施细则》。
全年实施限电9次，每次都严格按照政府批准的限电序位执行。
二、队伍建设
以“八荣八耻”为主要内容开展社会主义荣辱观教育，组织专题学习6次。
开展调度员“岗位练兵”活动，每季度组织一次技能比武。
把职业道德教育纳入新调度员上岗培训，安排职业道德课程4课时。
严格执行与发电企业签订的购售电合同，开展“诚信调度”创建活动。

××电业局调度所
2006年11月16日
"""


@pytest.fixture(scope="module")
def checker():
    return Checker(load_valid_campaign(EXAMPLE))


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_accuracy_on_the_development_set(checker):
    result = evaluate(Checker(load_valid_campaign(EXAMPLE)), EVAL_DEV)
    assert result.f1 >= 0.95, result.lines()
    assert result.hard_accepted / result.hard_total <= 0.05, result.lines()
    assert result.negated_found / result.negated_total >= 0.9, result.lines()
    assert result.figure_correct / result.figure_total >= 0.9, result.lines()


@pytest.mark.parametrize("raw,expected", [
    ("縣城供電可靠率達到99.95%", "县城供电可靠率达到99.95%"),
    ("蒙電服務(wù)進萬家", "蒙电服务进万家"),
    ("行风与效劳工作零投诉考核方法", "行风与服务工作零投诉考核方法"),
    ("９５５９８接通率１００％", "95598接通率100%"),
    ("铃响三声内接听", "铃响3声内接听"),
    ("受理3,126次,全部按时", "受理3126次，全部按时"),
    ('开展"青年看服务"活动', "开展“青年看服务”活动"),
])
def test_normalisation(raw, expected):
    assert normalize(raw) == expected


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "gbk", "gb18030"])
def test_text_encodings_give_the_same_verdicts(tmp_path, checker, encoding):
    reference = tmp_path / "ref.txt"
    reference.write_text(DISPATCH_SUMMARY, encoding="utf-8")
    other = tmp_path / f"summary-{encoding}.txt"
    other.write_bytes(DISPATCH_SUMMARY.encode(encoding))
    expected = [(c.id, c.status) for c in checker.check_file(reference).clauses]
    result = checker.check_file(other)
    assert result.status == "ok" and [(c.id, c.status) for c in result.clauses] == expected


def test_unit_is_recognised_and_judged_on_its_own_clauses(tmp_path, checker):
    path = tmp_path / "summary.txt"
    path.write_text(DISPATCH_SUMMARY, encoding="utf-8")
    result = checker.check_file(path)
    assert result.unit == "××电业局调度所"
    assert [c.id for c in result.clauses] == ["1.3.1", "1.3.2", "1.3.3", "2.1.1", "2.1.2",
                                              "2.2.1", "2.2.2"]
    assert all(c.status == "covered" for c in result.clauses), result.clauses
    assert result.coverage == 1.0
    assert result.deadline.status == "on_time" and result.deadline.date.isoformat() == "2006-11-16"
    [metric] = result.figures
    assert metric.row == 12 and metric.meets_standard


def test_negation_and_missing(tmp_path, checker):
    text = DISPATCH_SUMMARY.replace("以“八荣八耻”为主要内容开展社会主义荣辱观教育，组织专题学习6次。",
                                    "社会主义荣辱观学习教育在我所尚未开展。")
    text = text.replace("开展调度员“岗位练兵”活动，每季度组织一次技能比武。", "")
    path = tmp_path / "调度所.txt"
    path.write_text(text, encoding="utf-8")
    verdicts = {c.id: c for c in checker.check_file(path).clauses}
    assert verdicts["2.1.1"].status == "negated"
    assert verdicts["2.1.1"].evidence == "社会主义荣辱观学习教育在我所尚未开展。"
    assert verdicts["2.1.2"].status == "missing" and verdicts["2.1.2"].evidence is None


def test_docx_summary_with_table_gives_paragraph_and_cell_locations(tmp_path, checker):
    document = Document()
    for line in DISPATCH_SUMMARY.splitlines()[:8]:
        document.add_paragraph(line)
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "队伍建设"
    table.cell(0, 1).text = "开展调度员“岗位练兵”活动，每季度组织一次技能比武。"
    path = tmp_path / "调度所总结.docx"
    document.save(path)
    verdicts = {c.id: c for c in checker.check_file(path).clauses}
    assert verdicts["1.3.2"].location == "段6"
    assert verdicts["2.1.2"].status == "covered" and verdicts["2.1.2"].location == "表1 行1 列2"


def _zip_bomb(path):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"\0" * (30 * 1024 * 1024))


def _encrypted_pdf(path):
    from pypdf import PdfWriter
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.encrypt("secret")
    writer.write(path)


def _blank_pdf(path):
    from pypdf import PdfWriter
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.write(path)


BAD_FILES = [
    ("corrupt.docx", lambda p: p.write_bytes(b"PK\x03\x04 not really a zip"),
     "the .docx file is damaged or cut off"),
    ("bomb.docx", _zip_bomb, "zip bomb"),
    ("empty.txt", lambda p: p.write_bytes(b""), "the file is empty"),
    ("huge.txt", lambda p: p.open("wb").truncate(50 * 1024 * 1024), "more than a summary can be"),
    ("locked.pdf", _encrypted_pdf, "password-protected"),
    ("scan.pdf", _blank_pdf, "no text"),
    ("broken.pdf", lambda p: p.write_bytes(b"%PDF-1.4 garbage"), "PDF is damaged"),
    ("binary.txt", lambda p: p.write_bytes(bytes(range(256)) * 40), "text"),
]


def test_bad_files_are_reported_each_on_its_own_row(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name, make, _ in BAD_FILES:
        make(folder / name)
    (folder / "sheet.xls").write_bytes(b"\xd0\xcf\x11\xe0")   # not a summary: skipped, noted
    (folder / "调度所.txt").write_text(DISPATCH_SUMMARY, encoding="utf-8")
    result = run("check", EXAMPLE, folder, "--format", "json")
    assert result.exit_code == 2
    data = json.loads(result.stdout)
    rows = {s["file"].rsplit("/", 1)[-1]: s for s in data["summaries"]}
    for name, _, message in BAD_FILES:
        assert rows[name]["status"] == "error", name
        assert message in rows[name]["error"], (name, rows[name]["error"])
        assert rows[name]["error"].startswith(str(folder / name))
    assert rows["调度所.txt"]["status"] == "ok" and rows["调度所.txt"]["coverage"] == 1.0
    assert [s["file"].rsplit("/", 1)[-1] for s in data["skipped"]] == ["sheet.xls"]


def test_json_schema(tmp_path):
    path = tmp_path / "调度所.txt"
    path.write_text(DISPATCH_SUMMARY, encoding="utf-8")
    result = run("check", EXAMPLE, path, "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) == {"schema", "campaign", "roster", "unrecognised", "skipped", "summaries"}
    assert data["schema"] == 4
    [summary] = data["summaries"]
    assert set(summary) == {"file", "unit", "status", "error", "coverage", "points", "max_points",
                            "superseded_by", "deadline", "clauses", "figures"}
    assert set(summary["clauses"][0]) == {"id", "printed", "status", "decided_by", "confidence",
                                          "evidence", "location"}
    assert [(c["id"], c["printed"]) for c in summary["clauses"][:2]] == [("1.3.1", "㈠3.⑴"),
                                                                         ("1.3.2", "㈠3.⑵")]
    assert (summary["points"], summary["max_points"]) == (50, 50)
    assert set(summary["figures"][0]) == {"row", "name", "value", "standard", "meets_standard",
                                          "evidence"}
    assert summary["deadline"] == {"status": "on_time", "date": "2006-11-16", "source": "text",
                                   "deadline": "2006-11-18"}


def test_late_summary_and_unit_override(tmp_path):
    path = tmp_path / "summary.txt"
    path.write_text(DISPATCH_SUMMARY.replace("2006年11月16日", "2006年11月20日")
                    .replace("××电业局调度所", "本所"), encoding="utf-8")
    result = run("check", EXAMPLE, path, "--unit", "调度所")
    assert result.exit_code == 0, result.output
    assert f"{path}: ××电业局调度所 — coverage 100%, 50 of 50 points, LATE (2006-11-20)" in \
        result.stdout.splitlines()
    unknown = run("check", EXAMPLE, path, "--unit", "不存在的单位")
    assert unknown.exit_code == 2 and "is not a unit of the campaign" in unknown.stderr


def test_all_clauses_flag_and_exit_1(tmp_path):
    path = tmp_path / "调度所.txt"
    path.write_text(DISPATCH_SUMMARY, encoding="utf-8")
    result = run("check", EXAMPLE, path, "--all-clauses")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    start = lines.index("  missing (13):")
    assert lines[start + 1:start + 3] == ["    ㈠1.⑴ 认真贯彻“人民电业为人民”的宗旨和“优质、方便… (2 points)",
                                          "    ㈠1.⑵ 经常开展优质服务调研、测评活动，不断对员工深入… (3 points)"]


def test_xlsx_and_feedback_reports(tmp_path):
    path = tmp_path / "调度所.txt"
    path.write_text(DISPATCH_SUMMARY.replace("开展调度员“岗位练兵”活动，每季度组织一次技能比武。", ""),
                    encoding="utf-8")
    sheet_path, letters = tmp_path / "跟踪表.xlsx", tmp_path / "反馈"
    result = run("check", EXAMPLE, path, "--xlsx", sheet_path, "--feedback", letters)
    assert result.exit_code == 1, result.output
    sheet = load_workbook(sheet_path)["汇总"]
    header = [c.value for c in sheet[1]]
    rows = {r[1]: r for r in sheet.iter_rows(min_row=2, max_row=11, values_only=True)}
    assert header[:7] == ["序号", "单位", "状态", "总结日期", "估算得分", "满分", "未达标指标"]
    row = rows["××电业局调度所"]
    assert row[2] == "按时提交" and row[4:6] == (45, 50)
    column = header.index("㈡1.⑵\n围绕开展“蒙电服务进万…\n（5分）")
    assert row[column] == "缺失"
    line = [r[0].row for r in sheet.iter_rows(min_row=2) if r[1].value == "××电业局调度所"][0]
    assert sheet.cell(line, column + 1).fill.fgColor.rgb.endswith("FFC7CE")
    assert row[header.index("㈠1.⑴\n认真贯彻“人民电业为人…\n（2分）")] == "—"  # not the unit's clause
    evidence = load_workbook(sheet_path)["判定依据"]
    rows = [[c.value for c in r] for r in evidence.iter_rows()]
    assert rows[0] == ["文件", "单位", "条款", "条款内容", "判定", "判定依据", "置信度", "位置",
                       "依据原文", "条款编号"]
    by_clause = {r[9]: r for r in rows[1:]}
    assert by_clause["2.1.2"][2:6] == ["㈡1.⑵", "围绕开展“蒙电服务进万家工程”活动，结…", "缺失", "提示词"]
    assert by_clause["2.1.2"][8] is None
    covered = [r for r in rows[1:] if r[4] == "已覆盖"]
    assert covered and all(r[8] and r[7] and 0 < r[6] <= 1 for r in covered)
    [letter] = [p for p in letters.iterdir() if p.suffix == ".docx"]
    text = "\n".join(paragraphs_text(part(letter)))
    assert "××电业局调度所：" in text and "一、未报告的条款" in text
    assert "㈡1.⑵\u3000围绕开展“蒙电服务进万家工程”活动" in text
    again = run("check", EXAMPLE, path, "--xlsx", sheet_path)
    assert again.exit_code == 1  # identical sheet: rewritten without complaint
    sheet_path.write_bytes(b"someone else's sheet")
    refused = run("check", EXAMPLE, path, "--xlsx", sheet_path)
    assert refused.exit_code == 2 and REFUSED.format(name=sheet_path.name) in refused.stderr


def test_batch_uses_worker_processes_with_the_same_results(tmp_path, checker):
    files = []
    for n in range(20):
        path = tmp_path / f"调度所-{n:02d}.txt"
        path.write_text(DISPATCH_SUMMARY if n % 2 else DISPATCH_SUMMARY.replace("诚信", "守法"),
                        encoding="utf-8")
        files.append(path)
    from noticegen.check.runner import check_summaries
    parallel = list(check_summaries(checker, files, workers=2))
    serial = [checker.check_file(p) for p in files]
    assert [(r.file, [(c.id, c.status) for c in r.clauses]) for r in parallel] == \
        [(r.file, [(c.id, c.status) for c in r.clauses]) for r in serial]


def test_evaluate_command_prints_the_figures():
    result = run("evaluate", EXAMPLE, EVAL_DEV)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].startswith("addressed vs missing: precision ")
    assert lines[3].startswith("commitment verdicts: ")


def test_a_clause_without_cue_phrases_is_judged_by_the_general_matcher(tmp_path, example_text):
    text = example_text.replace("规范投诉举报处理程序，充分体现“客户至上、服务第一”。",
                                "建立客户用电安全隐患排查台账，定期上门开展安全用电检查。")
    campaign_path = tmp_path / "campaign.yaml"
    campaign_path.write_text(text, encoding="utf-8")
    checker = Checker(load_valid_campaign(campaign_path), all_clauses=True)
    assert checker.rules.clauses == {}          # no coverage.yaml beside this campaign
    summary = tmp_path / "summary.txt"
    summary.write_text("××电业局计量所\n今年建立了客户用电安全隐患排查台账，全年上门检查320户。\n",
                       encoding="utf-8")
    verdict = {c.id: c for c in checker.check_file(summary).clauses}["3.4.1"]
    assert (verdict.status, verdict.source) == ("covered", "general")
    assert verdict.evidence.startswith("今年建立了客户用电安全隐患排查台账") and 0 < verdict.confidence <= 1
    summary.write_text("××电业局计量所\n今年更换电能表1,200只。\n", encoding="utf-8")
    assert {c.id: c.status for c in checker.check_file(summary).clauses}["3.4.1"] == "missing"
    summary.write_text("××电业局计量所\n客户用电安全隐患排查台账至今还没有建立。\n", encoding="utf-8")
    assert {c.id: c.status for c in checker.check_file(summary).clauses}["3.4.1"] == "negated"


def test_bundled_sample_summaries():
    folder = EXAMPLE.parent / "summaries"
    result = run("check", EXAMPLE, folder, "--format", "json")
    assert result.exit_code == 1
    rows = {s["unit"]: s for s in json.loads(result.stdout)["summaries"]}
    dispatch, counter = rows["××电业局调度所"], rows["××电业局城区供电营业所"]
    assert dispatch["coverage"] == 1.0 and dispatch["deadline"]["status"] == "on_time"
    status = {c["id"]: c["status"] for c in counter["clauses"]}
    assert status["1.4.3"] == status["3.4.1"] == "negated"
    assert status["1.3.1"] == status["3.1.2"] == status["3.3.1"] == "covered"
    assert status["2.1.1"] == "missing"
    assert counter["deadline"]["status"] == "late"
    assert [(m["row"], m["meets_standard"]) for m in counter["figures"]] == [(1, True), (2, False), (10, False)]


def test_accuracy_on_the_probe_set(checker):
    result = evaluate(Checker(load_valid_campaign(EXAMPLE)), ROOT / "tests" / "fixtures" / "eval-probe")
    assert result.f1 >= 0.95 and result.hard_accepted == 0, result.lines()
    assert result.negated_found == result.negated_total == 5
