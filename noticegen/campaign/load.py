"""Read a campaign YAML file into the model, keeping line numbers.

Structural problems (missing fields, wrong types) are collected and raised
together as one :class:`ValidationError`; a file that cannot be read or is not
YAML at all raises :class:`DataError`.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Optional

from ..errors import DataError, ValidationError
from ..model import (BodyParagraph, Campaign, Category, Clause, Commitment, DocumentNumber,
                     Item, Office, Organisation, Person, Roster, Rubric, Standard, UnitGroup)
from ..yamlread import YamlProblem, check_depth, parse, parser_problem, read_text
from .standards import HINT as STANDARD_HINT, parse_standard
from .yamlnode import Node, Problems
from ..i18n import _

SECTIONS = ("campaign", "issuer", "notice", "contact", "summaries", "leadership", "departments",
            "units", "groups", "rubric", "commitments")


_ZIP, _OLE = b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _text(path: str | Path) -> str:
    """The campaign file's text; a Word or Excel file given by mistake is named as such."""
    refuse_office_file(Path(path))
    return read_text(Path(path))


def refuse_office_file(path: Path) -> None:
    """Raise a DataError saying what to do when ``path`` is a Word or Excel file."""
    try:
        with path.open("rb") as handle:
            head = handle.read(8)
    except OSError:
        return                      # read_text says what is wrong with it
    excel = path.suffix.lower() in (".xlsx", ".xlsm", ".xls", ".et")
    if head.startswith(_ZIP) and path.suffix.lower() not in (".yaml", ".yml"):
        message = (_("is an Excel workbook, not a campaign file (YAML text)") if excel else
                   _("is a Word document, not a campaign file (YAML text)"))
        raise DataError(message, path=path,
                        hint=_("make a campaign file from it with “noticegen import {file} -o "
                               "campaign.yaml”, check it, then give that file").format(file=path))
    if head == _OLE:
        if excel:
            message = _("is an Excel 97–2003 workbook (.xls), not a campaign file (YAML text)")
            hint = _("save it as .xlsx in Excel or WPS, make a campaign file with “noticegen "
                     "import FILE.xlsx -o campaign.yaml”, then give that file")
        else:
            message = _("is a Word 97–2003 document (.doc), not a campaign file (YAML text)")
            hint = _("save it as .docx in Word or WPS, make a campaign file with “noticegen "
                     "import FILE.docx -o campaign.yaml”, then give that file")
        raise DataError(message, path=path, hint=hint)


def read_yaml(path: str | Path, text: str | None = None):
    """Parse a YAML file once with libyaml into dicts and lists that keep their lines."""
    try:
        return parse(_text(path) if text is None else text)
    except YamlProblem as exc:
        raise DataError(exc.message, path=path, line=exc.line, hint=exc.hint) from None


def read_roundtrip(path: str | Path):
    """Parse a YAML file once into ruamel's round-trip tree (keeps comments, for rewriting);
    return the tree and the file's text."""
    from ruamel.yaml.error import MarkedYAMLError, YAMLError
    try:
        text = _text(path)
        check_depth(text)
        return _loader().load(text), text
    except YamlProblem as exc:
        raise DataError(exc.message, path=path, line=exc.line, hint=exc.hint) from None
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise DataError(_("not valid YAML: {reason}").format(reason=parser_problem(exc)), path=path,
                        line=mark.line + 1 if mark else None,
                        hint=_("check indentation and quoting on that line")) from None
    except YAMLError as exc:
        raise DataError(_("not valid YAML: {reason}").format(reason=exc), path=path,
                        hint=_("check the file's indentation and quoting")) from None


