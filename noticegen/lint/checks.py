"""The lint checks. Each yields (rule id, paragraph or None, excerpt or location text)."""
from __future__ import annotations

import re
from typing import Iterator, Optional

from ..render import layout
from .docmodel import Document, Paragraph
from .roles import ATTACH_LABEL, NUMBER, Roles, heading_level

Hit = tuple[str, Optional[Paragraph], str]
TOLERANCE = round(layout.MM)          # ±1 mm in twips
CJK = r"[\u4e00-\u9fff]"
HALF_WIDTH = re.compile(rf"(?<={CJK})[,;:?!()]|[,;:?!()](?={CJK})")
FULL_DIGITS = re.compile(r"[０-９]")
CHINESE_DATE = re.compile(r"[〇○零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,3}月[一二三四五六七八九十]{1,3}[日号]")
PADDED_DATE = re.compile(r"\d{4}年(0\d月\d{1,2}|\d{1,2}月0\d)[日号]")
HAO_DATE = re.compile(r"\d{1,2}月\d{1,2}号")
PAIRS = [("“", "”"), ("《", "》"), ("（", "）"), ("〔", "〕")]
CHINESE_ATTACH = re.compile(r"附\s*件\s*[一二三四五六七八九十]|附[一二三四五六七八九十](?![月日])")


def page(document: Document) -> Iterator[Hit]:
    for number, section in enumerate(document.sections, start=1):
        where = f"section {number}"
        short, long_ = sorted((section.width, section.height))
        if abs(short - layout.PAGE_WIDTH) > TOLERANCE or abs(long_ - layout.PAGE_HEIGHT) > TOLERANCE:
            yield "PAGE-SIZE", None, f"{where}: {section.width}×{section.height} twips"
            continue
        m = section.margins
        if section.landscape:   # the same 版心 turned: left/right of the page are top/bottom
            expected = dict(left=layout.MARGIN_TOP, right=layout.MARGIN_BOTTOM,
                            top=layout.MARGIN_LEFT, bottom=layout.MARGIN_RIGHT)
            tolerant = ("left", "top")
        else:
            expected = dict(top=layout.MARGIN_TOP, bottom=layout.MARGIN_BOTTOM,
                            left=layout.MARGIN_LEFT, right=layout.MARGIN_RIGHT)
            tolerant = ("top", "left")
        width = section.width - m.get("left", 0) - m.get("right", 0)
        height = section.height - m.get("top", 0) - m.get("bottom", 0)
        text_w, text_h = (layout.TEXT_HEIGHT, layout.TEXT_WIDTH) if section.landscape \
            else (layout.TEXT_WIDTH, layout.TEXT_HEIGHT)
        if any(abs(m.get(k, 0) - expected[k]) > TOLERANCE for k in tolerant) or \
                abs(width - text_w) > TOLERANCE or abs(height - text_h) > TOLERANCE:
            margins = ", ".join(f"{k} {m.get(k, 0) / layout.MM:.0f} mm" for k in ("top", "bottom", "left", "right"))
            yield "PAGE-MARGINS", None, f"{where}: {margins}"
        if not section.landscape:
            pitch = section.line_pitch if section.grid_type in ("lines", "linesAndChars") else None
            if pitch is None or height // pitch != layout.LINES_PER_PAGE:
                lines = height // pitch if pitch else "no grid"
                yield "PAGE-GRID", None, f"{where}: {lines} lines"


def _east_asian_missing(paragraph: Paragraph) -> bool:
    return None in paragraph.fonts()


def fonts(document: Document, roles: Roles) -> Iterator[Hit]:
    reported = False
    for paragraph in document.paragraphs:
        if _east_asian_missing(paragraph) and not reported:
            yield "FONT-EASTASIA", paragraph, paragraph.text[:30]
            reported = True  # once per document: it is almost always a style-wide setting
    for paragraph in roles.title:
        if not _has(paragraph, "小标宋", {layout.SIZE_TITLE}):
            yield "FONT-TITLE", paragraph, paragraph.text[:30]
    for paragraph in roles.body:
        level = heading_level(paragraph.text)
        standalone = level and len(paragraph.text) <= 30 and "。" not in paragraph.text
        if standalone and level[0] == 1:
            if not _has(paragraph, "黑体"):
                yield "FONT-HEADING-1", paragraph, paragraph.text[:30]
        elif standalone and level[0] == 2:
            if not _has(paragraph, "楷体"):
                yield "FONT-HEADING-2", paragraph, paragraph.text[:30]
        elif not _has(paragraph, "仿宋", {layout.SIZE_BODY}):
            yield "FONT-BODY", paragraph, paragraph.text[:30]


