"""Read YAML files with libyaml, once, safely: bounded size and nesting, no aliases.

Values follow YAML 1.2 as ruamel.yaml reads it (``yes`` and ``12:30`` stay text, ``012``
is 12), so campaign files mean the same whichever reader a command uses. Mappings and
lists come back as :class:`LineMap` and :class:`LineList`, which remember the line of
each key and item for file:line messages.
"""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any, Callable

import yaml
from .i18n import N_, _

try:
    from yaml._yaml import CParser   # libyaml
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    CParser = None

MAX_BYTES = 2 * 1024 * 1024
MAX_DEPTH = 64          # a campaign file needs about 10 levels
_TAG = "tag:yaml.org,2002:"


class YamlProblem(Exception):
    """A file that cannot be read as YAML data: ``message`` at ``line`` (1-based, or None)."""

    def __init__(self, message: str, line: int | None = None, hint: str = "") -> None:
        super().__init__(message)
        self.message, self.line, self.hint = message, line, hint


class LineMap(dict):
    """A mapping that knows the line of each key (``lines[key]``)."""

    __slots__ = ("lines",)


class LineList(list):
    """A list that knows the line of each item (``lines[index]``)."""

    __slots__ = ("lines",)


def read_text(path: Path, limit: int = MAX_BYTES, rules: bool = False) -> str:
    """The text of a UTF-8 file, reading no more than ``limit`` bytes (so /dev/zero ends);
    ``rules`` when it is a rule or corpus file rather than a campaign file."""
    path = Path(path)
    if not path.exists():
        raise YamlProblem(_("file not found"), hint=_("check the path"))
    if path.is_dir():
        raise YamlProblem(_("is a folder, not a rule or corpus file") if rules else
                          _("is a folder, not a campaign file"),
                          hint=_("name the campaign.yaml inside it"))
    try:
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise YamlProblem(_("cannot read the file: {reason}").format(reason=exc.strerror or exc),
                          hint=_("check the file's permissions")) from None
    if len(data) > limit:
        if rules:
            raise YamlProblem(
                _("file is over {size} KiB, too large for a rule or corpus file").format(
                    size=limit // 1024),
                hint=_("a rule or corpus file is a few dozen KiB; check you named the right file"))
        raise YamlProblem(
            _("file is over {size} KiB, too large for a campaign file").format(size=limit // 1024),
            hint=_("a campaign file is a few dozen KiB; check you named the right file"))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise YamlProblem(_("not UTF-8 text"), data[:exc.start].count(b"\n") + 1,
                          _("save the file as UTF-8 (in Notepad: Save As → Encoding → "
                            "UTF-8)")) from None


# -- nesting, checked on the text before any parser recurses into it ---------------------
_BLOCK_SCALAR = re.compile(r"[|>][-+0-9]*\s*(?:#.*)?$")
_ENTRY = re.compile(r"[-?](?:\s+|$)")
_QUOTED_KEY = re.compile(r"""(?:"(?:[^"\\]|\\.)*"|'(?:[^']|'')*')[ \t]*:(?:[ \t]+|$)""")
_QUOTED = re.compile(r""""(?:[^"\\]|\\.)*"?|'(?:[^']|'')*'?|\s#.*""")


def check_depth(text: str, limit: int = MAX_DEPTH) -> None:
    """Raise :class:`YamlProblem` at the first line nested deeper than ``limit``.

    Counts block levels by indentation and ``- `` entries, flow levels by brackets outside
    quotes, and skips block scalars. It may count one level too few for lists written
    without indentation, and costs one pass over the text.
    """
    indents: list[int] = []
    flow = 0
    block = -1   # while inside a block scalar: the indentation its lines must exceed
    for number, line in enumerate(text.split("\n"), start=1):
        if flow:
            flow, deepest = _brackets(line, flow)
            if len(indents) + deepest > limit:
                raise _too_deep(number, limit)
            continue
        stripped = line.lstrip(" ")
        column = len(line) - len(stripped)
        if block >= 0 and (not stripped.strip() or column > block):
            continue
        block = -1
        if not stripped.strip() or stripped.startswith("#"):
            continue
        while indents and indents[-1] >= column:
            indents.pop()
        owner, rest = column, stripped
        while True:
            indents.append(column)
            entry = _ENTRY.match(rest)
            if not entry or len(indents) > limit:
                break
            owner, column, rest = column, column + entry.end(), rest[entry.end():]
        value = _after_key(rest)
        if value:
            owner, rest = column, rest[value:].lstrip(" \t")
        if len(indents) > limit:
            raise _too_deep(number, limit)
        if _BLOCK_SCALAR.match(rest):
            block = owner
        elif rest.startswith(("[", "{")):
            flow, deepest = _brackets(rest, 0)
            if len(indents) + deepest > limit:
                raise _too_deep(number, limit)


def _after_key(text: str) -> int:
    """Where the value starts when ``text`` begins with ``key:``, else 0 (in linear time)."""
    if text[:1] in ("'", '"'):
        match = _QUOTED_KEY.match(text)
        return match.end() if match else 0
    if not text or text[0] in "#[]{},":
        return 0
    colon = text.find(": ")
    if colon < 0:
        text = text.rstrip()
        colon = len(text) - 1 if text.endswith(":") else -1
    if colon < 0 or " #" in text[:colon]:
        return 0
    return colon + 2


def _brackets(text: str, depth: int) -> tuple[int, int]:
    """The flow depth after ``text`` and the deepest it reached, quotes and comments aside."""
    deepest = depth
    for char in _QUOTED.sub("", text):
        if char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}" and depth:
            depth -= 1
    return depth, deepest


def _too_deep(line: int, limit: int) -> YamlProblem:
    return YamlProblem(_("nested more than {limit} levels deep").format(limit=limit), line,
                       _("a campaign needs about ten levels; check the indentation and brackets"))


# -- parsing -----------------------------------------------------------------------------
class _Resolver(yaml.resolver.BaseResolver):
    """YAML 1.2 core implicit types, as ruamel.yaml resolves them."""


for _tag, _pattern, _first in [
    ("bool", r"true|True|TRUE|false|False|FALSE", "tTfF"),
    ("float", r"""[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+]?[0-9]+)?
                |[-+]?(?:[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)
                |[-+]?\.[0-9_]+(?:[eE][-+][0-9]+)?
                |[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)""", "-+0123456789."),
    ("int", r"[-+]?0b[0-1_]+|[-+]?0o?[0-7_]+|[-+]?[0-9_]+|[-+]?0x[0-9a-fA-F_]+", "-+0123456789"),
    ("merge", r"<<", "<"),
    ("null", r"~|null|Null|NULL|", ["~", "n", "N", ""]),
    ("timestamp", r"""[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]
                |[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?
                 (?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?
                 (?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?""", "0123456789"),
]:
    _Resolver.add_implicit_resolver(_TAG + _tag, re.compile(f"^(?:{_pattern})$", re.X),
                                    list(_first))


if CParser is not None:
    class _Parser(CParser, _Resolver):
        """libyaml's parser and composer with the resolver above."""

        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            _Resolver.__init__(self)
else:  # pragma: no cover
    class _Parser(yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser,
                  yaml.composer.Composer, _Resolver):
        """PyYAML's own parser and composer (slower) with the resolver above."""

        def __init__(self, stream: str) -> None:
            yaml.reader.Reader.__init__(self, stream)
            yaml.scanner.Scanner.__init__(self)
            yaml.parser.Parser.__init__(self)
            yaml.composer.Composer.__init__(self)
            _Resolver.__init__(self)


# the YAML parsers' own words for the usual mistakes, shown in the interface language
_PARSER_PROBLEMS = frozenset((
    N_("mapping values are not allowed in this context"),
    N_("mapping values are not allowed here"),
    N_("did not find expected key"),
    N_("did not find expected ',' or ']'"),
    N_("did not find expected ',' or '}'"),
    N_("did not find expected '-' indicator"),
    N_("did not find expected node content"),
    N_("could not find expected ':'"),
    N_("found unexpected end of stream"),
    N_("found character that cannot start any token"),
    N_("found a tab character that violates indentation"),
    N_("block sequence entries are not allowed in this context"),
    N_("found undefined tag handle"),
))


def parser_problem(exc) -> str:
    """Why a YAML parser gave up, in the interface language when it is a usual mistake."""
    reason = (exc.problem or exc.context or "").strip()
    if not reason:
        return _("syntax error")
    return _(reason) if reason in _PARSER_PROBLEMS else reason


def parse(text: str, *, lines: bool = True) -> Any:
    """The data in ``text`` (None when empty); raise :class:`YamlProblem` when it is not
    usable YAML. With ``lines``, mappings and lists are :class:`LineMap`/:class:`LineList`."""
    check_depth(text)
    parser = _Parser(text)
    try:
        node = parser.get_single_node()
    except yaml.MarkedYAMLError as exc:
        if "alias" in str(exc.problem or ""):
            _refuse_aliases(text)
        mark = exc.problem_mark or exc.context_mark
        line = text.split("\n", mark.line + 1)[mark.line] if mark else ""
        raise YamlProblem(_("not valid YAML: {reason}").format(reason=parser_problem(exc)),
                          mark.line + 1 if mark else None,
                          _("indent with spaces, not "
                            "tabs") if "\t" in line[:len(line) - len(line.lstrip())]
                          else _("check indentation and quoting on that line")) from None
    except yaml.YAMLError as exc:
        raise YamlProblem(_("not valid YAML: {reason}").format(reason=exc), None,
                          _("check the file's indentation and quoting")) from None
    finally:
        parser.dispose()
    if node is None:
        return None
    return _Builder(text, lines).build(node)


def _refuse_aliases(text: str) -> None:
    for event in yaml.parse(text, Loader=_Parser):
        if isinstance(event, yaml.AliasEvent):
            raise YamlProblem(_("YAML aliases (*name) are not accepted"),
                              event.start_mark.line + 1,
                              _("write the value out in full instead of referring to an anchor"))


class _Builder:
    """Python values from composed nodes; refuses aliases, tags and duplicate keys."""

    def __init__(self, text: str, lines: bool) -> None:
        self.text, self.lines, self.seen = text, lines, set()

    def build(self, node) -> Any:
        if id(node) in self.seen:      # libyaml hands an alias back as its anchor's node
            _refuse_aliases(self.text)
        self.seen.add(id(node))
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node)
        if isinstance(node, yaml.SequenceNode):
            self.expect(node, "seq")
            result = LineList(self.build(item) for item in node.value)
            if self.lines:
                result.lines = [item.start_mark.line + 1 for item in node.value]
            return result
        self.expect(node, "map")
        result, where = LineMap(), {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == _TAG + "merge":
                raise YamlProblem(_("only plain names can be keys"), key_node.start_mark.line + 1,
                                  _("write “name: value”"))
            key = self.build(key_node)
            if key in result:
                raise YamlProblem(_("not valid YAML: found duplicate key “{key}”").format(key=key),
                                  key_node.start_mark.line + 1,
                                  _("each field may appear once in its section; remove or merge "
                                    "one"))
            where[key] = key_node.start_mark.line + 1
            result[key] = self.build(value_node)
        if self.lines:
            result.lines = where
        return result

    @staticmethod
    def expect(node, kind: str) -> None:
        if node.tag != _TAG + kind:
            raise YamlProblem(_("YAML tags ({tag}) are not accepted here").format(tag=node.tag),
                              node.start_mark.line + 1, _("remove the tag"))

    def scalar(self, node) -> Any:
        tag = node.tag[len(_TAG):] if node.tag.startswith(_TAG) else ""
        constructor = _SCALARS.get(tag)
        if constructor is None:
            raise YamlProblem(_("YAML tags ({tag}) are not accepted here").format(tag=node.tag),
                              node.start_mark.line + 1, _("remove the tag"))
        try:
            return constructor(node.value)
        except ValueError:
            raise YamlProblem(_("not valid YAML: cannot read “{value}” as {tag}").format(
                value=node.value, tag=tag),
                              node.start_mark.line + 1, _("quote it to keep it as text")) from None


def _int(text: str) -> int:
    text = text.replace("_", "")
    sign = -1 if text.startswith("-") else 1
    text = text.lstrip("+-")
    for prefix, base in (("0b", 2), ("0x", 16), ("0o", 8)):
        if text.startswith(prefix):
            return sign * int(text[2:], base)
    return sign * int(text)


def _float(text: str) -> float:
    text = text.replace("_", "").lower()
    if text.endswith(".inf"):
        return float("-inf") if text.startswith("-") else float("inf")
    return float("nan") if text == ".nan" else float(text)


_DATETIME = re.compile(r"(\d{4})-(\d\d?)-(\d\d?)(?:[Tt]|[ \t]+)(\d\d?):(\d\d):(\d\d)")


def _timestamp(text: str):
    """A date (or date and time, as written); an impossible one (2006-14-11) stays text."""
    try:
        if len(text) == 10:
            return dt.date(int(text[:4]), int(text[5:7]), int(text[8:]))
        return dt.datetime(*(int(p) for p in _DATETIME.match(text).groups()))
    except (ValueError, TypeError, AttributeError):
        return text


_SCALARS: dict[str, Callable[[str], Any]] = {
    "str": str, "int": _int, "float": _float, "null": lambda _: None,
    "bool": lambda text: text.lower() == "true", "timestamp": _timestamp,
}