def _loader():
    """A round-trip loader that refuses aliases and keeps impossible dates (2006-14-11) as
    text to be reported later."""
    from ruamel.yaml import YAML
    from ruamel.yaml.events import AliasEvent
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True   # so that a rewritten file (rollover) keeps its quoting

    class Constructor(yaml.Constructor):
        def construct_yaml_timestamp(self, node, values=None):
            try:
                return super().construct_yaml_timestamp(node, values)
            except ValueError:
                return str(node.value)

    class Composer(yaml.Composer):
        def compose_node(self, parent, index):
            if self.parser.check_event(AliasEvent):
                mark = self.parser.peek_event().start_mark
                raise YamlProblem(_("YAML aliases (*name) are not accepted"),
                                  mark.line + 1 if mark else None,
                                  _("write the value out in full instead of referring to an "
                                    "anchor"))
            return super().compose_node(parent, index)

    Constructor.add_constructor("tag:yaml.org,2002:timestamp", Constructor.construct_yaml_timestamp)
    yaml.Constructor = Constructor
    yaml.Composer = Composer
    return yaml


_LAST: dict[tuple[str, str], Campaign] = {}   # the last campaign loaded, by path and text


def load_campaign(path: str | Path) -> Campaign:
    """Load and structurally check a campaign file; raise on any problem.

    Loading the same unchanged file again (the CLI, then the checker) reuses the model.
    """
    try:
        text = _text(path)
    except YamlProblem as exc:
        raise DataError(exc.message, path=path, line=exc.line, hint=exc.hint) from None
    key = (str(path), text)
    if key not in _LAST:
        campaign = campaign_from_tree(read_yaml(path, text), path)
        _LAST.clear()
        _LAST[key] = campaign
    return _LAST[key]


def campaign_from_tree(tree, path: str | Path) -> Campaign:
    """The campaign in a YAML tree read from ``path``; raise on any structural problem."""
    campaign, problems = partial_campaign(tree, path)
    if problems:
        raise ValidationError(problems)
    return campaign


def partial_campaign(tree, path: str | Path) -> tuple[Campaign, list]:
    """The campaign in a YAML tree, with the structural problems found on the way (missing
    fields, wrong types: those values are left empty in the campaign)."""
    problems = Problems()
    root = Node(tree, str(path), 1, "", problems)
    if not root.is_mapping():
        raise DataError(_("a campaign file must be a mapping of sections (campaign:, notice:, …)"),
                        path=path, hint=_("start from examples/mengdian-2006/campaign.yaml"))
    root.expect(*SECTIONS)
    campaign = _campaign(root)
    return campaign, sorted(problems, key=lambda p: p.line or 0)


def load_partial(path: str | Path) -> tuple[Campaign, list]:
    """Like :func:`load_campaign`, but structural problems are returned, not raised."""
    try:
        text = _text(path)
    except YamlProblem as exc:
        raise DataError(exc.message, path=path, line=exc.line, hint=exc.hint) from None
    return partial_campaign(read_yaml(path, text), path)


def _campaign(root: Node) -> Optional[Campaign]:
    meta = (root.child("campaign") or _empty(root, "campaign")).expect("name", "year")
    issuer = (root.child("issuer") or _empty(root, "issuer")).expect("organ", "banner", "signature")
    notice = (root.child("notice") or _empty(root, "notice")).expect(
        "number", "date", "title", "issued_document", "letter_title", "recipients", "body",
        "copy_to", "printed_by", "printed_date")
    contact = (root.child("contact") or _empty(root, "contact")).expect("name", "phone")
    summaries = (root.child("summaries") or _empty(root, "summaries")).expect(
        "deadline", "submit_to", "via")
    commitments = (root.child("commitments", required=False)
                   or _empty(root, "commitments")).expect("title", "rows")
    date = notice.get("date", dt.date)
    return Campaign(
        source=root.path,
        name=meta.get("name", str), year=meta.get("year", int),
        organ=issuer.get("organ", str), banner=issuer.get("banner", str),
        signature=issuer.get("signature", str),
        number=_number(notice.child("number")),
        date=date, title=notice.get("title", str),
        issued_document=notice.get("issued_document", str),
        recipients=notice.get("recipients", str),
        body=tuple(_body(notice.child("body"))),
        contact_name=contact.get("name", str), contact_phone=contact.get("phone", str),
        deadline=summaries.get("deadline", dt.date),
        submit_to=summaries.get("submit_to", str),
        submit_via=summaries.get("via", str, default=""),
        copy_to=notice.strings("copy_to"),
        printed_by=notice.get("printed_by", str),
        printed_date=notice.get("printed_date", dt.date, default=date),
        roster=_roster(root.child("leadership")),
        departments=tuple(_organisations(root.child("departments"))),
        units=tuple(_organisations(root.child("units"))),
        groups=tuple(_groups(root.child("groups", required=False))),
        rubric=_rubric(root.child("rubric")),
        commitments=tuple(_commitments(commitments.child("rows", required=False))),
        commitment_title=commitments.get("title", str, default="服务承诺兑现情况表"),
        letter_title=notice.get("letter_title", str, default="") or f"{meta.get('name', str, default='')}任务目标分解责任书",
        lines=_section_lines(root),
    )


