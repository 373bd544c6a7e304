"""Write the feedback letters into their folder (and as PDF into ``pdf/``), never over a
file the last run did not write."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..output import (atomic_write, clean_temporaries, digest, inside, plan_writes,
                      read_manifest, refuse_foreign_pdfs, refuse_input, sha256, write_manifest,
                      LETTERS_MANIFEST)
from .feedback import Letters


@dataclass
class Written:
    """What a run wrote: letter names, PDF names (under ``pdf/``), files that got no letter."""

    letters: list[str]
    pdfs: list[str] = field(default_factory=list)
    without_letter: list[str] = field(default_factory=list)


def _pdf_name(letter: str) -> str:
    return f"pdf/{letter[:-len('.docx')]}.pdf"


MANIFEST = LETTERS_MANIFEST    # not a package's manifest.json: a build in the same folder
                               # keeps its own record, and the letters theirs


def write_letters(folder: Path, letters: Letters, force: bool, with_pdf: bool, *,
                  sources: tuple = ()) -> Written:
    """Write ``letters`` (checked first, then each atomically), then their PDFs; never over
    an input (``sources``)."""
    documents = letters.documents
    for name in documents:
        refuse_input(inside(folder, name), sources)
    write, _, _ = plan_writes(folder, documents, force, manifest=MANIFEST)
    previous = read_manifest(folder, force, MANIFEST)
    if with_pdf:
        refuse_foreign_pdfs(folder, [_pdf_name(n) for n in documents], force, MANIFEST)
    clean_temporaries(folder, depth=1)
    for name in write:
        atomic_write(inside(folder, name), documents[name])
    earlier = {name: recorded for name, recorded in previous.get("outputs", {}).items()
               if name not in documents and digest(inside(folder, name)) == recorded}
    outputs = dict(earlier, **{name: sha256(data) for name, data in documents.items()})
    pdfs: dict[str, str] = {}
    if with_pdf and documents:
        from ..render.pdf import convert_to
        targets = {inside(folder, name): inside(folder, _pdf_name(name)) for name in sorted(documents)}
        for path in convert_to(targets):
            rel = path.relative_to(folder).as_posix()
            pdfs[rel] = digest(path) or ""
    manifest = {"tool": "noticegen", "outputs": outputs}
    kept = {k: v for k, v in previous.get("pdfs", {}).items() if k not in pdfs}
    if pdfs or kept:
        manifest["pdfs"] = dict(kept, **pdfs)
    write_manifest(folder, manifest, MANIFEST)
    return Written(sorted(documents), sorted(pdfs), letters.without_letter)
