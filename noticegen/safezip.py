"""Read .docx (zip) files defensively: size limits against zip bombs, no odd member names,
XML without entities."""
from __future__ import annotations

import io
import zipfile
import zlib
from pathlib import Path

from lxml import etree

from .zipwrite import zip_bytes
from .errors import located
from .i18n import _

MAX_MEMBERS = 2000
MAX_TOTAL_BYTES = 200 * 1024 * 1024   # uncompressed
MAX_RATIO = 200                        # uncompressed / compressed, per member

# what reading a damaged member raises (a bad CRC, a cut-off file, broken deflate data,
# encryption, a compression method zipfile lacks)
MEMBER_ERRORS = (zipfile.BadZipFile, OSError, EOFError, RuntimeError, NotImplementedError,
                 zlib.error)


def open_error(label: str, exc: BaseException, head: bytes, error=ValueError) -> Exception:
    """``error`` saying in the interface language why the archive ``label`` (whose first bytes
    are ``head``) cannot be opened; zipfile's own English text is kept only as the cause,
    shown with ``--debug``."""
    suffix = Path(label).suffix.lower() or ".docx"
    if isinstance(exc, OSError) and not isinstance(exc, zipfile.BadZipFile):
        message = _("cannot read the file: {reason}").format(reason=exc.strerror or exc)
    elif head.startswith(b"PK"):
        message = _("the {suffix} file is damaged or cut off (it was probably not copied or "
                    "sent in full)").format(suffix=suffix)
    else:
        message = _("not a valid {suffix} file: its content is not a zip archive (perhaps a "
                    "file of another kind renamed to {suffix})").format(suffix=suffix)
    problem = error(located(label, message))
    problem.__cause__ = exc
    return problem


def member_error(label: str, name: str, exc: BaseException, error=ValueError) -> Exception:
    """``error`` saying that the part ``name`` of ``label`` cannot be unpacked, and why in
    words a user can act on; zipfile's text only as the cause."""
    text = str(exc).lower()
    if isinstance(exc, RuntimeError) and ("encrypted" in text or "password" in text):
        message = _("part “{name}” is encrypted (the document is protected by a "
                    "password)").format(name=name)
    elif isinstance(exc, NotImplementedError):
        message = _("part “{name}” is packed in a way Word does not use").format(name=name)
    else:
        message = _("part “{name}” is damaged").format(name=name)
    problem = error(located(label, message))
    problem.__cause__ = exc
    return problem


def head_of(path: Path | str, data: bytes | None = None) -> bytes:
    """The first bytes of ``data``, or of the file ``path`` (empty when it cannot be read)."""
    if data is not None:
        return bytes(data[:4])
    try:
        with open(path, "rb") as file:
            return file.read(4)
    except OSError:
        return b""


def checked_members(archive: zipfile.ZipFile, label: str, error=ValueError) -> list[zipfile.ZipInfo]:
    """The archive's members, refused (``error``) when there are too many, a name leads
    outside, or they unpack to far more than their size."""
    infos = archive.infolist()
    if len(infos) > MAX_MEMBERS:
        raise error(_("{label}: {count} parts inside, too many for a Word document").format(
            label=label, count=len(infos)))
    total = 0
    for info in infos:
        name = info.filename
        if name.startswith(("/", "\\")) or ".." in name.split("/") or ":" in name:
            raise error(_("{label}: unsafe part name “{name}” inside the file").format(
                label=label, name=name))
        total += info.file_size
        if total > MAX_TOTAL_BYTES or info.file_size > MAX_RATIO * max(info.compress_size, 1024):
            raise error(_("{label}: unpacks to far more than its size (a zip bomb?)").format(
                label=label))
    return infos


def read_members(path: Path | str, data: bytes | None = None, *, error=ValueError) -> dict[str, bytes]:
    """All members of a zip archive, in archive order; raise ``error`` when it looks unsafe."""
    label = str(path)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data) if data is not None else path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise open_error(label, exc, head_of(path, data), error)
    with archive:
        infos = checked_members(archive, label, error)
        members = {}
        for info in infos:
            if info.is_dir():
                continue
            try:
                with archive.open(info) as member:
                    blob = member.read(info.file_size + 1)
            except MEMBER_ERRORS as exc:
                raise member_error(label, info.filename, exc, error)
            if len(blob) > info.file_size:
                raise error(_("{label}: part “{filename}” is larger than it claims").format(
                    label=label, filename=info.filename))
            members[info.filename] = blob
    return members


# XML from a document: no entity expansion, no network access, no huge trees
XML_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


def parse_xml(data: bytes):
    """Parse an untrusted XML part (raises lxml's XMLSyntaxError when it is broken)."""
    return etree.fromstring(data, XML_PARSER)


def write_members(members: dict) -> bytes:
    """A zip with fixed timestamps and the given member order: same input, same bytes.

    Values are bytes, or :class:`~noticegen.zipwrite.Deflated` parts compressed once before.
    """
    return zip_bytes(members)
