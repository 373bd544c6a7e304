"""Write the bundled docxtpl templates in templates/docx/ (run after changing the layout).

    python tools/make_templates.py

The templates are ordinary Word files: styles carry the GB/T 9704-2012 fonts and
spacing, the page setup carries the 版心 and the 22 × 28 grid, and the text holds
docxtpl tags (``{{ field }}``, ``{%p for … %}``, ``{%tr for … %}``) that users may
move or restyle in Word/WPS. Tables whose alt-text title is ``merge:1,2,6`` get
equal cells in those columns merged vertically after rendering.
"""
from __future__ import annotations

import sys
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from noticegen.wordxml import gbt9704 as L  # noqa: E402
from template_styles import child, paragraph_style, set_run_format  # noqa: E402

OUT = ROOT / "templates" / "docx"


def new_document():
    """A blank A4 document with the GB/T 9704 styles, page setup and page numbers."""
    doc = Document()
    _defaults(doc)
    _styles(doc)
    section = doc.sections[0]
    _page(section, landscape=False)
    _page_numbers(doc, section)
    body = doc.element.body
    for p in list(body.iterchildren(qn("w:p"))):
        body.remove(p)
    return doc


def _defaults(doc) -> None:
    rpr = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    set_run_format(rpr, font=L.FONT_BODY, size=L.SIZE_BODY)


def _styles(doc) -> None:
    body = dict(font=L.FONT_BODY, size=L.SIZE_BODY, line_exact=L.LINE_PITCH, spacing=L.CHAR_SPACING)
    paragraph_style(doc, "Normal", align="both", **body)
    paragraph_style(doc, "正文", based_on="Normal", align="both", first_line_chars=200, **body)
    paragraph_style(doc, "发文机关标志", font=L.FONT_TITLE, size=L.SIZE_BANNER, color=L.RED,
                    align="center", before=L.BANNER_SPACE_BEFORE, snap=False)
    paragraph_style(doc, "发文字号", align="center", **body)
    paragraph_style(doc, "公文标题", font=L.FONT_TITLE, size=L.SIZE_TITLE, align="center",
                    line_exact=L.LINE_PITCH)
    paragraph_style(doc, "主送机关", align="both", **body)
    paragraph_style(doc, "一级标题", font=L.FONT_HEITI, size=L.SIZE_BODY, first_line_chars=200,
                    line_exact=L.LINE_PITCH, keep_next=True, align="both")
    paragraph_style(doc, "二级标题", font=L.FONT_KAITI, size=L.SIZE_BODY, first_line_chars=200,
                    line_exact=L.LINE_PITCH, keep_next=True, align="both")
    paragraph_style(doc, "三级标题", first_line_chars=200, keep_next=True, align="both", **body)
    paragraph_style(doc, "附件说明", align="left", left_chars=600, hanging_chars=400, **body)
    paragraph_style(doc, "署名", align="right", right_chars=L.SIGNATURE_RIGHT_CHARS * 100, **body)
    paragraph_style(doc, "成文日期", align="right", right_chars=L.SIGNATURE_RIGHT_CHARS * 100, **body)
    paragraph_style(doc, "附件标识", font=L.FONT_HEITI, size=L.SIZE_BODY, align="left",
                    line_exact=L.LINE_PITCH)
    paragraph_style(doc, "名单", align="left", left_chars=600, hanging_chars=400, **body)
    paragraph_style(doc, "表格文字", font=L.FONT_BODY, size=L.SIZE_TABLE, align="left", snap=False)
    paragraph_style(doc, "表头", font=L.FONT_HEITI, size=L.SIZE_TABLE, align="center", snap=False)
    paragraph_style(doc, "版记", font=L.FONT_BODY, size=L.SIZE_COLOPHON, align="left",
                    left_chars=100, right_chars=100, snap=False)
    paragraph_style(doc, "页码", font=L.FONT_PAGE_NUMBER, size=L.SIZE_PAGE_NUMBER, snap=False)


def _page(section, landscape: bool) -> None:
    geometry = L.LANDSCAPE if landscape else dict(
        width=L.PAGE_WIDTH, height=L.PAGE_HEIGHT, top=L.MARGIN_TOP, bottom=L.MARGIN_BOTTOM,
        left=L.MARGIN_LEFT, right=L.MARGIN_RIGHT)
    sect = section._sectPr
    size = child(sect, "w:pgSz", w=geometry["width"], h=geometry["height"])
    if landscape:
        size.set(qn("w:orient"), "landscape")
    elif size.get(qn("w:orient")):
        del size.attrib[qn("w:orient")]
    child(sect, "w:pgMar", top=geometry["top"], bottom=geometry["bottom"], left=geometry["left"],
          right=geometry["right"], header=851, footer=L.FOOTER_DISTANCE, gutter=0)
    grid = child(sect, "w:docGrid", type="lines", linePitch=L.LINE_PITCH)
    if grid.get(qn("w:charSpace")):
        del grid.attrib[qn("w:charSpace")]


