"""Hostile output folders: nothing outside the output folder is ever read, written or
deleted, and a user's files are never replaced without --force."""
from __future__ import annotations

import errno
import json
import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from noticegen.cli import main
from noticegen.output import sha256

from conftest import EXAMPLE
from hostile import outputs as hostile

PACKAGE = "mengdian-2006"


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def build(out, *extra, campaign=EXAMPLE):
    return run("build", campaign, "-o", out, *extra)


def tree(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*"))


@pytest.mark.parametrize("listed", ["../../victim.txt", "ABSOLUTE", "责任书/../../../victim.txt"])
def test_a_forged_manifest_cannot_delete_a_file_outside_the_folder(tmp_path, listed):
    victim, digest = hostile.victim(tmp_path / "victim.txt")
    listed = str(victim) if listed == "ABSOLUTE" else listed
    hostile.forged_manifest(tmp_path / "out" / PACKAGE, {listed: digest})
    result = build(tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert result.stdout == f"{EXAMPLE} → {tmp_path / 'out' / PACKAGE}: 14 written, 0 unchanged\n"
    assert victim.read_text() == "precious"
    manifest = json.loads((tmp_path / "out" / PACKAGE / "manifest.json").read_text())
    assert listed not in manifest["outputs"]


def test_a_forged_manifest_cannot_delete_a_users_file_inside_the_folder(tmp_path):
    folder = tmp_path / "out" / PACKAGE
    folder.mkdir(parents=True)
    notes, digest = hostile.victim(folder / "notes.txt")
    hostile.forged_manifest(folder, {"notes.txt": digest})
    assert build(tmp_path / "out").exit_code == 0
    assert notes.read_text() == "precious"


def test_a_manifest_naming_dev_zero_is_not_read(tmp_path):
    build(tmp_path / "out")
    path = tmp_path / "out" / PACKAGE / "manifest.json"
    manifest = json.loads(path.read_text())
    manifest["outputs"]["/dev/zero"] = "0" * 64
    path.write_text(json.dumps(manifest))
    result = build(tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert "14 unchanged" in result.stdout


def test_manifest_that_is_a_link_to_dev_zero_is_refused(tmp_path):
    hostile.manifest_link(tmp_path / "out" / PACKAGE)
    result = build(tmp_path / "out")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == (
        f"error: {tmp_path / 'out' / PACKAGE / 'manifest.json'}: this manifest was not written "
        "by noticegen (or is damaged) (hint: move it away, write into another folder, or pass "
        "--force to replace it)")
    assert tree(tmp_path / "out" / PACKAGE) == ["manifest.json"]


def test_oversized_manifest_is_refused_without_reading_it_all(tmp_path):
    hostile.big_manifest(tmp_path / "out" / PACKAGE)
    result = build(tmp_path / "out")
    assert result.exit_code == 2
    assert "this manifest was not written by noticegen" in result.stderr
    assert tree(tmp_path / "out" / PACKAGE) == ["manifest.json"]


def test_a_users_manifest_is_kept_unless_forced(tmp_path):
    folder = tmp_path / "out" / PACKAGE
    folder.mkdir(parents=True)
    (folder / "manifest.json").write_text('{"my": "settings"}')
    result = build(tmp_path / "out")
    assert result.exit_code == 2
    assert "this manifest was not written by noticegen" in result.stderr
    assert (folder / "manifest.json").read_text() == '{"my": "settings"}'
    assert tree(folder) == ["manifest.json"]
    result = build(tmp_path / "out", "--force")
    assert result.exit_code == 0, result.output
    assert json.loads((folder / "manifest.json").read_text())["tool"] == "noticegen"


def test_a_linked_letters_folder_is_not_written_through(tmp_path):
    elsewhere = tmp_path / "elsewhere"
    link = hostile.linked_letters(tmp_path / "out" / PACKAGE, elsewhere)
    result = build(tmp_path / "out", "--force")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0].startswith(f"error: {link}: is a symbolic link; refusing "
                                                    "to write through it")
    assert list(elsewhere.iterdir()) == []


def test_a_linked_package_folder_is_not_written_through(tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (tmp_path / "out").mkdir()
    os.symlink(elsewhere, tmp_path / "out" / PACKAGE)
    result = build(tmp_path / "out")
    assert result.exit_code == 2
    assert "is a symbolic link; refusing to write through it" in result.stderr
    assert list(elsewhere.iterdir()) == []


def test_a_linked_output_file_is_not_followed(tmp_path):
    victim, _ = hostile.victim(tmp_path / "victim.txt")
    folder = tmp_path / "out" / PACKAGE
    folder.mkdir(parents=True)
    os.symlink(victim, folder / "通知.docx")
    result = build(tmp_path / "out", "--force")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == (
        f"error: {folder / '通知.docx'}: is a symbolic link; refusing to write through it "
        "(hint: remove the link or build into another folder)")
    assert victim.read_text() == "precious" and (folder / "通知.docx").is_symlink()


@pytest.mark.parametrize("name,folder", [("...yaml", "unnamed"), ("..yaml", "unnamed"),
                                         (".yaml", "yaml")])
def test_a_campaign_file_named_dots_builds_inside_the_output_folder(tmp_path, name, folder):
    campaign = tmp_path / "src" / name
    campaign.parent.mkdir()
    shutil.copyfile(EXAMPLE, campaign)
    result = build(tmp_path / "out" / "sub", campaign=campaign)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "out" / "sub").iterdir()) == [folder]
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["sub"]


def test_stale_letters_are_still_removed_but_only_ours(tmp_path):
    build(tmp_path / "out")
    folder = tmp_path / "out" / PACKAGE
    old_letter = folder / "责任书" / "旧单位.docx"
    old_letter.write_bytes(b"last year's letter")
    notes = folder / "notes.txt"
    notes.write_bytes(b"mine")
    manifest = json.loads((folder / "manifest.json").read_text())
    manifest["outputs"]["责任书/旧单位.docx"] = sha256(b"last year's letter")
    manifest["outputs"]["notes.txt"] = sha256(b"mine")
    manifest["version"] = "0"
    (folder / "manifest.json").write_text(json.dumps(manifest))
    result = build(tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert result.stdout.endswith(": 0 written, 14 unchanged, 1 removed\n")
    assert not old_letter.exists() and notes.read_bytes() == b"mine"


def test_a_killed_builds_temporary_file_is_cleaned_on_the_next_run(tmp_path):
    folder = tmp_path / "out" / PACKAGE
    build(tmp_path / "out")
    part = hostile.stale_temporary(folder / "责任书")
    legacy = hostile.stale_temporary(folder, ".通知.docx.k3j_x9a2.part")   # older versions' name
    kept = hostile.stale_temporary(folder, ".my-notes.part")
    other = hostile.stale_temporary(tmp_path / "out", ".noticegen-outside.part")
    campaign = tmp_path / "campaign.yaml"
    campaign.write_text(EXAMPLE.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
    shutil.copytree(EXAMPLE.parent / "summaries", tmp_path / "summaries")
    # a changed campaign rebuilds the same package folder name via a folder argument
    (tmp_path / PACKAGE).mkdir()
    shutil.copyfile(campaign, tmp_path / PACKAGE / "campaign.yaml")
    result = build(tmp_path / "out", campaign=tmp_path / PACKAGE)
    assert result.exit_code == 0, result.output
    assert not part.exists() and not legacy.exists()
    assert kept.exists()
    assert other.exists()  # outside this package's folder: not ours to clean


def test_output_that_is_a_file_is_a_clear_error(tmp_path):
    (tmp_path / "out").write_text("not a folder")
    result = build(tmp_path / "out")
    assert result.exit_code == 2
    assert result.stderr == (f"error: {tmp_path / 'out'}: is a file, not a folder (hint: name a "
                             "folder (it is created when missing))\n")


def test_output_below_a_file_is_a_clear_error(tmp_path):
    (tmp_path / "out").write_text("not a folder")
    result = build(tmp_path / "out" / "sub")
    assert result.exit_code == 2
    assert "cannot write: Not a directory (hint: a file stands where a folder is needed" in result.stderr
    assert (tmp_path / "out").read_text() == "not a folder"


def _fail_writes(monkeypatch, code, after=0):
    """Make the after+1-th file write fail with ``code`` (fault injection)."""
    real = os.replace
    calls = {"n": 0}

    def replace(src, dst, *args, **kwargs):
        calls["n"] += 1
        if calls["n"] > after:
            raise OSError(code, os.strerror(code), str(dst))
        return real(src, dst, *args, **kwargs)

    monkeypatch.setattr(os, "replace", replace)


@pytest.mark.parametrize("code,hint", [
    (errno.ENOSPC, "free some disk space and run again"),
    (errno.EACCES, "check the folder's permissions"),
    (errno.EROFS, "the disk is read-only: choose another output folder"),
])
def test_disk_full_and_os_errors_are_clear_and_leave_no_temporaries(tmp_path, monkeypatch, code, hint):
    _fail_writes(monkeypatch, code, after=3)
    result = build(tmp_path / "out")
    assert result.exit_code == 2
    assert f"cannot write: {os.strerror(code)} (hint: {hint})" in result.stderr
    assert "internal error" not in result.output
    assert not [p for p in (tmp_path / "out").rglob("*.part")]
    monkeypatch.undo()
    result = build(tmp_path / "out")   # the files that did get written are ours: no --force
    assert result.exit_code == 0, result.output


def test_one_internal_error_does_not_stop_the_other_campaigns(tmp_path, monkeypatch):
    from noticegen.render import build as build_module
    real = build_module.build_one

    def flaky(source, folder, *args, **kwargs):
        if folder.name == "first":
            raise ZeroDivisionError("boom")
        return real(source, folder, *args, **kwargs)

    monkeypatch.setattr(build_module, "build_one", flaky)
    for name in ("first", "second"):
        (tmp_path / name).mkdir()
        shutil.copyfile(EXAMPLE, tmp_path / name / "campaign.yaml")
    result = run("build", tmp_path / "first", tmp_path / "second", "-o", tmp_path / "out")
    assert result.exit_code == 3
    assert result.stderr.splitlines() == [
        f"error: {tmp_path / 'first'}: internal error: ZeroDivisionError: boom (hint: run again "
        "with --debug for the traceback and report it)",
        "1 of 2 campaigns failed"]
    assert (tmp_path / "out" / "second" / "通知.docx").exists()
    assert not (tmp_path / "out" / "first").exists()


def test_long_unit_names_fit_in_255_bytes(tmp_path, example_text):
    long = "很" * 120    # 360 bytes of UTF-8
    text = example_text.replace("{name: ××电业局调度所, short: 调度所}",
                                f"{{name: {long}调度所, short: 调度所}}")
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "campaign.yaml").write_text(text, encoding="utf-8")
    result = build(tmp_path / "out", campaign=tmp_path / "c")
    assert result.exit_code == 0, result.output
    names = [p.name for p in (tmp_path / "out" / "c" / "责任书").iterdir()]
    assert max(len(n.encode()) for n in names) <= 255
    assert f"{'很' * 60}.docx" in names


def test_templates_export_on_a_full_disk_leaves_no_truncated_file(tmp_path, monkeypatch):
    _fail_writes(monkeypatch, errno.ENOSPC, after=2)
    result = run("templates", "export", tmp_path / "tpl")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {tmp_path / 'tpl'}/")
    assert "cannot write: No space left on device (hint: free some disk space and run again)" in result.stderr
    written = sorted(p.name for p in (tmp_path / "tpl").iterdir())
    assert written == ["attachment-roster.docx", "notice.docx"]   # whole copies, nothing else
    from noticegen.resources import template_dir
    for name in written:
        assert (tmp_path / "tpl" / name).read_bytes() == (template_dir() / name).read_bytes()


def test_a_users_manifest_in_the_feedback_folder_is_kept_unless_forced(tmp_path):
    letters = tmp_path / "letters"
    letters.mkdir()
    (letters / "manifest.json").write_text('{"mine": true}')          # not the letters' record
    (letters / "feedback-manifest.json").write_text('{"mine": true}')
    summary = EXAMPLE.parent / "summaries"
    result = run("check", EXAMPLE, summary, "--feedback", letters)
    assert result.exit_code == 2, result.output
    assert result.stderr == (f"error: {letters / 'feedback-manifest.json'}: this manifest was not "
                             "written by noticegen (or is damaged) (hint: move it away, write into "
                             "another folder, or pass --force to replace it)\n")
    assert sorted(p.name for p in letters.iterdir()) == ["feedback-manifest.json", "manifest.json"]
    result = run("check", EXAMPLE, summary, "--feedback", letters, "--force")
    assert result.exit_code in (0, 1), result.output
    assert (letters / "manifest.json").read_text() == '{"mine": true}'
    assert len(list(letters.glob("*.docx"))) == 2


@pytest.fixture
def fake_libreoffice(monkeypatch):
    """PDF conversion without LibreOffice: each .docx becomes a tiny file named .pdf."""
    from noticegen.render import pdf

    def convert(documents, outdir, timeout=600):
        outdir.mkdir(parents=True, exist_ok=True)
        written = []
        for document in documents:
            target = outdir / f"{document.stem}.pdf"
            target.write_bytes(b"%PDF-1.4 " + document.name.encode())
            written.append(target)
        return written

    monkeypatch.setattr(pdf, "soffice", lambda: "/usr/bin/soffice")
    monkeypatch.setattr(pdf, "convert", convert)


def test_a_users_pdf_is_not_overwritten_without_force(tmp_path, fake_libreoffice):
    folder = tmp_path / "out" / PACKAGE
    (folder / "pdf").mkdir(parents=True)
    (folder / "pdf" / "通知.pdf").write_bytes(b"my signed scan")
    result = build(tmp_path / "out", "--pdf")
    assert result.exit_code == 2
    assert ("would replace 1 file(s) that noticegen did not write or that changed since: pdf/通知.pdf (hint: move "
            "them away, choose another output path, or pass --force to replace them)") in result.stderr
    assert tree(folder) == ["pdf", "pdf/通知.pdf"]
    assert (folder / "pdf" / "通知.pdf").read_bytes() == b"my signed scan"
    result = build(tmp_path / "out", "--pdf", "--force")
    assert result.exit_code == 0, result.output
    assert result.stdout.endswith("14 written, 0 unchanged, 14 PDF\n")
    result = build(tmp_path / "out", "--pdf")       # our own PDFs are replaced freely
    assert result.exit_code == 0, result.output
    manifest = json.loads((folder / "manifest.json").read_text())
    assert len(manifest["pdfs"]) == 14 and "pdf/通知.pdf" in manifest["pdfs"]


def test_debug_shows_the_traceback_of_an_internal_build_error(tmp_path, monkeypatch):
    from noticegen.render import build as build_module
    monkeypatch.setattr(build_module, "build_one",
                        lambda *a, **k: (_ for _ in ()).throw(ZeroDivisionError("boom")))
    result = run("--debug", "build", EXAMPLE, "-o", tmp_path / "out")
    assert result.exit_code == 3
    assert "Traceback (most recent call last)" in result.stderr
    assert result.stderr.rstrip().endswith("1 of 1 campaigns failed")


@pytest.fixture
def small_disk(tmp_path):
    """A 300 KiB tmpfs (needs root and permission to mount; skipped otherwise)."""
    import subprocess
    mount = tmp_path / "disk"
    mount.mkdir()
    if os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", "size=300k", "tmpfs",
                                            str(mount)], capture_output=True).returncode != 0:
        pytest.skip("cannot mount a small tmpfs here")
    yield mount
    subprocess.run(["umount", str(mount)], check=True)


