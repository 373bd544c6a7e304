"""Typed access to a YAML tree that remembers line numbers and collects problems.

:class:`Node` wraps a value read from YAML (by libyaml or ruamel.yaml) with its file
and line. Accessors never raise on bad data: they record a :class:`Problem` and
return a fallback, so that one pass reports every problem in the file.
"""
from __future__ import annotations

import datetime as dt
from typing import Any, Iterator, Optional

from ..errors import Problem
from ..i18n import N_, _

_MISSING = object()
TYPE_MESSAGES = {str: N_("“{where}” should be text, not {value}"),
                 int: N_("“{where}” should be a whole number, not {value}"),
                 float: N_("“{where}” should be a number, not {value}"),
                 list: N_("“{where}” should be a list, not {value}"),
                 dict: N_("“{where}” should be a mapping, not {value}"),
                 dt.date: N_("“{where}” should be a date (YYYY-MM-DD), not {value}")}


class Problems(list):
    """The problems found so far while reading one file."""

    def add(self, path: str, line: Optional[int], message: str, hint: str = "") -> None:
        self.append(Problem(path, line, message, hint))


class Node:
    """A value from the YAML file with its location (``where`` is a dotted key path)."""

    def __init__(self, value: Any, path: str, line: Optional[int], where: str,
                 problems: Problems) -> None:
        self.value, self.path, self.line, self.where = value, path, line, where
        self.problems = problems

    def problem(self, message: str, hint: str = "", line: Optional[int] = None) -> None:
        self.problems.add(self.path, line or self.line, message, hint)

    # -- mappings ---------------------------------------------------------------
    def is_mapping(self) -> bool:
        return isinstance(self.value, dict)

    def keys(self) -> list[str]:
        return list(self.value.keys()) if self.is_mapping() else []

    def expect(self, *known: str) -> "Node":
        """Record a problem for every key that is not one of ``known`` (a typo, usually)."""
        for key in self.keys():
            if str(key) not in known:
                hint = suggest(str(key), known) or _("known fields here: {fields}").format(
                    fields=", ".join(known))
                self.problem(_("unknown field “{key}” in “{where}”").format(
                    key=key, where=self.where or _("the top level")), hint,
                             line=_key_line(self.value, key, self.line))
        return self

    def child(self, key: str, required: bool = True) -> Optional["Node"]:
        """The node under ``key``; records a problem when it is required and absent."""
        where = f"{self.where}.{key}" if self.where else key
        if not self.is_mapping():
            return None
        if key not in self.value or self.value[key] is None:
            if required:
                self.problem(_("missing required field “{where}”").format(where=where),
                             _("add “{key}:” under “{where}”").format(
                                 key=key, where=self.where or _("the top level")))
            return None
        return Node(self.value[key], self.path, _key_line(self.value, key, self.line), where,
                    self.problems)

    def get(self, key: str, kind: type, default: Any = _MISSING) -> Any:
        """The value under ``key`` checked to be of ``kind``; ``default`` makes it optional."""
        node = self.child(key, required=default is _MISSING)
        if node is None:
            return None if default is _MISSING else default
        return node.as_type(kind, None if default is _MISSING else default)

    def as_type(self, kind: type, fallback: Any = None) -> Any:
        value = self.value
        if kind is float and isinstance(value, int) and not isinstance(value, bool):
            return float(value)
        if kind is str and isinstance(value, (int, float)) and not isinstance(value, bool):
            return str(value)
        if kind is dt.date and isinstance(value, str):
            try:
                return dt.date.fromisoformat(value.strip())
            except ValueError:
                pass
        ok = isinstance(value, kind) and not (kind in (int, float) and isinstance(value, bool))
        if kind is dt.date and isinstance(value, dt.datetime):
            return value.date()
        if not ok:
            self.problem(_(TYPE_MESSAGES[kind]).format(where=self.where, value=_describe(value)),
                         _type_hint(kind))
            return fallback
        return value.strip() if isinstance(value, str) else value

    def items(self) -> Iterator["Node"]:
        """The elements of a list (a problem if this is not a list)."""
        if not isinstance(self.value, list):
            self.problem(_(TYPE_MESSAGES[list]).format(where=self.where,
                                                       value=_describe(self.value)),
                         _type_hint(list))
            return
        for i, value in enumerate(self.value):
            line = _item_line(self.value, i, self.line)
            yield Node(value, self.path, line, f"{self.where}[{i + 1}]", self.problems)

    def pairs(self) -> Iterator[tuple[str, "Node"]]:
        """The key/value pairs of a mapping (a problem if this is not a mapping)."""
        if not self.is_mapping():
            self.problem(_(TYPE_MESSAGES[dict]).format(where=self.where,
                                                       value=_describe(self.value)),
                         _type_hint(dict))
            return
        for key in self.value:
            node = self.child(str(key), required=False)
            if node is not None:
                yield str(key), node

    def strings(self, key: str, required: bool = False) -> tuple[str, ...]:
        """A list of texts under ``key``; a single text is taken as a one-element list."""
        node = self.child(key, required=required)
        if node is None:
            return ()
        if isinstance(node.value, str):
            return (node.value.strip(),)
        return tuple(s for s in (n.as_type(str) for n in node.items()) if s)


def suggest(name: str, choices) -> str:
    """“did you mean …?” for the closest of ``choices``, or "" when none is close."""
    from rapidfuzz import process
    from rapidfuzz.distance import Indel
    match = process.extractOne(name, list(choices), scorer=Indel.normalized_similarity,
                               score_cutoff=0.4)
    return _("did you mean “{name}”?").format(name=match[0]) if match else ""


def _key_line(mapping: Any, key: str, fallback: Optional[int]) -> Optional[int]:
    lines = getattr(mapping, "lines", None)     # yamlread.LineMap
    if lines is not None:
        return lines.get(key, fallback)
    try:                                        # ruamel's round-trip CommentedMap
        return mapping.lc.key(key)[0] + 1
    except (AttributeError, KeyError, TypeError):
        return fallback


def _item_line(seq: Any, index: int, fallback: Optional[int]) -> Optional[int]:
    lines = getattr(seq, "lines", None)         # yamlread.LineList
    if lines is not None:
        return lines[index] if index < len(lines) else fallback
    try:                                        # ruamel's round-trip CommentedSeq
        return seq.lc.item(index)[0] + 1
    except (AttributeError, KeyError, TypeError):
        return fallback


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return _("yes/no ({value})").format(value=str(value).lower())
    if isinstance(value, dict):
        return _("a mapping")
    if isinstance(value, list):
        return _("a list")
    if isinstance(value, str):
        return _("the text “{text}”").format(text=value[:20])
    return f"“{value}”"


_TYPE_HINTS = {
    str: N_("write plain text; quote it if it starts with a special character"),
    int: N_("write a whole number such as 2006"),
    float: N_("write a number such as 5 or 2.5"),
    dt.date: N_("write the date as YYYY-MM-DD, e.g. 2006-11-14"),
    list: N_("start each entry on its own line with “- ”"),
    dict: N_("write “name: value” lines under it"),
}


def _type_hint(kind: type) -> str:
    return _(_TYPE_HINTS[kind]) if kind in _TYPE_HINTS else ""