def _page_numbers(doc, section) -> None:
    """``— N —`` in 4号宋体: odd pages right, even pages left, one character in."""
    doc.settings.odd_and_even_pages_header_footer = True
    for footer, align, indent in ((section.footer, "right", "rightChars"),
                                  (section.even_page_footer, "left", "leftChars")):
        footer.is_linked_to_previous = False
        paragraph = footer.paragraphs[0]
        paragraph.style = doc.styles["页码"]
        ppr = paragraph._p.get_or_add_pPr()
        child(ppr, "w:jc", val=align)
        child(ppr, "w:ind", **{indent: 100, indent.replace("Chars", ""): 280})
        paragraph.add_run("— ")
        simple = OxmlElement("w:fldSimple")
        simple.set(qn("w:instr"), " PAGE ")
        paragraph._p.append(simple)
        simple.append(paragraph.add_run("1")._r)
        paragraph.add_run(" —")


def para(doc, text: str = "", style: str = "正文", page_break: bool = False):
    paragraph = doc.add_paragraph(text, style=doc.styles[style])
    if page_break:
        child(paragraph._p.get_or_add_pPr(), "w:pageBreakBefore")
    return paragraph


def blank(doc, count: int = 1, style: str = "正文") -> None:
    for _ in range(count):
        para(doc, "", style)


def table(doc, widths: list[int], header: list[str], cells: list[str], *, loop: str,
          merge: str = "", footer: list[str] | None = None):
    """A bordered table: a repeated header row, one looped row, an optional closing row."""
    rows = 4 + (1 if footer else 0)
    tbl = doc.add_table(rows=rows, cols=len(widths))
    tbl.style = doc.styles["Table Grid"]
    tbl_pr = tbl._tbl.tblPr
    child(tbl_pr, "w:tblW", w=sum(widths), type="dxa")
    child(tbl_pr, "w:jc", val="center")
    child(tbl_pr, "w:tblLayout", type="fixed")
    if merge:
        child(tbl_pr, "w:tblCaption", val=f"merge:{merge}")
    grid = tbl._tbl.tblGrid
    for col, width in zip(grid.iterchildren(qn("w:gridCol")), widths):
        col.set(qn("w:w"), str(width))
    for row in tbl.rows:
        for cell, width in zip(row.cells, widths):
            child(cell._tc.get_or_add_tcPr(), "w:tcW", w=width, type="dxa")
            child(cell._tc.get_or_add_tcPr(), "w:vAlign", val="center")
    _fill_row(tbl.rows[0], header, "表头")
    tr_pr = tbl.rows[0]._tr.get_or_add_trPr()
    child(tr_pr, "w:cantSplit")
    child(tr_pr, "w:tblHeader")
    _fill_row(tbl.rows[1], [f"{{%tr for r in {loop} %}}"], "表格文字")
    _fill_row(tbl.rows[2], cells, "表格文字")
    child(tbl.rows[2]._tr.get_or_add_trPr(), "w:cantSplit")
    _fill_row(tbl.rows[3], ["{%tr endfor %}"], "表格文字")
    if footer:
        _fill_row(tbl.rows[4], footer, "表头")
        child(tbl.rows[4]._tr.get_or_add_trPr(), "w:cantSplit")
    return tbl


def _fill_row(row, texts: list[str], style: str) -> None:
    for cell, text in zip(row.cells, texts):
        paragraph = cell.paragraphs[0]
        paragraph.style = paragraph.part.document.styles[style]
        if text.startswith("{{ r.score") or text in ("分值", "标准分"):
            child(paragraph._p.get_or_add_pPr(), "w:jc", val="center")
        paragraph.add_run(text)


def new_section(doc, landscape: bool) -> None:
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    _page(section, landscape)


# -- document parts -------------------------------------------------------------------------

def notice_part(doc) -> None:
    para(doc, "{{ banner }}", "发文机关标志")
    blank(doc, 2)
    number = para(doc, "{{ number }}", "发文字号")
    border = child(number._p.get_or_add_pPr(), "w:pBdr")
    child(border, "w:bottom", val="single", sz=12, space=L.RED_LINE_GAP_PT, color=L.RED)
    blank(doc, 2)
    para(doc, "{{ title }}", "公文标题")
    blank(doc)
    para(doc, "{{ recipients }}：", "主送机关")
    para(doc, "{%p for para in body %}", "正文")
    para(doc, "{%p if para.level == 1 %}", "正文")
    para(doc, "{{ para.text }}", "一级标题")
    para(doc, "{%p elif para.level == 2 %}", "正文")
    para(doc, "{{ para.text }}", "二级标题")
    para(doc, "{%p elif para.level >= 3 %}", "正文")
    para(doc, "{{ para.text }}", "三级标题")
    para(doc, "{%p else %}", "正文")
    para(doc, "{{ para.text }}", "正文")
    para(doc, "{%p endif %}", "正文")
    para(doc, "{%p endfor %}", "正文")
    blank(doc)
    para(doc, "{%p for a in attachments %}", "附件说明")
    para(doc, "{{ a.lead }}{{ a.number }}.{{ a.title }}", "附件说明")
    para(doc, "{%p endfor %}", "附件说明")
    blank(doc, 3)
    para(doc, "{{ signature }}", "署名")
    para(doc, "{{ date }}", "成文日期")


