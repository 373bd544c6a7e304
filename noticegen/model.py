"""The campaign model: plain immutable data, no I/O.

A :class:`Campaign` holds everything a notice package is made from. Objects that
come from a file keep the 1-based ``line`` they were read from so that later
stages can point the user at it; ``line`` never takes part in comparisons.
"""
from __future__ import annotations

import datetime as dt
import operator
from dataclasses import dataclass, field
from functools import cached_property
from typing import Optional

CATEGORY_MARKS = "㈠㈡㈢㈣㈤㈥㈦㈧㈨㈩"
CLAUSE_MARKS = "⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇"


def _line() -> Optional[int]:
    return field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class Person:
    """A member of the leadership group or its office."""

    name: str
    post: str = ""
    line: Optional[int] = _line()


@dataclass(frozen=True)
class Office:
    """The campaign office (办公室), seated in a host department."""

    name: str
    host: str
    directors: tuple[Person, ...] = ()
    deputy_directors: tuple[Person, ...] = ()
    members: tuple[Person, ...] = ()
    line: Optional[int] = _line()


@dataclass(frozen=True)
class Roster:
    """The leadership group (领导小组) and its office."""

    group_name: str
    title: str = ""
    leaders: tuple[Person, ...] = ()
    deputies: tuple[Person, ...] = ()
    members: tuple[Person, ...] = ()
    office: Optional[Office] = None
    line: Optional[int] = _line()


@dataclass(frozen=True)
class Organisation:
    """A department (组织实施及考核部门) or an executing unit (执行单位)."""

    name: str
    short: str = ""
    aliases: tuple[str, ...] = ()
    line: Optional[int] = _line()

    @property
    def names(self) -> tuple[str, ...]:
        """Every name this organisation may be referred to by."""
        return tuple(n for n in (self.name, self.short, *self.aliases) if n)

    @property
    def label(self) -> str:
        """The name shown in tables: the short name if there is one."""
        return self.short or self.name


@dataclass(frozen=True)
class UnitGroup:
    """A named set of units such as “各供电、农电及营销各单位”."""

    name: str
    units: tuple[str, ...]
    line: Optional[int] = _line()


@dataclass(frozen=True)
class Clause:
    """One scored requirement (a leaf of the rubric)."""

    id: str
    text: str
    score: float
    departments: tuple[str, ...]
    executors: tuple[str, ...]
    line: Optional[int] = _line()
    departments_line: Optional[int] = _line()
    executors_line: Optional[int] = _line()


@dataclass(frozen=True)
class Item:
    """A numbered item (1、2、) of a category, holding one or more clauses."""

    number: int
    title: str
    score: float
    clauses: tuple[Clause, ...]
    line: Optional[int] = _line()

    @property
    def id(self) -> str:
        return self.clauses[0].id.rsplit(".", 1)[0] if self.clauses else ""

    @property
    def has_subclauses(self) -> bool:
        """False when the item is itself the requirement (clause ``c.i.1`` only)."""
        return len(self.clauses) > 1


@dataclass(frozen=True)
class Category:
    """A category (㈠㈡㈢) of the rubric."""

    number: int
    title: str
    score: float
    items: tuple[Item, ...]
    line: Optional[int] = _line()

    @property
    def mark(self) -> str:
        return CATEGORY_MARKS[self.number - 1] if self.number <= len(CATEGORY_MARKS) else f"({self.number})"


@dataclass(frozen=True)
class Rubric:
    """The scoring rubric (考核内容、标准及任务目标分解)."""

    total: float
    categories: tuple[Category, ...]
    line: Optional[int] = _line()

    def clauses(self) -> list[Clause]:
        """Every clause, in document order."""
        return [c for cat in self.categories for item in cat.items for c in item.clauses]


_OPS = {">=": operator.ge, "<=": operator.le, ">": operator.gt, "<": operator.lt, "=": operator.eq}
_OP_WORDS = {">=": "不低于", "<=": "不高于", ">": "高于", "<": "低于", "=": "等于"}


