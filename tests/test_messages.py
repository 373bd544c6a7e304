"""Natural mistakes get messages that say what to do."""
from __future__ import annotations

import subprocess
import sys

from click.testing import CliRunner

from noticegen.cli import main
from noticegen.render.build import build_many

from conftest import EXAMPLE, ROOT

SUMMARIES = EXAMPLE.parent / "summaries"


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_check_without_the_campaign_says_the_campaign_comes_first():
    result = run("check", SUMMARIES)
    assert result.exit_code == 2
    assert result.stderr.endswith(
        "Error: the first argument must be the campaign file (campaign.yaml or its folder), then "
        f"the summaries; “{SUMMARIES}” alone was given\n")
    assert "PATHS" not in result.stderr.splitlines()[-1]
    result = run("check", EXAMPLE)
    assert result.exit_code == 2
    assert result.stderr.endswith(f"Error: no summaries given: name the summaries (files or "
                                  f"folders) after the campaign “{EXAMPLE}”\n")


def test_a_word_file_given_as_the_campaign_points_to_import(tmp_path):
    [built] = list(build_many([EXAMPLE], tmp_path / "out"))
    notice = built.result.folder / "通知.docx"
    hint = f"(hint: make a campaign file from it with “noticegen import {notice} -o campaign.yaml”, " \
           "check it, then give that file)"
    for args in (["build", notice, "-o", tmp_path / "x"], ["diff", notice, EXAMPLE],
                 ["validate", notice], ["rollover", notice, "--year", 2007, "-o", tmp_path / "n.yaml"]):
        result = run(*args)
        assert result.exit_code == 2, args
        assert f"error: {notice}: is a Word document, not a campaign file (YAML text) {hint}" \
            in result.stderr, args
        assert "UTF-8" not in result.stderr and "Notepad" not in result.stderr
    old = tmp_path / "2006.doc"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504)
    result = run("build", old, "-o", tmp_path / "x")
    assert result.exit_code == 2
    assert (f"error: {old}: is a Word 97–2003 document (.doc), not a campaign file (YAML text) "
            "(hint: save it as .docx in Word or WPS, make a campaign file with “noticegen import "
            "FILE.docx -o campaign.yaml”, then give that file)") in result.stderr


def test_an_unknown_unit_lists_the_valid_units():
    result = run("check", EXAMPLE, SUMMARIES, "--unit", "工会")
    assert result.exit_code == 2
    units = "城区供电营业所、客户服务中心、计量所、农电公司、旗供电分公司、县供电局、县农电局、变电工区、输电工区、调度所"
    assert result.stderr == (
        "error: “工会” is a department (组织实施及考核部门), not an executing unit (hint: give one "
        f"of the units (full name, short name or alias): {units})\n")
    result = run("check", EXAMPLE, SUMMARIES, "--unit", "某所")
    assert result.stderr.startswith("error: --unit “某所” is not a unit of the campaign")
    assert units in result.stderr


def test_debug_is_taken_after_the_command_name_too(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("campaign: [\n", encoding="utf-8")
    for args in (["--debug", "validate", bad], ["validate", "--debug", bad], ["validate", bad, "--debug"]):
        proc = subprocess.run([sys.executable, "-m", "noticegen.cli", *map(str, args)],
                              capture_output=True, text=True, cwd=ROOT)
        assert proc.returncode == 2 and "Traceback" in proc.stderr, args
    proc = subprocess.run([sys.executable, "-m", "noticegen.cli", "validate", str(bad)],
                          capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    result = run("validate", EXAMPLE, "--debug")
    assert result.exit_code == 0, result.output
