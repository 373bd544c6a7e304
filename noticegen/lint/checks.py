"""The lint checks. Each yields (rule id, paragraph or None, excerpt[, "unsure"])."""
from __future__ import annotations

import re
from typing import Iterator, Optional

from ..wordxml import gbt9704 as layout
from ..chinese import chinese_number
from ..wordxml.docmodel import Document, Paragraph
from ..wordxml.parts import ATTACH_LABEL, NUMBER, family, flat, heading_level, part
from ..wordxml.parts import position as index_of
from ..wordxml.roles import Roles
from ..i18n import _

Hit = tuple  # (rule id, paragraph or None, excerpt[, "unsure": report an error rule as a warning])
CJK = r"[\u4e00-\u9fff]"
CJK_CHAR = re.compile(CJK)
HALF_WIDTH = re.compile(rf"(?<={CJK})[,;:?!()\"]|[,;:?!()\"](?={CJK})")
FULL_DIGITS = re.compile(r"[０-９]")
CHINESE_DATE = re.compile(r"[〇○零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,3}月[一二三四五六七八九十]{1,3}[日号]")
PADDED_DATE = re.compile(r"\d{4}年(0\d月\d{1,2}|\d{1,2}月0\d)[日号]")
HAO_DATE = re.compile(r"\d{1,2}月\d{1,2}号")
PAIRS = [("“", "”"), ("《", "》"), ("（", "）"), ("〔", "〕")]
CHINESE_ATTACH = re.compile(r"附\s*件\s*[一二三四五六七八九十](?![月日])|^附[一二三四五六七八九十]\s*(?=[:：、.．]|$)")


def _east_asian_missing(paragraph: Paragraph) -> bool:
    return None in paragraph.fonts()


def fonts(document: Document, roles: Roles) -> Iterator[Hit]:
    yield from _east_asian(document)
    if not roles.official:
        return
    sizes = None if roles.kind == "纪要" else {layout.SIZE_TITLE}   # a 纪要标志's size is the issuer's choice
    for paragraph in roles.title:
        if not _has(paragraph, "小标宋", sizes):
            yield "FONT-TITLE", paragraph, paragraph.text[:30]
    for paragraph in roles.body:
        yield from _body_fonts(paragraph)
    for paragraph in [*roles.signature, *([roles.date] if roles.date else [])]:
        if part(paragraph) != "placeholder" and not _body_font(paragraph, False):
            placed = paragraph is roles.date or paragraph.align in ("right", "end", "center")
            yield ("FONT-BODY", paragraph, paragraph.text[:30], *(() if placed else ("unsure",)))


def _east_asian(document: Document) -> Iterator[Hit]:
    """Once per document (it is almost always a style-wide setting); only in a table or a
    text box, where fonts are less settled, it is a warning."""
    missing = next((p for p in document.running_text() if _east_asian_missing(p)), None)
    if missing is not None:
        yield "FONT-EASTASIA", missing, missing.text[:30]
        return
    missing = next((p for p in document.paragraphs if _east_asian_missing(p)), None)
    if missing is not None:
        yield "FONT-EASTASIA", missing, missing.text[:30], "unsure"


def _body_fonts(paragraph: Paragraph) -> Iterator[Hit]:
    kind, heading = part(paragraph), {"heading1": "黑体", "heading2": "楷体"}
    if kind == "runin":    # 一、… and （一）… run in with a heading font; 1. and （1） are 仿宋
        level = heading_level(flat(paragraph.text))[0]
        if level > 2:
            kind = "text"
        elif _heading_only(paragraph):
            # all heading: in the heading's font, or a numbered sentence (with its commas) in 仿宋
            if "，" not in paragraph.text and not _has(paragraph, "仿宋", {layout.SIZE_BODY}):
                kind = f"heading{level}"
            elif not _has(paragraph, "仿宋", {layout.SIZE_BODY}) and not _has(paragraph, heading[f"heading{level}"]):
                yield "FONT-BODY", paragraph, paragraph.text[:30]
                return
            else:
                return
    if kind in heading:
        if not _has(paragraph, heading[kind]):
            yield f"FONT-HEADING-{kind[-1]}", paragraph, paragraph.text[:30]
    elif kind in ("text", "runin", "heading3", "heading4", "note") and not _body_font(paragraph, kind == "runin"):
        # a short line without a full stop may be a part not recognised (a label, a heading)
        short = len(paragraph.text) <= 20 and "。" not in paragraph.text and kind != "note"
        yield ("FONT-BODY", paragraph, paragraph.text[:30], *(("unsure",) if short else ()))


def _has(paragraph: Paragraph, font: str, sizes: Optional[set] = None) -> bool:
    """Runs in the ``font`` family and ``sizes``; runs with no East-Asian font are FONT-EASTASIA's."""
    if any(f is not None and family(f) != font for f in paragraph.fonts()):
        return False
    return sizes is None or paragraph.sizes() <= sizes


