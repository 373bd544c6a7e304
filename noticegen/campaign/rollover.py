"""Move a campaign file on to another year, keeping its comments, key order and layout."""
from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass
from pathlib import Path

from ruamel.yaml import YAML

from ..errors import DataError, OutputError, located
from ..output import refuse_input, write_file
from .load import campaign_from_tree, load_campaign, read_roundtrip
from .validate import validate
from .workdays import day_off, describe
from ..i18n import _

FREE_TEXT = [("notice", "title"), ("notice", "issued_document"), ("notice", "letter_title"),
             ("campaign", "name"), ("leadership", "title")]


@dataclass(frozen=True)
class Review:
    """Something a person should look at in the new file."""

    where: str
    what: str

    def __str__(self) -> str:
        return located(self.where, self.what)


def move_date(date: dt.date, years: int, policy: str = "weekday") -> dt.date:
    """``date`` moved by ``years``: on the same weekday nearest the anniversary (``weekday``),
    or on the anniversary, pushed to Monday when it falls on a weekend (``workday``)."""
    try:
        anniversary = date.replace(year=date.year + years)
    except ValueError:  # 29 February
        anniversary = date.replace(year=date.year + years, day=28)
    if policy == "workday":
        weekday = anniversary.weekday()
        return anniversary + dt.timedelta(days=7 - weekday if weekday >= 5 else 0)
    shift = (date.weekday() - anniversary.weekday() + 3) % 7 - 3
    return anniversary + dt.timedelta(days=shift)


def _shift_years(text: str, old: int, new: int) -> str:
    """Years in free text moved by the same step (2006 → 2007, and the 2005 before it → 2006)."""
    step = new - old
    return re.sub(r"(?<!\d)(\d{4})(?=年|\D|$)",
                  lambda m: str(int(m[1]) + step) if old - 5 <= int(m[1]) <= old + 1 else m[1], text)


MIN_YEAR, MAX_YEAR = 1900, 9998   # dates move by whole years; the year after must exist too


def rollover(source: Path, target: Path, year: int, *, serial: int | None = None,
             policy: str = "weekday", force: bool = False) -> list[Review]:
    """Write ``target``: ``source`` moved to ``year``; return what a person must review."""
    source, target = Path(source), Path(target)
    data, source_text = read_roundtrip(source)
    campaign = campaign_from_tree(data, source)
    if target.resolve() == source.resolve():
        raise OutputError(_("rollover never overwrites its input"), path=target,
                          hint=_("name a new file with -o"))
    refuse_input(target, (source,))
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise DataError(_("--year {year} is not a year a notice can carry").format(year=year),
                        path=source, hint=_("give a year from {first} to {last}, such as "
                                            "{next}").format(
                            first=MIN_YEAR, last=MAX_YEAR, next=campaign.year + 1))
    if year == campaign.year:
        raise DataError(_("the campaign is already for {year}").format(year=year), path=source,
                        hint=_("give another --year"))
    reviews: list[Review] = []
    years = year - campaign.year
    data["campaign"]["year"] = year
    number = data["notice"]["number"]
    number["year"] = year
    if serial is not None:
        number["serial"] = serial
        reviews.append(Review("notice.number", _("文号 set to serial {serial}").format(
            serial=serial)))
    else:
        reviews.append(Review("notice.number", _(
            "文号 year is {year} but the serial is still {serial}: set the new serial (or use "
            "--serial)").format(year=year, serial=number['serial'])))
    moved: dict[dt.date, dt.date] = {}
    for section, key in (("notice", "date"), ("notice", "printed_date"), ("summaries", "deadline")):
        if key in data[section]:
            old = _as_date(data[section][key])
            new = move_date(old, years, policy)
            data[section][key] = new
            moved[old] = new
            what = _("moved {old} → {new} ({weekday})").format(old=old, new=new,
                                                              weekday=describe(new))
            hint = _day_off_hint(old, new, years, policy)
            if hint:
                what = _("{message} (hint: {hint})").format(message=what, hint=hint)
            reviews.append(Review(f"{section}.{key}", what))
    for section, key in FREE_TEXT:
        if key in data.get(section, {}) and isinstance(data[section][key], str):
            old_text = data[section][key]
            new_text = _shift_years(old_text, campaign.year, year)
            if new_text != old_text:
                data[section][key] = new_text
                reviews.append(Review(f"{section}.{key}", _("years moved on: “{text}”").format(
                    text=new_text[:40])))
    reviews += _move_body(data["notice"].get("body", []), campaign.year, year, moved)
    reviews += _people(campaign)
    buffer = io.StringIO()
    writer = YAML(typ="rt")
    writer.width = 4096
    writer.preserve_quotes = True
    indent, block_seq_indent = _guess_indent(source_text)
    indent, offset = indent or 2, block_seq_indent or 0
    writer.indent(mapping=indent - offset if offset < indent else indent, sequence=indent,
                  offset=offset)
    writer.dump(data, buffer)
    text, notes = _comments(buffer.getvalue(), campaign, data["notice"]["number"], moved)
    reviews += notes
    write_file(target, text.encode("utf-8"), force, sources=(source,))
    problems = validate(load_campaign(target))
    reviews += [Review("validate", str(p)) for p in problems]
    return reviews


