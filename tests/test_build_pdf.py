"""The package rendered through LibreOffice: pages, the 22 × 28 grid, page numbers, attachments."""
from __future__ import annotations

import os
import re
import shutil
import subprocess

import pytest

from noticegen.render.build import build_many
from noticegen.chinese import display_width

from conftest import EXAMPLE

if not (shutil.which("soffice") and shutil.which("pdftotext")):
    if os.environ.get("CI"):
        raise RuntimeError("CI must install LibreOffice and poppler-utils (see .ci/run)")
    pytest.skip("LibreOffice or pdftotext not installed", allow_module_level=True)


progress: list[tuple[int, int]] = []


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory):
    out = tmp_path_factory.mktemp("pdf")
    progress.clear()
    [outcome] = list(build_many([EXAMPLE], out, with_pdf=True,
                                progress=lambda source, done, total: progress.append((done, total))))
    assert outcome.error is None, outcome.error
    assert len(outcome.result.pdfs) == 14
    return outcome.result.folder / "pdf"


def pages(pdf) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    return text.split("\f")[:-1]


def page_number(page: str) -> int | None:
    match = re.search(r"—\s*(\d+)\s*—\s*$", page.strip())
    return int(match.group(1)) if match else None


def test_attachments_start_on_their_own_pages(pdfs):
    notice = pages(pdfs / "通知.pdf")
    starts = {n: next(i for i, p in enumerate(notice) if p.replace(" ", "").lstrip().startswith(f"附件{n}"))
              for n in (1, 2, 3)}
    assert 0 < starts[1] < starts[2] < starts[3]
    separate = {n: len(pages(pdfs / f"附件{n}.pdf")) for n in (1, 2, 3)}
    assert starts[2] - starts[1] == separate[1]
    assert starts[3] - starts[2] == separate[2]
    assert len(notice) - starts[3] == separate[3]
    assert "组织领导机构" in notice[starts[1]]
    assert "考核内容、标准及任务" in notice[starts[2]]
    assert "服务承诺兑现情况表" in notice[starts[3]]


def test_every_page_is_numbered_in_order(pdfs):
    notice = pages(pdfs / "通知.pdf")
    assert [page_number(p) for p in notice] == list(range(1, len(notice) + 1))


def rendered_width(line: str) -> float:
    """Width in body characters as LibreOffice sets it. Curly quotes come from the Western
    font there (half width; Word with 仿宋_GB2312 sets them full width), and a comma or stop
    at the end of a line hangs into the margin (w:overflowPunct, the default)."""
    line = line.replace(" ", "")
    if line and line[-1] in "，。、；：！？”":
        line = line[:-1]
    return display_width(line) - 0.5 * sum(line.count(q) for q in "“”‘’")


def test_notice_pages_keep_the_22_by_28_grid(pdfs):
    notice = pages(pdfs / "通知.pdf")
    body_pages = notice[:next(i for i, p in enumerate(notice) if p.replace(" ", "").lstrip().startswith("附件1"))]
    assert len(body_pages) >= 3
    full_pages = 0
    for page in body_pages:
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        lines = [line for line in lines if page_number(line) is None]
        assert len(lines) <= 22, page
        for line in lines:
            assert rendered_width(line) <= 28, line
        full_pages += len(lines) == 22
    assert full_pages >= 1  # a page of body text holds exactly 22 lines


def test_first_page_carries_banner_number_and_title(pdfs):
    first = pages(pdfs / "通知.pdf")[0]
    for text in ("中共××电业局委员会文件", "〔2006〕12", "关于印发《", "局属（农电）各单位："):
        assert text in first.replace(" ", "")


def test_letters_render(pdfs):
    letter = pages(pdfs / "责任书" / "××电业局调度所.pdf")
    text = "".join(letter).replace(" ", "")
    assert "责任单位：××电业局调度所" in text and "合计" in text and "50" in text


def test_colophon_sits_at_the_foot_of_the_last_page(pdfs):
    last = [line.replace(" ", "") for line in pages(pdfs / "通知.pdf")[-1].splitlines() if line.strip()]
    assert page_number(last[-1]) is not None
    assert last[-3].startswith("抄送：××电力（集团）公司党委宣传部")
    assert last[-2].startswith("××电业局党委宣传部") and last[-2].endswith("2006年11月14日印发")
    blank_run = pages(pdfs / "通知.pdf")[-1].rstrip().splitlines()
    assert "" in [line.strip() for line in blank_run[-8:-3]]  # pushed down, not right under the table


def test_a_pdf_summary_is_checked_page_by_page(tmp_path):
    from docx import Document

    from noticegen.campaign import load_valid_campaign
    from noticegen.check.runner import Checker
    from noticegen.render.pdf import convert
    from test_check import DISPATCH_SUMMARY
    document = Document()
    for line in DISPATCH_SUMMARY.splitlines():
        document.add_paragraph(line)
    source = tmp_path / "调度所总结.docx"
    document.save(source)
    [pdf] = convert([source], tmp_path / "pdf")
    result = Checker(load_valid_campaign(EXAMPLE)).check_file(pdf)
    assert result.status == "ok" and result.unit == "××电业局调度所"
    assert result.coverage == 1.0
    assert {c.location for c in result.clauses} == {"第1页"}
    assert result.deadline.date.isoformat() == "2006-11-16"


def test_no_signature_block_starts_a_letter_page_alone(pdfs):
    letters = sorted((pdfs / "责任书").glob("*.pdf"))
    assert len(letters) == 10
    for letter in letters:
        flat = [p.replace(" ", "").replace("\n", "") for p in pages(letter)]
        signature = next(i for i, p in enumerate(flat) if "发文机关（盖章）" in p)
        page = flat[signature]
        assert "责任单位（盖章）" in page and "日期：" in page, letter.name
        assert "责任单位须对照上述内容" in page or "合计" in page, letter.name


def lines_of(pdf, first: int = 1, last: int | None = None) -> list[str]:
    args = ["pdftotext", "-layout", "-f", str(first)] + (["-l", str(last)] if last else [])
    text = subprocess.run(args + [str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return [line.strip().replace(" ", "") for line in text.splitlines() if line.strip()]


def test_titles_and_attachment_notes_break_between_words(pdfs):
    roster = lines_of(pdfs / "附件1.pdf", 1, 1)
    assert roster[1:3] == ["“蒙电服务进万家工程”", "竞赛评比活动组织领导机构"]
    notice = lines_of(pdfs / "通知.pdf")
    start = next(i for i, line in enumerate(notice) if line.startswith("附件：1."))
    assert notice[start:start + 5] == [
        "附件：1.“蒙电服务进万家工程”", "竞赛评比活动组织领导机构",
        "2.××电业局蒙电服务进万家工程竞赛评比", "考核内容、标准及任务目标分解责任书",
        "3.服务承诺兑现情况表"]


def test_pdf_progress_is_reported_as_libreoffice_writes(pdfs):
    assert progress[-1] == (14, 14) and len(progress) >= 2
    assert [done for done, _ in progress] == sorted(done for done, _ in progress)
