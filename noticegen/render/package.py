"""Build a campaign's notice package: the 通知, its attachments and each unit's letter."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from .. import __version__
from ..errors import TemplateError
from ..model import Campaign
from ..resources import template_dir as bundled_template_dir
from .context import letter_context, notice_context
from .docx import CompiledTemplate
from ..output import (atomic_write, clean_temporaries, digest, inside, is_plain_name, list_files,
                      plan_writes, safe_filename, sha256, unique_name, write_manifest)
from ..i18n import _

TEMPLATE_FILES = {
    "notice": "notice.docx",
    "roster": "attachment-roster.docx",
    "rubric": "attachment-rubric.docx",
    "commitments": "attachment-commitments.docx",
    "letter": "letter.docx",
}
LETTER_FOLDER = "责任书"


class TemplateSet:
    """The five compiled templates, from the bundled set or a user's folder."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = Path(folder) if folder else bundled_template_dir()
        self.templates: dict[str, CompiledTemplate] = {}
        for key, name in TEMPLATE_FILES.items():
            path = self.folder / name
            if not path.is_file():
                raise TemplateError(_("template {name} is missing").format(
                    name=name), path=self.folder,
                                    hint=_("export the bundled set with “noticegen templates "
                                           "export DIR” and edit those copies"))
            self.templates[key] = CompiledTemplate(path)

    def __getitem__(self, key: str) -> CompiledTemplate:
        return self.templates[key]

    def hashes(self) -> dict[str, str]:
        return {t.name: t.sha256 for t in self.templates.values()}


ATTACHMENT_FILES = {"roster": "附件1.docx", "rubric": "附件2.docx", "commitments": "附件3.docx"}


def letter_names(campaign: Campaign) -> dict[str, str]:
    """Unit name → its letter's path inside the package folder (unique, Windows-safe)."""
    names, used = {}, set()
    for unit in campaign.units:
        if not campaign.clauses_for_unit(unit):
            continue
        names[unit.name] = f"{LETTER_FOLDER}/{unique_name(safe_filename(unit.name), used, '.docx')}"
    return names


def render_package(campaign: Campaign, templates: TemplateSet) -> dict[str, bytes]:
    """Every document of the package, as path inside the folder → .docx bytes."""
    context = notice_context(campaign)
    properties = dict(title=campaign.title, author=campaign.organ, date=campaign.date,
                      subject=campaign.name)
    outputs = {"通知.docx": templates["notice"].render(context, properties=properties)}
    for key, name in ATTACHMENT_FILES.items():
        outputs[name] = templates[key].render(context, properties=properties)
    letters = letter_names(campaign)
    for unit in campaign.units:
        if unit.name in letters:
            unit_properties = dict(properties, title=campaign.letter_title, subject=unit.name)
            outputs[letters[unit.name]] = templates["letter"].render(
                letter_context(campaign, unit, context), properties=unit_properties)
    return outputs


def is_package_file(rel: str) -> bool:
    """True for a name a build writes: 通知/附件 at the top, letters in 责任书/."""
    parts = rel.split("/")
    return is_plain_name(rel) and (len(parts) == 1 or (len(parts) == 2 and parts[0] == LETTER_FOLDER))


@dataclass
class BuildResult:
    """What a build did in its folder."""

    folder: Path
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    pdfs: list[str] = field(default_factory=list)
    stale_pdfs: list[str] = field(default_factory=list)     # outdated but edited: left, named
    pdf_records: dict[str, str] = field(default_factory=dict)


def pdf_name(rel: str) -> str:
    """The PDF a document converts to: ``责任书/x.docx`` → ``pdf/责任书/x.pdf``."""
    return f"pdf/{rel[:-len('.docx')]}.pdf"


def prune_pdfs(folder: Path, recorded: dict[str, str], current: set[str]) -> tuple[list, list]:
    """Remove the PDFs of documents that changed or left the package (those not in
    ``current``); return (removed, left because edited since they were written).

    PDFs are found by listing ``pdf/``; one is touched only when the manifest recorded it,
    its name is one a build writes and it still holds the recorded bytes.
    """
    valid = {pdf_name(rel) for rel in current}
    removed, edited = [], []
    for rel in list_files(folder, 3, lambda name: name.endswith(".pdf")):
        if (not rel.startswith("pdf/") or rel in valid or rel not in recorded
                or not is_package_file(rel[len("pdf/"):-len(".pdf")] + ".docx")):
            continue
        path = inside(folder, rel)
        if digest(path) == recorded[rel]:
            path.unlink()
            removed.append(rel)
        else:
            edited.append(rel)
    return removed, edited


def write_package(campaign: Campaign, source_bytes: bytes, folder: Path, templates: TemplateSet,
                  outputs: dict[str, bytes], force: bool = False,
                  pdfs: dict[str, str] | None = None,
                  pdfs_kept_for: set[str] | None = None) -> BuildResult:
    """Write ``outputs`` atomically, keep identical files untouched, then the manifest.

    Only the package's own kinds of file are ever removed (:func:`is_package_file`), and
    only when they still hold the bytes the last build wrote. The PDFs of documents outside
    ``pdfs_kept_for`` (by default: the documents that came out unchanged) are outdated and
    removed the same way.
    """
    clean_temporaries(folder)
    write, unchanged, stale = plan_writes(folder, outputs, force, ours=is_package_file)
    for rel in write:
        atomic_write(inside(folder, rel), outputs[rel])
    for rel in stale:
        inside(folder, rel).unlink()
    pdfs = dict(pdfs or {})
    keep = set(unchanged) if pdfs_kept_for is None else pdfs_kept_for
    old_pdfs, edited = prune_pdfs(folder, pdfs, keep) if pdfs else ([], [])
    for rel in old_pdfs:
        del pdfs[rel]
    write_manifest(folder, {
        "tool": "noticegen", "version": __version__,
        "campaign": {"file": Path(campaign.source).name,
                     "sha256": hashlib.sha256(source_bytes).hexdigest()},
        "templates": templates.hashes(),
        "outputs": {rel: sha256(data) for rel, data in outputs.items()},
        **({"pdfs": pdfs} if pdfs else {}),
    })
    return BuildResult(folder, write, unchanged, stale + old_pdfs, stale_pdfs=edited,
                       pdf_records=pdfs)
