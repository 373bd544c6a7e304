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
from ..i18n import N_, _


CAMPAIGN_FILE = "campaign.yaml"


def campaign_file(path: str | Path) -> Path:
    """``path`` itself, or the campaign.yaml inside it when it is a folder."""
    path = Path(path)
    if path.is_dir():
        if not (path / CAMPAIGN_FILE).is_file():
            raise DataError(_("no {file} in this folder").format(file=CAMPAIGN_FILE), path=path,
                            hint=_("name the campaign file itself"))
        return path / CAMPAIGN_FILE
    return path


def load_valid_campaign(path: str | Path) -> Campaign:
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
                           _("category {number} {title} declares {score} points but its items add "
                             "up to {total}").format(
                               number=cat.number, title=cat.title, score=_fmt(cat.score),
                               total=_fmt(items_sum)),
                           _("correct the category's score or its items' scores"))
    total = sum(c.score for c in rubric.categories)
    if abs(total - rubric.total) > 1e-9:
        yield _problem(campaign, rubric.line,
                       _("the rubric's categories add up to {total} points, not the campaign total "
                         "{declared}").format(
                           total=_fmt(total), declared=_fmt(rubric.total)),
                       _("correct the categories' scores or “rubric.total”"))


def _item_scores(campaign: Campaign, cat: int, item: Item) -> Iterable[Problem]:
    for clause in item.clauses:
        if clause.score <= 0:
            yield _problem(campaign, clause.line,
                           _("clause {id} has no positive score").format(id=clause.id),
                           _("give every clause a standard score above 0"))
    clause_sum = sum(c.score for c in item.clauses)
    if item.clauses and abs(clause_sum - item.score) > 1e-9:
        yield _problem(campaign, item.line,
                       _("item {category}.{number} {title} declares {score} points but its clauses "
                         "add up to {total}").format(
                           category=cat, number=item.number, title=item.title,
                           score=_fmt(item.score), total=_fmt(clause_sum)),
                       _("correct the item's score or its clauses' scores so they agree"))


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
            yield _problem(campaign, clause.line,
                           _("clause {id} names no executing unit").format(id=clause.id),
                           _("add “executors:” to the clause, its item or its category"))
        for name in clause.executors:
            if name not in unit_names and name not in group_names:
                unknown.setdefault((clause.executors_line or clause.line, "unit or group", name),
                                   []).append(clause.id)
    for (line, kind, name), ids in unknown.items():
        choices = dept_names if kind == "department" else unit_names + group_names
        message = (_("{clauses}: unknown department “{name}”") if kind == "department" else
                   _("{clauses}: unknown unit or group “{name}”"))
        where = (_("clause {id}").format(id=ids[0]) if len(ids) == 1 else
                 _("clauses {ids}").format(ids=", ".join(ids)))
        yield _problem(campaign, line, message.format(clauses=where, name=name),
                       suggest(name, choices)
                       or (_("add it under “departments:”") if kind == "department" else
                           _("add it under “units:”")))
    for group in campaign.groups:
        for name in group.units:
            if name not in unit_names:
                yield _problem(campaign, group.line,
                               _("group “{group}”: unknown unit “{name}”").format(
                                   group=group.name, name=name),
                               suggest(name, unit_names) or _("add it under “units:”"))


def _duplicates(campaign: Campaign) -> Iterable[Problem]:
    clauses = campaign.rubric.clauses()
    ids = Counter(c.id for c in clauses)
    seen: set[str] = set()
    for clause in clauses:
        if ids[clause.id] > 1 and clause.id in seen:
            yield _problem(campaign, clause.line,
                           _("duplicate clause id “{id}”").format(id=clause.id),
                           _("every clause needs its own id; remove or change the explicit “id:”"))
        seen.add(clause.id)
    for message, orgs in ((N_("unit name “{name}” is used by both “{first}” and “{second}”"),
                           campaign.units),
                          (N_("department name “{name}” is used by both “{first}” and “{second}”"),
                           campaign.departments)):
        owner: dict[str, str] = {}
        for org in orgs:
            for name in org.names:
                if name in owner and owner[name] != org.name:
                    yield _problem(campaign, org.line,
                                   _(message).format(name=name, first=owner[name], second=org.name),
                                   _("give each one its own short name and aliases"))
                owner.setdefault(name, org.name)
    numbers = Counter(c.no for c in campaign.commitments)
    for row in campaign.commitments:
        if numbers[row.no] > 1:
            yield _problem(campaign, row.line,
                           _("commitment row number {no} is used twice").format(no=row.no),
                           _("number the rows 1, 2, 3 … once each"))
            numbers[row.no] = 0