def _empty(root: Node, key: str) -> Node:
    return Node({}, root.path, root.line, key, root.problems)


def _section_lines(root: Node) -> dict:
    lines = {}
    for key, node in root.pairs():
        lines[key] = node.line
        for sub, subnode in (node.pairs() if node.is_mapping() else ()):
            lines[f"{key}.{sub}"] = subnode.line
    return lines


def _number(node: Optional[Node]) -> Optional[DocumentNumber]:
    if node is None or not _mapping(node):
        return None
    node.expect("code", "year", "serial")
    return DocumentNumber(code=node.get("code", str), year=node.get("year", int),
                          serial=node.get("serial", int), line=node.line)


def _mapping(node: Node) -> bool:
    if node.is_mapping():
        return True
    node.problem(_("“{where}” should be a mapping of fields").format(
        where=node.where), _("write “name: value” lines under it"))
    return False


def _body(node: Optional[Node]) -> list[BodyParagraph]:
    paragraphs = []
    for item in (node.items() if node else ()):
        if isinstance(item.value, str):
            paragraphs.append(BodyParagraph(item.value.strip(), 0, item.line))
        elif item.is_mapping() and "heading" in item.value:
            item.expect("heading", "level")
            level = item.get("level", int, default=1)
            if not 1 <= level <= 4:
                item.problem(_("heading level {level} does not exist").format(
                    level=level), _("use level 1 to 4 (一、 （一） 1. （1）)"))
            paragraphs.append(BodyParagraph(item.get("heading", str) or "", level, item.line))
        else:
            item.problem(_("“{where}” should be a paragraph of text or “heading: …”").format(
                where=item.where),
                         _("write each paragraph as “- text”"))
    return paragraphs


def _people(node: Node, key: str) -> tuple[Person, ...]:
    child = node.child(key, required=False)
    people = []
    for item in (child.items() if child else ()):
        if isinstance(item.value, str):
            people.append(Person(item.value.strip(), "", item.line))
        elif _mapping(item):
            item.expect("name", "post")
            people.append(Person(item.get("name", str) or "", item.get("post", str, default=""),
                                 item.line))
    return tuple(people)


def _roster(node: Optional[Node]) -> Optional[Roster]:
    if node is None or not _mapping(node):
        return None
    office_node = node.child("office", required=False)
    office = None
    if office_node is not None and _mapping(office_node):
        office_node.expect("name", "host", "directors", "deputy_directors", "members")
        office = Office(name=office_node.get("name", str), host=office_node.get("host", str),
                        directors=_people(office_node, "directors"),
                        deputy_directors=_people(office_node, "deputy_directors"),
                        members=_people(office_node, "members"),
                        line=(office_node.child("host", required=False) or office_node).line)
    node.expect("title", "group_name", "leaders", "deputies", "members", "office")
    return Roster(group_name=node.get("group_name", str),
                  title=node.get("title", str, default="领导小组及办公室名单"), leaders=_people(node, "leaders"),
                  deputies=_people(node, "deputies"), members=_people(node, "members"),
                  office=office, line=node.line)


def _organisations(node: Optional[Node]) -> list[Organisation]:
    result = []
    for item in (node.items() if node else ()):
        if isinstance(item.value, str):
            result.append(Organisation(item.value.strip(), line=item.line))
        elif _mapping(item):
            item.expect("name", "short", "aliases")
            result.append(Organisation(item.get("name", str) or "", item.get("short", str, default=""),
                                       item.strings("aliases"), item.line))
    return result


