"""Turn last year's notice (.docx, with its unit letters) into campaign data (.xlsx rubrics:
import_xlsx).

The result is a dict in the shape of a campaign file plus the list of what could not be
mapped, each with its location; :func:`write_campaign` writes both as commented YAML.
"""
from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap

from ..errors import DataError, ExtractionError, located
from ..model import CATEGORY_MARKS, CLAUSE_MARKS
from ..output import refuse_input, write_file
from ..wordxml.docmodel import Document, Table, load_document, readable
from ..wordxml.roles import ATTACH_LABEL, NUMBER, find_roles
from .standards import parse_standard
from ..i18n import _

_SCORE = re.compile(r"[（(]\s*(\d+(?:\.\d+)?)\s*分\s*[）)]\s*$")
_DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")
ROLE_LABELS = {"组长": "leaders", "副组长": "deputies", "成员": "members",
               "主任": "directors", "副主任": "deputy_directors"}


@dataclass(frozen=True)
class Unmapped:
    where: str
    what: str

    def __str__(self) -> str:
        return located(self.where, self.what)


def _number(value: str) -> float | int:
    number = float(value)
    return int(number) if number.is_integer() else number


def _date(text: str) -> Optional[dt.date]:
    match = _DATE.search(text.replace(" ", ""))
    return dt.date(*map(int, match.groups())) if match else None


def _split_score(text: str) -> tuple[str, Optional[float]]:
    match = _SCORE.search(text)
    return (text[:match.start()].strip(), _number(match.group(1))) if match else (text.strip(), None)


def _strip_mark(text: str, marks: str) -> str:
    return text[1:] if text and text[0] in marks else text


def _item_title(text: str) -> tuple[str, Optional[float]]:
    title, score = _split_score(text.replace("\n", ""))
    return re.sub(r"^\d+[.、．]\s*", "", title), score


# -- rubric tables (docx and xlsx share this) ----------------------------------------------

def rubric_from_rows(rows: list[list[str]], where: str, notes: list[Unmapped]) -> dict:
    """Categories → items → clauses from rows of (项目, 内容, 标准, 分, 部门, 执行单位), merged
    cells already filled down."""
    categories: list[dict] = []
    total = None
    for number, row in enumerate(rows, start=2):
        row = (row + [""] * 6)[:6]
        category_text, item_text, clause_text, score_text, departments, executors = row
        if re.fullmatch(r"合\s*计|总\s*计", category_text.strip()):
            total = _number(score_text) if re.fullmatch(r"\d+(\.\d+)?", score_text.strip()) else None
            continue
        if not clause_text.strip():
            continue
        title, category_score = _split_score(_strip_mark(category_text.replace("\n", ""), CATEGORY_MARKS))
        if not categories or categories[-1]["title"] != title:
            categories.append({"title": title, "score": category_score, "items": []})
            if not title:
                notes.append(Unmapped(_("{where} row {number}").format(where=where, number=number),
                                      _("no category (项目) title")))
        item_title, item_score = _item_title(item_text)
        items = categories[-1]["items"]
        if not items or items[-1]["title"] != item_title:
            items.append({"title": item_title, "score": item_score, "clauses": []})
            if not item_title:
                notes.append(Unmapped(_("{where} row {number}").format(where=where, number=number),
                                      _("no item (竞赛及考核内容) title")))
        if not re.fullmatch(r"\d+(\.\d+)?", score_text.strip()):
            notes.append(Unmapped(_("{where} row {number}").format(where=where, number=number),
                                  _("score “{score}” is not a number").format(score=score_text)))
        items[-1]["clauses"].append({
            "text": _strip_mark(clause_text.strip(), CLAUSE_MARKS),
            "score": _number(score_text) if re.fullmatch(r"\d+(\.\d+)?", score_text.strip()) else None,
            "departments": [d.strip() for d in re.split(r"[\n、，,]", departments) if d.strip()],
            "executors": _executors(executors),
        })
    for category in categories:
        for item in category["items"]:
            if len(item["clauses"]) == 1 and not _had_mark(rows, item):
                clause = item.pop("clauses")[0]
                item.update(text=clause["text"], departments=clause["departments"],
                            executors=clause["executors"])
                if item["score"] is None:
                    item["score"] = clause["score"]
    return {"total": total if total is not None else 100, "categories": categories}


