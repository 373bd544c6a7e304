"""Write the feedback letters into their folder (and as PDF into ``pdf/``), never over a
file the last run did not write."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..output import (atomic_write, clean_temporaries, digest, inside, plan_writes,
                      read_manifest, refuse_foreign_pdfs, sha256, write_manifest)
from .feedback import Letters


@dataclass
class Written:
    """What a run wrote: letter names, PDF names (under ``pdf/``), files that got no letter."""

    letters: list[str]
    pdfs: list[str] = field(default_factory=list)
    without_letter: list[str] = field(default_factory=list)


def _pdf_name(letter: str) -> str:
    return f"pdf/{letter[:-len('.docx')]}.pdf"


def write_letters(folder: Path, letters: Letters, force: bool, with_pdf: bool) -> Written:
    """Write ``letters`` (checked first, then each atomically), then their PDFs."""
    documents = letters.documents
    write, _, _ = plan_writes(folder, documents, force)
    previous_pdfs = read_manifest(folder, force).get("pdfs", {})
    if with_pdf:
        refuse_foreign_pdfs(folder, [_pdf_name(n) for n in documents], force)
    clean_temporaries(folder, depth=1)
    for name in write:
        atomic_write(inside(folder, name), documents[name])
    outputs = {name: sha256(data) for name, data in documents.items()}
    pdfs: dict[str, str] = {}
    if with_pdf and documents:
        from ..render.pdf import convert_to
        targets = {inside(folder, name): inside(folder, _pdf_name(name)) for name in sorted(documents)}
        for path in convert_to(targets):
            rel = path.relative_to(folder).as_posix()
            pdfs[rel] = digest(path) or ""
    manifest = {"tool": "noticegen", "outputs": outputs}
    kept = {k: v for k, v in previous_pdfs.items() if k not in pdfs}
    if pdfs or kept:
        manifest["pdfs"] = dict(kept, **pdfs)
    write_manifest(folder, manifest)
    return Written(sorted(documents), sorted(pdfs), letters.without_letter)