_EMPHASIS = ("黑体", "楷体", "宋体")
_LEAD = re.compile(r"^.{1,40}?[。：:；]")


def _heading_only(paragraph: Paragraph) -> bool:
    """A numbered paragraph that is all heading (“一、总体要求。”), nothing run in after it."""
    lead = _LEAD.match(paragraph.text.lstrip())
    return lead is not None and len(lead.group(0)) >= len(paragraph.text.strip())


def _body_font(paragraph: Paragraph, runin: bool) -> bool:
    """The running text is 3号 仿宋. Not running text: a run-in heading up to the first 。,
    a lead sentence set in 黑体 or 楷体 (“一是加强领导。”), short emphasised words."""
    runs = [r for r in paragraph.runs if r.text.strip()]
    lead = _LEAD.match(paragraph.text.lstrip())
    length = len(lead.group(0)) if lead else 0
    rest = list(runs)
    while rest and length > 0 and len(rest[0].text.strip()) <= length and \
            (runin or family(rest[0].east_asia) in _EMPHASIS):
        length -= len(rest[0].text.strip())
        rest.pop(0)
    runs = rest if rest or runin else runs     # a lead sentence leads into something
    if len(runs) > 1:
        runs = [r for r in runs if not (len(r.text.strip()) <= 12 and family(r.east_asia) in _EMPHASIS)]
    fonts = {r.east_asia for r in runs if CJK_CHAR.search(r.text)} - {None}
    return all(family(f) == "仿宋" for f in fonts) and {r.size for r in runs} <= {layout.SIZE_BODY}


def indent(roles: Roles) -> Iterator[Hit]:
    if not roles.official:
        return
    for paragraph in roles.body:
        if part(paragraph) not in ("text", "runin", "heading1", "heading2", "heading3", "heading4") or \
                paragraph.align in ("center", "right", "end"):
            continue
        spaces = re.match(r"^(\u3000{2}| {4})", paragraph.raw_text)
        if spaces is None and (paragraph.first_line is None or abs(paragraph.first_line - 200) > 20):
            yield "INDENT-BODY", paragraph, paragraph.text[:30]


_LOOKALIKE_NUMBER = re.compile(r"^\S{1,20}?[﹝｛{〖]\s*\d{2,4}\s*[﹞｝}〗]\s*第?\s*\d+\s*号")


def number(roles: Roles, document: Document) -> Iterator[Hit]:
    paragraph = roles.number
    if paragraph is None:   # brackets that only look like 〔〕 (﹝﹞, 〖〗) hide the 文号 from the reader
        odd = next((p for p in document.running_text()[:20] if _LOOKALIKE_NUMBER.match(flat(p.text))), None)
        if odd is not None:
            yield "DOCNUMBER-BRACKETS", odd, flat(odd.text)
        return
    text = flat(paragraph.text).split("签发人")[0]
    match = NUMBER.match(text)
    if not re.search(r"〔\d+〕", text):
        yield "DOCNUMBER-BRACKETS", paragraph, text
    if match and match.group(2):
        yield "DOCNUMBER-DI", paragraph, text
    if match and match.group(3).startswith("0"):
        yield "DOCNUMBER-ZERO", paragraph, text
    if match and len(match.group(1)) != 4:
        yield "DOCNUMBER-YEAR", paragraph, text


def dates(document: Document, roles: Roles) -> Iterator[Hit]:
    """The 成文日期 is what 7.3.5.4 is about; a date elsewhere in the text is a warning."""
    for paragraph in document.paragraphs:
        if "年" not in paragraph.text and "号" not in paragraph.text:
            continue
        text = paragraph.text.replace(" ", "")
        for rule, pattern in (("DATE-CHINESE", CHINESE_DATE), ("DATE-PADDING", PADDED_DATE),
                              ("DATE-HAO", HAO_DATE)):
            match = pattern.search(text)
            if match:
                yield (rule, paragraph, match.group(0)) if paragraph is roles.date else \
                    (rule, paragraph, match.group(0), "unsure")


def recipients(roles: Roles) -> Iterator[Hit]:
    recipients = roles.recipients
    if recipients is not None and not recipients.text.endswith("："):
        # without any colon the line was taken for the 主送机关 by its wording: not sure
        sure = recipients.text.endswith(":")
        yield ("RECIPIENT-COLON", recipients, recipients.text[-20:], *(() if sure else ("unsure",)))


def heading_sequence(roles: Roles) -> Iterator[Hit]:
    if not roles.official:
        return
    last = {0: 0}
    for paragraph in roles.body:
        found = heading_level(flat(paragraph.text))
        if not found or part(paragraph) == "placeholder":
            continue
        level, label = found
        value = int(label) if label.isdigit() else chinese_number(label)
        # a level may be left out (一、 then 1.) and numbering may start again at 1, but
        # numbers run on without gaps
        if value != last.get(level, 0) + 1 and value != 1:
            yield "HEADING-SEQUENCE", paragraph, paragraph.text[:20]
        last[level] = value or 0
        for deeper in range(level + 1, 5):
            last.pop(deeper, None)


