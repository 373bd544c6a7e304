"""Hostile campaign files: every problem is a file:line message, never a crash."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from noticegen.cli import main

from conftest import line_of


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.mark.parametrize("value", [".nan", ".inf", "-.inf"])
def test_non_finite_scores_are_rejected(broken, value):
    path, text = broken("              score: 3\n", f"              score: {value}\n")
    result = run("validate", path)
    assert result.exit_code == 1
    line = line_of(text, f"score: {value}") - 1
    shown = {".nan": "nan", ".inf": "inf", "-.inf": "-inf"}[value]
    assert (f"{path}:{line}: clause 1.1.2 has the score {shown}, not a number of points (hint: write "
            "the score as a number such as 5 or 2.5)") in result.stderr


@pytest.mark.parametrize("char,code", [("\\a", "0007"), ("\\e[31m", "001B"), ("\\x9b", "009B")])
def test_control_characters_in_names_are_rejected_with_their_line(broken, char, code):
    path, text = broken("{name: ××电业局调度所, short: 调度所}",
                        f'{{name: "××电业局调度所{char}", short: 调度所}}')
    result = run("validate", path)
    assert result.exit_code == 1, result.output
    line = line_of(text, "××电业局调度所")
    assert f"{path}:{line}: unit “××电业局调度所\\x" in result.stderr
    assert (f"contains the control character U+{code}, which a Word file cannot hold (hint: "
            "delete it: retype the text (the character is invisible in most editors))") in result.stderr
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr


def test_validate_dev_zero_is_bounded():
    result = run("validate", "/dev/zero")
    assert result.exit_code == 2
    assert result.stderr == ("error: /dev/zero: file is over 2048 KiB, too large for a campaign file "
                             "(hint: a campaign file is a few dozen KiB; check you named the right "
                             "file)\n")
