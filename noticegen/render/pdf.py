"""PDF through LibreOffice, with the GB/T 9704 fonts mapped to installed substitutes."""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Callable

from ..errors import NoticegenError
from ..wordxml import gbt9704 as layout
from ..i18n import N_, _

# Licensed Chinese fonts → free substitutes from Debian's fonts-noto-cjk (and fonts-arphic-ukai)
SUBSTITUTES = {
    layout.FONT_TITLE: ["Noto Serif CJK SC"],
    layout.FONT_BODY: ["Noto Serif CJK SC"],
    "仿宋": ["Noto Serif CJK SC"],
    layout.FONT_KAITI: ["AR PL UKai CN", "Noto Serif CJK SC"],
    "楷体": ["AR PL UKai CN", "Noto Serif CJK SC"],
    layout.FONT_HEITI: ["Noto Sans CJK SC"],
    layout.FONT_PAGE_NUMBER: ["Noto Serif CJK SC"],
}
INSTALL_HINT = (N_("install LibreOffice and the CJK fonts: sudo apt-get install "
                   "libreoffice-writer-nogui fonts-noto-cjk"))


class PdfError(NoticegenError):
    """LibreOffice is missing or could not convert a document."""


def soffice() -> str | None:
    """The LibreOffice executable, or None when it is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def _fontconfig(folder: Path) -> Path:
    aliases = "".join(
        f"<alias binding=\"same\"><family>{name}</family><prefer>"
        + "".join(f"<family>{f}</family>" for f in families) + "</prefer></alias>"
        for name, families in SUBSTITUTES.items())
    path = folder / "fonts.conf"
    path.write_text('<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
                    '<include ignore_missing="yes">/etc/fonts/fonts.conf</include>'
                    f"{aliases}</fontconfig>", encoding="utf-8")
    return path


def convert(documents: list[Path], outdir: Path, timeout: int = 600) -> list[Path]:
    """Convert .docx files to PDF in ``outdir``; return the PDFs written."""
    return convert_to({d: Path(outdir) / f"{Path(d).stem}.pdf" for d in documents}, timeout)


def convert_to(targets: dict[Path, Path], timeout: int = 600,
               progress: Callable[[int, int], None] | None = None) -> list[Path]:
    """Convert each .docx to its target PDF path with one LibreOffice start; return the targets.

    ``progress(done, total)`` is called as the PDFs appear."""
    exe = soffice()
    if not exe:
        raise PdfError(_("--pdf needs LibreOffice, which is not installed"), hint=_(INSTALL_HINT))
    with tempfile.TemporaryDirectory(prefix="noticegen-lo-") as tmp:
        tmp_path = Path(tmp)
        sources = _unique_stems(list(targets), tmp_path / "in")
        env = dict(os.environ, FONTCONFIG_FILE=str(_fontconfig(tmp_path)), HOME=str(tmp_path))
        staging = tmp_path / "pdf"
        command = [exe, f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless",
                   "--norestore", "--convert-to", "pdf", "--outdir", str(staging),
                   *[str(s) for s in sources]]
        if progress is None:
            try:
                proc = subprocess.run(command, env=env, capture_output=True, text=True,
                                      timeout=timeout, stdin=subprocess.DEVNULL)
            except subprocess.TimeoutExpired:
                raise PdfError(_("LibreOffice took longer than {timeout} s").format(
                    timeout=timeout), hint=_("try again")) from None
        else:
            proc = _run(command, env, timeout, staging, len(sources), progress)
        for (document, target), source in zip(targets.items(), sources):
            produced = staging / f"{source.stem}.pdf"
            if not produced.exists():
                raise PdfError(_("LibreOffice did not convert {name}: {output}").format(
                    name=Path(document).name, output=(proc.stderr or proc.stdout).strip()[:300]),
                    hint=_(INSTALL_HINT))
            target.parent.mkdir(parents=True, exist_ok=True)
            part = target.with_suffix(".pdf.part")
            shutil.move(str(produced), part)
            os.replace(part, target)
        return list(targets.values())


def _run(command: list[str], env: dict, timeout: int, staging: Path, total: int,
         progress: Callable[[int, int], None] | None) -> subprocess.CompletedProcess:
    """Run LibreOffice; while it works, report how many PDFs it has written."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(command, env=env, stdout=out, stderr=err, stdin=subprocess.DEVNULL)
        deadline, done = time.monotonic() + timeout, -1
        while True:
            try:
                proc.wait(timeout=0.25)
                break
            except subprocess.TimeoutExpired:
                if time.monotonic() > deadline:
                    proc.kill()
                    proc.wait()
                    raise PdfError(_("LibreOffice took longer than {timeout} s").format(
                        timeout=timeout),
                                   hint=_("try again")) from None
            count = len(list(staging.glob("*.pdf"))) if staging.is_dir() else 0
            if progress and count != done:
                done = count
                progress(min(count, total), total)
        if progress:
            progress(total, total)
        out.seek(0)
        err.seek(0)
        return subprocess.CompletedProcess(command, proc.returncode,
                                           out.read().decode("utf-8", "replace"),
                                           err.read().decode("utf-8", "replace"))


def _unique_stems(documents: list[Path], spare: Path) -> list[Path]:
    """The documents to hand LibreOffice, whose PDFs all land in one folder: a document whose
    name was taken already (责任书/附件1.docx after 附件1.docx) goes as a renamed copy."""
    seen: set[str] = set()
    sources = []
    for number, document in enumerate(documents, start=1):
        document = Path(document)
        stem = document.stem
        if stem.casefold() in seen:
            spare.mkdir(parents=True, exist_ok=True)
            stem = f"{stem}~{number}"
            shutil.copyfile(document, spare / f"{stem}{document.suffix}")
            document = spare / f"{stem}{document.suffix}"
        seen.add(stem.casefold())
        sources.append(document)
    return sources