def _dates(campaign: Campaign) -> Iterable[Problem]:
    line = campaign.lines.get("summaries.deadline")
    if campaign.deadline < campaign.date:
        yield _problem(campaign, line,
                       _("the summaries' deadline {deadline} is before the notice date "
                         "{date}").format(
                           deadline=campaign.deadline, date=campaign.date),
                       _("move “summaries.deadline” after “notice.date”"))
    if campaign.number.year != campaign.date.year:
        yield _problem(campaign, campaign.number.line,
                       _("文号 year {year} differs from the notice date's year {date_year}").format(
                           year=campaign.number.year, date_year=campaign.date.year),
                       _("use the year the notice is issued in"))
    if campaign.number.serial <= 0:
        yield _problem(campaign, campaign.number.line, _("文号 serial must be 1 or more"),
                       _("write the serial without leading zeros, e.g. 12"))


def _placeholders(campaign: Campaign) -> Iterable[Problem]:
    for paragraph in campaign.body:
        for name in unknown_placeholders(paragraph.text):
            yield _problem(campaign, paragraph.line,
                           _("unknown field “{{{name}}}” in the body").format(name=name),
                           suggest(name, FIELD_NAMES)
                           or _("fields: {names}").format(names=", ".join(FIELD_NAMES)))


def _roster(campaign: Campaign) -> Iterable[Problem]:
    office = campaign.roster.office
    if office and not campaign.department_by_name(office.host):
        dept_names = [n for d in campaign.departments for n in d.names]
        yield _problem(campaign, office.line,
                       _("office host “{host}” is not a department").format(host=office.host),
                       suggest(office.host, dept_names) or _("add it under “departments:”"))
    if not campaign.roster.leaders:
        yield _problem(campaign, campaign.roster.line, _("the leadership group has no leader (组长)"),
                       _("add at least one entry under “leadership.leaders”"))


def _finite_numbers(campaign: Campaign) -> Iterable[Problem]:
    """Scores written as .nan or .inf pass every comparison; say so instead."""
    rubric = campaign.rubric
    numbered = [(_("the rubric total"), rubric.total, rubric.line)]
    for cat in rubric.categories:
        numbered.append((_("category {number} {title}").format(
            number=cat.number, title=cat.title), cat.score, cat.line))
        for item in cat.items:
            numbered.append((_("item {category}.{number} {title}").format(
                category=cat.number, number=item.number, title=item.title), item.score, item.line))
            numbered += [(_("clause {id}").format(id=c.id), c.score, c.line) for c in item.clauses]
    for row in campaign.commitments:
        numbered += [(_("commitment row {no}").format(no=row.no), row.score, row.line),
                     (_("commitment row {no}'s standard").format(
                         no=row.no), row.standard.target, row.line)]
    for what, value, line in numbered:
        if isinstance(value, float) and not math.isfinite(value):
            yield _problem(campaign, line, _("{what} has the score {value}, not a number of "
                                             "points").format(
                what=what, value=value),
                           _("write the score as a number such as 5 or 2.5"))


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_KINDS = {"units": N_("unit"), "departments": N_("department"), "groups": N_("group"),
          "roster": N_("leadership"), "rubric": N_("rubric"), "commitments": N_("commitment row"),
          "body": N_("body paragraph"), "number": "文号"}


def _control_characters(campaign: Campaign) -> Iterable[Problem]:
    """Text with control characters (invisible, and not allowed in a Word file)."""
    for field in dataclasses.fields(campaign):
        if field.name == "source":
            continue
        kind = _(_KINDS[field.name]) if field.name in _KINDS else field.name.replace("_", " ")
        line = campaign.lines.get(field.name) if isinstance(campaign.lines, dict) else None
        for where, text, at in _strings(getattr(campaign, field.name), kind, line):
            match = _CONTROL.search(text)
            if match:
                yield _problem(campaign, at,
                               _("{where} “{text}” contains the control character U+{code:04X}, "
                                 "which a Word file cannot hold").format(
                                     where=where, text=printable(text)[:60],
                                     code=ord(match.group())),
                               _("delete it: retype the text (the character is invisible in most "
                                 "editors)"))


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