def test_a_really_full_disk_is_a_clear_error_and_the_next_run_finishes(small_disk):
    import subprocess
    result = build(small_disk / "out")
    assert result.exit_code == 2
    [line, summary] = result.stderr.splitlines()
    assert line.endswith(": cannot write: No space left on device (hint: free some disk space and "
                         "run again)")
    assert not list(small_disk.rglob("*.part"))
    subprocess.run(["mount", "-o", "remount,size=4m", str(small_disk)], check=True)
    result = build(small_disk / "out")
    assert result.exit_code == 0, result.output


KILL_ON_THIRD_RENAME = """
import os, signal, sys
real = os.replace
calls = [0]
def replace(src, dst):
    calls[0] += 1
    if calls[0] == 3:
        os.kill(os.getpid(), signal.SIGKILL)
    return real(src, dst)
os.replace = replace
from noticegen.cli import main
sys.argv = ["noticegen", "build", sys.argv[1], "-o", sys.argv[2]]
main()
"""


def test_a_build_killed_mid_write_leaves_whole_files_and_the_next_run_cleans_up(tmp_path):
    import subprocess
    import sys
    root = Path(__file__).resolve().parent.parent
    killed = subprocess.run([sys.executable, "-c", KILL_ON_THIRD_RENAME, str(EXAMPLE),
                             str(tmp_path / "out")], cwd=root, capture_output=True,
                            env=dict(os.environ, PYTHONPATH=str(root)))
    assert killed.returncode == -9
    folder = tmp_path / "out" / PACKAGE
    leftovers = [p.name for p in folder.rglob(".noticegen-*.part")]
    assert len(leftovers) == 1
    assert len([p for p in folder.rglob("*.docx")]) == 2   # whole documents only
    result = build(tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert not list(folder.rglob("*.part"))
    assert len(list(folder.rglob("*.docx"))) == 14


def test_an_os_error_anywhere_is_a_one_line_error_not_a_bug(tmp_path, monkeypatch):
    from noticegen import api
    monkeypatch.setattr(api, "load_valid_campaign", lambda path: (_ for _ in ()).throw(
        OSError(errno.EIO, "Input/output error", str(path))))
    result = run("validate", EXAMPLE)
    assert result.exit_code == 2
    assert result.stderr == (f"error: {EXAMPLE}: Input/output error (hint: check the path, its "
                             "permissions and the free disk space)\n")
