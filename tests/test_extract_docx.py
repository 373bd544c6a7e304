"""The Word reader on documents built part by part with lxml: tracked changes, comments,
text boxes with their fallback copy, content controls, footnotes, headers."""
from __future__ import annotations

import zipfile

from lxml import etree

from noticegen.extract import extract

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W_NS, "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
      "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
      "v": "urn:schemas-microsoft-com:vml",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}
ROOT_ATTRS = " ".join(f'xmlns:{k}="{v}"' for k, v in NS.items())
CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="xml" ContentType="application/xml"/>
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
</Types>"""


def part(body: str, root: str = "document") -> bytes:
    """An XML part, parsed with lxml so that a malformed test fails here."""
    xml = f'<w:{root} {ROOT_ATTRS}>{body}</w:{root}>'
    return etree.tostring(etree.fromstring(xml), xml_declaration=True, encoding="UTF-8")


def make_docx(path, body: str, **parts: bytes):
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("word/document.xml", part(f"<w:body>{body}</w:body>"))
        for name, data in parts.items():
            archive.writestr(f"word/{name}.xml", data)
    return path


def p(*runs: str) -> str:
    return "<w:p>" + "".join(runs) + "</w:p>"


def r(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


def texts(path) -> list[tuple[str, str]]:
    return [(s.text, s.location) for s in extract(path)]


def test_tracked_changes_read_as_accepted(tmp_path):
    body = p(r("客户回访制度"),
             '<w:ins w:id="1" w:author="a" w:date="2006-11-15T00:00:00Z">' + r("已经") + "</w:ins>",
             '<w:del w:id="2" w:author="a"><w:r><w:delText>尚未</w:delText></w:r></w:del>',
             r("建立。")) + \
        p('<w:moveFrom w:id="3" w:author="a">' + r("移走的句子。") + "</w:moveFrom>") + \
        p('<w:moveTo w:id="4" w:author="a">' + r("移来的句子。") + "</w:moveTo>") + \
        p('<w:pPr><w:rPr><w:ins w:id="5" w:author="a"/></w:rPr></w:pPr>' + r("新段落。"))
    path = make_docx(tmp_path / "tracked.docx", body)
    assert texts(path) == [("客户回访制度已经建立。", "段1"), ("移来的句子。", "段3"),
                           ("新段落。", "段4")]


def test_comments_are_not_text(tmp_path):
    body = p('<w:commentRangeStart w:id="0"/>', r("设立行风监督员86名。"),
             '<w:commentRangeEnd w:id="0"/>',
             '<w:r><w:commentReference w:id="0"/></w:r>')
    comments = part('<w:comment w:id="0" w:author="审核人">' + p(r("数字请核实")) + "</w:comment>",
                    "comments")
    path = make_docx(tmp_path / "commented.docx", body, comments=comments)
    assert texts(path) == [("设立行风监督员86名。", "段1")]


def test_text_box_read_once_not_its_fallback_copy(tmp_path):
    box = p(r("供电可靠率99.93%。"))
    body = p(r("正文。"), '<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>'
             f"<wps:wsp><wps:txbx><w:txbxContent>{box}</w:txbxContent></wps:txbx></wps:wsp>"
             "</w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox>"
             f"<w:txbxContent>{box}</w:txbxContent></v:textbox></v:shape></w:pict>"
             "</mc:Fallback></mc:AlternateContent></w:r>")
    legacy = p('<w:r><w:pict><v:shape><v:textbox><w:txbxContent>' + p(r("旧式文本框。"))
               + "</w:txbxContent></v:textbox></v:shape></w:pict></w:r>")
    path = make_docx(tmp_path / "box.docx", body + legacy)
    assert texts(path) == [("正文。", "段1"), ("供电可靠率99.93%。", "文本框1"),
                           ("旧式文本框。", "文本框2")]


def test_content_controls_tables_footnotes_headers(tmp_path):
    body = ("<w:sdt><w:sdtPr/><w:sdtContent>" + p(r("控件里的段落。")) + "</w:sdtContent></w:sdt>"
            "<w:tbl><w:tr><w:tc>" + p(r("服务项目")) + "</w:tc><w:tc>" + p(r("兑现率"))
            + "<w:tbl><w:tr><w:tc>" + p(r("100%")) + "</w:tc></w:tr></w:tbl></w:tc></w:tr></w:tbl>"
            + p(r("见脚注。"), '<w:r><w:footnoteReference w:id="1"/></w:r>'))
    footnotes = part('<w:footnote w:type="separator" w:id="-1">' + p("<w:r><w:separator/></w:r>")
                     + '</w:footnote><w:footnote w:id="1">' + p(r("数据来自营销系统。"))
                     + "</w:footnote>", "footnotes")
    header = part(p(r("××电业局")), "hdr")
    path = make_docx(tmp_path / "parts.docx", body, footnotes=footnotes, header1=header)
    assert texts(path) == [("控件里的段落。", "段1"), ("服务项目", "表1 行1 列1"),
                           ("兑现率\n100%", "表1 行1 列2"), ("见脚注。", "段2"),
                           ("数据来自营销系统。", "脚注1"), ("××电业局", "页眉")]
