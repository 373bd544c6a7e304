"""Page checks: paper, margins, lines per page, page numbers. Each yields (rule, None, excerpt)."""
from __future__ import annotations

import math
import re
from collections import Counter
from typing import Iterator, Optional

from ..wordxml import gbt9704 as layout
from ..wordxml.docmodel import Document, Paragraph, Section
from ..wordxml.lengths import HalfPoints
from ..i18n import N_, _

Hit = tuple  # (rule id, None, excerpt[, "unsure"])
TOLERANCE = round(layout.MM)          # ±1 mm in twips
_PORTRAIT = dict(top=layout.MARGIN_TOP, bottom=layout.MARGIN_BOTTOM,
                 left=layout.MARGIN_LEFT, right=layout.MARGIN_RIGHT)
# a landscape table page: the portrait margins turned either way (表头 at the 订口 or the 切口)
_TURNED = [dict(top=layout.MARGIN_LEFT, bottom=layout.MARGIN_RIGHT, left=layout.MARGIN_TOP, right=layout.MARGIN_BOTTOM),
           dict(top=layout.MARGIN_RIGHT, bottom=layout.MARGIN_LEFT, left=layout.MARGIN_BOTTOM, right=layout.MARGIN_TOP)]
DASH = "—―─－一"
_NUMBER = re.compile(rf"^[{DASH}]\s*\d+\s*[{DASH}]$")
_HYPHENS = re.compile(r"^[-‐‑–~～]\s*\d+\s*[-‐‑–~～]$")
_SONG = re.compile(r"(?<![仿标])宋体|SimSun|(?<!Fang)Song", re.I)


def _a4(section: Section) -> bool:
    short, long_ = sorted((section.width, section.height))
    return abs(short - layout.PAGE_WIDTH) <= TOLERANCE and abs(long_ - layout.PAGE_HEIGHT) <= TOLERANCE


def _margins_ok(section: Section) -> bool:
    m = section.margins
    if not m:
        return False
    choices = _TURNED if section.landscape else [_PORTRAIT]
    return any(all(abs(m.get(k, 0) - expected[k]) <= TOLERANCE for k in expected) for expected in choices)


def _sections(numbers: list[int]) -> str:
    return ("section " if len(numbers) == 1 else "sections ") + ", ".join(map(str, numbers))


def page(document: Document, body: list[Paragraph]) -> Iterator[Hit]:
    """Paper size and margins, each reported once for the sections it concerns; then the grid."""
    sizes, margins = [], {}
    for number, section in enumerate(document.sections, start=1):
        if not _a4(section):
            sizes.append(number)
        elif not _margins_ok(section):
            m = section.margins
            text = ", ".join(f"{k} {m.get(k, 0) / layout.MM:.0f} mm" for k in ("top", "bottom", "left", "right"))
            margins.setdefault(text, []).append(number)
    if sizes:
        first = document.sections[sizes[0] - 1]
        yield "PAGE-SIZE", None, f"{_sections(sizes)}: {first.width}×{first.height} twips"
    for text, numbers in margins.items():
        yield "PAGE-MARGINS", None, f"{_sections(numbers)}: {text}"
    yield from grid(document, body)


def line_pitch(section: Section, paragraphs: list[Paragraph]) -> tuple[Optional[float], str]:
    """The height of one line of body text in twips, and how it is set."""
    lines = Counter(p.line for p in paragraphs if p.text) or Counter(p.line for p in paragraphs)
    rule, value = (lines.most_common(1)[0][0] if lines else None) or ("auto", 240)
    if rule in ("exact", "atLeast") and value >= 200:
        return value, f"{rule} {value / 20:g} pt"
    sizes = Counter(r.size for p in paragraphs for r in p.runs if r.text.strip())
    size = sizes.most_common(1)[0][0] if sizes else layout.SIZE_BODY
    natural = HalfPoints(size).em * 1.3 * (value / 240 if rule == "auto" and value > 0 else 1)
    if section.grid_type in ("lines", "linesAndChars") and section.line_pitch:
        return (math.ceil(natural / section.line_pitch - 0.05) * section.line_pitch,
                _("grid {pitch:g} pt").format(pitch=section.line_pitch / 20))
    return natural, _("no grid, no exact spacing")