def _executors(text: str) -> list[str]:
    """Executing units or groups; “各供电、农电及营销各单位” is one group name, not three."""
    parts = [p.strip() for p in re.split(r"[\n、]", text) if p.strip()]
    if "各" in text or any(len(p) > 10 for p in parts):
        return [" ".join(text.split())] if text.strip() else []
    return parts


def _had_mark(rows: list[list[str]], item: dict) -> bool:
    text = item["clauses"][0]["text"]
    return any(len(r) > 2 and r[2].strip() and r[2].strip()[0] in CLAUSE_MARKS
               and r[2].strip()[1:] == text for r in rows)


# -- .docx ---------------------------------------------------------------------------------

def _table_with(document: Document, word: str) -> Optional[Table]:
    return next((t for t in document.tables if t.rows and any(word in c for c, _ in t.rows[0])), None)


def _filled(table: Table, notes: Optional[list[Unmapped]] = None, where: str = "") -> list[list[str]]:
    """Cell texts with vertically merged cells filled down; a merge that never starts (every
    cell “continue”) keeps its own text and is noted."""
    rows, above, orphans = [], {}, set()
    for row in table.rows[1:]:
        texts = []
        for column, (text, merge) in enumerate(row):
            if merge == "continue" and above.get(column):
                text = above[column]
            elif merge == "continue":
                orphans.add(column + 1)
            above[column] = text
            texts.append(text)
        rows.append(texts)
    if orphans and notes is not None:
        notes.append(Unmapped(_("{where} column {columns}").format(
            where=where, columns=', '.join(map(str, sorted(orphans)))),
                              _("merged cells that never start (“continue” with no “restart”): "
                                "check the categories and items")))
    return rows


def _roster(lines: list[str], notes: list[Unmapped]) -> dict:
    roster: dict = {"group_name": "", "leaders": [], "deputies": [], "members": []}
    office: Optional[dict] = None
    target, role = roster, None
    for line in lines:
        text = line.strip()
        match = re.match(r"^[一二三四五六]、(.+?)(?:（设在(.+?)）)?$", text)
        if match and not match.group(2) and not roster["group_name"]:
            roster["group_name"] = match.group(1)
            continue
        if match:
            office = {"name": match.group(1), "host": match.group(2) or "", "directors": [],
                      "deputy_directors": [], "members": []}
            target = office
            continue
        labelled = re.match(r"^([\u4e00-\u9fff　]{2,4})：(.+)$", text)
        if labelled:
            role = ROLE_LABELS.get(labelled.group(1).replace("　", ""))
            text = labelled.group(2)
        if role is None:
            notes.append(Unmapped("附件1", _("line not understood: “{text}”").format(text=text)))
            continue
        name, _sep, post = line.strip().split("：")[-1].partition("　") if labelled else \
            text.strip("　").partition("　")
        target[role].append({"name": name.strip(), "post": post.strip()})
    if office:
        roster["office"] = office
    return roster


def _commitments(table: Optional[Table], notes: list[Unmapped]) -> list[dict]:
    rows = []
    for number, row in enumerate(_filled(table) if table else [], start=2):
        cells = (row + [""] * 6)[:6]
        if not cells[0].strip().isdigit():
            continue
        standard_text, actual, score = cells[2].strip(), cells[3].strip(), cells[5].strip()
        entry = {"no": int(cells[0]), "item": cells[1].replace("\n", "")}
        try:
            standard = parse_standard(standard_text)
            entry["standard"] = f"{'≥' if standard.op == '>=' else standard.op}{standard.target:g}{standard.unit}"
        except ValueError:
            entry["standard"] = "= 0"
            entry["total_label"] = standard_text.rstrip("：:")
        entry["failure_label"] = actual.rstrip("：:")
        found = re.match(r"(\d+(?:\.\d+)?)", score)
        entry["score"] = _number(found.group(1)) if found else None
        if found is None:
            notes.append(Unmapped(_("{where} row {number}").format(
                where="附件3", number=number),
                _("score “{score}” is not a number").format(score=score)))
        rows.append(entry)
    return rows


