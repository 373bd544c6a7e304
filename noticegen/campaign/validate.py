"""Check a loaded campaign for consistency; collect every problem at once."""
from __future__ import annotations

import dataclasses
import math
import re
from collections import Counter
from pathlib import Path
from typing import Any, Iterable, Optional

from ..errors import DataError, Problem, ValidationError, printable
from ..model import Campaign, Item
from .load import load_campaign, load_partial
from .placeholders import FIELD_NAMES, unknown_placeholders
from .yamlnode import suggest


CAMPAIGN_FILE = "campaign.yaml"


def campaign_file(path: str | Path) -> Path:
    """``path`` itself, or the campaign.yaml inside it when it is a folder."""
    path = Path(path)
    if path.is_dir():
        if not (path / CAMPAIGN_FILE).is_file():
            raise DataError(f"no {CAMPAIGN_FILE} in this folder", path=path,
                            hint="name the campaign file itself")
        return path / CAMPAIGN_FILE
    return path


def check_campaign(path: str | Path) -> Campaign:
    """Load and validate; raise :class:`ValidationError` listing every problem, those of
    structure (missing fields, wrong types) and of consistency together."""
    path = campaign_file(path)
    try:
        campaign = load_campaign(path)
    except ValidationError as exc:
        structural = exc.problems
        partial, _ = load_partial(path)
        problems = list(structural) + validate(partial, incomplete=structural)
        raise ValidationError(sorted(problems, key=lambda p: p.line or 0)) from None
    problems = validate(campaign)
    if problems:
        raise ValidationError(problems)
    return campaign


def validate(campaign: Campaign, incomplete: Iterable[Problem] = ()) -> list[Problem]:
    """Every consistency problem of ``campaign``, in file order.

    ``incomplete`` lists the structural problems found while loading: the values they name
    are missing, so a check that needs one is skipped rather than reporting its consequences
    (a score that could not be read would make every sum in the rubric wrong).
    """
    incomplete = list(incomplete)
    rubric_broken = any("rubric" in p.message or "score" in p.message for p in incomplete)
    problems: list[Problem] = []
    for check in (_scores, _references, _duplicates, _dates, _placeholders, _roster,
                  _finite_numbers, _control_characters):
        if incomplete and check is _scores and rubric_broken:
            continue
        try:
            problems.extend(check(campaign))
        except (TypeError, AttributeError, ValueError):
            if not incomplete:
                raise
    return sorted(problems, key=lambda p: (p.line or 0))


def _problem(campaign: Campaign, line: Optional[int], message: str, hint: str = "") -> Problem:
    return Problem(campaign.source, line, message, hint)


def _fmt(score: float) -> str:
    return f"{score:g}"


def _scores(campaign: Campaign) -> Iterable[Problem]:
    rubric = campaign.rubric
    for cat in rubric.categories:
        for item in cat.items:
            yield from _item_scores(campaign, cat.number, item)
        items_sum = sum(i.score for i in cat.items)
        if abs(items_sum - cat.score) > 1e-9:
            yield _problem(campaign, cat.line,
                           f"category {cat.number} {cat.title} declares {_fmt(cat.score)} points "
                           f"but its items add up to {_fmt(items_sum)}",
                           "correct the category's score or its items' scores")
    total = sum(c.score for c in rubric.categories)
    if abs(total - rubric.total) > 1e-9:
        yield _problem(campaign, rubric.line,
                       f"the rubric's categories add up to {_fmt(total)} points, not the campaign "
                       f"total {_fmt(rubric.total)}",
                       "correct the categories' scores or “rubric.total”")


def _item_scores(campaign: Campaign, cat: int, item: Item) -> Iterable[Problem]:
    for clause in item.clauses:
        if clause.score <= 0:
            yield _problem(campaign, clause.line, f"clause {clause.id} has no positive score",
                           "give every clause a standard score above 0")
    clause_sum = sum(c.score for c in item.clauses)
    if item.clauses and abs(clause_sum - item.score) > 1e-9:
        yield _problem(campaign, item.line,
                       f"item {cat}.{item.number} {item.title} declares {_fmt(item.score)} points "
                       f"but its clauses add up to {_fmt(clause_sum)}",
                       "correct the item's score or its clauses' scores so they agree")


def _references(campaign: Campaign) -> Iterable[Problem]:
    dept_names = [n for d in campaign.departments for n in d.names]
    unit_names = [n for u in campaign.units for n in u.names]
    group_names = [g.name for g in campaign.groups]
    unknown: dict[tuple, list[str]] = {}  # (line, kind, name) -> clause ids using it
    for clause in campaign.rubric.clauses():
        for name in clause.departments:
            if name not in dept_names:
                unknown.setdefault((clause.departments_line or clause.line, "department", name),
                                   []).append(clause.id)
        if not clause.executors:
            yield _problem(campaign, clause.line, f"clause {clause.id} names no executing unit",
                           "add “executors:” to the clause, its item or its category")
        for name in clause.executors:
            if name not in unit_names and name not in group_names:
                unknown.setdefault((clause.executors_line or clause.line, "unit or group", name),
                                   []).append(clause.id)
    for (line, kind, name), ids in unknown.items():
        choices = dept_names if kind == "department" else unit_names + group_names
        where = f"clause {ids[0]}" if len(ids) == 1 else f"clauses {', '.join(ids)}"
        yield _problem(campaign, line, f"{where}: unknown {kind} “{name}”",
                       suggest(name, choices)
                       or f"add it under “{'departments' if kind == 'department' else 'units'}:”")
    for group in campaign.groups:
        for name in group.units:
            if name not in unit_names:
                yield _problem(campaign, group.line,
                               f"group “{group.name}”: unknown unit “{name}”",
                               suggest(name, unit_names) or "add it under “units:”")