def _has(paragraph: Paragraph, font: str, sizes: Optional[set] = None) -> bool:
    """Runs in ``font`` and ``sizes``; runs with no East-Asian font are FONT-EASTASIA's."""
    if any(f is not None and font not in f for f in paragraph.fonts()):
        return False
    return sizes is None or paragraph.sizes() <= sizes


def indent(roles: Roles) -> Iterator[Hit]:
    for paragraph in roles.body:
        if paragraph.first_line is None or abs(paragraph.first_line - 200) > 20:
            yield "INDENT-BODY", paragraph, paragraph.text[:30]


def number(roles: Roles) -> Iterator[Hit]:
    paragraph = roles.number
    if paragraph is None:
        return
    text = paragraph.text.replace(" ", "")
    match = NUMBER.match(text)
    if not re.search(r"〔\d+〕", text):
        yield "DOCNUMBER-BRACKETS", paragraph, text
    if match and match.group(2):
        yield "DOCNUMBER-DI", paragraph, text
    if match and match.group(3).startswith("0"):
        yield "DOCNUMBER-ZERO", paragraph, text
    if match and len(match.group(1)) != 4:
        yield "DOCNUMBER-YEAR", paragraph, text


def dates(document: Document) -> Iterator[Hit]:
    for paragraph in document.paragraphs:
        text = paragraph.text.replace(" ", "")
        for rule, pattern in (("DATE-CHINESE", CHINESE_DATE), ("DATE-PADDING", PADDED_DATE),
                              ("DATE-HAO", HAO_DATE)):
            match = pattern.search(text)
            if match:
                yield rule, paragraph, match.group(0)


def recipients(roles: Roles) -> Iterator[Hit]:
    if roles.recipients is not None and not roles.recipients.text.endswith("："):
        yield "RECIPIENT-COLON", roles.recipients, roles.recipients.text[-20:]


def heading_sequence(roles: Roles) -> Iterator[Hit]:
    from ..check.normalize import chinese_number
    last = {0: 0}
    current_level = 0
    for paragraph in roles.body:
        found = heading_level(paragraph.text)
        if not found:
            continue
        level, label = found
        value = int(label) if label.isdigit() else chinese_number(label)
        if level > current_level + 1 or value != last.get(level, 0) + 1:
            yield "HEADING-SEQUENCE", paragraph, paragraph.text[:20]
        last[level] = value or 0
        for deeper in range(level + 1, 5):
            last.pop(deeper, None)
        current_level = level


def _note_items(roles: Roles) -> list[tuple[str, str, Paragraph]]:
    items = []
    for paragraph in roles.attachment_note:
        text = re.sub(r"^附\s*件\s*[:：]", "", paragraph.text.replace("\n", "").strip().replace("\u3000", ""))
        match = re.match(r"^(\d+)[.．、]?(.*)$", text.strip())
        if match:
            items.append((match.group(1), match.group(2).strip(), paragraph))
        elif text.strip():
            items.append(("1", text.strip(), paragraph))
    return items


def attachments(document: Document, roles: Roles) -> Iterator[Hit]:
    items = _note_items(roles)
    for _, title, paragraph in items:
        if title and title[-1] in "。；，、.;,：:":
            yield "ATTACH-NOTE-PUNCT", paragraph, title[-20:]
    for paragraph in document.paragraphs:
        if CHINESE_ATTACH.search(paragraph.text.replace(" ", "")):
            yield "ATTACH-NUMERAL", paragraph, CHINESE_ATTACH.search(paragraph.text.replace(" ", "")).group(0)
    labels = []
    main = document.running_text()
    for label in roles.attachment_labels:
        match = ATTACH_LABEL.match(label.text.replace(" ", ""))
        position = main.index(label)
        title = next((p.text for p in main[position + 1:position + 4] if p.text), "")
        labels.append(((match.group(1) or match.group(2)), title.replace("\n", ""), label))
    if not items or not labels:
        return
    noted = {n: t for n, t, _ in items}
    for numeral, title, label in labels:
        key = numeral if numeral.isdigit() else None
        if key is None or key not in noted or _squash(noted[key]) != _squash(title):
            yield "ATTACH-NOTE-MATCH", label, f"附件{numeral}: {title[:30]}"
    if len(labels) != len(items):
        yield "ATTACH-NOTE-MATCH", items[0][2], f"{len(items)} listed, {len(labels)} attached"