def _letters(folder: Path, notes: list[Unmapped]) -> tuple[list[str], dict[str, set[str]], str]:
    """Units, the clause ids each executes, and the letters' title, from 责任书/*.docx."""
    units, clauses, title = [], {}, ""
    for path in sorted(folder.glob("*.docx")):
        try:
            letter = load_document(path)
        except ExtractionError as exc:
            reason = str(exc).removeprefix(located(path, ""))     # the file is named before
            notes.append(Unmapped(str(path), _("letter not read: {reason}").format(reason=reason)))
            continue
        texts = [p.text for p in letter.running_text() if p.text]
        unit = next((t.split("：", 1)[1] for t in texts if t.startswith("责任单位：")), None)
        if unit is None or not letter.tables:
            notes.append(Unmapped(str(path), _("no 责任单位 line or clause table")))
            continue
        title = title or texts[0].replace("\n", "")
        units.append(unit)
        clauses[unit] = {row[0][0] for row in letter.tables[0].rows[1:] if re.fullmatch(r"[\d.]+", row[0][0])}
    return units, clauses, title


def import_docx(path: Path, letters: Optional[Path] = None) -> tuple[dict, list[Unmapped]]:
    """Campaign data from a notice .docx (and the unit letters beside it, if any)."""
    readable(Path(path))
    document = load_document(Path(path))
    roles = find_roles(document)
    notes: list[Unmapped] = []
    if roles.number is None or not roles.title:
        raise DataError(_("no 发文字号 or title found: this does not look like a notice"), path=path,
                        hint=_("import the 通知.docx of a package, or an .xlsx rubric"))
    code, year, serial = _parse_number(roles.number.text)
    main = document.running_text()
    banner = next((p.text for p in main if p.text), "")
    title = "".join(p.text.replace("\n", "") for p in roles.title)
    issued = re.search(r"《(.+)》", title)
    date = _date(roles.date.text) if roles.date else None
    if date is None:
        notes.append(Unmapped("成文日期", _("no date in Arabic numerals found")))
    body_texts = [p.text for p in roles.body]
    body = [({"heading": p.text, "level": 1} if p.style_name == "一级标题" else
             {"heading": p.text, "level": 2} if p.style_name == "二级标题" else p.text)
            for p in roles.body]
    joined = "".join(body_texts)
    sections = _attachment_sections(main)
    rubric_table = _table_with(document, "竞赛与考核标准及要求") or _table_with(document, "标准及要求")
    data: dict = {
        "campaign": {"name": _core_subject(document) or (issued.group(1) if issued else title),
                     "year": year},
        "issuer": {"organ": _signature(main, roles) or banner, "banner": banner,
                   "signature": _signature(main, roles) or banner},
        "notice": {"number": {"code": code, "year": year, "serial": serial}, "date": date,
                   "title": title,
                   "issued_document": sections.get(2, [issued.group(1) if issued else ""])[0],
                   "recipients": roles.recipients.text.rstrip("：:") if roles.recipients else "",
                   "body": body},
        "contact": _contact(joined, notes),
        "summaries": _summaries(joined, date, notes),
    }
    _colophon(document.paragraphs, data["notice"], notes)
    roster_lines = sections.get(1, [])
    data["leadership"] = {"title": roster_lines[0] if roster_lines else "",
                          **_roster(roster_lines[1:], notes)}
    rubric = rubric_from_rows(_filled(rubric_table, notes, "附件2"), "附件2", notes) if rubric_table else None
    if rubric is None:
        notes.append(Unmapped("附件2", _("no rubric table found")))
    data["departments"] = _departments(rubric, data["leadership"])
    commitments_table = _table_with(document, "应兑现标准")
    data["commitments"] = {"title": sections.get(3, ["服务承诺兑现情况表"])[0],
                           "rows": _commitments(commitments_table, notes)}
    letter_folder = Path(letters) if letters else Path(path).parent / "责任书"
    units, executes, letter_title = _letters(letter_folder, notes) if letter_folder.is_dir() else ([], {}, "")
    if letter_title:
        data["notice"]["letter_title"] = letter_title
    data["units"] = [{"name": u} for u in units]
    data["groups"] = _groups(rubric, executes, notes) if rubric else {}
    data["rubric"] = rubric or {"total": 100, "categories": []}
    if not units:
        notes.append(Unmapped("units", _("no unit letters (责任书/*.docx) beside the notice: list "
                                         "the units under units: and in groups:")))
    return data, notes


def _parse_number(text: str) -> tuple[str, int, int]:
    squashed = text.replace(" ", "")
    match = NUMBER.match(squashed)
    bracket = re.search(r"[〔\[［(（【]", squashed)
    return squashed[:bracket.start()], int(match.group(1)), int(match.group(3))


