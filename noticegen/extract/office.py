"""Word 97–2003 (.doc), WPS (.wps) and RTF summaries: converted to .docx by LibreOffice, then
read as .docx.

Each conversion runs headless in its own temporary folder with a private LibreOffice profile,
so parallel conversions do not collide, and is stopped after ``TIMEOUT`` seconds.
"""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from ..errors import ExtractionError
from ..i18n import N_, _
from .segment import Segment

TIMEOUT = 120  # seconds; a first start with a fresh profile takes a few
INSTALL_HINT = N_("install LibreOffice (sudo apt-get install libreoffice-writer-nogui), or ask "
                  "the unit for a .docx")
OLE, ZIP, RTF = b"\xd0\xcf\x11\xe0", b"PK\x03\x04", b"{\\rtf"
# LibreOffice's import filters for each kind of content, tried in turn (forced: no fallback
# to reading the bytes as plain text); a .wps is a WPS Office file in Word 97 format or, rarely,
# a Microsoft Works file
_FILTERS = {OLE: ("MS Word 97",), RTF: ("Rich Text Format",)}
_WPS_FILTERS = ("MS Word 97", "MS_Works")


def soffice() -> str | None:
    """The LibreOffice executable, or None when it is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def read_office(path: Path) -> list[Segment]:
    from .docx import read_docx
    kind = _kind(path)
    if kind == ZIP:                     # a .docx under another name (WPS saves them so)
        return read_docx(path)
    filters = _WPS_FILTERS if kind == OLE and path.suffix.lower() == ".wps" else _FILTERS[kind]
    data = to_docx(path, filters)
    try:
        return read_docx(path, data)
    except ExtractionError as exc:
        raise ExtractionError(_("converted by LibreOffice, but: {problem}").format(
                                  problem=exc.problem.message), path=path,
                              hint=_("open it in Word or WPS and save it as .docx")) from None


def _kind(path: Path) -> bytes:
    """OLE (Word 97–2003, WPS), ZIP (.docx) or RTF, from the file's first bytes."""
    with open(path, "rb") as handle:
        head = handle.read(8)
    for kind in (OLE, ZIP, RTF):
        if head.startswith(kind):
            return kind
    raise ExtractionError(_("not a Word, WPS or RTF document (the content of the {suffix} file "
                            "is of another kind)").format(suffix=path.suffix.lower()), path=path,
                          hint=_("open it in Word or WPS and save it as .docx"))


def to_docx(path: Path, filters: tuple[str, ...], timeout: int = TIMEOUT) -> bytes:
    """The bytes of ``path`` converted to .docx by LibreOffice with the first import filter
    of ``filters`` that reads it."""
    exe = soffice()
    if not exe:
        raise ExtractionError(_("reading {suffix} files needs LibreOffice, which is not "
                                "installed").format(suffix=path.suffix.lower()), path=path,
                              hint=_(INSTALL_HINT))
    with tempfile.TemporaryDirectory(prefix="noticegen-office-") as tmp:
        folder = Path(tmp)
        source = folder / "in.bin"   # a plain name: no quoting trouble; the filter is given
        shutil.copyfile(path, source)
        env = dict(os.environ, HOME=str(folder))
        output = ""
        for infilter in filters:
            command = [exe, f"-env:UserInstallation={(folder / 'profile').as_uri()}",
                       "--headless", "--norestore", "--nolockcheck", f"--infilter={infilter}",
                       "--convert-to", "docx:MS Word 2007 XML",
                       "--outdir", str(folder / "out"), str(source)]
            output = _run(command, env, timeout, path)
            produced = folder / "out" / "in.docx"
            if produced.is_file():
                return produced.read_bytes()
        raise ExtractionError(_("LibreOffice could not convert the file: {output}").format(
                                  output=output[:200]), path=path,
                              hint=_("open it in Word or WPS and save it as .docx"))


def _run(command: list[str], env: dict, timeout: int, path: Path) -> str:
    """Run LibreOffice in its own process group; kill the whole group on timeout."""
    proc = subprocess.Popen(command, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, start_new_session=True)
    try:
        out, _err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        raise ExtractionError(_("LibreOffice took longer than {seconds} s to convert the "
                                "file").format(seconds=timeout), path=path,
                              hint=_("open it in Word or WPS and save it as .docx")) from None
    lines = (out or b"").decode("utf-8", "replace").splitlines()
    return " ".join(line for line in lines if line.strip() and "javaldx" not in line)
