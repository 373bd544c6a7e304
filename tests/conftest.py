"""Shared fixtures: the bundled example and helpers to make broken copies of it."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from noticegen import i18n

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "mengdian-2006" / "campaign.yaml"
SEED_ORIGINAL = ROOT / "tests" / "fixtures" / "seed-original-scores.yaml"
# the one refusal of the overwrite policy, for a single file ``name``
REFUSED = ("would replace 1 file(s) that noticegen did not write or that changed since: {name} "
           "(hint: move them away, choose another output path, or pass --force to replace them)")


@pytest.fixture(autouse=True)
def english(monkeypatch):
    """Tests pin the English messages (``--lang zh`` or ``chinese`` for the Chinese ones);
    the setting reaches subprocesses through the environment."""
    monkeypatch.setenv("LANGUAGE", "en")
    i18n.select()
    yield
    i18n.select("en")


@pytest.fixture
def chinese(monkeypatch):
    """The default interface language: no locale set at all."""
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    i18n.select()
    return i18n


@pytest.fixture
def example_text() -> str:
    return EXAMPLE.read_text(encoding="utf-8")


def line_of(text: str, needle: str) -> int:
    """1-based line number of the first line containing ``needle``."""
    for number, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in text")


@pytest.fixture
def broken(tmp_path, example_text):
    """Write a copy of the example with ``old`` replaced by ``new``; return (path, text)."""

    def make(old: str, new: str, name: str = "campaign.yaml"):
        assert old in example_text, old
        text = example_text.replace(old, new, 1)
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path, text

    return make


@pytest.fixture
def folder(tmp_path):
    """A folder holding copies of the bundled example's two summaries."""
    path = tmp_path / "in"
    path.mkdir()
    for sample in sorted((EXAMPLE.parent / "summaries").iterdir()):
        shutil.copyfile(sample, path / sample.name)
    return path
