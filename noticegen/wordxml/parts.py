"""What a single paragraph of a 公文 is, from its text and formatting: heading, label,
placeholder, 附注, 版记 line, attachment label or running text."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from .docmodel import Paragraph

NUMBER = re.compile(r"^\S{1,20}?[〔\[［(（【]\s*(\d{2,4})\s*[〕\]］)）】]\s*(第)?\s*(\d+)\s*号$")
NUMBER_LIKE = re.compile(r"[〔\[［【]\s*(\d{4}|\d{2}|20[X×x]{2}|[X×x]{4})?\s*[〕\]］】]\s*第?\s*[\dX×x]*\s*号|^第\s*[\dX×x]*\s*号$")
KIND_END = ("通知", "通报", "请示", "报告", "函", "纪要", "决定", "意见", "方案", "简报", "批复", "决议",
            "公告", "通告", "命令", "令", "议案", "公报", "办法", "规定", "细则", "规划", "计划", "要点")
TITLE_END = re.compile(rf"({'|'.join(KIND_END)})$")
ATTACH_LABEL = re.compile(r"^附\s*件\s*([0-9一二三四五六七八九十]+)\s*[:：]?$|^附\s*([一二三四五六七八九十])\s*[:：]?$")
ATTACH_LIKE = re.compile(r"^附\s*件\s*[0-9一二三四五六七八九十]*\s*([（(][^）)]{0,8}[）)])?\s*[:：]?$")
ATTACH_NOTE = re.compile(r"^附\s*件\s*[:：]")
DATE_LINE = re.compile(r"^(\d{4}年\d{1,2}月\d{1,2}[日号]|[〇○零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,3}月[一二三四五六七八九十]{1,3}[日号])$")
DATE_PLACEHOLDER = re.compile(r"^(\[[^\]]*日期[^\]]*\]|[0-9X×x○〇]{0,4}年[0-9X×x○〇]{0,2}月[0-9X×x○〇]{0,2}日)$")
HEADINGS = [
    (1, re.compile(r"^([一二三四五六七八九十]+)、")),
    (2, re.compile(r"^[（(]([一二三四五六七八九十]+)[）)]")),
    (3, re.compile(r"^(\d+)[.．](?!\d)")),
    (4, re.compile(r"^[（(](\d+)[）)]")),
]
PLACEHOLDER = re.compile(r"\[[^\]\n]{0,30}\]|［[^］\n]{0,30}］|【[^】\n]{0,30}】|〔\s*〕|[×xX]{2,}|□+|[＿_]{2,}|…{2,}|○{2,}"
                         r"|(单击|点击|单击或点击|轻触)此处(以)?输入[^。]{0,10}。?|在此处键入[^。]{0,10}。?")
_LABEL = re.compile(r"^(出\s*席|参\s*加|列\s*席|请\s*假|记\s*录|主\s*持|时\s*间|地\s*点|缺\s*席|出席人员|参会人员|"
                    r"列席人员|请假人员|主持人|记录人|会议议题|会议基本信息|会议主持)\s*[:：]?")
_COLOPHON = re.compile(r"^(抄\s*送|印\s*发|主\s*送|分\s*送|报\s*送|抄\s*报|发\s*送|审\s*核|签\s*发|核\s*稿|"
                       r"拟\s*稿|校\s*对|打\s*印|承\s*办)\s*[:：]")
_NOTE = re.compile(r"^[（(](联系人|联系电话|此件|本件|此页|注)")
_KINDS = {"讲话": None, "讲话稿": None, "发言": None, "致辞": None, "汇报材料": None, "总结": None}


def flat(text: str) -> str:
    """Text without spaces (half- and full-width): layout, not content."""
    return text.replace(" ", "").replace("\u3000", "").replace("\t", "").replace("\xa0", "")


def position(paragraphs: list, paragraph) -> int:
    """Where ``paragraph`` itself is in ``paragraphs`` (not an equal one)."""
    return next(i for i, p in enumerate(paragraphs) if p is paragraph)


def heading_level(text: str) -> tuple[int, str] | None:
    for level, pattern in HEADINGS:
        match = pattern.match(text)
        if match:
            return level, match.group(1)
    return None


def is_placeholder(text: str) -> bool:
    """Only placeholders (××, XXX, [日期], 〔 〕, □□) and punctuation: nothing to judge yet."""
    rest = PLACEHOLDER.sub("", flat(text))
    return bool(PLACEHOLDER.search(flat(text))) and not re.search(r"[\u4e00-\u9fff]{3,}", rest)


def kind_of_title(title: str) -> Optional[str]:
    """The kind a title names (…的通知 → 通知; 会议纪要 → 纪要; 工作方案 → 方案), or None."""
    title = re.sub(r"[（(][^）)]*[）)]$", "", PLACEHOLDER.sub("", title)).rstrip("。")
    for word in sorted(_KINDS, key=len, reverse=True):
        if title.endswith(word):
            return None
    found = TITLE_END.search(title)
    if not found:
        return None
    kind = found.group(1)
    return {"令": "命令", "办法": "方案", "规定": "方案", "细则": "方案", "规划": "方案", "计划": "方案",
            "要点": "方案"}.get(kind, kind)


_FAMILIES = [("小标宋", re.compile(r"小标宋|XiaoBiaoSong|FZXBS", re.I)), ("仿宋", re.compile(r"仿宋|FangSong", re.I)),
             ("楷体", re.compile(r"楷|KaiTi", re.I)), ("黑体", re.compile(r"黑|SimHei|HeiTi", re.I)),
             ("宋体", re.compile(r"宋|SimSun|Song", re.I))]


@lru_cache(maxsize=256)
def family(font: Optional[str]) -> Optional[str]:
    """The family a font name belongs to: 仿宋_GB2312, FangSong and 华文仿宋 are all 仿宋."""
    if not font:
        return font
    return next((name for name, pattern in _FAMILIES if pattern.search(font)), font)


def _emphasis(font: Optional[str]) -> bool:
    return family(font) in ("黑体", "楷体", "宋体", "小标宋")


def part(paragraph: Paragraph) -> str:
    """heading1…heading4 (standalone), runin (numbered, then text), subheading, label,
    placeholder, note, colophon, attachment, centred, or text."""
    if paragraph.part is None:
        paragraph.part = _part(paragraph)
    return paragraph.part


def _part(paragraph: Paragraph) -> str:
    text = flat(paragraph.text)
    if is_placeholder(text):
        return "placeholder"
    if ATTACH_LIKE.match(text):
        return "attachment"
    if _COLOPHON.match(text):
        return "colophon"
    if _NOTE.match(text) and text.endswith(("）", ")")):
        return "note"
    label = _LABEL.match(text)
    if label and (len(text) <= 12 or label.group(0)[-1] in ":："):
        return "label"
    level = heading_level(text)
    if level:
        standalone = len(text) <= 30 and "。" not in text
        return f"heading{level[0]}" if standalone else "runin"
    if paragraph.align == "center":
        return "centred"
    fonts = paragraph.fonts()
    if len(text) <= 20 and not re.search(r"[。；，]", text) and fonts and all(_emphasis(f) for f in fonts):
        return "subheading"
    return "text"