def _squash(text: str) -> str:
    return re.sub(r"[\s\u3000]", "", text).rstrip("。；，、.;,：:")


def punctuation(document: Document) -> Iterator[Hit]:
    for paragraph in document.paragraphs:
        text = paragraph.text
        match = HALF_WIDTH.search(text)
        if match:
            yield "PUNCT-HALFWIDTH", paragraph, text[max(0, match.start() - 8):match.end() + 8]
        for left, right in PAIRS:
            if text.count(left) != text.count(right):
                yield "PUNCT-UNPAIRED", paragraph, f"{left}{right} in “{text[:24]}”"
                break
        if "、等" in text:
            yield "PUNCT-DENG", paragraph, text[max(0, text.index("、等") - 8):text.index("、等") + 4]
        if FULL_DIGITS.search(text):
            yield "DIGITS-FULLWIDTH", paragraph, text[:30]


def page_numbers(document: Document) -> Iterator[Hit]:
    first = next((s for s in document.sections if s.footers), None)
    if first is None:
        yield "PAGE-NUMBER", None, "no footer"
        return
    default = document.footers.get(first.footers.get("default"))
    if default is None or not default[2] or not re.match(r"^[—－-]+\s*\S*\s*[—－-]+$", default[0]):
        yield "PAGE-NUMBER", None, f"footer: “{default[0] if default else ''}”"
        return
    even = document.footers.get(first.footers.get("even"))
    if not document.even_and_odd or even is None or default[1] != "right" or even[1] != "left":
        yield "PAGE-NUMBER-SIDE", None, "odd/even footers"


_SCORE = re.compile(r"[（(]\s*(\d+(?:\.\d+)?)\s*分\s*[）)]")


def rubric_sums(document: Document) -> Iterator[Hit]:
    """Tables with a 标准分 column: clause scores against the (N分) of their item and category."""
    for table in document.tables:
        header = [text for text, _ in table.rows[0]] if table.rows else []
        column = next((i for i, t in enumerate(header) if re.search(r"标准分|分值|分数", t)), None)
        if column is None:
            continue
        groups: dict[tuple[int, str], list[float]] = {}
        declared: dict[tuple[int, str], float] = {}
        current = {0: "", 1: ""}
        total_declared, total = None, 0.0
        for row in table.rows[1:]:
            if len(row) <= column:
                continue
            if re.fullmatch(r"合\s*计|总\s*计|总\s*分", row[0][0]):
                total_declared = row[column][0].strip()
                continue
            if row[0][0] and row[0][1] != "continue":
                current[1] = ""           # a new category starts a new item too
            for level in (0, 1):
                text, merge = row[level] if level < column else ("", None)
                if text and merge != "continue":
                    current[level] = text
                    found = _SCORE.search(text)
                    if found:
                        declared[(level, text)] = float(found.group(1))
            score_text = row[column][0].strip()
            if not re.fullmatch(r"\d+(\.\d+)?", score_text):
                continue
            total += float(score_text)
            for level in (0, 1):
                if current[level]:
                    groups.setdefault((level, current[level]), []).append(float(score_text))
        if total_declared and re.fullmatch(r"\d+(\.\d+)?", total_declared) and \
                abs(float(total_declared) - total) > 1e-9:
            yield "RUBRIC-SUM", None, f"表{table.index}: 合计 states {total_declared}, the scores add up to {total:g}"
        for key, scores in groups.items():
            if key in declared and abs(sum(scores) - declared[key]) > 1e-9:
                level, text = key
                name = re.sub(_SCORE, "", text).strip()
                yield "RUBRIC-SUM", None, (f"表{table.index}: {name} states {declared[key]:g}分, "
                                           f"its scores add up to {sum(scores):g}")
