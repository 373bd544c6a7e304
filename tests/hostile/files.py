"""Hostile summary and source files: PDFs, spreadsheets, Word files and text."""
from __future__ import annotations

import io
import zipfile
import zlib
from pathlib import Path


def _pdf(objects: list[bytes], trailer_extra: bytes = b"") -> bytes:
    """A PDF with ``objects`` (1-based, object 1 the catalog) and a correct xref table."""
    out = io.BytesIO()
    out.write(b"%PDF-1.6\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R " % (len(objects) + 1) + trailer_extra
              + b">>\nstartxref\n%d\n%%%%EOF\n" % xref)
    return out.getvalue()


def _page_objects(content: bytes, filtered: bool = False) -> list[bytes]:
    stream_dict = b"<< /Length %d%s >>" % (len(content), b" /Filter /FlateDecode" if filtered else b"")
    return [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        stream_dict + b"\nstream\n" + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]


def plain_pdf(path: Path, text: str = "Summary of work") -> Path:
    content = b"BT /F1 12 Tf 72 720 Td (%s) Tj ET" % text.encode("latin-1")
    path.write_bytes(_pdf(_page_objects(content)))
    return path


def aes_pdf(path: Path) -> Path:
    """A PDF encrypted with AES-128 (empty user password): pypdf needs the cryptography
    package to read it."""
    from pypdf._encryption import AlgV4
    owner_key = AlgV4.compute_O_value_key(b"owner", 4, 128)
    owner_entry = AlgV4.compute_O_value(owner_key, b"", 4)
    file_id = b"0123456789abcdef"
    key = AlgV4.compute_key(b"", 4, 128, owner_entry, 0xFFFFFFFC, file_id, True)
    user_entry = AlgV4.compute_U_value(key, 4, file_id)
    objects = _page_objects(b"\x00" * 32)
    objects.append(b"<< /Filter /Standard /V 4 /R 4 /Length 128 /P -4 /O <%s> /U <%s> "
                   b"/CF << /StdCF << /CFM /AESV2 /AuthEvent /DocOpen /Length 16 >> >> "
                   b"/StmF /StdCF /StrF /StdCF >>" % (owner_entry.hex().encode(),
                                                        user_entry.hex().encode()))
    path.write_bytes(_pdf(objects, b"/Encrypt 6 0 R /ID [<%s> <%s>] " % (
        file_id.hex().encode(), file_id.hex().encode())))
    return path


def pdf_bomb(path: Path, inflated: int = 1024 ** 3) -> Path:
    """A one-page PDF whose content stream inflates to ``inflated`` bytes of spaces."""
    compressor = zlib.compressobj(9)
    chunk = b" " * (1024 * 1024)
    parts = [compressor.compress(chunk) for _ in range(inflated // len(chunk))]
    parts.append(compressor.flush())
    path.write_bytes(_pdf(_page_objects(b"".join(parts), filtered=True)))
    return path


def control_named(folder: Path, source: Path) -> Path:
    """A copy of ``source`` whose file name holds a terminal escape sequence and a bell."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"\x1b[31m红色\x07{source.name}"
    path.write_bytes(source.read_bytes())
    return path