def _core_subject(document: Document) -> str:
    core = document.members.get("docProps/core.xml", b"").decode("utf-8", "replace")
    match = re.search(r"<dc:subject>([^<]*)</dc:subject>", core)
    return match.group(1) if match else ""


def _signature(main, roles) -> str:
    if roles.date is None:
        return ""
    position = main.index(roles.date)
    return next((p.text for p in reversed(main[:position]) if p.text), "")


def _attachment_sections(main) -> dict[int, list[str]]:
    sections, current = {}, None
    for paragraph in main:
        match = ATTACH_LABEL.match(paragraph.text.replace(" ", ""))
        if match and (match.group(1) or "").isdigit():
            current = int(match.group(1))
            sections[current] = []
        elif current is not None and paragraph.text:
            sections[current].append(paragraph.text.replace("\n", ""))
    return sections


def _contact(text: str, notes: list[Unmapped]) -> dict:
    match = re.search(r"联系人[：:](.+?)[，,；]\s*(?:联系)?电话[：:](.+?)[。，；）)]", text)
    if not match:
        notes.append(Unmapped("contact", _("no 联系人/电话 in the body")))
        return {"name": "", "phone": ""}
    return {"name": match.group(1), "phone": match.group(2)}


def _summaries(text: str, date: Optional[dt.date], notes: list[Unmapped]) -> dict:
    match = re.search(r"于(\d{1,2})月(\d{1,2})日前(?:通过(.+?))?报(.+?)[，,。]", text)
    if not match or date is None:
        notes.append(Unmapped("summaries", _("no deadline “于…月…日前…报…” in the body")))
        return {"deadline": None, "submit_to": "", "via": ""}
    deadline = dt.date(date.year, int(match.group(1)), int(match.group(2)))
    if deadline < date:
        deadline = deadline.replace(year=date.year + 1)
    return {"deadline": deadline, "submit_to": match.group(4), "via": match.group(3) or ""}


def _colophon(paragraphs, notice: dict, notes: list[Unmapped]) -> None:
    texts = [p.text for p in paragraphs]
    copy_to = next((t for t in texts if t.startswith("抄送：")), None)
    notice["copy_to"] = [c for c in re.split(r"[，,]", copy_to[3:].rstrip("。")) if c] if copy_to else []
    printed = next((t for t in texts if t.endswith("印发") and _date(t)), None)
    if printed:
        notice["printed_by"] = re.split(r"\s|\t", printed.strip())[0]
        notice["printed_date"] = _date(printed)
    else:
        notes.append(Unmapped("版记", _("no “… 年月日印发” line")))
        notice["printed_by"] = ""


def _departments(rubric: Optional[dict], leadership: dict) -> list[dict]:
    labels = []
    for category in (rubric or {}).get("categories", []):
        for item in category["items"]:
            for clause in item.get("clauses", [item]):
                labels += [d for d in clause["departments"] if d not in labels]
    host = leadership.get("office", {}).get("host", "")
    departments = []
    for label in labels:
        if host and label != host and label in host:
            departments.append({"name": host, "short": label})
            host = ""
        else:
            departments.append({"name": label})
    if host:
        departments.append({"name": host})
    return departments


def _groups(rubric: dict, executes: dict[str, set[str]], notes: list[Unmapped]) -> dict:
    groups: dict[str, list[str]] = {}
    for c, category in enumerate(rubric["categories"], start=1):
        for i, item in enumerate(category["items"], start=1):
            for k, clause in enumerate(item.get("clauses", [item]), start=1):
                clause_id = f"{c}.{i}.{k}"
                for name in clause["executors"]:
                    members = groups.setdefault(name, [])
                    members += [u for u, ids in executes.items() if clause_id in ids and u not in members]
    return groups


# -- writing -------------------------------------------------------------------------------

def write_campaign(data: dict, notes: list[Unmapped], source: Path, target: Path,
                   force: bool = False) -> None:
    """The data as a campaign YAML file, with what was not mapped listed at the top."""
    refuse_input(target, (source,))
    document = CommentedMap(data)
    header = [_("Imported from {name} by noticegen import. Review before use.").format(
        name=source.name)]
    header += [_("not mapped: {note}").format(
        note=note) for note in notes] or [_("everything was mapped")]
    document.yaml_set_start_comment("\n".join(header))
    yaml = YAML(typ="rt")
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    buffer = io.StringIO()
    yaml.dump(document, buffer)
    write_file(target, buffer.getvalue().encode("utf-8"), force, sources=(source,))
