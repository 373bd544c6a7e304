"""The generated package, reopened and inspected as XML: GB/T 9704 layout, tables, letters."""
from __future__ import annotations

from pathlib import Path

import pytest

from noticegen.campaign import load_valid_campaign
from noticegen.render.build import build_many
from noticegen.render.context import clause_text

from conftest import EXAMPLE
from docx_helpers import NS, cell_texts, paragraphs_text, part, w


@pytest.fixture(scope="module")
def package(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("build")
    [outcome] = list(build_many([EXAMPLE], out))
    assert outcome.error is None, outcome.error
    return outcome.result.folder


@pytest.fixture(scope="module")
def campaign():
    return load_valid_campaign(EXAMPLE)


def _attr(element, name):
    return element.get(w(name))


def test_package_files(package, campaign):
    names = sorted(str(p.relative_to(package)) for p in package.rglob("*") if p.is_file())
    letters = [n for n in names if n.startswith("责任书/")]
    assert {"通知.docx", "附件1.docx", "附件2.docx", "附件3.docx", "manifest.json"} <= set(names)
    assert len(letters) == len(campaign.units)


def test_page_setup_is_gbt9704(package):
    doc = part(package / "通知.docx")
    sections = doc.findall(".//w:sectPr", NS)
    portrait = sections[0]
    size = portrait.find("w:pgSz", NS)
    margins = portrait.find("w:pgMar", NS)
    assert (_attr(size, "w"), _attr(size, "h")) == ("11906", "16838")
    assert [_attr(margins, k) for k in ("top", "bottom", "left", "right")] == \
        ["2098", "1984", "1588", "1474"]
    grid = portrait.find("w:docGrid", NS)
    assert _attr(grid, "type") == "lines" and _attr(grid, "linePitch") == "579"
    orients = [_attr(s.find("w:pgSz", NS), "orient") for s in sections]
    assert orients.count("landscape") == 1  # 附件2 only


def _style(styles, name):
    for style in styles.findall("w:style", NS):
        if _attr(style.find("w:name", NS), "val") == name:
            return style
    raise AssertionError(name)


@pytest.mark.parametrize("name,font,size", [
    ("正文", "仿宋_GB2312", "32"), ("公文标题", "方正小标宋简体", "44"),
    ("一级标题", "黑体", "32"), ("二级标题", "楷体_GB2312", "32"), ("页码", "宋体", "28"),
])
def test_styles_set_east_asian_fonts_and_sizes(package, name, font, size):
    style = _style(part(package / "通知.docx", "word/styles.xml"), name)
    fonts = style.find("w:rPr/w:rFonts", NS)
    assert _attr(fonts, "eastAsia") == font and _attr(fonts, "asciiTheme") is None
    assert _attr(style.find("w:rPr/w:sz", NS), "val") == size


def test_body_indent_and_exact_line_pitch(package):
    style = _style(part(package / "通知.docx", "word/styles.xml"), "正文")
    assert _attr(style.find("w:pPr/w:ind", NS), "firstLineChars") == "200"
    spacing = style.find("w:pPr/w:spacing", NS)
    assert (_attr(spacing, "line"), _attr(spacing, "lineRule")) == ("579", "exact")


def test_notice_front_matter(package, campaign):
    doc = part(package / "通知.docx")
    texts = paragraphs_text(doc)
    assert texts[0] == "中共××电业局委员会文件"
    banner_color = doc.find(".//w:p", NS)
    assert texts.index("×电党宣〔2006〕12号") == 3  # two blank lines below the 标志
    number = doc.findall(".//w:p", NS)[3]
    border = number.find("w:pPr/w:pBdr/w:bottom", NS)
    assert _attr(border, "color") == "FF0000"  # the red separator line
    assert "局属（农电）各单位：" in texts
    assert "附件：1.“蒙电服务进万家工程”竞赛评比活动组织领导机构" in texts
    assert "　　　2.××电业局蒙电服务进万家工程竞赛评比考核内容、标准及任务目标分解责任书" in texts
    assert "2006年11月14日" in texts and "二○○六" not in "".join(texts)
    assert any("并于11月18日前通过OA报局党委宣传部，联系人：××" in t for t in texts)
    assert "抄送：××电力（集团）公司党委宣传部，局领导。" in texts
    assert any(t.startswith("××电业局党委宣传部") and t.endswith("2006年11月14日印发") for t in texts)
    assert banner_color is not None


def test_title_is_broken_into_balanced_lines(package, campaign):
    doc = part(package / "通知.docx")
    title = next(p for p in doc.iter(w("p")) if "关于印发" in "".join(t.text or "" for t in p.iter(w("t"))))
    assert len(title.findall(".//w:br", NS)) == 2
    assert "".join(t.text for t in title.iter(w("t"))) == campaign.title


def test_signature_is_centred_over_the_date(package):
    doc = part(package / "通知.docx")
    paragraphs = doc.findall(".//w:p", NS)
    texts = [ "".join(t.text or "" for t in p.iter(w("t"))) for p in paragraphs]
    signature = paragraphs[texts.index("中共××电业局委员会")]
    # 10-character signature over a 7-character date 右空四字: 400 − 150 hundredths of a char
    assert _attr(signature.find("w:pPr/w:ind", NS), "rightChars") == "250"


def test_page_numbers_odd_right_even_left(package):
    settings = part(package / "通知.docx", "word/settings.xml")
    assert settings.find("w:evenAndOddHeaders", NS) is not None
    doc = part(package / "通知.docx")
    refs = {_attr(r, "type"): r for r in doc.find(".//w:sectPr", NS).findall("w:footerReference", NS)}
    assert set(refs) >= {"default", "even"}
    rels = part(package / "通知.docx", "word/_rels/document.xml.rels")
    targets = {r.get("Id"): r.get("Target") for r in rels}
    rid = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
    for kind, align in (("default", "right"), ("even", "left")):
        footer = part(package / "通知.docx", "word/" + targets[refs[kind].get(rid)])
        paragraph = footer.find("w:p", NS)
        assert _attr(paragraph.find("w:pPr/w:jc", NS), "val") == align
        assert "PAGE" in _attr(paragraph.find("w:fldSimple", NS), "instr")
        text = "".join(t.text for t in paragraph.iter(w("t")))
        assert text.startswith("— ") and text.endswith(" —")


def _rubric_table(path: Path):
    doc = part(path)
    return next(t for t in doc.iter(w("tbl")) if "竞赛与考核标准及要求" in "".join(
        x.text or "" for x in t.iter(w("t"))))


@pytest.mark.parametrize("name", ["通知.docx", "附件2.docx"])
def test_rubric_table_holds_every_clause_once_with_merges(package, campaign, name):
    table = _rubric_table(package / name)
    rows = cell_texts(table)
    assert rows[0] == ["项目", "竞赛及考核内容", "竞赛与考核标准及要求", "标准分", "组织实施及考核部门", "执行单位或部门"]
    header = table.findall("w:tr", NS)[0]
    assert header.find("w:trPr/w:tblHeader", NS) is not None
    body_rows = table.findall("w:tr", NS)[1:]
    assert all(r.find("w:trPr/w:cantSplit", NS) is not None for r in body_rows)
    clause_cells = [r[2] for r in rows[1:-1]]
    for category in campaign.rubric.categories:
        for item in category.items:
            for index, clause in enumerate(item.clauses):
                assert clause_cells.count(clause_text(item, clause, index)) == 1
    assert rows[-1][0] == "合计" and rows[-1][3] == "100"
    restarts = [tc for tc in table.iter(w("tc"))
                if tc.find("w:tcPr/w:vMerge", NS) is not None
                and _attr(tc.find("w:tcPr/w:vMerge", NS), "val") == "restart"]
    first_column = [r.findall("w:tc", NS)[0] for r in body_rows[:-1]]
    category_starts = [tc for tc in first_column if tc in restarts]
    assert len(category_starts) == 3  # one merged 项目 cell per category
    assert rows[1][0] == "㈠服务优质规范、行业作风端正（50分）" and rows[2][0] == ""


def test_rubric_section_is_landscape(package):
    doc = part(package / "附件2.docx")
    size = doc.find(".//w:body/w:sectPr/w:pgSz", NS)
    assert _attr(size, "orient") == "landscape" and _attr(size, "w") == "16838"


def test_commitment_form_has_all_rows(package, campaign):
    doc = part(package / "附件3.docx")
    table = next(doc.iter(w("tbl")))
    rows = cell_texts(table)
    assert rows[0] == ["序号", "项目", "应兑现标准", "实际兑现情况", "兑现率", "考核分"]
    assert [r[0] for r in rows[1:]] == [str(n) for n in range(1, 19)]
    assert rows[1][2] == "不低于99.9%" and rows[6][2] == "居民客户供电方案总数："
    assert any("考评单位：" in t and "填报时间：" in t for t in paragraphs_text(doc))


def test_each_letter_holds_exactly_its_clauses_and_total(package, campaign):
    for unit in campaign.units:
        path = package / "责任书" / f"{unit.name}.docx"
        table = next(part(path).iter(w("tbl")))
        rows = cell_texts(table)
        expected = campaign.clauses_for_unit(unit)
        assert [r[0] for r in rows[1:-1]] == [c.id for c in expected], unit.name
        assert rows[-1][3] == f"{sum(c.score for c in expected):g}"
        text = "".join(paragraphs_text(part(path)))
        assert f"责任单位：{unit.name}" in text and "负责人（签字）" in text


def test_core_properties_come_from_the_campaign(package):
    core = part(package / "通知.docx", "docProps/core.xml")
    texts = {el.tag.split("}")[1]: el.text for el in core}
    assert texts["created"] == texts["modified"] == "2006-11-14T00:00:00Z"
    assert texts["creator"] == "中共××电业局委员会"


def test_titles_wrap_evenly_between_words():
    from noticegen.chinese import display_width
    from noticegen.render.layout import wrap_balanced, wrap_title
    assert wrap_title("“蒙电服务进万家工程”竞赛评比活动组织领导机构") == [
        "“蒙电服务进万家工程”", "竞赛评比活动组织领导机构"]
    assert wrap_balanced("××电业局蒙电服务进万家工程竞赛评比考核内容、标准及任务目标分解责任书", 22) == [
        "××电业局蒙电服务进万家工程竞赛评比", "考核内容、标准及任务目标分解责任书"]
    for title in ("关于印发《××电业局蒙电服务进万家工程竞赛评比考核标准及任务目标分解责任书》的通知",
                  "一二三四五六七八九十一二三四五六七八九十一", "服务承诺兑现情况表（2007年度）"):
        for width in (10, 20, 22):
            lines = wrap_balanced(title, width)
            assert "".join(lines) == title
            assert all(display_width(line) <= width for line in lines)
            assert all(len(line) > 1 for line in lines)            # never one character alone
            assert not any(line[0] in "》”）、，。" or line[-1] in "《“（" for line in lines)


def test_a_quantity_target_shows_its_standard_in_the_commitment_form(tmp_path):
    """A row counting what was done (省级以上媒体发稿数量 ≥20) shows the target to reach; a
    row counting failures (信息发布审核差错 = 0) leaves its total label to be filled in."""
    publicity = Path(__file__).parent / "data" / "eval-publicity" / "campaign.yaml"
    [outcome] = list(build_many([publicity], tmp_path))
    assert outcome.error is None, outcome.error
    rows = cell_texts(next(part(outcome.result.folder / "附件3.docx").iter(w("tbl"))))
    standards = {r[1]: r[2] for r in rows[1:]}
    assert standards["省级以上媒体发稿数量"] == "不低于20"
    assert standards["原创新媒体作品数量"] == "不低于12"
    assert standards["信息发布审核差错"] == "对外发布信息总数："
