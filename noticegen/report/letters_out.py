"""Write the feedback letters into their folder (and as PDF into ``pdf/``), never over a
file the last run did not write."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import OutputError
from ..output import (atomic_write, clean_temporaries, digest, inside, plan_writes,
                      read_manifest, sha256, write_manifest)
from .feedback import Letters
from ..i18n import _


@dataclass
class Written:
    """What a run wrote: letter names, PDF names (under ``pdf/``), files that got no letter."""

    letters: list[str]
    pdfs: list[str] = field(default_factory=list)
    without_letter: list[str] = field(default_factory=list)


def _pdf_name(letter: str) -> str:
    return f"pdf/{letter[:-len('.docx')]}.pdf"


def _refuse_foreign_pdfs(folder: Path, names: list[str], force: bool) -> None:
    recorded = read_manifest(folder, force).get("pdfs", {})
    foreign = [rel for rel in names if (current := digest(inside(folder, rel))) is not None
               and recorded.get(rel) != current and not force]
    if foreign:
        listed = ", ".join(foreign[:5]) + (" …" if len(foreign) > 5 else "")
        raise OutputError(_("would overwrite {count} file(s) not written by the last run: "
                            "{files}").format(
            count=len(foreign), files=listed), path=folder,
                          hint=_("move them away, write into another folder, or pass --force"))


def write_letters(folder: Path, letters: Letters, force: bool, with_pdf: bool) -> Written:
    """Write ``letters`` (checked first, then each atomically), then their PDFs."""
    documents = letters.documents
    write, _, _ = plan_writes(folder, documents, force)
    previous_pdfs = read_manifest(folder, force).get("pdfs", {})
    if with_pdf:
        _refuse_foreign_pdfs(folder, [_pdf_name(n) for n in documents], force)
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