def roster_part(doc, page_break: bool) -> None:
    para(doc, "附件{{ attachment_numbers.roster }}", "附件标识", page_break=page_break)
    blank(doc)
    para(doc, "{{ roster.title }}", "公文标题")
    blank(doc)
    para(doc, "{%p for line in roster.lines %}", "名单")
    para(doc, "{%p if line.heading %}", "名单")
    para(doc, "{{ line.text }}", "一级标题")
    para(doc, "{%p else %}", "名单")
    para(doc, "{{ line.text }}", "名单")
    para(doc, "{%p endif %}", "名单")
    para(doc, "{%p endfor %}", "名单")


RUBRIC_WIDTHS = [1560, 1900, 5356, 900, 1540, 1500]  # 12756 twips = 225 mm


def rubric_part(doc, page_break: bool) -> None:
    para(doc, "附件{{ attachment_numbers.rubric }}", "附件标识", page_break=page_break)
    para(doc, "{{ rubric.title }}", "公文标题")
    blank(doc, 1, "表格文字")
    table(doc, RUBRIC_WIDTHS,
          ["项目", "竞赛及考核内容", "竞赛与考核标准及要求", "标准分", "组织实施及考核部门", "执行单位或部门"],
          ["{{ r.category }}", "{{ r.item }}", "{{ r.text }}", "{{ r.score }}", "{{ r.departments }}",
           "{{ r.executors }}"],
          loop="rubric.rows", merge="1,2,6",
          footer=["合计", "", "", "{{ rubric.total }}", "", ""])
    blank(doc, 1, "表格文字")


COMMITMENT_WIDTHS = [700, 2700, 2000, 1844, 800, 800]  # 8844 twips


def commitment_part(doc, page_break: bool) -> None:
    para(doc, "附件{{ attachment_numbers.commitments }}", "附件标识", page_break=page_break)
    blank(doc)
    para(doc, "{{ commitments.title }}", "公文标题")
    blank(doc)
    para(doc, "考评单位：{{ commitments.unit_blank }}填报时间：{{ commitments.date_blank }}", "主送机关")
    table(doc, COMMITMENT_WIDTHS, ["序号", "项目", "应兑现标准", "实际兑现情况", "兑现率", "考核分"],
          ["{{ r.no }}", "{{ r.item }}", "{{ r.standard }}", "{{ r.actual }}", "", "{{ r.score }}"],
          loop="commitments.rows")


COLOPHON_BOX = """<w:drawing xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"
 xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
 xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"
 xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">
<wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="251659264"
 behindDoc="0" locked="0" layoutInCell="1" allowOverlap="0">
<wp:simplePos x="0" y="0"/>
<wp:positionH relativeFrom="margin"><wp:align>center</wp:align></wp:positionH>
<wp:positionV relativeFrom="margin"><wp:align>bottom</wp:align></wp:positionV>
<wp:extent cx="{width}" cy="{height}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>
<wp:wrapTopAndBottom/><wp:docPr id="1" name="版记"/><wp:cNvGraphicFramePr/>
<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">
<wps:wsp><wps:cNvSpPr txBox="1"/>
<wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{width}" cy="{height}"/></a:xfrm>
<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/><a:ln><a:noFill/></a:ln></wps:spPr>
<wps:txbx><w:txbxContent/></wps:txbx>
<wps:bodyPr rot="0" vert="horz" wrap="square" lIns="0" tIns="0" rIns="0" bIns="0" anchor="b">
<a:noAutofit/></wps:bodyPr></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing>"""
EMU_PER_TWIP = 635


