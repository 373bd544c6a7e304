"""Find the parts of a 公文 (文号, title, 主送机关, body, 附件说明, 署名, date …) by text,
position and formatting, and tell which kind of document it is."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

from .docmodel import Document, Paragraph
from .parts import (ATTACH_LABEL, ATTACH_LIKE, ATTACH_NOTE, DATE_LINE, DATE_PLACEHOLDER, NUMBER, NUMBER_LIKE,
                    TITLE_END, flat, heading_level, kind_of_title, part)
from .parts import position as index_of

__all__ = ["ATTACH_LABEL", "NUMBER", "Roles", "find_roles", "heading_level"]
_ORGAN_END = re.compile(r"(单位|部门|机关|局|委|厅|办|处|室|科|所|院|校|中心|公司|集团|政府|党委|党组|"
                        r"委员会|支部|总支|分会|协会|学会|站|队|部|会|人民政府|各区|各县|各市|各位)$")
_BANNER = re.compile(r"(文件|令|纪要|简报|电报|明电|发电)$")


@dataclass
class Roles:
    number: Optional[Paragraph] = None
    title: list[Paragraph] = field(default_factory=list)
    recipients: Optional[Paragraph] = None
    body: list[Paragraph] = field(default_factory=list)
    attachment_note: list[Paragraph] = field(default_factory=list)
    date: Optional[Paragraph] = None
    attachment_labels: list[Paragraph] = field(default_factory=list)
    signature: list[Paragraph] = field(default_factory=list)
    kind: Optional[str] = None        # 通知 … 简报, “公文” when the kind is not named; None: not a 公文
    banner: bool = False              # a 版头 (发文机关标志, 文号) was found

    @property
    def official(self) -> bool:
        """A 公文 in the sense of GB/T 9704 (the structure rules apply)."""
        return self.kind is not None and self.kind != "简报"


def _centred_title(paragraph: Paragraph) -> bool:
    sizes = {r.size for r in paragraph.runs if r.text.strip()}
    fonts = " ".join(f for f in paragraph.fonts() if f)
    return paragraph.align == "center" and bool(sizes) and \
        (min(sizes) >= 36 and max(sizes) <= 48 or "小标宋" in fonts and max(sizes) <= 48)


def _find_title(main: list[Paragraph], position: int) -> tuple[list[Paragraph], int]:
    """The title: centred 2号-like paragraphs near the top, or a 关于…/…文种 line."""
    window = range(position, min(len(main), position + 15))
    groups, i = [], position
    while i < window.stop:
        paragraph = main[i]
        if paragraph.text and _centred_title(paragraph) and not _BANNER.search(flat(paragraph.text)) \
                and not NUMBER_LIKE.search(flat(paragraph.text)):
            end = i + 1
            while end < len(main) and main[end].text and _centred_title(main[end]) and \
                    not TITLE_END.search(flat(main[end - 1].text)):
                end += 1
            groups.append((i, end))
            i = end
        else:
            i += 1
    if groups:   # an organ's name set like a title (信函 format) gives way to a title naming a kind
        start, end = next((g for g in groups if kind_of_title(flat("".join(p.text for p in main[g[0]:g[1]])))),
                          groups[0])
        return main[start:end], end
    texts = [p.text for p in main]
    for i in window:
        text = flat(texts[i])
        if text and (text.startswith("关于") or TITLE_END.search(text)) and len(text) <= 80 \
                and "。" not in text:
            start = i
            while start > position and texts[start - 1] and not NUMBER.match(flat(texts[start - 1])):
                start -= 1
            return [p for p in main[start:i + 1] if p.text], i + 1
    return [], position


def _recipients(paragraph: Paragraph, kind: Optional[str]) -> bool:
    text = flat(paragraph.text)
    if heading_level(text) or (paragraph.first_line or 0) > 50 or (paragraph.left or 0) > 50 \
            or paragraph.align == "center" or kind in (None, "简报", "纪要", "方案"):
        return False
    if re.search(r"[：:]$", text):
        return len(text) <= 80 and "。" not in text
    return len(text) <= 40 and not re.search(r"[。；，！？]", text) and bool(_ORGAN_END.search(text))


def _number_like(text: str) -> bool:
    """A 文号 line, perhaps with placeholders (〔2020〕号, 第  号); not a sentence quoting one."""
    return len(text) <= 40 and not re.search(r"[。，；]", text) and bool(NUMBER_LIKE.search(text))


def _kind(title: list[Paragraph], banner: bool, number: bool) -> Optional[str]:
    kind = kind_of_title(flat("".join(p.text for p in title)))
    if kind:
        return kind
    return "公文" if banner or number else None


def _banner(document: Document) -> bool:
    """A 发文机关标志 (…文件, …令, in a text box or in large type) or a 份号/签发人 line."""
    head = [p for p in document.paragraphs[:40] if p.text and not p.in_table]
    return any(_BANNER.search(flat(p.text)) and (p.in_textbox or max(p.sizes() - {None}, default=0) >= 52)
               for p in head) or any("签发人" in p.text for p in head)


def find_roles(document: Document) -> Roles:
    roles = Roles()
    main = document.running_text()
    texts = [flat(p.text).split("签发人")[0] for p in main]
    position = 0
    for i, text in enumerate(texts[:20]):
        if NUMBER.match(text):
            roles.number, position = main[i], i + 1
            break
    number_like = roles.number is not None or any(_number_like(t) for t in texts[:20]) or \
        any(_number_like(flat(p.text)) for p in document.paragraphs[:60] if p.in_table)
    if roles.number is None:
        position = next((i + 1 for i, t in enumerate(texts[:20]) if _number_like(t)), 0)
    roles.banner = number_like or _banner(document)
    roles.title, position = _find_title(main, position)
    roles.kind = _kind(roles.title, roles.banner, number_like)
    if not roles.title and not number_like:   # an attachment or a form: no 主送机关 or body
        roles.attachment_labels = [p for p in main if ATTACH_LABEL.match(flat(p.text))]
        return roles
    first = next((i for i in range(position, min(len(main), position + 4)) if texts[i]), None)
    if first is not None and _recipients(main[first], roles.kind):
        roles.recipients, position = main[first], first + 1
    end = len(main)
    for i in range(position, len(main)):
        if ATTACH_LIKE.match(texts[i]) and (main[i].page_break_before or (i > 0 and main[i - 1].page_break_before)
                                             or (i > position + 3 and not texts[i - 1])):
            end = i
            break
    dates = [i for i in range(position, end) if DATE_LINE.match(texts[i]) or DATE_PLACEHOLDER.match(texts[i])]
    later = [i for i in dates if i > position + 2]   # a 纪要 may date itself under its title
    if later:
        roles.date, end = main[later[0]], later[0]
    note_started = note_done = False
    for paragraph in main[position:end]:
        text = flat(paragraph.text)
        if ATTACH_NOTE.match(text):
            note_started = True
            roles.attachment_note.append(paragraph)
        elif note_started and not note_done and re.match(r"^\d+[.．、]", text):
            roles.attachment_note.append(paragraph)
        elif note_started:
            note_done = note_done or bool(text)
        elif text:
            roles.body.append(paragraph)
    if roles.date is not None:
        roles.signature = _signature(main[position:index_of(main, roles.date)], roles)
    roles.attachment_labels = [p for p in main[end:] if ATTACH_LABEL.match(flat(p.text))]
    return roles


def _signature(above: list[Paragraph], roles: Roles) -> list[Paragraph]:
    """The 署名 lines just above the date (up to three short lines), taken out of the body."""
    found = []
    for paragraph in reversed(above[-8:]):
        text = flat(paragraph.text)
        if not text:
            continue
        placed = paragraph.align in ("right", "end", "center") or paragraph.raw_text[:4].isspace() \
            or (paragraph.left or 0) > 400
        if any(paragraph is p for p in roles.attachment_note) or re.search(r"[。；！？：:，,]$", text) or \
                len(text) > 40 or not (placed or len(text) <= 20) or len(found) == 3 or \
                part(paragraph) not in ("text", "placeholder", "subheading"):
            break
        found.insert(0, paragraph)
    roles.body = [p for p in roles.body if all(p is not s for s in found)]
    return found
