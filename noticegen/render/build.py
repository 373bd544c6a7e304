"""Build one or many campaigns into package folders (the `noticegen build` job)."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Optional

from ..campaign import check_campaign
from .. import __version__
from ..errors import DataError, NoticegenError
from ..output import read_manifest, sha256
from . import pdf
from .package import BuildResult, TemplateSet, render_package, write_package

CAMPAIGN_FILE = "campaign.yaml"


def resolve_campaign(path: Path) -> tuple[Path, str]:
    """The campaign file behind ``path`` (a file or a folder holding campaign.yaml) and its
    package folder name."""
    path = Path(path)
    if path.is_dir():
        candidate = path / CAMPAIGN_FILE
        if not candidate.is_file():
            raise DataError(f"no {CAMPAIGN_FILE} in this folder", path=path,
                            hint="name the campaign file itself")
        return candidate, path.resolve().name
    name = path.parent.resolve().name if path.name == CAMPAIGN_FILE else path.stem
    return path, name


@dataclass
class Outcome:
    """The result of building one campaign: a BuildResult or the error that stopped it."""

    source: Path
    result: Optional[BuildResult] = None
    error: Optional[NoticegenError] = None


def up_to_date(folder: Path, source_bytes: bytes, templates: TemplateSet) -> list[str] | None:
    """The outputs, when the manifest shows the same campaign, templates and tool version and
    every output is still as written; None when the package must be rebuilt."""
    manifest = read_manifest(folder)
    if (manifest.get("version") != __version__
            or manifest.get("campaign", {}).get("sha256") != sha256(source_bytes)
            or manifest.get("templates") != templates.hashes()):
        return None
    outputs = manifest.get("outputs", {})
    for rel, digest in outputs.items():
        target = folder / rel
        if not target.is_file() or sha256(target.read_bytes()) != digest:
            return None
    return sorted(outputs)


def build_one(path: Path, folder: Path, templates: TemplateSet, *, with_pdf: bool = False,
              force: bool = False) -> BuildResult:
    campaign = check_campaign(path)
    source_bytes = Path(path).read_bytes()
    if not with_pdf:
        current = up_to_date(folder, source_bytes, templates)
        if current is not None:
            return BuildResult(folder, unchanged=current)
    outputs = render_package(campaign, templates)
    result = write_package(campaign, source_bytes, folder, templates, outputs, force=force)
    if with_pdf:
        written = pdf.convert_to({folder / rel: (folder / "pdf" / rel).with_suffix(".pdf")
                                  for rel in sorted(outputs, key=lambda rel: str(Path(rel).parent))})
        result.pdfs += [str(p.relative_to(folder)) for p in written]
    return result


def build_many(paths: list[Path], outdir: Path, template_dir: Path | None = None, *,
               with_pdf: bool = False, force: bool = False) -> Iterator[Outcome]:
    """Build each campaign into ``outdir/<name>``; one campaign's error does not stop the rest."""
    templates = TemplateSet(template_dir)
    if with_pdf and not pdf.soffice():
        raise pdf.PdfError("--pdf needs LibreOffice, which is not installed", hint=pdf.INSTALL_HINT)
    seen: dict[str, Path] = {}
    for path in paths:
        try:
            source, name = resolve_campaign(path)
            if name in seen:
                raise DataError(f"its package folder “{name}” is already used by {seen[name]}",
                                path=path, hint="give the campaigns distinct folder or file names")
            seen[name] = source
            yield Outcome(Path(path), result=build_one(source, outdir / name, templates,
                                                       with_pdf=with_pdf, force=force))
        except NoticegenError as exc:
            yield Outcome(Path(path), error=exc)
