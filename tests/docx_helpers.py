"""Helpers to reopen generated .docx files and look at their XML and text."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}


def w(name: str) -> str:
    return f"{{{W}}}{name}"


def part(path: Path, name: str = "word/document.xml"):
    with zipfile.ZipFile(path) as archive:
        return etree.fromstring(archive.read(name))


def paragraphs_text(root) -> list[str]:
    return ["".join(t.text or "" for t in p.iter(w("t"))) for p in root.iter(w("p"))]


def cell_texts(table) -> list[list[str]]:
    return [["".join(t.text or "" for t in tc.iter(w("t"))) for tc in tr.findall(w("tc"))]
            for tr in table.findall(w("tr"))]


def rewrite_part(path: Path, name: str, change) -> None:
    """Apply ``change(text) -> text`` to one part of a .docx in place."""
    with zipfile.ZipFile(path) as archive:
        members = {n: archive.read(n) for n in archive.namelist()}
    members[name] = change(members[name].decode("utf-8")).encode("utf-8")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for n, data in members.items():
            archive.writestr(n, data)
    path.write_bytes(buffer.getvalue())
