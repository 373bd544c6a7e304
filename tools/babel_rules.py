"""Babel extractor for rules/lint-gbt9704.yaml: each rule's message and hint are texts the
user reads, translated where a finding is shown.

babel.cfg names it; run pybabel from the project folder with ``PYTHONPATH=.``.
"""
from __future__ import annotations

import yaml


def extract(fileobj, keywords, comment_tags, options):
    """(line, function, message, comments) for every rule's message and hint."""
    text = fileobj.read().decode("utf-8")
    lines = text.splitlines()
    for entry in yaml.safe_load(text) or []:
        line = next((n for n, t in enumerate(lines, 1) if f"id: {entry.get('id')}," in t), 0)
        for key in ("message", "hint"):
            if entry.get(key):
                yield line, "_", entry[key], [f"lint rule {entry.get('id')}: {key}"]
