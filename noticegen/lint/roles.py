"""Find the parts of a notice (文号, title, 主送机关, body, 附件说明, date …) by their text."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

from .docmodel import Document, Paragraph

NUMBER = re.compile(r"^\S{1,20}?[〔\[［(（【]\s*(\d{2,4})\s*[〕\]］)）】]\s*(第)?\s*(\d+)\s*号$")
TITLE_END = re.compile(r"(通知|通报|决定|意见|报告|请示|批复|函|纪要|办法|规定|方案|决议|公告|通告)$")
ATTACH_LABEL = re.compile(r"^附\s*件\s*([0-9一二三四五六七八九十]+)\s*[:：]?$|^附\s*([一二三四五六七八九十])\s*[:：]?$")
ATTACH_NOTE = re.compile(r"^附\s*件\s*[:：]")
DATE_LINE = re.compile(r"^(\d{4}年\d{1,2}月\d{1,2}[日号]|[〇○零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,3}月[一二三四五六七八九十]{1,3}[日号])$")
HEADINGS = [
    (1, re.compile(r"^([一二三四五六七八九十]+)、")),
    (2, re.compile(r"^[（(]([一二三四五六七八九十]+)[）)]")),
    (3, re.compile(r"^(\d+)[.．](?!\d)")),
    (4, re.compile(r"^[（(](\d+)[）)]")),
]


@dataclass
class Roles:
    number: Optional[Paragraph] = None
    title: list[Paragraph] = field(default_factory=list)
    recipients: Optional[Paragraph] = None
    body: list[Paragraph] = field(default_factory=list)
    attachment_note: list[Paragraph] = field(default_factory=list)
    date: Optional[Paragraph] = None
    attachment_labels: list[Paragraph] = field(default_factory=list)


def heading_level(text: str) -> tuple[int, str] | None:
    for level, pattern in HEADINGS:
        match = pattern.match(text)
        if match:
            return level, match.group(1)
    return None


def find_roles(document: Document) -> Roles:
    roles = Roles()
    main = document.running_text()
    texts = [p.text for p in main]
    position = 0
    for i, text in enumerate(texts[:12]):
        if NUMBER.match(text.replace(" ", "")):
            roles.number, position = main[i], i + 1
            break
    for i in range(position, min(len(main), position + 15)):
        text = texts[i]
        if not text:
            continue
        if text.startswith("关于") or TITLE_END.search(text):
            start = i
            while start > position and texts[start - 1] and not NUMBER.match(texts[start - 1]):
                start -= 1
            roles.title = [p for p in main[start:i + 1] if p.text]
            position = i + 1
            break
    if not roles.title:   # not a notice (an attachment or a form): no 主送机关 or body to find
        roles.attachment_labels = [p for p in main if ATTACH_LABEL.match(p.text.replace(" ", ""))]
        return roles
    for i in range(position, min(len(main), position + 4)):
        if texts[i]:
            if re.search(r"[：:]$", texts[i]) or len(texts[i]) <= 40:
                roles.recipients, position = main[i], i + 1
            break
    end = len(main)
    for i in range(position, len(main)):
        if ATTACH_LABEL.match(texts[i].replace(" ", "")) and main[i].page_break_before or \
                (ATTACH_LABEL.match(texts[i].replace(" ", "")) and i > position + 3 and not texts[i - 1]):
            end = i
            break
    for i in range(position, end):
        text = texts[i]
        if DATE_LINE.match(text.replace(" ", "").replace("\u3000", "")):
            roles.date = main[i]
            end = i
            break
    note_started = note_done = False
    for paragraph in main[position:end]:
        text = paragraph.text.strip().replace("\u3000", "")
        if ATTACH_NOTE.match(text):
            note_started = True
            roles.attachment_note.append(paragraph)
        elif note_started and not note_done and re.match(r"^\d+[.．、]", text):
            roles.attachment_note.append(paragraph)
        elif note_started:
            note_done = note_done or bool(text)
        elif text:
            roles.body.append(paragraph)
    if roles.body and roles.date and not roles.attachment_note:
        last = roles.body[-1]   # the signature just above the date is not body text
        if last.align in ("right", "end") or len(last.text) <= 20:
            roles.body.pop()
    roles.attachment_labels = [p for p in main[end:] if ATTACH_LABEL.match(p.text.replace(" ", ""))]
    return roles
