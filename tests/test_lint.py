"""Lint: the built notice is clean; each deliberate break triggers exactly its rule; --fix."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Mm

from noticegen.cli import main
from noticegen.lint.runner import lint_file
from noticegen.render.build import build_many

from conftest import EXAMPLE


@pytest.fixture(scope="module")
def notice(tmp_path_factory):
    out = tmp_path_factory.mktemp("lint")
    [outcome] = list(build_many([EXAMPLE], out))
    return outcome.result.folder / "通知.docx"


def rules(path):
    return {f.rule for f in lint_file(path)}


def _paragraph(document, start):
    return next(p for p in document.paragraphs if p.text.startswith(start))


def _set_text(paragraph, text):
    paragraph.runs[0].text = text
    for run in paragraph.runs[1:]:
        run.text = ""


def _style_font(document, style, font):
    fonts = document.styles[style].element.rPr.find(qn("w:rFonts"))
    fonts.set(qn("w:eastAsia"), font)


def _drop_east_asian(document, *styles):
    for style in styles:
        fonts = document.styles[style].element.rPr.find(qn("w:rFonts"))
        del fonts.attrib[qn("w:eastAsia")]
    defaults = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault"))
    defaults.find(qn("w:rPr")).find(qn("w:rFonts")).set(qn("w:eastAsiaTheme"), "minorEastAsia")


def _insert_heading(document, text):
    target = _paragraph(document, "二、各单位")
    new = target.insert_paragraph_before(text, style=target.style)
    new.paragraph_format.first_line_indent = target.paragraph_format.first_line_indent


def _break_score(document):
    table = next(t for t in document.tables if "标准分" in t.rows[0].cells[3].text)
    cell = next(r.cells[3] for r in table.rows[1:] if r.cells[3].text == "20")
    _set_text(cell.paragraphs[0], "2")


BREAKS = {
    "PAGE-MARGINS": lambda d: (setattr(d.sections[0], "left_margin", Mm(20)),
                               setattr(d.sections[0], "right_margin", Mm(34))),
    "FONT-BODY": lambda d: _style_font(d, "正文", "宋体"),
    "FONT-EASTASIA": lambda d: _drop_east_asian(d, "正文", "Normal"),
    "DOCNUMBER-BRACKETS": lambda d: _set_text(_paragraph(d, "×电党宣"), "×电党宣[2006]12号"),
    "DOCNUMBER-DI": lambda d: _set_text(_paragraph(d, "×电党宣"), "×电党宣〔2006〕第12号"),
    "DOCNUMBER-ZERO": lambda d: _set_text(_paragraph(d, "×电党宣"), "×电党宣〔2006〕012号"),
    "DATE-CHINESE": lambda d: _set_text(_paragraph(d, "2006年11月14日"), "二○○六年十一月十四日"),
    "DATE-PADDING": lambda d: _set_text(_paragraph(d, "2006年11月14日"), "2006年11月04日"),
    "HEADING-SEQUENCE": lambda d: _insert_heading(d, "（二）加强组织领导，各单位要高度重视。"),
    "ATTACH-NOTE-PUNCT": lambda d: _set_text(_paragraph(d, "　　　3.服务承诺"), "　　　3.服务承诺兑现情况表。"),
    "PUNCT-HALFWIDTH": lambda d: _set_text(_paragraph(d, "局属（农电）"), "局属(农电)各单位："),
    "RECIPIENT-COLON": lambda d: _set_text(_paragraph(d, "局属（农电）"), "局属（农电）各单位"),
    "PUNCT-UNPAIRED": lambda d: _set_text(_paragraph(d, "三、为了方便"), "三、为了方便竞赛活动的“检查和监督，各单位要尽快建立档案。"),
    "ATTACH-NUMERAL": lambda d: _set_text(_paragraph(d, "一、为加强"), "一、为加强组织领导，成立领导小组（详见附件一）。"),
    "RUBRIC-SUM": _break_score,
    "ATTACH-NOTE-MATCH": lambda d: _set_text(_paragraph(d, "　　　2."), "　　　2.考核标准"),
}


def test_built_notice_lints_clean(notice):
    assert lint_file(notice) == []


@pytest.mark.parametrize("rule", sorted(BREAKS))
def test_each_break_triggers_exactly_its_rule(notice, tmp_path, rule):
    document = Document(notice)
    BREAKS[rule](document)
    broken = tmp_path / f"{rule}.docx"
    document.save(broken)
    assert rules(broken) == {rule}


SEED_TEXT = [
    "关于印发××××电业局蒙电服务进万家工程竞赛评比考核标准及任务目标分解责任书的通知",
    "局属(农电)各单位:",
    "为了进一步把“蒙电服务进万家工程”活动引向深入，现印发给你们，请认真贯彻落实。",
    "一、局成立竞赛评比活动领导小组及竞赛活动办公室（详见附件一）。",
    "二、各单位于11月18日前通过OA报局党委宣传部。",
    "附件：1.组织领导机构",
    "2.考核内容、标准及任务目标分解责任书",
    "二○○六年十一月十四日",
]


def seed_notice(path):
    """Seed 000's notice typed into Word as it stands, with python-docx's default formatting."""
    document = Document()
    for text in SEED_TEXT:
        document.add_paragraph(text)
    table = document.add_table(rows=5, cols=6)
    rows = [["项目", "竞赛及考核内容", "竞赛与考核标准及要求", "标准分", "组织实施及考核部门", "执行单位或部门"],
            ["㈠服务优质规范、行业作风端正(50分)", "3、规范服务行为(30分)", "⑴严格遵守国家法律法规", "2", "营销部", "各单位"],
            ["", "", "⑵认真学习贯彻《供电服务规范》（5分）", "3", "行风办", ""],
            ["", "", "⑶各项业务达到承诺兑现标准（20分）", "2", "行风办", ""],
            ["合计", "", "", "7", "", ""]]
    for row, texts in zip(table.rows, rows):
        for cell, text in zip(row.cells, texts):
            cell.text = text
    document.save(path)


def test_seed_notice_as_typed(tmp_path):
    path = tmp_path / "seed.docx"
    seed_notice(path)
    findings = lint_file(path)
    found = {f.rule for f in findings}
    assert {"DATE-CHINESE", "ATTACH-NUMERAL", "PUNCT-HALFWIDTH", "RECIPIENT-COLON", "RUBRIC-SUM",
            "FONT-EASTASIA", "PAGE-SIZE", "PAGE-NUMBER"} <= found
    sums = [f.excerpt for f in findings if f.rule == "RUBRIC-SUM"]
    assert "表1: 3、规范服务行为 states 30分, its scores add up to 7" in sums
    date = next(f for f in findings if f.rule == "DATE-CHINESE")
    assert date.location == "段8" and date.excerpt == "二○○六年十一月十四日"


def test_fix_writes_a_new_file_that_relints_clean_for_the_fixed_rules(tmp_path):
    source = tmp_path / "seed.docx"
    seed_notice(source)
    original = source.read_bytes()
    fixed = tmp_path / "fixed.docx"
    result = CliRunner().invoke(main, ["lint", "--fix", str(source), "-o", str(fixed)])
    assert source.read_bytes() == original  # never in place
    lines = result.stdout.splitlines()
    assert "段2: [PUNCT-HALFWIDTH] “局属(农电)各单位:” → “局属（农电）各单位：”" in lines
    assert "段8: [DATE-CHINESE] “二○○六年十一月十四日” → “2006年11月14日”" in lines
    assert any("[ATTACH-NUMERAL]" in line and "附件1" in line for line in lines)
    after = rules(fixed)
    assert not after & {"PUNCT-HALFWIDTH", "DATE-CHINESE", "ATTACH-NUMERAL", "RECIPIENT-COLON"}
    assert "RUBRIC-SUM" in after  # not a safe fix: left for a person
    again = CliRunner().invoke(main, ["lint", "--fix", str(source), "-o", str(source)])
    assert again.exit_code == 2 and "never changes the file in place" in again.stderr


def test_docnumber_fix(notice, tmp_path):
    document = Document(notice)
    _set_text(_paragraph(document, "×电党宣"), "×电党宣[2006]第012号")
    broken, fixed = tmp_path / "b.docx", tmp_path / "f.docx"
    document.save(broken)
    assert rules(broken) == {"DOCNUMBER-BRACKETS", "DOCNUMBER-DI", "DOCNUMBER-ZERO"}
    CliRunner().invoke(main, ["lint", "--fix", str(broken), "-o", str(fixed)])
    assert rules(fixed) == set()


def test_cli_json_and_exit_codes(notice, tmp_path):
    clean = CliRunner().invoke(main, ["lint", str(notice)])
    assert clean.exit_code == 0 and clean.stdout == "1 file(s): 0 errors, 0 warnings\n"
    seed = tmp_path / "seed.docx"
    seed_notice(seed)
    result = CliRunner().invoke(main, ["lint", "--format", "json", str(seed)])
    assert result.exit_code == 1
    [report] = json.loads(result.stdout)
    finding = report["findings"][0]
    assert set(finding) == {"file", "location", "excerpt", "rule", "severity", "clause", "message", "hint"}
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"not a docx")
    unreadable = CliRunner().invoke(main, ["lint", str(broken)])
    assert unreadable.exit_code == 2 and "not a valid .docx" in unreadable.stderr
