"""Build one or many campaigns into package folders (the `noticegen build` job)."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator, Optional

Progress = Callable[[int, int], None]

from ..campaign import load_valid_campaign
from ..yamlread import MAX_BYTES as MAX_CAMPAIGN_BYTES
from .. import __version__
from ..errors import DataError, InternalError, NoticegenError, OutputError
from ..output import (digest, inside, name_key, os_error, read_manifest, refuse_foreign_pdfs,
                      safe_filename, sha256)
from . import pdf
from .package import (BuildResult, TemplateSet, is_package_file, pdf_name, render_package,
                      write_package)
from ..i18n import _

CAMPAIGN_FILE = "campaign.yaml"


def resolve_campaign(path: Path) -> tuple[Path, str]:
    """The campaign file behind ``path`` (a file or a folder holding campaign.yaml) and its
    package folder name."""
    path = Path(path)
    if path.is_dir():
        candidate = path / CAMPAIGN_FILE
        if not candidate.is_file():
            raise DataError(_("no {file} in this folder").format(file=CAMPAIGN_FILE), path=path,
                            hint=_("name the campaign file itself"))
        return candidate, safe_filename(path.resolve().name)
    name = path.parent.resolve().name if path.name == CAMPAIGN_FILE else path.stem
    return path, safe_filename(name)


@dataclass
class Outcome:
    """The result of building one campaign: a BuildResult or the error that stopped it."""

    source: Path
    result: Optional[BuildResult] = None
    error: Optional[NoticegenError] = None


def up_to_date(folder: Path, source_bytes: bytes, templates: TemplateSet) -> list[str] | None:
    """The outputs, when the manifest shows the same campaign, templates and tool version and
    every output is still as written; None when the package must be rebuilt.

    Only names a build writes are looked at; anything else in the manifest means rebuild.
    """
    manifest = read_manifest(folder, force=True)
    if (manifest.get("version") != __version__
            or manifest.get("campaign", {}).get("sha256") != sha256(source_bytes)
            or manifest.get("templates") != templates.hashes()):
        return None
    outputs = manifest.get("outputs", {})
    for rel, recorded in outputs.items():
        if not is_package_file(rel) or digest(inside(folder, rel)) != recorded:
            return None
    return sorted(outputs)


def _pdf_names(outputs: dict[str, bytes]) -> list[str]:
    return [pdf_name(rel) for rel in outputs]


def _write_pdfs(folder: Path, outputs: dict[str, bytes], progress=None) -> dict[str, str]:
    """Convert the package's documents with one LibreOffice start; the PDFs' names → sha256."""
    targets = {inside(folder, rel): inside(folder, (Path("pdf") / rel).with_suffix(".pdf").as_posix())
               for rel in sorted(outputs, key=lambda rel: (str(Path(rel).parent), rel))}
    written: dict[str, str] = {}
    for path in pdf.convert_to(targets, progress=progress):
        rel = path.relative_to(folder).as_posix()
        written[rel] = digest(inside(folder, rel)) or ""
    return written


def build_one(path: Path, folder: Path, templates: TemplateSet, *, with_pdf: bool = False,
              force: bool = False, progress: Progress | None = None) -> BuildResult:
    """Build one campaign into ``folder``; ``progress(done, total)`` follows the PDFs."""
    campaign = load_valid_campaign(path)
    with Path(path).open("rb") as handle:  # the same bytes load_valid_campaign read
        source_bytes = handle.read(MAX_CAMPAIGN_BYTES + 1)
    if not with_pdf:
        current = up_to_date(folder, source_bytes, templates)
        if current is not None:
            return BuildResult(folder, unchanged=current)
    outputs = render_package(campaign, templates)
    previous_pdfs = read_manifest(folder, force).get("pdfs", {})
    if with_pdf:
        refuse_foreign_pdfs(folder, _pdf_names(outputs), force)
    result = write_package(campaign, source_bytes, folder, templates, outputs, force=force,
                           pdfs=previous_pdfs, pdfs_kept_for=set(outputs) if with_pdf else None)
    if with_pdf:
        pdfs = _write_pdfs(folder, outputs, progress)
        write_package(campaign, source_bytes, folder, templates, outputs, force=force,
                      pdfs=dict(result.pdf_records, **pdfs), pdfs_kept_for=set(outputs))
        result.pdfs = list(pdfs)           # top-level documents first, as converted
    return result


def build_many(paths: list[Path], outdir: Path, template_dir: Path | None = None, *,
               with_pdf: bool = False, force: bool = False,
               progress: Callable[[Path, int, int], None] | None = None) -> Iterator[Outcome]:
    """Build each campaign into ``outdir/<name>``; one campaign's error does not stop the rest.

    ``progress(campaign, done, total)`` follows each campaign's PDFs as LibreOffice writes them.
    """
    templates = TemplateSet(template_dir)
    if with_pdf and not pdf.soffice():
        raise pdf.PdfError(_("--pdf needs LibreOffice, which is not "
                             "installed"), hint=_(pdf.INSTALL_HINT))
    if Path(outdir).exists() and not Path(outdir).is_dir():
        raise OutputError(_("is a file, not a folder"), path=outdir,
                          hint=_("name a folder (it is created when missing)"))
    seen: dict[str, Path] = {}
    for path in paths:
        try:
            source, name = resolve_campaign(path)
            if name_key(name) in seen:
                raise DataError(_("its package folder “{name}” is already used by {seen}").format(
                    name=name, seen=seen[name_key(name)]),
                                path=path, hint=_("give the campaigns distinct folder or file "
                                                  "names"))
            seen[name_key(name)] = source
            folder = inside(outdir, name)
            follow = (lambda done, total, path=path: progress(Path(path), done, total)) \
                if progress else None
            yield Outcome(Path(path), result=build_one(source, folder, templates, with_pdf=with_pdf,
                                                       force=force, progress=follow))
        except NoticegenError as exc:
            yield Outcome(Path(path), error=exc)
        except OSError as exc:
            yield Outcome(Path(path), error=os_error(exc, getattr(exc, "filename", None) or path,
                                                     "build"))
        except Exception as exc:  # a bug: report it with this campaign, build the others
            yield Outcome(Path(path), error=InternalError.wrap(exc, path))
