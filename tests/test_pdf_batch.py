"""--pdf starts LibreOffice once per package, whatever the folders and names of its documents."""
from __future__ import annotations

from pathlib import Path

from noticegen.render import pdf
from noticegen.render.build import build_many

from conftest import EXAMPLE


def fake_libreoffice(monkeypatch) -> list[list[str]]:
    """Record each LibreOffice start and write a PDF naming its source, as --convert-to does."""
    starts: list[list[str]] = []

    def run(command, **_):
        starts.append(command)
        outdir = Path(command[command.index("--outdir") + 1])
        outdir.mkdir(parents=True, exist_ok=True)
        for source in command[command.index("--outdir") + 2:]:
            (outdir / f"{Path(source).stem}.pdf").write_text(Path(source).read_bytes().hex()[:64])

    monkeypatch.setattr(pdf, "soffice", lambda: "soffice")
    monkeypatch.setattr(pdf.subprocess, "run", run)
    return starts


def test_one_libreoffice_start_per_package(tmp_path, monkeypatch):
    starts = fake_libreoffice(monkeypatch)
    [outcome] = list(build_many([EXAMPLE], tmp_path, with_pdf=True))
    assert outcome.error is None, outcome.error
    assert len(starts) == 1
    folder = outcome.result.folder
    assert len(outcome.result.pdfs) == 14
    assert outcome.result.pdfs[:4] == ["pdf/通知.pdf", "pdf/附件1.pdf", "pdf/附件2.pdf", "pdf/附件3.pdf"]
    for rel in outcome.result.pdfs:
        docx = folder / Path(rel).relative_to("pdf").with_suffix(".docx")
        assert (folder / rel).read_text() == docx.read_bytes().hex()[:64]


def test_documents_with_the_same_name_in_two_folders(tmp_path, monkeypatch):
    starts = fake_libreoffice(monkeypatch)
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "附件1.docx").write_bytes(b"first")
    (tmp_path / "b" / "附件1.docx").write_bytes(b"second")
    targets = {tmp_path / d / "附件1.docx": tmp_path / "pdf" / d / "附件1.pdf" for d in "ab"}
    assert pdf.convert_to(targets) == list(targets.values())
    assert len(starts) == 1
    assert (tmp_path / "pdf" / "a" / "附件1.pdf").read_text() == b"first".hex()
    assert (tmp_path / "pdf" / "b" / "附件1.pdf").read_text() == b"second".hex()
