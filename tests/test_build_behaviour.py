"""Build behaviour: determinism, no silent overwrites, templates, sandbox, batches, file names."""
from __future__ import annotations

import json
import zipfile

import pytest
from click.testing import CliRunner

from noticegen.api import export_templates
from noticegen.cli import main
from noticegen.errors import OutputError, TemplateError
from noticegen.render.build import build_many
from noticegen.output import safe_filename

from conftest import EXAMPLE, SEED_ORIGINAL
from docx_helpers import cell_texts, part, rewrite_part, w


def build(out, *paths, **options):
    return list(build_many(list(paths) or [EXAMPLE], out, **options))


def files(folder):
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_two_builds_are_byte_identical(tmp_path):
    build(tmp_path / "a")
    build(tmp_path / "b")
    first, second = files(tmp_path / "a"), files(tmp_path / "b")
    assert first.keys() == second.keys() and len(first) == 15
    assert first == second
    with zipfile.ZipFile(tmp_path / "a" / "mengdian-2006" / "通知.docx") as archive:
        assert {i.date_time for i in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_rebuild_leaves_identical_files_untouched(tmp_path):
    [first] = build(tmp_path)
    notice = tmp_path / "mengdian-2006" / "通知.docx"
    mtime = notice.stat().st_mtime_ns
    [second] = build(tmp_path)
    assert len(first.result.written) == 14 and second.result.written == []
    assert len(second.result.unchanged) == 14 and notice.stat().st_mtime_ns == mtime


def test_manifest_records_inputs_templates_and_outputs(tmp_path):
    build(tmp_path)
    manifest = json.loads((tmp_path / "mengdian-2006" / "manifest.json").read_text("utf-8"))
    assert manifest["tool"] == "noticegen" and manifest["version"]
    assert len(manifest["campaign"]["sha256"]) == 64
    assert set(manifest["templates"]) == {"notice.docx", "attachment-roster.docx",
                                          "attachment-rubric.docx", "attachment-commitments.docx",
                                          "letter.docx"}
    assert len(manifest["outputs"]) == 14


def test_a_users_file_is_never_overwritten_silently(tmp_path):
    folder = tmp_path / "mengdian-2006"
    folder.mkdir()
    (folder / "通知.docx").write_bytes(b"my own notice")
    [outcome] = build(tmp_path)
    assert isinstance(outcome.error, OutputError)
    assert "would replace 1 file(s) that noticegen did not write or that changed since: 通知.docx" in str(outcome.error)
    assert (folder / "通知.docx").read_bytes() == b"my own notice"
    assert sorted(p.name for p in folder.iterdir()) == ["通知.docx"]  # nothing else written
    [forced] = build(tmp_path, force=True)
    assert forced.error is None and (folder / "通知.docx").read_bytes()[:2] == b"PK"


def test_an_edited_output_is_protected_too(tmp_path):
    build(tmp_path)
    letter = next((tmp_path / "mengdian-2006" / "责任书").iterdir())
    letter.write_bytes(letter.read_bytes() + b" ")  # edited by hand after the build
    [outcome] = build(tmp_path)
    assert isinstance(outcome.error, OutputError) and letter.name in str(outcome.error)


def test_batch_goes_on_after_a_bad_campaign_and_exit_code_says_so(tmp_path):
    result = CliRunner().invoke(main, ["build", str(SEED_ORIGINAL), str(EXAMPLE), "-o", str(tmp_path)])
    assert result.exit_code == 1
    assert "item 1.3 规范服务行为 declares 30 points" in result.stderr
    assert "1 of 2 campaigns failed" in result.stderr
    assert (tmp_path / "mengdian-2006" / "通知.docx").exists()
    assert not (tmp_path / "seed-original-scores").exists()


def test_cli_build_reports_what_it_wrote(tmp_path):
    result = CliRunner().invoke(main, ["build", str(EXAMPLE), "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert result.stdout == f"{EXAMPLE} → {tmp_path / 'mengdian-2006'}: 14 written, 0 unchanged\n"


@pytest.mark.parametrize("name,expected", [
    ("../../etc/passwd", "_.._etc_passwd"), ("CON", "_CON"), ("a:b*c?", "a_b_c_"),
    ("  名字. ", "名字"), ("", "unnamed"),
])
def test_safe_filename(name, expected):
    assert safe_filename(name) == expected


def test_unit_names_with_path_tricks_stay_inside_the_package(tmp_path, example_text):
    text = example_text.replace("{name: ××电业局调度所, short: 调度所}",
                                "{name: ../../调度所, short: 调度所}")
    source = tmp_path / "evil" / "campaign.yaml"
    source.parent.mkdir()
    source.write_text(text, encoding="utf-8")
    [outcome] = build(tmp_path / "out", source)
    assert outcome.error is None, outcome.error
    letters = sorted(p.name for p in (tmp_path / "out" / "evil" / "责任书").iterdir())
    assert "_.._调度所.docx" in letters
    assert not (tmp_path / "调度所.docx").exists() and not (tmp_path / "out" / "调度所.docx").exists()


def test_templates_export_and_build_with_edited_copy(tmp_path):
    folder = tmp_path / "tpl"
    result = CliRunner().invoke(main, ["templates", "export", str(folder)])
    assert result.exit_code == 0 and len(result.stdout.splitlines()) == 6
    rewrite_part(folder / "notice.docx", "word/document.xml",
                 lambda xml: xml.replace("{{ banner }}", "{{ banner }}（样稿）"))
    [outcome] = build(tmp_path / "out", template_dir=folder)
    assert outcome.error is None
    texts = [ "".join(t.text or "" for t in p.iter(w("t")))
              for p in part(outcome.result.folder / "通知.docx").iter(w("p"))]
    assert texts[0] == "中共××电业局委员会文件（样稿）"
    again = CliRunner().invoke(main, ["templates", "export", str(folder)])
    assert again.exit_code == 2 and "would replace 1 file(s) that noticegen did not write or that changed since: notice.docx" in again.stderr


@pytest.mark.parametrize("replacement,message", [
    ("{{ banner_text }}", "template notice.docx uses an unknown field: 'banner_text' is undefined"),
    ("{{ banner ", "template notice.docx: broken tag near"),
    ("{{ ''.__class__.__mro__[1].__subclasses__() }}", "template notice.docx tries something not allowed"),
    ("{% include '/etc/passwd' %}", "template notice.docx"),
])
def test_template_errors_name_the_template_and_write_nothing(tmp_path, replacement, message):
    folder = tmp_path / "tpl"
    export_templates(folder)
    rewrite_part(folder / "notice.docx", "word/document.xml",
                 lambda xml: xml.replace("{{ banner }}", replacement))
    with pytest.raises(TemplateError) as info:
        for outcome in build(tmp_path / "out", template_dir=folder):
            if outcome.error:
                raise outcome.error
    assert message in str(info.value)
    assert not list(tmp_path.glob("out/**/*.docx"))


def test_user_text_is_escaped_not_interpreted(tmp_path, example_text):
    text = example_text.replace("recipients: 局属（农电）各单位", "recipients: 局属<各单位> & {{ 7*7 }}")
    source = tmp_path / "c" / "campaign.yaml"
    source.parent.mkdir()
    source.write_text(text, encoding="utf-8")
    [outcome] = build(tmp_path / "out", source)
    assert outcome.error is None, outcome.error
    doc = part(outcome.result.folder / "通知.docx")
    texts = ["".join(t.text or "" for t in p.iter(w("t"))) for p in doc.iter(w("p"))]
    assert "局属<各单位> & {{ 7*7 }}：" in texts


def test_letter_rows_merge_item_cells(tmp_path):
    [outcome] = build(tmp_path)
    table = next(part(outcome.result.folder / "责任书" / "××电业局调度所.docx").iter(w("tbl")))
    rows = cell_texts(table)
    assert [r[1] for r in rows[1:4]] == ["3.规范服务行为", "", ""]


def test_pdf_without_libreoffice_says_what_to_install(tmp_path, monkeypatch):
    monkeypatch.setattr("noticegen.render.pdf.soffice", lambda: None)
    result = CliRunner().invoke(main, ["build", str(EXAMPLE), "-o", str(tmp_path), "--pdf"])
    assert result.exit_code == 2
    assert result.stderr == ("error: --pdf needs LibreOffice, which is not installed (hint: install "
                             "LibreOffice and the CJK fonts: sudo apt-get install "
                             "libreoffice-writer-nogui fonts-noto-cjk)\n")
    assert not list(tmp_path.iterdir())
