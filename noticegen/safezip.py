"""Read .docx (zip) files defensively: size limits against zip bombs, no odd member names,
XML without entities."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

from lxml import etree

from .zipwrite import zip_bytes
from .i18n import _

MAX_MEMBERS = 2000
MAX_TOTAL_BYTES = 200 * 1024 * 1024   # uncompressed
MAX_RATIO = 200                        # uncompressed / compressed, per member


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
        raise error(_("{label}: not a valid .docx (zip) file: {reason}").format(
            label=label, reason=exc)) from None
    with archive:
        infos = checked_members(archive, label, error)
        members = {}
        for info in infos:
            if info.is_dir():
                continue
            try:
                with archive.open(info) as member:
                    blob = member.read(info.file_size + 1)
            except (zipfile.BadZipFile, OSError, EOFError, RuntimeError) as exc:
                raise error(_("{label}: part “{filename}” is damaged: {reason}").format(
                    label=label, filename=info.filename, reason=exc)) from None
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
