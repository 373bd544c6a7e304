"""The command line: exact messages, exit codes, no tracebacks, documented commands."""
from __future__ import annotations

import subprocess
import sys

import click
import pytest
from click.testing import CliRunner

from noticegen.cli import main

from conftest import EXAMPLE, ROOT, SEED_ORIGINAL, line_of


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_validate_example_exits_0():
    result = run("validate", EXAMPLE)
    assert result.exit_code == 0, result.output
    assert result.stdout == (f"{EXAMPLE}: valid — 3 categories, 10 items, 20 clauses, 100 points, "
                             "10 units, 18 commitment rows\n")


def test_validate_seed_original_exits_1_with_exact_message():
    result = run("validate", SEED_ORIGINAL)
    assert result.exit_code == 1
    line = line_of(SEED_ORIGINAL.read_text(encoding="utf-8"), "- title: 规范服务行为")
    assert result.stderr == (
        f"{SEED_ORIGINAL}:{line}: item 1.3 规范服务行为 declares 30 points but its clauses add up "
        "to 7 (hint: correct the item's score or its clauses' scores so they agree)\n"
        "1 problem found\n")


def test_missing_file_exits_2():
    result = run("validate", "nowhere/campaign.yaml")
    assert result.exit_code == 2
    assert result.stderr == ("error: nowhere/campaign.yaml: file not found (hint: check the path)\n")


def test_yaml_syntax_error_exits_2_without_traceback(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("campaign:\n  name: x\n   year: 2006\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "noticegen.cli", "validate", str(path)],
                          capture_output=True, text=True)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert proc.stderr.startswith(f"error: {path}:3: not valid YAML: ")
    assert proc.stderr.count("\n") == 1


def test_debug_shows_traceback(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("campaign: [\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "noticegen.cli", "--debug", "validate", str(path)],
                            capture_output=True, text=True)
    assert result.returncode == 2 and "Traceback" in result.stderr


def _commands(group: click.Group, prefix: str = "noticegen"):
    for name, command in group.commands.items():
        yield f"{prefix} {name}"
        if isinstance(command, click.Group):
            yield from _commands(command, f"{prefix} {name}")


@pytest.mark.parametrize("name", ["README.md", "README.en.md"])
def test_every_command_is_documented_in_readme(name):
    readme = (ROOT / name).read_text(encoding="utf-8")
    missing = [c for c in _commands(main) if c not in readme]
    assert not missing, f"not in {name}: {missing}"


def test_both_readmes_give_the_same_set_up_commands():
    def commands(name):
        text = (ROOT / name).read_text(encoding="utf-8")
        return [line for line in text.splitlines() if line.startswith((".venv/", "python3 -m venv"))]
    assert commands("README.md") == commands("README.en.md") == [
        "python3 -m venv .venv && .venv/bin/pip install -q . && .venv/bin/noticegen build "
        "examples/mengdian-2006/campaign.yaml -o out",
        ".venv/bin/pip install -q '.[test]' && .venv/bin/pytest -q"]


def test_a_reader_that_stops_early_ends_the_output_quietly():
    """`noticegen … | head`: no error message, no traceback when the pipe closes."""
    folder = ROOT / "tests" / "data" / "eval-dev"
    proc = subprocess.Popen([sys.executable, "-m", "noticegen.cli", "check", str(EXAMPLE),
                             *[str(folder)] * 3, "--all-clauses", "--format", "json"],  # > 64 KiB
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT)
    assert proc.stdout.readline().strip() == b"{"
    proc.stdout.close()
    _, err = proc.communicate(timeout=120)
    assert err == b"" and proc.returncode in (0, 1), err    # 1: click's own quiet exit on EPIPE
