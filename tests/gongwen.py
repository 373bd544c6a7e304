"""Real-looking 公文 of each kind, written with python-docx the way people set them up in
Word: A4 with the standard margins, exact 28.95 pt line spacing, fonts set per run, page
numbers “— N —” in 宋体 on the outside edge. A spec is plain data, so a test can break one
thing and see which rule notices."""
from __future__ import annotations

import copy
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

BODY, TITLE, HEI, KAI, SONG = "仿宋_GB2312", "方正小标宋简体", "黑体", "楷体_GB2312", "宋体"
ALIGN = {"center": WD_ALIGN_PARAGRAPH.CENTER, "right": WD_ALIGN_PARAGRAPH.RIGHT,
         "left": WD_ALIGN_PARAGRAPH.LEFT, "both": WD_ALIGN_PARAGRAPH.JUSTIFY}

_NOTICE_BODY = [
    "为进一步提升供电服务水平，切实解决群众用电“急难愁盼”问题，经研究，决定在全局开展供电服务质量专项检查。现将有关事项通知如下。",
    ("一、检查范围", "h1"),
    "局属各供电所、客户服务中心及营业窗口。",
    ("二、检查内容", "h1"),
    ("（一）服务规范执行情况", "h2"),
    "重点检查首问负责制、一次性告知制度和限时办结制度的落实情况。",
    ("（二）服务承诺兑现情况。", "runin", "各单位要对照承诺逐项自查，如实填写兑现情况表。"),
    "1.营业窗口服务时间是否符合规定；",
    "2.故障报修到达现场时间是否达标。",
    ("三、工作要求", "h1"),
    ("一是", "lead", "高度重视，主要负责同志要亲自部署。"),
    "各单位于2026年3月20日前将自查报告报局办公室。",
]


def spec(kind: str) -> dict:
    """A well-formed document of ``kind`` (通知 … 方案, 简报, 讲话)."""
    title = {"通知": "关于开展2026年供电服务质量专项检查的通知",
             "通报": "关于2025年度安全生产工作情况的通报",
             "请示": "关于申请增加2026年职工培训经费的请示",
             "报告": "关于2025年供电服务工作情况的报告",
             "函": "关于商请协助开展用电安全检查的函",
             "纪要": "2026年第3次局长办公会议纪要",
             "决定": "关于表彰2025年度先进集体和先进个人的决定",
             "意见": "关于进一步加强供电服务质量管理的意见",
             "方案": "2026年供电服务质量提升工作方案",
             "简报": "供电服务工作简报",
             "讲话": "在2026年供电服务工作会议上的讲话"}[kind]
    official = kind not in ("简报", "讲话")
    doc = {"kind": kind, "banner": "××市供电局文件" if official and kind not in ("纪要", "方案") else None,
           "number": "×电办〔2026〕12号" if official and kind not in ("纪要", "方案") else None,
           "title": [title], "recipients": None, "body": copy.deepcopy(_NOTICE_BODY),
           "note": [], "signature": [], "date": None, "attachments": [], "colophon": [],
           "margins": dict(top=37, bottom=35, left=28, right=26), "line": 579, "paper": (210, 297),
           "footer": {"odd": ("— ", " —", "right", SONG, 14), "even": ("— ", " —", "left", SONG, 14)},
           "title_font": TITLE, "east_asia": True, "landscape": None}
    if kind in ("通知", "通报", "请示", "报告", "函", "意见"):
        doc["recipients"] = {"请示": "××市能源局：", "函": "××市应急管理局："}.get(kind, "局属各单位：")
    if kind in ("通知", "通报", "请示", "报告", "函", "决定", "意见"):
        closing = {"通知": "特此通知。", "通报": "特此通报。", "请示": "妥否，请批示。", "报告": "特此报告。",
                   "函": "特此函告。", "决定": "希望受表彰的集体和个人珍惜荣誉，再创佳绩。",
                   "意见": "各单位要结合实际认真贯彻落实。"}[kind]
        doc["body"].append(closing)
        doc["signature"], doc["date"] = ["××市供电局"], "2026年3月2日"
        doc["note"] = ["（联系人：张××，电话：1234567）"]
    if kind == "通知":
        doc["attach_note"] = ["附件：1.供电服务质量检查内容", "2.自查情况汇总表"]
        doc["attachments"] = [("附件1", "供电服务质量检查内容"), ("附件2", "自查情况汇总表")]
        doc["colophon"] = ["抄送：市能源局。", "××市供电局办公室                  2026年3月2日印发"]
    if kind == "纪要":
        doc["body"] = [("出席：", "label", "李××  王××  赵××"), ("列席：", "label", "局办公室、营销部负责同志"),
                       ("记录：", "label", "孙××"),
                       "2026年3月2日，局长李××主持召开2026年第3次局长办公会议，研究供电服务质量提升工作。纪要如下：",
                       ("一、会议听取了营销部关于供电服务工作的汇报", "h1"),
                       "会议认为，2025年全局供电服务工作总体平稳，客户满意度稳步提升。",
                       ("二、会议研究了2026年重点工作", "h1"),
                       "会议要求，各部门要按照职责分工抓好落实。"]
        doc["colophon"] = ["分送：局领导，各部门。"]
    if kind == "方案":
        doc["body"] = [("一、总体目标", "h1"), "全年客户满意度达到95%以上，投诉同比下降10%。",
                       ("二、主要任务", "h1"), ("（一）规范服务行为", "h2"),
                       "严格执行供电服务规范，统一着装、挂牌上岗。",
                       ("（二）提高办电效率", "h2"), "低压居民客户办电时间压减至3个工作日以内。"]
    if kind == "简报":
        doc["title"] = ["供电服务工作简报"]
        doc["body"] = ["第3期", "××市供电局办公室编                2026年3月2日",
                       ("一、营业窗口推行延时服务", "h1"), "3月起，各营业窗口在中午和周末推行延时服务，方便群众办电。"]
    if kind == "讲话":
        doc["body"] = ["同志们：", ("一、充分肯定去年的工作成绩", "h1"),
                       "过去一年，全局上下团结一心，供电服务工作取得了新成效。",
                       ("二、准确把握今年的工作重点", "h1"), "今年要重点抓好三件事。"]
    return doc