def _day_off_hint(old: dt.date, new: dt.date, years: int, policy: str) -> str:
    """What to do when ``new`` is no working day: the ``--dates workday`` policy when it gives
    a working day, else moving the date by hand; empty when ``new`` is a working day."""
    if day_off(new) is None:
        return ""
    other = move_date(old, years, "workday")
    if policy != "workday" and other != new and day_off(other) is None:
        return _("run rollover again with --dates workday, which keeps month and day and moves "
                 "a weekend date to the Monday: {date} ({weekday})").format(
                     date=other, weekday=describe(other))
    return _("set a working day by hand in the new file")


def _move_body(body, old_year: int, year: int, moved: dict[dt.date, dt.date]) -> list[Review]:
    """Move the years and the dates written in the body's paragraphs; list each paragraph
    changed, and each date the text gives that is not one of the moved dates."""
    reviews = []
    for index, paragraph in enumerate(body):
        key = None if isinstance(paragraph, str) else "heading"
        text = paragraph if key is None else paragraph.get(key, "")
        if not isinstance(text, str):
            continue
        new_text, unknown = move_written_dates(text, old_year, moved)
        with_years = _shift_years(new_text, old_year, year)
        where = f"notice.body[{index + 1}]"
        if with_years != text:
            if key is None:
                body[index] = with_years
            else:
                paragraph[key] = with_years
        if with_years != new_text:
            reviews.append(Review(where, _("mentions years; moved on: “{text}”").format(
                text=_around_year(with_years, year))))
        for old, new in dates_moved_in(text, new_text):
            reviews.append(Review(where, _("date in the text moved {old} → {new}: check it").format(
                old=old, new=new)))
        for written in unknown:
            reviews.append(Review(where, _("the text gives the date “{date}”, which is none of the "
                                           "campaign's dates and was not moved: check it").format(
                                               date=written)))
    return reviews


_WRITTEN_DATE = re.compile(r"(?:(?<!\d)(\d{4})年)?(?<!\d)(\d{1,2})月(\d{1,2})日")


def move_written_dates(text: str, year: int, moved: dict[dt.date, dt.date]) -> tuple[str, list[str]]:
    """``text`` with each date written as 11月18日 or 2006年11月18日 that is one of ``moved``
    replaced by its new date in the same form; and the dates written that are not."""
    unknown: list[str] = []

    def replace(match: re.Match) -> str:
        try:
            date = dt.date(int(match[1] or year), int(match[2]), int(match[3]))
        except ValueError:
            unknown.append(match[0])
            return match[0]
        if date not in moved:
            unknown.append(match[0])
            return match[0]
        new = moved[date]
        day = f"{new.month}月{new.day}日"
        return f"{new.year}年{day}" if match[1] else day

    return _WRITTEN_DATE.sub(replace, text), unknown


def dates_moved_in(old: str, new: str) -> list[tuple[str, str]]:
    """Pairs of written dates that differ between ``old`` and ``new`` (same positions)."""
    before = [m[0] for m in _WRITTEN_DATE.finditer(old)]
    after = [m[0] for m in _WRITTEN_DATE.finditer(new)]
    return [(a, b) for a, b in zip(before, after) if a != b]


_CHINESE_DIGITS = ("[〇○零O0０]", "一", "二", "三", "四", "五", "六", "七", "八", "九")
_CHINESE_NUMBERS = "〇○零一二三四五六七八九十"


def _chinese_year(year: int) -> str:
    """A pattern for ``year`` written in Chinese numerals (二○○六, 二〇〇六, 二零零六)."""
    return "".join(_CHINESE_DIGITS[int(digit)] for digit in str(year))


def _chinese_number(number: int) -> str:
    """1 to 31 in Chinese numerals: 一, 十, 十四, 二十, 三十一."""
    tens, ones = divmod(number, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else "一二三四五六七八九"[tens - 1] + "十")
    return head + ("" if ones == 0 else "一二三四五六七八九"[ones - 1])


