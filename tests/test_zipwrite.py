"""The zip writer gives zipfile's bytes, and pre-deflated template parts change nothing."""
import io
import zipfile
from pathlib import Path

import pytest

from noticegen.campaign import load_valid_campaign
from noticegen.render.package import TemplateSet, render_package
from noticegen.safezip import read_members
from noticegen.zipwrite import FIXED_TIME, Deflated, deflate, zip_bytes

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "mengdian-2006" / "campaign.yaml"


def zipfile_bytes(members: dict[str, bytes]) -> bytes:
    """The reference: what zipfile writes for the same members."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, blob in members.items():
            info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 0
            archive.writestr(info, blob, compresslevel=6)
    return buffer.getvalue()


MEMBERS = {
    "[Content_Types].xml": b"<Types/>",
    "empty": b"",
    "word/styles.xml": b"<w:style/>" * 5000,
    "责任书/单位.xml": "中文内容".encode("utf-8") * 100,
}


def test_same_bytes_as_zipfile():
    assert zip_bytes(MEMBERS) == zipfile_bytes(MEMBERS)


def test_deflated_parts_give_the_same_bytes():
    packed = {name: deflate(blob) for name, blob in MEMBERS.items()}
    assert all(isinstance(p, Deflated) for p in packed.values())
    assert zip_bytes(packed) == zipfile_bytes(MEMBERS)
    with zipfile.ZipFile(io.BytesIO(zip_bytes(packed))) as archive:
        assert archive.testzip() is None
        assert {n: archive.read(n) for n in archive.namelist()} == MEMBERS


@pytest.fixture(scope="module")
def package():
    return render_package(load_valid_campaign(EXAMPLE), TemplateSet())


def test_package_equals_the_zipfile_path(package):
    """Every document is what zipfile makes of its parts (the path before pre-deflating)."""
    for name, data in package.items():
        assert zipfile_bytes(read_members(name, data)) == data, name


def test_static_parts_are_deflated_once():
    template = TemplateSet()["letter"]
    assert template.packed is template.packed
    static = [n for n, p in template.packed.items() if isinstance(p, Deflated)]
    assert "word/styles.xml" in static and "word/document.xml" not in static


LISTING_XML = [
    '<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:b/></w:rPr>'
    '<w:t xml:space="preserve">一\n二\t三\a四\f五</w:t></w:r></w:p><w:p><w:r><w:t>plain</w:t></w:r></w:p>',
    '<w:p w:rsidR="1"><w:r><w:pict><w:p><w:r><w:t>a\nb</w:t></w:r></w:p></w:pict></w:r></w:p>'
    '<w:tbl><w:tr><w:tc><w:p><w:r><w:t>c\td</w:t></w:r><w:r><w:t>e</w:t></w:r></w:p></w:tc></w:tr></w:tbl>',
    "<w:p><w:r><w:t>no break</w:t></w:r></w:p>\n<w:p/>",
]


def test_listing_only_where_needed_is_docxtpl_listing(package):
    from noticegen.render.docx import _resolve_listing
    template = TemplateSet()["notice"]._tpl
    parts = [read_members(n, d)["word/document.xml"].decode("utf-8") for n, d in package.items()]
    for xml in LISTING_XML + [p.replace("<w:t>", "<w:t>\n") for p in parts[:2]]:
        assert _resolve_listing(template, xml) == template.resolve_listing(xml)
