"""Hostile spreadsheets and Word files for import and lint: bounded, clear, per file."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from noticegen.cli import main

from conftest import EXAMPLE
from hostile import files as hostile


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture(scope="module")
def notice(tmp_path_factory):
    out = tmp_path_factory.mktemp("package")
    assert run("build", EXAMPLE, "-o", out).exit_code == 0
    return out / "mengdian-2006" / "通知.docx"


def test_a_valid_rubric_sheet_imports(tmp_path):
    source = hostile.rubric_xlsx(tmp_path / "rubric.xlsx")
    result = run("import", source, "-o", tmp_path / "c.yaml")
    assert result.exit_code == 0, result.output
    assert "title: 规范服务" in (tmp_path / "c.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize("merges,message", [
    (("G1:XFD1048576",), "merged range G1:XFD1048576 covers 17,173,577,728 cells, far more than a "
                         "rubric sheet (100,000 merged cells at most) (hint: unmerge the range in "
                         "Excel or WPS and merge only the category and item cells)"),
    (("A:A",), "merged range “A:A” in xl/worksheets/sheet1.xml is not a cell range (hint: open it "
               "in Excel or WPS and save it again as .xlsx)"),
])
def test_huge_or_odd_merged_ranges_are_refused_before_openpyxl(tmp_path, merges, message):
    source = hostile.rubric_xlsx(tmp_path / "rubric.xlsx", merges=merges)
    result = run("import", source, "-o", tmp_path / "c.yaml")
    assert result.exit_code == 2
    assert result.stderr == f"error: {source}: {message}\n"
    assert not (tmp_path / "c.yaml").exists()


def test_a_stray_far_away_cell_costs_nothing(tmp_path):
    source = hostile.rubric_xlsx(tmp_path / "rubric.xlsx", far_cell="BL1048576")
    result = run("import", source, "-o", tmp_path / "c.yaml")
    assert result.exit_code == 0, result.output


def test_a_sheet_inflating_to_1_gb_is_refused(tmp_path):
    source = hostile.inflating_xlsx(tmp_path / "bomb.xlsx")
    result = run("import", source, "-o", tmp_path / "c.yaml")
    assert result.exit_code == 2
    assert result.stderr == (f"error: {source}: unpacks to far more than its size (a zip bomb?) "
                             "(hint: open it in Excel or WPS and save it again as .xlsx)\n")
    assert not (tmp_path / "c.yaml").exists()


def test_import_never_overwrites_its_source_even_with_force(tmp_path, notice):
    source = tmp_path / "通知.docx"
    source.write_bytes(notice.read_bytes())
    result = run("import", source, "-o", source, "--force")
    assert result.exit_code == 2
    assert result.stderr == (f"error: {source}: the output would replace the input file "
                             "(hint: write to another file name)\n")
    assert source.read_bytes() == notice.read_bytes()


def test_a_rubric_whose_merges_never_start_is_not_reported_as_fully_mapped(tmp_path, notice):
    source = hostile.docx_all_continue(notice, tmp_path / "通知.docx")
    result = run("import", source, "-o", tmp_path / "c.yaml")
    assert result.exit_code == 0, result.output
    assert ("  not mapped: 附件2 column 1, 2, 6: merged cells that never start (“continue” with "
            "no “restart”): check the categories and items") in result.stdout
    assert "everything was mapped" not in (tmp_path / "c.yaml").read_text(encoding="utf-8")


def test_odd_but_harmless_word_files_lint_and_import(tmp_path, notice):
    no_body = hostile.docx_without_body(notice, tmp_path / "空.docx")
    fractional = hostile.docx_fractional_margin(notice, tmp_path / "小数.docx")
    result = run("lint", no_body, fractional, "--format", "json")
    report = json.loads(result.stdout)
    assert [r["error"] for r in report] == [None, None]
    errors = any(f["severity"] == "error" for r in report for f in r["findings"])
    assert result.exit_code == (1 if errors else 0), result.output
    fixed = run("lint", "--fix", no_body, "-o", tmp_path / "fixed.docx")
    assert fixed.exit_code in (0, 1) and "internal error" not in fixed.output, fixed.output
    assert (tmp_path / "fixed.docx").exists()
    assert run("import", fractional, "-o", tmp_path / "c.yaml").exit_code == 0
    result = run("import", no_body, "-o", tmp_path / "d.yaml")
    assert result.exit_code == 2
    assert "no 发文字号 or title found" in result.stderr


def test_one_bad_file_does_not_hide_the_lint_results_of_the_others(tmp_path, notice, monkeypatch):
    from noticegen.lint import pagechecks
    real = pagechecks.page

    def flaky(document, body):
        if document.path.name == "坏.docx":
            raise AttributeError("boom")
        return real(document, body)

    monkeypatch.setattr(pagechecks, "page", flaky)
    bad = tmp_path / "坏.docx"
    bad.write_bytes(notice.read_bytes())
    (tmp_path / "damaged.docx").write_bytes(b"PK\x03\x04 not really")
    result = run("lint", bad, tmp_path / "damaged.docx", notice, "--format", "json")
    assert result.exit_code == 3
    report = json.loads(result.stdout)
    assert report[0]["error"] == (f"{bad}: internal error: AttributeError: boom (hint: run again "
                                  "with --debug for the traceback and report it)")
    assert report[1]["error"].startswith(f"{tmp_path / 'damaged.docx'}: the .docx file is damaged "
                                         "or cut off")
    assert report[2]["error"] is None


@pytest.mark.parametrize("command", ["lint", "import"])
def test_an_unreadable_file_says_permission_denied_not_damaged(tmp_path, notice, monkeypatch, command):
    import pathlib
    locked = tmp_path / "locked.docx"
    locked.write_bytes(notice.read_bytes())
    real_open = pathlib.Path.open

    def guarded(self, *args, **kwargs):
        if self.name == "locked.docx":
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(pathlib.Path, "open", guarded)
    args = [locked] if command == "lint" else [locked, "-o", tmp_path / "c.yaml"]
    result = run(command, *args)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == (f"error: {locked}: cannot read the file: Permission "
                                             "denied (hint: check the path and the file's permissions)")
