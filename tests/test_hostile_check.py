"""Hostile summaries: one bad file becomes that file's error row; the batch goes on."""
from __future__ import annotations

import importlib.util
import json
import pathlib
import shutil

import pytest
from click.testing import CliRunner

from noticegen.cli import main

from conftest import EXAMPLE
from hostile import files as hostile

SUMMARIES = EXAMPLE.parent / "summaries"
GOOD = sorted(SUMMARIES.iterdir())


def check(*args):
    return CliRunner().invoke(main, ["check", str(EXAMPLE), *map(str, args), "--format", "json"])


def rows(result):
    return {pathlib.Path(s["file"]).name: s for s in json.loads(result.stdout)["summaries"]}


@pytest.fixture
def batch(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for path in GOOD:
        shutil.copyfile(path, folder / path.name)
    return folder


def test_aes_pdf_bomb_and_damaged_pdf_are_rows_of_their_own(batch, tmp_path):
    hostile.aes_pdf(batch / "aes.pdf")
    hostile.pdf_bomb(batch / "bomb.pdf")
    (batch / "broken.pdf").write_bytes(b"%PDF-1.4\n garbage")
    result = check(batch, "--xlsx", tmp_path / "t.xlsx", "--feedback", tmp_path / "letters")
    assert result.exit_code == 2, result.output
    found = rows(result)
    assert found["aes.pdf"]["status"] == "error"
    if shutil.which("pdftotext"):      # poppler decrypts it: a page without text
        assert found["aes.pdf"]["error"] == (
            f"{batch / 'aes.pdf'}: no text found in the PDF, not even by OCR (hint: ask for a "
            "sharper scan or the Word file)")
    elif importlib.util.find_spec("cryptography") is None:
        assert found["aes.pdf"]["error"] == (
            f"{batch / 'aes.pdf'}: the PDF is encrypted with AES, which needs the “cryptography” "
            "package to read (hint: ask the unit for an unprotected copy, or pip install "
            "cryptography)")
    bomb = found["bomb.pdf"]["error"]
    if shutil.which("pdftotext"):      # poppler streams the spaces: a page without text
        assert bomb == (f"{batch / 'bomb.pdf'}: no text found in the PDF, not even by OCR (hint: "
                        "ask for a sharper scan or the Word file)")
    else:
        assert bomb == (
            f"{batch / 'bomb.pdf'}: the PDF unpacks to far more than its size (a decompression "
            "bomb?) (hint: open it in a PDF reader and print it to PDF again)")
    assert found["broken.pdf"]["status"] == "error"
    assert [found[p.name]["status"] for p in GOOD] == ["ok", "ok"]
    assert (tmp_path / "t.xlsx").stat().st_size > 0
    assert len(list((tmp_path / "letters").glob("*.docx"))) == 2


def test_an_unreadable_text_file_says_permission_denied(batch, monkeypatch):
    locked = batch / "locked.txt"
    locked.write_text("自查总结", encoding="utf-8")
    real_open = pathlib.Path.open

    def guarded(self, *args, **kwargs):
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(pathlib.Path, "open", guarded)
    result = check(batch)
    assert result.exit_code == 2, result.output
    found = rows(result)
    assert found["locked.txt"]["error"] == (f"{locked}: cannot read the file: Permission denied "
                                            "(hint: check the path and permissions)")
    assert [found[p.name]["status"] for p in GOOD] == ["ok", "ok"]


def test_a_bug_while_checking_one_file_is_its_row_and_exit_3(batch, monkeypatch):
    from noticegen.check import runner
    real = runner.Checker.check_segments

    def flaky(self, segments, path, changed=None, **kwargs):
        if "城区" in path.name:
            raise KeyError("boom")
        return real(self, segments, path, changed, **kwargs)

    monkeypatch.setattr(runner.Checker, "check_segments", flaky)
    result = check(batch)
    assert result.exit_code == 3, result.output
    found = rows(result)
    assert found[GOOD[0].name]["error"] == ("internal error: KeyError: 'boom' (hint: run again "
                                            "with --debug and report it)")
    assert found[GOOD[1].name]["status"] == "ok"


def test_a_reader_library_crash_is_that_files_row(batch, monkeypatch):
    from noticegen.extract import text
    monkeypatch.setattr(text, "decode", lambda data: (_ for _ in ()).throw(IndexError("odd")))
    result = check(batch / GOOD[0].name)
    assert result.exit_code == 2, result.output
    [row] = rows(result).values()
    assert row["error"] == (f"{batch / GOOD[0].name}: the file could not be read (IndexError: "
                            "odd) (hint: open it and save it again)")


def test_escape_sequences_in_file_names_never_reach_the_terminal_or_break_the_sheet(batch, tmp_path):
    from openpyxl import load_workbook
    odd = hostile.control_named(batch, GOOD[0])
    GOOD_COPY = batch / GOOD[0].name
    GOOD_COPY.unlink()
    result = CliRunner().invoke(main, ["check", str(EXAMPLE), str(batch), "--xlsx",
                                       str(tmp_path / "t.xlsx")])
    assert result.exit_code in (0, 1), result.output
    assert "\x1b" not in result.output and "\x07" not in result.output
    assert f"{batch}/\\x1b[31m红色\\x07{GOOD[0].name}: " in result.stdout
    sheet = load_workbook(tmp_path / "t.xlsx")["判定依据"]
    assert {sheet.cell(row, 1).value for row in range(2, sheet.max_row + 1)} == {
        f"{batch}/\\x1b[31m红色\\x07{GOOD[0].name}", str(batch / GOOD[1].name)}
    summary = load_workbook(tmp_path / "t.xlsx")["汇总"]
    column = [c.value for c in summary[1]].index("文件") + 1
    assert f"\\x1b[31m红色\\x07{GOOD[0].name}" in [summary.cell(row, column).value
                                                  for row in range(2, 12)]
    assert odd.exists()


def test_tracking_sheet_time_grows_linearly_with_the_number_of_files():
    import copy
    import time
    from noticegen.campaign import load_valid_campaign
    from noticegen.check.runner import Checker
    from noticegen.report.xlsx import tracking_workbook
    campaign = load_valid_campaign(EXAMPLE)
    one = Checker(campaign).check_file(GOOD[1])
    results = []
    for number in range(2000):
        result = copy.copy(one)
        result.file = f"unit-{number}.txt"
        results.append(result)
    start = time.perf_counter()
    tracking_workbook(campaign, results)
    assert time.perf_counter() - start < 20   # 46 s when each row looked up max_row


def test_devices_pipes_and_link_loops_neither_hang_nor_stop_the_batch(batch):
    import os
    os.symlink("..", batch / "up")
    os.symlink("/dev/zero", batch / "zero.txt")
    os.mkfifo(batch / "fifo.txt")
    result = check(batch, batch / "fifo.txt", "/dev/zero")
    assert result.exit_code == 2, result.output
    found = rows(result)
    assert found["fifo.txt"]["error"] == (f"{batch / 'fifo.txt'}: not a regular file (a device, a "
                                          "pipe or a folder) (hint: check the path)")
    assert found["zero"]["error"].startswith("/dev/zero: not a regular file")
    assert [found[p.name]["status"] for p in GOOD] == ["ok", "ok"]
    assert len(found) == 4