def colophon_part(doc) -> None:
    """抄送 and 印发 between rules, in a text box anchored to the foot of the last page."""
    anchor = para(doc, "", "表格文字")
    box = parse_xml(COLOPHON_BOX.format(width=L.TEXT_WIDTH * EMU_PER_TWIP,
                                        height=3 * L.LINE_PITCH * EMU_PER_TWIP))
    anchor._p.append(OxmlElement("w:r"))
    anchor._p[-1].append(box)
    content = box.find(".//" + qn("w:txbxContent"))
    rules = [(L.COLOPHON_OUTER_RULE, L.COLOPHON_INNER_RULE), (None, L.COLOPHON_OUTER_RULE)]
    texts = ["抄送：{{ copy_to }}。", "{{ printed_by }}\t{{ printed_date }}印发"]
    for text, (top, bottom) in zip(texts, rules):
        paragraph = doc.add_paragraph(style=doc.styles["版记"])
        ppr = paragraph._p.get_or_add_pPr()
        border = child(ppr, "w:pBdr")
        if top:
            child(border, "w:top", val="single", sz=top, space=1, color="000000")
        child(border, "w:bottom", val="single", sz=bottom, space=1, color="000000")
        if "\t" in text:
            child(child(ppr, "w:tabs"), "w:tab", val="right", pos=L.TEXT_WIDTH - 2 * 280 - 120)
        paragraph.add_run(text)
        content.append(paragraph._p)  # moves it from the body into the text box


def keep_with_next(*paragraphs) -> None:
    """Keep each paragraph whole and on the page of the next one (a signature block never
    starts a page alone)."""
    for paragraph in paragraphs:
        ppr = paragraph._p.get_or_add_pPr()
        child(ppr, "w:keepNext")
        child(ppr, "w:keepLines")


def letter_part(doc) -> None:
    para(doc, "{{ letter.title }}", "公文标题")
    blank(doc)
    para(doc, "责任单位：{{ unit.name }}", "主送机关")
    para(doc, "{{ letter.intro }}", "正文")
    blank(doc, 1, "表格文字")
    tbl = table(doc, [900, 1400, 4444, 800, 1300], ["编号", "考核项目", "考核标准及要求", "标准分", "考核部门"],
                ["{{ r.id }}", "{{ r.item }}", "{{ r.text }}", "{{ r.score }}", "{{ r.departments }}"],
                loop="letter.rows", merge="2", footer=["合计", "", "", "{{ letter.total }}", ""])
    keep_with_next(*(p for cell in tbl.rows[4].cells for p in cell.paragraphs))
    closing = [
        para(doc),
        para(doc, "{{ letter.closing }}", "正文"),
        para(doc),
        para(doc, "考核部门：{{ letter.assessors }}", "主送机关"),
        para(doc),
        para(doc, "责任单位（盖章）：　　　　　　　负责人（签字）：", "主送机关"),
        para(doc),
        para(doc, "发文机关（盖章）：{{ organ }}", "主送机关"),
        para(doc),
    ]
    keep_with_next(*closing)
    para(doc, "日期：　　　　年　　月　　日", "成文日期")


def feedback_part(doc) -> None:
    para(doc, "{{ title }}", "公文标题")
    blank(doc)
    para(doc, "{{ unit }}：", "主送机关")
    para(doc, "{%p for text in intro %}", "正文")
    para(doc, "{{ text }}", "正文")
    para(doc, "{%p endfor %}", "正文")
    para(doc, "{%p for s in sections %}", "正文")
    para(doc, "{{ s.heading }}", "一级标题")
    para(doc, "{%p for line in s.lines %}", "正文")
    para(doc, "{{ line }}", "正文")
    para(doc, "{%p endfor %}", "正文")
    para(doc, "{%p endfor %}", "正文")
    para(doc, "{%p for text in closing %}", "正文")
    keep_with_next(para(doc, "{{ text }}", "正文"))
    para(doc, "{%p endfor %}", "正文")
    # the closing words (how points are computed), the contact and the signature stay on
    # one page with the date: the last page never holds the signature alone
    keep_with_next(para(doc, "联系人：{{ contact }}。", "正文"))
    for _ in range(3):
        keep_with_next(para(doc, "", "正文"))
    keep_with_next(para(doc, "{{ organ }}", "署名"))
    para(doc, "{{ date }}", "成文日期")


def save(doc, name: str) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    doc.save(OUT / name)
    print(f"wrote {OUT / name}")


def main() -> None:
    doc = new_document()
    notice_part(doc)
    roster_part(doc, page_break=True)
    new_section(doc, landscape=True)
    rubric_part(doc, page_break=False)
    new_section(doc, landscape=False)
    commitment_part(doc, page_break=False)
    colophon_part(doc)
    save(doc, "notice.docx")

    doc = new_document()
    roster_part(doc, page_break=False)
    save(doc, "attachment-roster.docx")

    doc = new_document()
    _page(doc.sections[0], landscape=True)
    doc.sections[0].orientation = WD_ORIENT.LANDSCAPE
    rubric_part(doc, page_break=False)
    save(doc, "attachment-rubric.docx")

    doc = new_document()
    commitment_part(doc, page_break=False)
    save(doc, "attachment-commitments.docx")

    doc = new_document()
    letter_part(doc)
    save(doc, "letter.docx")

    doc = new_document()
    feedback_part(doc)
    save(doc, "feedback.docx")


if __name__ == "__main__":
    main()
