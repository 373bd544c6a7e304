"""Files a build leaves: their modes, and no PDF older than its document."""
from __future__ import annotations

import json
import os
import shutil
import stat

import pytest

from noticegen.render import pdf
from noticegen.render.build import build_many

from conftest import EXAMPLE


@pytest.fixture
def fake_pdf(monkeypatch):
    """LibreOffice replaced by a converter that writes the document's bytes reversed."""
    def convert_to(targets, timeout=600, progress=None):
        for document, target in targets.items():
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(b"%PDF" + document.read_bytes()[::-1][:64])
        return list(targets.values())
    monkeypatch.setattr(pdf, "soffice", lambda: "/bin/true")
    monkeypatch.setattr(pdf, "convert_to", convert_to)


def campaign_copy(tmp_path):
    folder = tmp_path / "camp"
    shutil.copytree(EXAMPLE.parent, folder)
    return folder / "campaign.yaml"


def build(source, out, **options):
    [outcome] = build_many([source], out, **options)
    assert outcome.error is None, outcome.error
    return outcome.result


@pytest.mark.parametrize("mask", [0o022, 0o002, 0o077])
def test_files_get_the_mode_of_an_ordinary_write(tmp_path, mask):
    old = os.umask(mask)
    try:
        build(EXAMPLE, tmp_path)
    finally:
        os.umask(old)
    files = [p for p in (tmp_path / "mengdian-2006").rglob("*") if p.is_file()]
    assert len(files) == 15
    assert {stat.S_IMODE(p.stat().st_mode) for p in files} == {0o666 & ~mask}


def test_a_build_without_pdf_removes_the_pdfs_of_changed_documents(tmp_path, fake_pdf):
    source = campaign_copy(tmp_path)
    out = tmp_path / "out"
    build(source, out, with_pdf=True)
    folder = out / "camp"
    assert (folder / "pdf" / "通知.pdf").is_file() and (folder / "pdf" / "附件3.pdf").is_file()
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("serial: 12", "serial: 13"), encoding="utf-8")
    result = build(source, out)
    assert result.written == ["通知.docx"] and "pdf/通知.pdf" in result.removed
    assert not (folder / "pdf" / "通知.pdf").exists()
    assert (folder / "pdf" / "附件3.pdf").is_file()            # its document did not change
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert "pdf/通知.pdf" not in manifest["pdfs"] and "pdf/附件3.pdf" in manifest["pdfs"]


def test_an_edited_outdated_pdf_is_kept_and_named(tmp_path, fake_pdf):
    source = campaign_copy(tmp_path)
    out = tmp_path / "out"
    build(source, out, with_pdf=True)
    edited = out / "camp" / "pdf" / "通知.pdf"
    edited.write_bytes(b"%PDF annotated by hand")
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("serial: 12", "serial: 13"), encoding="utf-8")
    result = build(source, out)
    assert result.stale_pdfs == ["pdf/通知.pdf"] and edited.read_bytes() == b"%PDF annotated by hand"


def test_pdfs_of_a_unit_that_left_are_removed(tmp_path, fake_pdf):
    source = campaign_copy(tmp_path)
    out = tmp_path / "out"
    build(source, out, with_pdf=True)
    letters = sorted((out / "camp" / "pdf" / "责任书").iterdir())
    unrecorded = out / "camp" / "pdf" / "mine.pdf"           # never recorded: never touched
    unrecorded.write_bytes(b"%PDF mine")
    text = source.read_text(encoding="utf-8")
    name = "××电业局输电工区"
    assert any(p.stem == name for p in letters)
    source.write_text(text.replace(f"{{name: {name}", f"{{name: {name}X", 1), encoding="utf-8")
    for with_pdf in (False, True):
        result = build(source, out, with_pdf=with_pdf)
        remaining = {p.stem for p in (out / "camp" / "pdf" / "责任书").iterdir()}
        assert name not in remaining and unrecorded.is_file()


def test_a_pdf_build_shows_its_progress_on_a_terminal(tmp_path, monkeypatch):
    from click.testing import CliRunner
    from noticegen import cli

    def convert_to(targets, timeout=600, progress=None):
        for done, (document, target) in enumerate(targets.items(), start=1):
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(b"%PDF")
            if progress:
                progress(done, len(targets))
        return list(targets.values())
    monkeypatch.setattr(pdf, "soffice", lambda: "/bin/true")
    monkeypatch.setattr(pdf, "convert_to", convert_to)
    monkeypatch.setattr(cli, "_terminal", lambda: True)
    result = CliRunner().invoke(cli.main, ["build", str(EXAMPLE), "-o",
                                                           str(tmp_path), "--pdf"])
    assert result.exit_code == 0, result.stderr
    assert f"\rbuilding {EXAMPLE}: PDF 1/14" in result.stderr
    assert f"\rbuilding {EXAMPLE}: PDF 14/14" in result.stderr
    assert result.stderr.endswith("\r")                  # the line is cleared at the end
    monkeypatch.setattr(cli, "_terminal", lambda: False)
    result = CliRunner().invoke(cli.main, ["build", str(EXAMPLE), "-o",
                                                           str(tmp_path / "b"), "--pdf"])
    assert result.stderr == ""