@dataclass(frozen=True)
class Standard:
    """A comparable commitment standard: ``value`` ``op`` ``target`` with a unit."""

    op: str
    target: float
    unit: str = ""

    def meets(self, value: float) -> bool:
        return _OPS[self.op](value, self.target)

    @property
    def is_quantity(self) -> bool:
        """True for “at least so many” standards such as ``≥20`` (篇 of press, 期 of
        training): the figure is the number done, not the number of failures."""
        return self.unit != "%" and self.op in (">=", ">") and self.target > 0

    @property
    def is_count(self) -> bool:
        """True for “number of failures” standards such as ``= 0``."""
        return self.unit != "%" and not self.is_quantity

    def describe(self) -> str:
        """Chinese wording of the standard, e.g. ``不低于99.9%``."""
        number = f"{self.target:g}"
        return f"{_OP_WORDS[self.op]}{number}{self.unit}"


@dataclass(frozen=True)
class Commitment:
    """One row of the service-commitment table (服务承诺兑现情况表)."""

    no: int
    item: str
    standard: Standard
    standard_text: str
    total_label: str
    failure_label: str
    score: float
    line: Optional[int] = _line()


@dataclass(frozen=True)
class DocumentNumber:
    """The 发文字号: organ code, year and serial, shown as ``×电党宣〔2006〕12号``."""

    code: str
    year: int
    serial: int
    line: Optional[int] = _line()

    def __str__(self) -> str:
        return f"{self.code}〔{self.year}〕{self.serial}号"


@dataclass(frozen=True)
class BodyParagraph:
    """A paragraph of the notice body; ``level`` 1–4 marks a standalone heading."""

    text: str
    level: int = 0
    line: Optional[int] = _line()


@dataclass(frozen=True)
class Campaign:
    """Everything a notice package is generated from."""

    source: str
    name: str
    year: int
    organ: str
    banner: str
    signature: str
    number: DocumentNumber
    date: dt.date
    title: str
    issued_document: str
    recipients: str
    body: tuple[BodyParagraph, ...]
    contact_name: str
    contact_phone: str
    deadline: dt.date
    submit_to: str
    submit_via: str
    copy_to: tuple[str, ...]
    printed_by: str
    printed_date: dt.date
    roster: Roster
    departments: tuple[Organisation, ...]
    units: tuple[Organisation, ...]
    groups: tuple[UnitGroup, ...]
    rubric: Rubric
    commitments: tuple[Commitment, ...]
    commitment_title: str = "服务承诺兑现情况表"
    letter_title: str = "任务目标分解责任书"
    lines: dict = field(default_factory=dict, compare=False, repr=False)

    @cached_property
    def _unit_index(self) -> dict[str, Organisation]:
        index: dict[str, Organisation] = {}
        for unit in self.units:
            for name in unit.names:
                index.setdefault(name, unit)
        return index

    @cached_property
    def _executors(self) -> dict[str, frozenset[str]]:
        """Clause id → full names of the units it binds, groups expanded."""
        groups = {g.name: g.units for g in self.groups}
        result = {}
        for clause in self.rubric.clauses():
            names = set()
            for name in clause.executors:
                for member in groups.get(name, (name,)):
                    unit = self._unit_index.get(member)
                    if unit:
                        names.add(unit.name)
            result[clause.id] = frozenset(names)
        return result

    def unit_by_name(self, name: str) -> Optional[Organisation]:
        return self._unit_index.get(name)

    def department_by_name(self, name: str) -> Optional[Organisation]:
        return next((d for d in self.departments if name in d.names), None)

    def executes(self, unit: Organisation, clause: Clause) -> bool:
        """True when ``unit`` executes ``clause``, directly or through a named group."""
        return unit.name in self._executors.get(clause.id, frozenset())

    def clauses_for_unit(self, unit: Organisation) -> list[Clause]:
        """The clauses a unit executes, directly or through a named group."""
        return [c for c in self.rubric.clauses() if self.executes(unit, c)]
