""".doc, .wps and .rtf summaries through LibreOffice (made here from a .docx by LibreOffice)."""
from __future__ import annotations

import shutil
import subprocess
import tempfile

import docx
import pytest

from noticegen.errors import ExtractionError
from noticegen.extract import SUPPORTED, extract, office

needs_soffice = pytest.mark.skipif(office.soffice() is None, reason="LibreOffice not installed")
TEXT = ["××电业局城区供电营业所自查自评总结", "一、在营业厅设立行风监督员86名，每季度座谈一次。",
        "二、城区供电可靠率达到99.93%。"]


@pytest.fixture(scope="module")
def converted(tmp_path_factory):
    """The same summary as .docx, .doc and .rtf."""
    folder = tmp_path_factory.mktemp("office")
    document = docx.Document()
    for line in TEXT:
        document.add_paragraph(line)
    document.save(folder / "summary.docx")
    if office.soffice() is None:
        return folder
    for kind in ("doc", "rtf"):
        subprocess.run([office.soffice(), f"-env:UserInstallation=file://{folder}/profile",
                        "--headless", "--convert-to", kind, "--outdir", str(folder),
                        str(folder / "summary.docx")], check=True, capture_output=True,
                       timeout=180)
    return folder


def test_supported_suffixes_are_exposed():
    assert {".doc", ".wps", ".rtf", ".jpg", ".png", ".tif", ".pdf", ".docx"} <= set(SUPPORTED)


@needs_soffice
@pytest.mark.parametrize("name", ["summary.doc", "summary.rtf", "单位 总结(1).doc"])
def test_doc_and_rtf_read_like_the_docx(converted, tmp_path, name):
    source = converted / ("summary.rtf" if name.endswith(".rtf") else "summary.doc")
    shutil.copyfile(source, tmp_path / name)
    assert [s.text for s in extract(tmp_path / name)] == TEXT
    assert extract(tmp_path / name)[1].location == "段2"


@needs_soffice
def test_wps_in_word_97_format(converted, tmp_path):
    shutil.copyfile(converted / "summary.doc", tmp_path / "summary.wps")
    assert [s.text for s in extract(tmp_path / "summary.wps")] == TEXT


def test_wps_that_is_a_docx_is_read_without_libreoffice(converted, tmp_path, monkeypatch):
    monkeypatch.setattr(office, "soffice", lambda: None)
    shutil.copyfile(converted / "summary.docx", tmp_path / "summary.wps")
    assert [s.text for s in extract(tmp_path / "summary.wps")] == TEXT


@needs_soffice
def test_damaged_doc_is_an_error_naming_the_file(tmp_path):
    path = tmp_path / "broken.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    with pytest.raises(ExtractionError, match="LibreOffice could not convert") as error:
        extract(path)
    assert str(error.value).startswith(str(path))


def test_text_under_a_doc_name_is_refused(tmp_path):
    path = tmp_path / "notes.doc"
    path.write_text("这不是Word文件", encoding="utf-8")
    with pytest.raises(ExtractionError, match="not a Word, WPS or RTF document"):
        extract(path)


def test_missing_libreoffice_is_a_clear_error(converted, tmp_path, monkeypatch):
    monkeypatch.setattr(office, "soffice", lambda: None)
    path = tmp_path / "summary.rtf"
    path.write_bytes(b"{\\rtf1 text}")
    with pytest.raises(ExtractionError, match="needs LibreOffice, which is not installed"):
        extract(path)


@needs_soffice
def test_conversion_time_limit_and_cleanup(converted, tmp_path, monkeypatch):
    path = tmp_path / "summary.doc"
    shutil.copyfile(converted / "summary.doc", path)
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    with pytest.raises(ExtractionError, match="LibreOffice took longer than"):
        office.to_docx(path, ("MS Word 97",), timeout=0.01)
    extract(path)
    assert list(scratch.iterdir()) == []


@needs_soffice
def test_parallel_conversions_do_not_collide(converted, tmp_path):
    from concurrent.futures import ThreadPoolExecutor
    paths = []
    for n in range(3):
        paths.append(tmp_path / f"summary{n}.doc")
        shutil.copyfile(converted / "summary.doc", paths[-1])
    with ThreadPoolExecutor(3) as pool:
        results = list(pool.map(extract, paths))
    assert all([s.text for s in segments] == TEXT for segments in results)