def grid(document: Document, body: list[Paragraph]) -> Iterator[Hit]:
    """22 lines a page, from exact line spacing or the document grid; once per document."""
    paragraphs = body or [p for p in document.running_text() if p.text] or document.running_text()
    for number, section in enumerate(document.sections, start=1):
        if section.landscape or not _a4(section) or not section.margins:
            continue
        pitch, how = line_pitch(section, paragraphs)
        height = section.height - section.margins.get("top", 0) - section.margins.get("bottom", 0)
        lines = int(height // pitch) if pitch else 0
        if lines != layout.LINES_PER_PAGE:
            yield "PAGE-GRID", None, _("section {number}: {lines} lines ({how})").format(
                number=number, lines=lines, how=how)
        return


_SIDES = {"left": N_("left"), "right": N_("right"), "center": N_("center"),
          "outside": N_("outside"), "inside": N_("inside")}


def _side_word(side: str) -> str:
    return _(_SIDES[side]) if side in _SIDES else side


def _side(paragraph: Paragraph) -> str:
    if paragraph.frame_align:
        return {"start": "left", "end": "right"}.get(paragraph.frame_align, paragraph.frame_align)
    return {"right": "right", "end": "right", "center": "center"}.get(paragraph.align or "", "left")


def _number_paragraph(paragraphs: list[Paragraph]) -> Optional[Paragraph]:
    found = next((p for p in paragraphs if p.page_field), None)
    return found or next((p for p in paragraphs if p.in_textbox and re.search(r"\d", p.text)), None)


def page_numbers(document: Document, kind: Optional[str] = None) -> Iterator[Hit]:
    first = next((s for s in document.sections if s.footers.get("default") or s.footers.get("even")), None)
    odd = _number_paragraph(document.footers.get(first.footers.get("default"), [])) if first else None
    if odd is None:   # a 函 in the letter format shows no number on its first (perhaps only) page
        yield ("PAGE-NUMBER", None, _("no page number in the footer") if first else _("no footer"),
               *(("unsure",) if kind == "函" else ()))
        return
    even = _number_paragraph(document.footers.get(first.footers.get("even"), [])) \
        if document.even_and_odd else None
    if document.even_and_odd and even is None:   # sure only if the document runs to a second page
        yield "PAGE-NUMBER", None, _("no page number on even pages"), "unsure"
        return
    for paragraph in (odd, even):
        if paragraph is None:
            continue
        text = paragraph.text.replace("\u3000", " ")
        if _HYPHENS.match(text):
            yield "PAGE-NUMBER", None, _("footer: “{text}” (hyphens, not 一字线 —)").format(text=text)
            return
        if not _NUMBER.match(text):
            yield "PAGE-NUMBER", None, _("footer: “{text}”").format(text=text)
            return
    even_side = _side(even) if even is not None else _side(odd)
    if _side(odd) not in ("right", "outside") or even_side not in ("left", "outside"):
        yield "PAGE-NUMBER-SIDE", None, _("odd pages {odd}, even pages {even}").format(
            odd=_side_word(_side(odd)), even=_side_word(even_side))
    runs = [r for p in (odd, even) if p is not None for r in p.runs if r.text.strip()]
    names = [" ".join(filter(None, (r.east_asia, document.theme_font(r.theme), document.theme_font(r.ascii))))
             for r in runs]
    if any(r.size != layout.SIZE_PAGE_NUMBER for r in runs) or not all(_SONG.search(n) for n in names):
        fonts = sorted({f"{n or 'theme'} {r.size / 2:g} pt" for n, r in zip(names, runs)})
        yield "PAGE-NUMBER-FONT", None, ", ".join(fonts)