def _fonts(run, font: str | None, size: float) -> None:
    run.font.size = Pt(size)
    rpr = run._r.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    if font:
        for attr in ("w:ascii", "w:hAnsi", "w:eastAsia"):
            fonts.set(qn(attr), font)


def _indent(paragraph, first_chars: int | None = 200, left_chars: int | None = None) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    ind = ppr.find(qn("w:ind"))
    if ind is None:
        ind = OxmlElement("w:ind")
        ppr.append(ind)
    if first_chars is not None:
        ind.set(qn("w:firstLineChars"), str(first_chars))
    if left_chars is not None:
        ind.set(qn("w:leftChars"), str(left_chars))


def _para(document, text="", font=BODY, size=16, align=None, indent=None, doc=None, color=None):
    paragraph = document.add_paragraph()
    if align:
        paragraph.alignment = ALIGN[align]
    if indent:
        _indent(paragraph, indent)
    if text:
        run = paragraph.add_run(text)
        _fonts(run, font if doc is None or doc["east_asia"] or font != BODY else None, size)
        if color:
            run.font.color.rgb = RGBColor.from_string(color)
    return paragraph


def _body_paragraph(document, item, doc) -> None:
    if isinstance(item, str):
        _para(document, item, indent=200, doc=doc)
        return
    text, role, *rest = item
    font = {"h1": HEI, "h2": KAI, "runin": KAI, "lead": HEI, "label": HEI}.get(role, BODY)
    font = item[3] if len(item) > 3 else font
    paragraph = _para(document, text, font=font, indent=None if role == "label" else 200, doc=doc)
    if rest and rest[0]:
        _fonts(paragraph.add_run(rest[0]), BODY if doc["east_asia"] else None, 16)


def _field(paragraph, before: str, after: str, font: str, size: float) -> None:
    _fonts(paragraph.add_run(before), font, size)
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
        run = paragraph.add_run()
        _fonts(run, font, size)
        if kind:
            node = OxmlElement("w:fldChar")
            node.set(qn("w:fldCharType"), kind)
            run._r.append(node)
        elif text == " PAGE ":
            node = OxmlElement("w:instrText")
            node.text = text
            run._r.append(node)
        else:
            run._r.append(_t(text))
    _fonts(paragraph.add_run(after), font, size)