def _duplicates(campaign: Campaign) -> Iterable[Problem]:
    clauses = campaign.rubric.clauses()
    ids = Counter(c.id for c in clauses)
    seen: set[str] = set()
    for clause in clauses:
        if ids[clause.id] > 1 and clause.id in seen:
            yield _problem(campaign, clause.line, f"duplicate clause id “{clause.id}”",
                           "every clause needs its own id; remove or change the explicit “id:”")
        seen.add(clause.id)
    for kind, orgs in (("unit", campaign.units), ("department", campaign.departments)):
        owner: dict[str, str] = {}
        for org in orgs:
            for name in org.names:
                if name in owner and owner[name] != org.name:
                    yield _problem(campaign, org.line,
                                   f"{kind} name “{name}” is used by both “{owner[name]}” and “{org.name}”",
                                   "give each one its own short name and aliases")
                owner.setdefault(name, org.name)
    numbers = Counter(c.no for c in campaign.commitments)
    for row in campaign.commitments:
        if numbers[row.no] > 1:
            yield _problem(campaign, row.line, f"commitment row number {row.no} is used twice",
                           "number the rows 1, 2, 3 … once each")
            numbers[row.no] = 0


def _dates(campaign: Campaign) -> Iterable[Problem]:
    line = campaign.lines.get("summaries.deadline")
    if campaign.deadline < campaign.date:
        yield _problem(campaign, line,
                       f"the summaries' deadline {campaign.deadline} is before the notice date "
                       f"{campaign.date}", "move “summaries.deadline” after “notice.date”")
    if campaign.number.year != campaign.date.year:
        yield _problem(campaign, campaign.number.line,
                       f"文号 year {campaign.number.year} differs from the notice date's year "
                       f"{campaign.date.year}", "use the year the notice is issued in")
    if campaign.number.serial <= 0:
        yield _problem(campaign, campaign.number.line, "文号 serial must be 1 or more",
                       "write the serial without leading zeros, e.g. 12")


def _placeholders(campaign: Campaign) -> Iterable[Problem]:
    for paragraph in campaign.body:
        for name in unknown_placeholders(paragraph.text):
            yield _problem(campaign, paragraph.line, f"unknown field “{{{name}}}” in the body",
                           suggest(name, FIELD_NAMES) or "fields: " + ", ".join(FIELD_NAMES))


def _roster(campaign: Campaign) -> Iterable[Problem]:
    office = campaign.roster.office
    if office and not campaign.department_by_name(office.host):
        dept_names = [n for d in campaign.departments for n in d.names]
        yield _problem(campaign, office.line, f"office host “{office.host}” is not a department",
                       suggest(office.host, dept_names) or "add it under “departments:”")
    if not campaign.roster.leaders:
        yield _problem(campaign, campaign.roster.line, "the leadership group has no leader (组长)",
                       "add at least one entry under “leadership.leaders”")


def _finite_numbers(campaign: Campaign) -> Iterable[Problem]:
    """Scores written as .nan or .inf pass every comparison; say so instead."""
    rubric = campaign.rubric
    numbered = [("the rubric total", rubric.total, rubric.line)]
    for cat in rubric.categories:
        numbered.append((f"category {cat.number} {cat.title}", cat.score, cat.line))
        for item in cat.items:
            numbered.append((f"item {cat.number}.{item.number} {item.title}", item.score, item.line))
            numbered += [(f"clause {c.id}", c.score, c.line) for c in item.clauses]
    for row in campaign.commitments:
        numbered += [(f"commitment row {row.no}", row.score, row.line),
                     (f"commitment row {row.no}'s standard", row.standard.target, row.line)]
    for what, value, line in numbered:
        if isinstance(value, float) and not math.isfinite(value):
            yield _problem(campaign, line, f"{what} has the score {value}, not a number of points",
                           "write the score as a number such as 5 or 2.5")


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_KINDS = {"units": "unit", "departments": "department", "groups": "group", "roster": "leadership",
          "rubric": "rubric", "commitments": "commitment row", "body": "body paragraph",
          "number": "文号"}


def _control_characters(campaign: Campaign) -> Iterable[Problem]:
    """Text with control characters (invisible, and not allowed in a Word file)."""
    for field in dataclasses.fields(campaign):
        if field.name == "source":
            continue
        kind = _KINDS.get(field.name, field.name.replace("_", " "))
        line = campaign.lines.get(field.name) if isinstance(campaign.lines, dict) else None
        for where, text, at in _strings(getattr(campaign, field.name), kind, line):
            match = _CONTROL.search(text)
            if match:
                yield _problem(campaign, at,
                               f"{where} “{printable(text)[:60]}” contains the control character "
                               f"U+{ord(match.group()):04X}, which a Word file cannot hold",
                               "delete it: retype the text (the character is invisible in most "
                               "editors)")


def _strings(value: Any, where: str, line: Optional[int]) -> Iterable[tuple[str, str, Optional[int]]]:
    """(where, text, line) for every string inside ``value``, nearest line first."""
    if isinstance(value, str):
        yield where, value, line
    elif dataclasses.is_dataclass(value):
        line = getattr(value, "line", None) or line
        for field in dataclasses.fields(value):
            if not field.name.endswith("line"):
                label = where if field.name in ("name", "text") else f"{where} {field.name}"
                yield from _strings(getattr(value, field.name), label, line)
    elif isinstance(value, (tuple, list)):
        for item in value:
            yield from _strings(item, where, line)
