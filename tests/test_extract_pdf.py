"""PDF summaries: pdftotext and pypdf give the same segments; lines join into paragraphs."""
from __future__ import annotations

import shutil
import subprocess

import docx
import pytest

from noticegen.extract import extract, pdf
from noticegen.extract.lines import page_lines, paragraphs

needs_tools = pytest.mark.skipif(not (shutil.which("soffice") and shutil.which("pdftotext")),
                                 reason="LibreOffice or poppler not installed")
LONG = ("（二）2006年1至10月，城区供电可靠率达到99.93%，居民客户端电压合格率为95.4%，比承诺标准"
        "低0.6个百分点，主要原因是老旧台区低压线路过长、线径偏细；受理居民客户用电申请1,846件，"
        "供电方案全部按时答复。")


def test_lines_join_until_a_sentence_ends_or_a_line_is_short():
    lines = [("一、依法经营", 1), ("（一）公司成立了以经理为组长的活动领导小组，分管营销的副经", 1),
             ("理具体负责，各供电所所长为本所第一责任人，全体员工人人有", 1),
             ("责。", 1), ("二、规范服务行为", 1), ("（二）今年1至10月，我局城区、郊区供电可靠率达到", 1),
             ("99.93%，比去年提高了0.02个百分点，全年未发生一起客户投诉事", 1), ("件。", 1)]
    assert [t for t, _ in paragraphs(lines)] == [
        "一、依法经营",
        "（一）公司成立了以经理为组长的活动领导小组，分管营销的副经理具体负责，各供电所所长为本所"
        "第一责任人，全体员工人人有责。",
        "二、规范服务行为",
        "（二）今年1至10月，我局城区、郊区供电可靠率达到99.93%，比去年提高了0.02个百分点，全年未发生一起客户投诉事件。"]


def test_page_numbers_dropped_and_paragraphs_run_on_to_the_next_page():
    pages = [[("— 1 —", 1), ("为民服务的宗旨，建立 24 小时值班和回访", 1), ("- 1 -", 1)],
             [("第2页 共3页", 2), ("制度。", 2), ("2", 2)]]
    assert paragraphs(page_lines(pages)) == [("为民服务的宗旨，建立24小时值班和回访制度。", [1, 2])]


@pytest.fixture(scope="module")
def text_pdf(tmp_path_factory):
    if not (shutil.which("soffice") and shutil.which("pdftotext")):
        pytest.skip("LibreOffice or poppler not installed")
    folder = tmp_path_factory.mktemp("pdf")
    document = docx.Document()
    document.add_paragraph("××电业局城区供电营业所自查自评总结")
    for _ in range(12):
        document.add_paragraph(LONG)
    document.save(folder / "summary.docx")
    subprocess.run(["soffice", f"-env:UserInstallation=file://{folder}/profile", "--headless",
                    "--convert-to", "pdf", "--outdir", str(folder), str(folder / "summary.docx")],
                   check=True, capture_output=True, timeout=180)
    return folder / "summary.pdf"


@needs_tools
def test_pdftotext_and_pypdf_agree(text_pdf, monkeypatch):
    poppler = extract(text_pdf)
    monkeypatch.setattr(pdf, "_pdftotext", lambda path: None)
    assert extract(text_pdf) == poppler
    assert [s.text for s in poppler] == ["××电业局城区供电营业所自查自评总结"] + [LONG] * 12
    assert poppler[0].location == "第1页" and poppler[-1].location == "第2页"


def test_pdftotext_missing_falls_back_to_pypdf(tmp_path, monkeypatch):
    from pypdf import PdfWriter
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.encrypt("secret")
    writer.write(tmp_path / "locked.pdf")
    monkeypatch.setattr(pdf.shutil, "which", lambda name: None)
    with pytest.raises(Exception, match="password-protected"):
        extract(tmp_path / "locked.pdf")