def _old_dates(year: int, moved: dict[dt.date, dt.date]) -> re.Pattern:
    """The old year (in digits or Chinese numerals) and the moved dates written as 11月14日
    or 十一月十四日, as one pattern over a comment."""
    parts = [rf"(?<!\d){year}(?!\d)", _chinese_year(year)]
    for date in moved:
        parts.append(rf"(?<!\d){date.month}\s*月\s*{date.day}\s*日")
        parts.append(rf"(?<![{_CHINESE_NUMBERS}]){_chinese_number(date.month)}月"
                     rf"{_chinese_number(date.day)}日")
    return re.compile("|".join(parts))


def _comments(text: str, campaign, number,
              moved: dict[dt.date, dt.date] | None = None) -> tuple[str, list[Review]]:
    """Update the 文号 written in comments (×电党宣〔2006〕12号 → 〔2007〕…); list each comment
    line that still names the old year (二○○六 too) or one of the moved dates."""
    old = campaign.number
    pattern = re.compile(rf"(〔|\[|（){old.year}(〕|\]|）)\s*{old.serial}\s*号")
    stale = _old_dates(campaign.year, {d: n for d, n in (moved or {}).items() if d.year == campaign.year})
    lines, reviews = text.split("\n"), []
    for index, line in enumerate(lines):
        start = _comment_start(line)
        if start is None:
            continue
        comment = pattern.sub(lambda m: f"{m[1]}{number['year']}{m[2]}{number['serial']}号",
                              line[start:])
        lines[index] = line[:start] + comment
        found = stale.search(comment)
        if found:
            reviews.append(Review(_("line {number}").format(number=index + 1),
                                  _("a comment still names {year}: “{comment}”").format(
                                      year=found[0], comment=_excerpt(comment.lstrip("# "),
                                                                      found[0]))))
    return "\n".join(lines), reviews


def _excerpt(text: str, part: str, size: int = 50) -> str:
    """At most ``size`` characters of ``text``, around ``part`` when it lies further on."""
    at = text.find(part)
    start = 0 if at + len(part) <= size else max(0, min(at - 10, len(text) - size))
    return ("…" if start else "") + text[start:start + size]


def _comment_start(line: str) -> int | None:
    """Where the comment of a YAML line starts (a # at the start or after a space, outside
    quotes), or None."""
    quote = None
    for index, char in enumerate(line):
        if quote:
            if char == quote:
                quote = None
        elif char in "'\"" and (index == 0 or line[index - 1] in " :[{,-"):
            quote = char
        elif char == "#" and (index == 0 or line[index - 1] in " \t"):
            return index
    return None


def _guess_indent(text: str) -> tuple[int | None, int | None]:
    """The mapping indent and block-sequence indent of a YAML text, guessed as
    ``ruamel.yaml.util.load_yaml_guess_indent`` does, without parsing it again."""
    map_indent = indent = block_seq_indent = prev_line_key_only = None
    key_indent = 0
    for line in text.splitlines():
        rline = line.rstrip()
        if rline.lstrip().startswith("- "):
            spaces = len(line) - len(line.lstrip(" "))
            block_seq_indent = spaces - key_indent
            idx = spaces + 1
            while line[idx] == " ":
                idx += 1
            if line[idx] == "#":
                continue
            indent = idx - key_indent
            break
        if map_indent is None and prev_line_key_only is not None and rline:
            idx = 0
            while line[idx] in " -":
                idx += 1
            if idx > prev_line_key_only:
                map_indent = idx - prev_line_key_only
        if rline.endswith(":"):
            key_indent = prev_line_key_only = len(line) - len(line.lstrip(" "))
            continue
        prev_line_key_only = None
    return (map_indent if indent is None else indent), block_seq_indent


def _as_date(value) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def _around_year(text: str, year: int) -> str:
    index = max(text.find(str(year)), text.find(str(year - 1)), 0)
    return text[max(0, index - 6):index + 24]


def _people(campaign) -> list[Review]:
    roster = campaign.roster
    names = [p.name for group in (roster.leaders, roster.deputies, roster.members) for p in group]
    if roster.office:
        office = roster.office
        names += [p.name for group in (office.directors, office.deputy_directors, office.members)
                  for p in group]
    people = list(dict.fromkeys(names))
    several = [n for n in people if names.count(n) > 1]
    if several:
        check = _("check the {count} people of the leadership group and office are still in post "
                  "({several} in two posts or more): {people}")
    else:
        check = _("check the {count} people of the leadership group and office are still in "
                  "post: {people}")
    return [Review("leadership", check.format(count=len(people), several="、".join(several),
                                              people="、".join(people))),
            Review("contact", _("check the contact person: {name}, {phone}").format(
                name=campaign.contact_name, phone=campaign.contact_phone))]