def signature(roles: Roles) -> Iterator[Hit]:
    """署名 and 成文日期 set by alignment and indents, not pushed into place with spaces
    (in any document that ends with them: a 证明 or a letter as much as a 公文)."""
    if roles.date is None:
        return
    for paragraph in [*roles.signature, roles.date]:
        raw = paragraph.raw_text.replace("\t", " ")
        pushed = re.match(r"^(\u3000{2,}| {3,})", raw) or \
            (paragraph.align in ("right", "end") and re.search(r"(\u3000{2,}| {3,})$", raw))
        unplaced = paragraph is roles.date and paragraph.align not in ("right", "end", "center") and \
            (paragraph.left or 0) <= 0 and not pushed
        if pushed or unplaced:
            yield "SIGNATURE-PLACEMENT", paragraph, paragraph.text[:30]
            return


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
    for _number, title, paragraph in items:
        if title and title[-1] in "。；，、.;,：:":
            yield "ATTACH-NOTE-PUNCT", paragraph, title[-20:]
    for paragraph in document.paragraphs:
        if CHINESE_ATTACH.search(paragraph.text.replace(" ", "")):
            yield "ATTACH-NUMERAL", paragraph, CHINESE_ATTACH.search(paragraph.text.replace(" ", "")).group(0)
    labels = []
    main = document.running_text()
    for label in roles.attachment_labels:
        match = ATTACH_LABEL.match(label.text.replace(" ", ""))
        position = index_of(main, label)
        lines = [p.text.replace("\n", "") for p in main[position + 1:position + 5] if p.text][:3]
        labels.append(((match.group(1) or match.group(2)), lines, label))
    if not items or not labels:
        return
    noted = {n: t for n, t, _ in items}
    for numeral, lines, label in labels:
        key = numeral if numeral.isdigit() else None
        # a long title may run over two or three centred lines
        titles = {_squash("".join(lines[:k])) for k in range(1, len(lines) + 1)}
        if key is None or key not in noted or _squash(noted[key]) not in titles:
            yield "ATTACH-NOTE-MATCH", label, f"附件{numeral}: {(lines or [''])[0][:30]}"
    if len(labels) > len(items):   # fewer may be attached: the rest can travel as separate files
        yield "ATTACH-NOTE-MATCH", items[0][2], _("{listed} listed, {attached} attached").format(
            listed=len(items), attached=len(labels))


def _squash(text: str) -> str:
    return re.sub(r"[\s\u3000]", "", text).rstrip("。；，、.;,：:")


_BRACKETS = re.compile("[“”《》（）〔〕]")


def _unpaired(text: str) -> Optional[str]:
    if not _BRACKETS.search(text):
        return None
    text = re.sub(r"^[0-9a-zA-Z]{1,2}[）)]", "", text)     # 1） numbering has no opening bracket
    return next((left + right for left, right in PAIRS if text.count(left) != text.count(right)), None)


def punctuation(document: Document, roles: Roles) -> Iterator[Hit]:
    title = "".join(p.text for p in roles.title)
    if roles.title and _unpaired(title):
        yield "PUNCT-UNPAIRED", roles.title[0], _("{marks} in “{text}”").format(
            marks=_unpaired(title), text=title[:24])
    cells: dict = {}
    for paragraph in document.paragraphs:
        if paragraph.in_table:   # a cell is checked as a whole: its lines may split a pair
            cells.setdefault(paragraph.location, []).append(paragraph)
    for paragraph in document.paragraphs:
        text = paragraph.text
        match = HALF_WIDTH.search(text)
        if match:
            yield "PUNCT-HALFWIDTH", paragraph, text[max(0, match.start() - 8):match.end() + 8]
        if paragraph.in_table:
            cell = cells[paragraph.location]
            pair = _unpaired("".join(p.text for p in cell)) if paragraph is cell[-1] else None
        else:
            pair = _unpaired(text) if not any(paragraph is p for p in roles.title) else None
        if pair:
            yield "PUNCT-UNPAIRED", paragraph, _("{marks} in “{text}”").format(
                marks=pair, text=text[:24])
        if "、等" in text:
            yield "PUNCT-DENG", paragraph, text[max(0, text.index("、等") - 8):text.index("、等") + 4]
        if FULL_DIGITS.search(text):
            yield "DIGITS-FULLWIDTH", paragraph, text[:30]


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
            yield "RUBRIC-SUM", None, _(
                "表{table}: 合计 states {declared}, the scores add up to {total:g}").format(
                    table=table.index, declared=total_declared, total=total)
        for key, scores in groups.items():
            if key in declared and abs(sum(scores) - declared[key]) > 1e-9:
                level, text = key
                name = re.sub(_SCORE, "", text).strip()
                yield "RUBRIC-SUM", None, _(
                    "表{table}: {name} states {declared:g}分, its scores add up to {total:g}").format(
                        table=table.index, name=name, declared=declared[key], total=sum(scores))