def _t(text: str):
    node = OxmlElement("w:t")
    node.text = text
    return node


def _section_setup(section, doc, landscape: bool = False) -> None:
    width, height = doc["paper"]
    m = doc["margins"]
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(height), Mm(width)
        turned = doc["landscape"] or dict(top=m["left"], bottom=m["right"], left=m["top"], right=m["bottom"])
        for key, value in turned.items():
            setattr(section, f"{key}_margin", Mm(value))
    else:
        section.page_width, section.page_height = Mm(width), Mm(height)
        for key, value in m.items():
            setattr(section, f"{key}_margin", Mm(value))


def build(doc: dict, path: Path) -> Path:
    """Write the document ``doc`` describes to ``path``."""
    document = Document()
    normal = document.styles["Normal"]
    normal.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    normal.paragraph_format.line_spacing = Pt(doc["line"] / 20)
    normal.paragraph_format.space_after = Pt(0)
    normal.font.size = Pt(16)
    _section_setup(document.sections[0], doc)
    if doc["banner"]:
        _para(document, doc["banner"], font=TITLE, size=36, align="center", color="FF0000")
    if doc["number"]:
        _para(document, "")
        _para(document, doc["number"], align="center")
    _para(document, "")
    for line in doc["title"]:
        _para(document, line, font=doc["title_font"], size=22, align="center")
    _para(document, "")
    if doc["recipients"]:
        _para(document, doc["recipients"], doc=doc)
    for item in doc["body"]:
        _body_paragraph(document, item, doc)
    for i, line in enumerate(doc.get("attach_note", [])):
        if i == 0:
            _para(document, "")
        paragraph = _para(document, line, indent=200, doc=doc)
        if i:
            _indent(paragraph, 0, 520)
    if doc["signature"]:
        _para(document, "")
        for line in doc["signature"]:
            _signature_line(document, line, doc)
    if doc["date"]:
        _signature_line(document, doc["date"], doc, date=True)
    for line in doc["note"]:
        _para(document, line, indent=200, doc=doc)
    for label, title in doc["attachments"]:
        _para(document, "").add_run().add_break(WD_BREAK.PAGE)
        _para(document, label, font=HEI)
        for line in title.split("\n"):
            _para(document, line, font=TITLE, size=22, align="center")
        _para(document, "本附件的内容由各单位按要求填写。", indent=200, doc=doc)
    for line in doc["colophon"]:
        _para(document, line, size=14, indent=None)
    if doc.get("table"):
        _table(document, doc["table"])
    _footers(document, doc)
    document.save(path)
    return path


def _signature_line(document, text: str, doc: dict, date: bool = False) -> None:
    place = doc.get("place", "indent")
    if place == "spaces":
        _para(document, " " * 30 + text, doc=doc)
        return
    paragraph = _para(document, text, align="right", doc=doc)
    ppr = paragraph._p.get_or_add_pPr()
    ind = OxmlElement("w:ind")
    ind.set(qn("w:rightChars"), "400" if date else "200")
    ppr.append(ind)


def _table(document, rows) -> None:
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for row, texts in zip(table.rows, rows):
        for cell, text in zip(row.cells, texts):
            for i, line in enumerate(text.split("\n")):   # one paragraph a line
                paragraph = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
                _fonts(paragraph.add_run(line), BODY, 12)


def _footers(document, doc) -> None:
    if doc["footer"] is None:
        return
    document.settings.odd_and_even_pages_header_footer = doc["footer"].get("even") is not None
    for key, footer in (("odd", document.sections[0].footer), ("even", document.sections[0].even_page_footer)):
        setting = doc["footer"].get(key)
        if setting is None:
            continue
        before, after, align, font, size = setting
        paragraph = footer.paragraphs[0]
        paragraph.alignment = ALIGN[align]
        _field(paragraph, before, after, font, size)


def add_landscape_section(path: Path, doc: dict) -> Path:
    """Append a landscape table page (a new section) to the document at ``path``."""
    document = Document(path)
    section = document.add_section()
    _section_setup(section, doc, landscape=True)
    _table(document, [["序号", "项目", "标准"], ["1", "营业窗口", "按时开门"]])
    last = document.add_section()
    _section_setup(last, doc)
    document.save(path)
    return path