def _groups(node: Optional[Node]) -> list[UnitGroup]:
    groups = []
    for name, members in (node.pairs() if node else ()):
        units = tuple(s for s in (m.as_type(str) for m in members.items()) if s)
        groups.append(UnitGroup(name, units, members.line))
    return groups


def _rubric(node: Optional[Node]) -> Optional[Rubric]:
    if node is None or not _mapping(node):
        return None
    node.expect("total", "categories")
    categories = []
    cat_list = node.child("categories")
    for c, cat in enumerate(cat_list.items() if cat_list else (), start=1):
        if _mapping(cat):
            categories.append(_category(cat, c))
    return Rubric(total=node.get("total", float, default=100.0), categories=tuple(categories),
                  line=(node.child("total", required=False) or node).line)


def _inherited(node: Node, key: str, parent: tuple[tuple[str, ...], Optional[int]]):
    """(names, line) given on ``node`` under ``key``, else the parent's (merged cells)."""
    names = node.strings(key)
    return (names, node.child(key).line) if names else parent


def _category(node: Node, number: int) -> Category:
    node.expect("title", "score", "departments", "executors", "items")
    departments = _inherited(node, "departments", ((), None))
    executors = _inherited(node, "executors", ((), None))
    items = []
    item_list = node.child("items")
    for i, item in enumerate(item_list.items() if item_list else (), start=1):
        if _mapping(item):
            items.append(_item(item, number, i, departments, executors))
    return Category(number, node.get("title", str) or "", node.get("score", float) or 0.0,
                    tuple(items), node.line)


def _item(node: Node, cat: int, number: int, departments, executors) -> Item:
    node.expect("title", "score", "departments", "executors", "clauses", "text", "id")
    departments = _inherited(node, "departments", departments)
    executors = _inherited(node, "executors", executors)
    clause_list = node.child("clauses", required=False)
    clauses = []
    if clause_list is not None:
        for k, clause in enumerate(clause_list.items(), start=1):
            if _mapping(clause):
                clause.expect("id", "text", "score", "departments", "executors")
                clauses.append(_clause(clause, f"{cat}.{number}.{k}", departments, executors))
    elif "text" in node.value:
        clauses.append(_clause(node, f"{cat}.{number}.1", departments, executors))
    else:
        node.problem(_("item “{where}” has neither “clauses:” nor “text:”").format(
            where=node.where),
                     _("give the requirement as “text:” or list its clauses under “clauses:”"))
    return Item(number, node.get("title", str) or "", node.get("score", float) or 0.0,
                tuple(clauses), node.line)


def _clause(node: Node, position_id: str, departments, executors) -> Clause:
    explicit = node.get("id", str, default=None)
    departments = _inherited(node, "departments", departments)
    executors = _inherited(node, "executors", executors)
    return Clause(id=explicit or position_id, text=node.get("text", str) or "",
                  score=node.get("score", float) or 0.0,
                  departments=departments[0], executors=executors[0], line=node.line,
                  departments_line=departments[1], executors_line=executors[1])


def _commitments(node: Optional[Node]) -> list[Commitment]:
    rows = []
    for i, row in enumerate(node.items() if node else (), start=1):
        if not _mapping(row):
            continue
        row.expect("no", "item", "standard", "standard_text", "total_label", "failure_label", "score")
        text = row.get("standard", str) or ""
        standard = None
        if text:
            try:
                standard = parse_standard(text)
            except ValueError as exc:
                row.problem(_("commitment row {row}: {reason}").format(
                    row=i, reason=exc), _(STANDARD_HINT),
                            line=row.child("standard").line)
        rows.append(Commitment(no=row.get("no", int, default=i), item=row.get("item", str) or "",
                               standard=standard or Standard("=", 0.0),
                               standard_text=row.get("standard_text", str, default="")
                               or (standard.describe() if standard else text),
                               total_label=row.get("total_label", str, default=""),
                               failure_label=row.get("failure_label", str, default=""),
                               score=row.get("score", float, default=1.0), line=row.line))
    return rows
