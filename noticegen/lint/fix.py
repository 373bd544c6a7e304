"""Correct the safe findings into a new file: punctuation width, 〔〕 in the 文号, date form,
附件一 → 附件1. Text is changed inside each text run, so formatting stays as it was."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from lxml import etree

from ..chinese import chinese_number, chinese_year
from ..errors import OutputError, located
from ..output import write_file
from ..safezip import parse_xml, write_members
from .checks import CHINESE_DATE, HALF_WIDTH
from ..wordxml.docmodel import load_document
from ..wordxml.ns import W
from ..wordxml.roles import NUMBER
from ..i18n import _

_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}


@dataclass(frozen=True)
class Change:
    location: str
    rule: str
    before: str
    after: str

    def __str__(self) -> str:
        return located(self.location, f"[{self.rule}] “{self.before}” → “{self.after}”")


def _punctuation(text: str) -> str:
    text = _quotes(text) if '"' in text and HALF_WIDTH.search(text) else text
    return HALF_WIDTH.sub(lambda m: _FULL.get(m.group(0), m.group(0)), text)


def _quotes(text: str) -> str:
    """Straight quotes in Chinese text → “”, opening and closing in turn."""
    parts = text.split('"')
    if len(parts) % 2 == 0:    # unpaired: leave for a person
        return text
    return "".join(part + ("“" if i % 2 == 0 else "”") for i, part in enumerate(parts[:-1])) + parts[-1]


def _arabic_date(match: re.Match) -> str:
    year, rest = match.group(0).split("年", 1)
    month, rest = rest.split("月", 1)
    day = rest[:-1]
    return f"{chinese_year(year)}年{chinese_number(month)}月{chinese_number(day)}日"


def _dates(text: str) -> str:
    text = CHINESE_DATE.sub(_arabic_date, text)
    text = re.sub(r"(\d{4}年)0?(\d{1,2})月0?(\d{1,2})[日号]", r"\1\2月\3日", text)
    return re.sub(r"(\d{1,2}月\d{1,2})号", r"\1日", text)


def _attachments(text: str) -> str:
    def arabic(match: re.Match) -> str:
        return f"附件{chinese_number(match.group(1))}"
    text = re.sub(r"附\s*件\s*([一二三四五六七八九十])(?![月日])", arabic, text)
    return re.sub(r"^附([一二三四五六七八九十])(?=\s*([:：、.．]|$))", arabic, text)


def _number(text: str) -> str:
    text = re.sub(r"[\[［(（【]\s*(\d{4})\s*[\]］)）】]", r"〔\1〕", text)
    return re.sub(r"〕\s*第?\s*0*(\d+)\s*号", r"〕\1号", text)


FIXES: list[tuple[str, Callable[[str], str]]] = [
    ("PUNCT-HALFWIDTH", _punctuation), ("DATE-CHINESE", _dates), ("ATTACH-NUMERAL", _attachments),
]


def fix_file(source: Path, target: Path, force: bool = False) -> list[Change]:
    """Write the corrected copy of ``source`` to ``target``; return what was changed."""
    source, target = Path(source), Path(target)
    if target.resolve() == source.resolve():
        raise OutputError(_("--fix never changes the file in place"), path=target,
                          hint=_("name a new file with -o"))
    document = load_document(source)
    members = dict(document.members)
    root = parse_xml(members["word/document.xml"])
    changes: list[Change] = []
    number_index = _number_paragraph(document)
    index = 0
    for block in (root.find(f"{W}body") if root.find(f"{W}body") is not None else []):
        if block.tag != f"{W}p":
            for p in block.iter(f"{W}p"):
                _fix_paragraph(p, "table", False, changes)
            continue
        index += 1
        _fix_paragraph(block, f"段{index}", index == number_index, changes)
    members["word/document.xml"] = etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                                  standalone=True)
    write_file(target, write_members(members), force, sources=(source,))
    return changes


def _number_paragraph(document) -> int | None:
    for paragraph in document.paragraphs[:12]:
        if not paragraph.in_table and NUMBER.match(paragraph.text.replace(" ", "")):
            return paragraph.index
    return None


def _fix_paragraph(paragraph, location: str, is_number: bool, changes: list[Change]) -> None:
    fixes = FIXES + ([("DOCNUMBER-BRACKETS", _number)] if is_number else [])
    for node in paragraph.iter(f"{W}t"):
        text = node.text or ""
        for rule, fix in fixes:
            fixed = fix(text)
            if fixed != text:
                changes.append(Change(location, rule, text, fixed))
                text = fixed
        node.text = text
