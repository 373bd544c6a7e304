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


RUBRIC_HEADER = ["项目", "竞赛及考核内容", "标准及要求", "标准分", "组织实施及考核部门", "执行单位或部门"]
RUBRIC_ROWS = [
    ["㈠组织领导（10分）", "1、成立机构（10分）", "⑴成立领导小组", "5", "办公室", "各单位"],
    ["", "", "⑵制定实施方案", "5", "办公室", "各单位"],
    ["㈡规范服务（90分）", "2、服务行为（90分）", "⑴统一着装", "40", "营销部", "营业所"],
    ["", "", "⑵挂牌上岗", "50", "营销部", "营业所"],
    ["合计", "", "", "100", "", ""],
]


def rubric_xlsx(path: Path, merges: tuple[str, ...] = ("A2:A3", "B2:B3", "A4:A5", "B4:B5"),
                far_cell: str | None = None) -> Path:
    """A small, valid rubric sheet; ``merges`` and a stray ``far_cell`` can be hostile."""
    from openpyxl import Workbook
    book = Workbook()
    sheet = book.active
    sheet.title = "考核标准"
    sheet.append(RUBRIC_HEADER)
    for row in RUBRIC_ROWS:
        sheet.append(row)
    if far_cell:
        sheet[far_cell] = "x"
    book.save(path)
    _add_merges(path, merges)
    return path


def _add_merges(path: Path, merges: tuple[str, ...]) -> None:
    """Write <mergeCells> into the sheet XML directly (openpyxl would expand a huge range)."""
    with zipfile.ZipFile(path) as archive:
        members = {info.filename: archive.read(info) for info in archive.infolist()}
    name = "xl/worksheets/sheet1.xml"
    xml = members[name].decode("utf-8")
    cells = "".join(f'<mergeCell ref="{ref}"/>' for ref in merges)
    xml = xml.replace("</sheetData>", f'</sheetData><mergeCells count="{len(merges)}">{cells}</mergeCells>', 1)
    members[name] = xml.encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for member, blob in members.items():
            archive.writestr(member, blob)


def inflating_xlsx(path: Path, inflated: int = 1024 ** 3) -> Path:
    """A rubric sheet padded with whitespace so that it unpacks to ``inflated`` bytes."""
    rubric_xlsx(path)
    with zipfile.ZipFile(path) as archive:
        members = {info.filename: archive.read(info) for info in archive.infolist()}
    sheet = members.pop("xl/worksheets/sheet1.xml")
    head, tail = sheet.split(b"<sheetData>", 1)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for member, blob in members.items():
            archive.writestr(member, blob)
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as out:
            out.write(head)
            chunk = b" " * (1024 * 1024)
            for _ in range(inflated // len(chunk)):
                out.write(chunk)
            out.write(b"<sheetData>" + tail)
    return path


def _rewrite(source: Path, target: Path, name: str, change) -> Path:
    with zipfile.ZipFile(source) as archive:
        members = {info.filename: archive.read(info) for info in archive.infolist()}
    members[name] = change(members[name].decode("utf-8")).encode("utf-8")
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for member, blob in members.items():
            archive.writestr(member, blob)
    return target


def docx_without_body(source: Path, target: Path) -> Path:
    """A Word file whose document part has no <w:body> (Word opens it as an empty page)."""
    import re
    return _rewrite(source, target, "word/document.xml",
                    lambda xml: re.sub(r"<w:body>.*</w:body>", "", xml, flags=re.S))


def docx_fractional_margin(source: Path, target: Path) -> Path:
    """Margins written as fractions of a twip (some converters do this)."""
    import re
    return _rewrite(source, target, "word/document.xml",
                    lambda xml: re.sub(r'w:(top|left)="(\d+)"', r'w:\1="\2.5"', xml))


def docx_all_continue(source: Path, target: Path) -> Path:
    """Every vertical merge marked “continue”, none “restart” (a broken merge)."""
    return _rewrite(source, target, "word/document.xml",
                    lambda xml: xml.replace('w:val="restart"', 'w:val="continue"')
                    .replace("<w:vMerge/>", '<w:vMerge w:val="continue"/>'))


def device_link(path: Path, device: str = "/dev/zero") -> Path:
    """``path`` as a link to an endless device (a careless name, or a trap)."""
    import os
    os.symlink(device, path)
    return path
