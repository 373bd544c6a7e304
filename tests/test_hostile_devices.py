"""/dev/zero given to every command that reads a file: a bounded read and a message, never a
hang or an exhausted memory."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from noticegen.cli import main

from conftest import EXAMPLE
from hostile.files import device_link

CAMPAIGN_TOO_LARGE = ("file is over 2048 KiB, too large for a campaign file (hint: a campaign file "
                      "is a few dozen KiB; check you named the right file)")
NOT_REGULAR_DOCX = "not a regular file (a device, a pipe or a folder) (hint: name a .docx file)"


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.mark.parametrize("command,expected", [
    ("validate {zero}", CAMPAIGN_TOO_LARGE),
    ("build {zero} -o {tmp}/out", CAMPAIGN_TOO_LARGE),
    ("diff {zero} {example}", CAMPAIGN_TOO_LARGE),
    ("rollover {zero} --year 2027 -o {tmp}/next.yaml", CAMPAIGN_TOO_LARGE),
    ("check {zero} {tmp}", CAMPAIGN_TOO_LARGE),
    ("lint {tmp}/zero.docx", NOT_REGULAR_DOCX),
    ("lint --fix {tmp}/zero.docx -o {tmp}/fixed.docx", NOT_REGULAR_DOCX),
    ("import {tmp}/zero.docx -o {tmp}/c.yaml", NOT_REGULAR_DOCX),
    ("import {tmp}/zero.xlsx -o {tmp}/c.yaml", "the file is over 20 MB, far more than a rubric "
                                                "sheet (hint: check it is the right file)"),
])
def test_dev_zero_is_read_with_a_limit(tmp_path, command, expected):
    zero = device_link(tmp_path / "zero.yaml")
    device_link(tmp_path / "zero.docx")
    device_link(tmp_path / "zero.xlsx")
    result = run(*command.format(zero=zero, tmp=tmp_path, example=EXAMPLE).split())
    assert result.exit_code == 2, result.output
    first = result.stderr.splitlines()[0]
    assert first.startswith("error: ") and first.endswith(expected), first


def test_dev_zero_as_a_summary_and_as_labels(tmp_path):
    device_link(tmp_path / "zero.txt")
    result = run("check", EXAMPLE, tmp_path / "zero.txt", "--format", "json")
    assert result.exit_code == 2
    [row] = json.loads(result.stdout)["summaries"]
    assert row["error"] == (f"{tmp_path / 'zero.txt'}: not a regular file (a device, a pipe or a "
                            "folder) (hint: check the path)")
    device_link(tmp_path / "labels.json")
    result = run("evaluate", EXAMPLE, tmp_path)
    assert result.exit_code == 2
    assert result.stderr == (f"error: {tmp_path / 'labels.json'}: cannot read the labels: larger "
                             "than 16 MB (hint: the folder needs a labels.json as in "
                             "../shared/eval-dev)\n")
