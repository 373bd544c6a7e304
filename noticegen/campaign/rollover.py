"""Move a campaign file on to another year, keeping its comments, key order and layout."""
from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass
from pathlib import Path

from ruamel.yaml import YAML

from ..errors import DataError, OutputError
from ..output import atomic_write, refuse_overwrite
from .load import campaign_from_tree, load_campaign, read_roundtrip
from .validate import validate

FREE_TEXT = [("notice", "title"), ("notice", "issued_document"), ("notice", "letter_title"),
             ("campaign", "name"), ("leadership", "title")]


@dataclass(frozen=True)
class Review:
    """Something a person should look at in the new file."""

    where: str
    what: str

    def __str__(self) -> str:
        return f"{self.where}: {self.what}"


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
        raise OutputError("rollover never overwrites its input", path=target,
                          hint="name a new file with -o")
    refuse_overwrite(target, force)
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise DataError(f"--year {year} is not a year a notice can carry", path=source,
                        hint=f"give a year from {MIN_YEAR} to {MAX_YEAR}, such as {campaign.year + 1}")
    if year == campaign.year:
        raise DataError(f"the campaign is already for {year}", path=source, hint="give another --year")
    reviews: list[Review] = []
    years = year - campaign.year
    data["campaign"]["year"] = year
    number = data["notice"]["number"]
    number["year"] = year
    if serial is not None:
        number["serial"] = serial
        reviews.append(Review("notice.number", f"文号 set to serial {serial}"))
    else:
        reviews.append(Review("notice.number", f"文号 year is {year} but the serial is still "
                                                f"{number['serial']}: set the new serial (or use --serial)"))
    for section, key in (("notice", "date"), ("notice", "printed_date"), ("summaries", "deadline")):
        if key in data[section]:
            old = _as_date(data[section][key])
            new = move_date(old, years, policy)
            data[section][key] = new
            reviews.append(Review(f"{section}.{key}", f"moved {old} → {new} ({new:%A})"))
    for section, key in FREE_TEXT:
        if key in data.get(section, {}) and isinstance(data[section][key], str):
            old_text = data[section][key]
            new_text = _shift_years(old_text, campaign.year, year)
            if new_text != old_text:
                data[section][key] = new_text
                reviews.append(Review(f"{section}.{key}", f"years moved on: “{new_text[:40]}”"))
    body = data["notice"].get("body", [])
    for index, paragraph in enumerate(body):
        text = paragraph if isinstance(paragraph, str) else paragraph.get("heading", "")
        moved = _shift_years(text, campaign.year, year)
        if moved != text:
            if isinstance(paragraph, str):
                body[index] = moved
            else:
                paragraph["heading"] = moved
            reviews.append(Review(f"notice.body[{index + 1}]", f"mentions years; moved on: "
                                                                f"“{_around_year(moved, year)}”"))
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
    text = buffer.getvalue()
    atomic_write(target, text.encode("utf-8"))
    problems = validate(load_campaign(target))
    reviews += [Review("validate", str(p)) for p in problems]
    return reviews


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
    return [Review("leadership", f"check the {len(names)} people of the leadership group and "
                                 f"office are still in post: {'、'.join(dict.fromkeys(names))}"),
            Review("contact", f"check the contact person: {campaign.contact_name}, "
                              f"{campaign.contact_phone}")]
