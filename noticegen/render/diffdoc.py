"""The year-over-year diff as a Word report, rewordings shown as tracked changes."""
from __future__ import annotations

import difflib
import io
from pathlib import Path

from docx import Document
from docx.oxml import OxmlElement

from ..campaign.diff import SECTIONS, Change
from ..model import Campaign
from ..output import write_file
from ..resources import template_dir
from ..safezip import read_members, write_members
from ..wordxml.ns import qn
from .docx import CORE, core_properties

AUTHOR = "noticegen"
NUMERALS = "一二三四五六七八九"


def _run(text: str, deleted: bool = False):
    run = OxmlElement("w:r")
    node = OxmlElement("w:delText" if deleted else "w:t")
    node.set(qn("xml:space"), "preserve")
    node.text = text
    run.append(node)
    return run


def _tracked(element, old: str, new: str, ids: list[int]) -> None:
    """Append ``old`` → ``new`` to the ``w:p`` ``element`` as Word insertions and deletions."""
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            element.append(_run(new[j1:j2]))
            continue
        if op in ("delete", "replace"):
            element.append(_revision("w:del", old[i1:i2], ids, deleted=True))
        if op in ("insert", "replace"):
            element.append(_revision("w:ins", new[j1:j2], ids))


def _revision(tag: str, text: str, ids: list[int], deleted: bool = False):
    ids.append(len(ids) + 1)
    element = OxmlElement(tag)
    element.set(qn("w:id"), str(ids[-1]))
    element.set(qn("w:author"), AUTHOR)
    element.append(_run(text, deleted))
    return element


def _last_paragraph(body):
    """The ``w:p`` that ``add_paragraph`` just added (the body ends with it and ``w:sectPr``)."""
    return next(body.iterchildren(qn("w:p"), reversed=True))


def diff_report(old: Campaign, new: Campaign, changes: list[Change], target: Path,
                force: bool = False) -> None:
    """Write the report to ``target`` (deterministic bytes, written atomically)."""
    document = Document(template_dir() / "letter.docx")
    body = document.element.body
    for element in list(body):
        if element.tag != qn("w:sectPr"):
            body.remove(element)
    styles = document.styles
    document.add_paragraph(f"{new.name}变更说明", style=styles["公文标题"])
    document.add_paragraph(f"{old.year}年（{old.number}）与{new.year}年（{new.number}）对照，"
                           f"共{len(changes)}处变更。删除的文字带删除线，新增的文字带下划线。",
                           style=styles["正文"])
    ids: list[int] = []
    shown = [(title, [c for c in changes if c.section == section]) for section, title in SECTIONS]
    for number, (title, items) in enumerate([s for s in shown if s[1]]):
        document.add_paragraph(f"{NUMERALS[number]}、{title}", style=styles["一级标题"])
        for change in items:
            paragraph = document.add_paragraph(style=styles["正文"])
            paragraph.add_run(f"{change.where}：")
            element = _last_paragraph(body)
            if change.kind == "reworded":
                _tracked(element, change.old, change.new, ids)
            elif change.kind == "changed":
                element.append(_revision("w:del", change.old, ids, deleted=True))
                element.append(_revision("w:ins", change.new, ids))
                if change.similarity is not None:
                    paragraph.add_run(f"（相似度{change.similarity:.0%}）")
            elif change.kind == "added":
                element.append(_revision("w:ins", change.new, ids))
            elif change.kind == "removed":
                element.append(_revision("w:del", change.old, ids, deleted=True))
            else:
                paragraph.add_run(f"{change.old} → {change.new}")
    buffer = io.BytesIO()
    document.save(buffer)
    members = read_members(target, buffer.getvalue())
    members[CORE] = core_properties(title=f"{new.name}变更说明", author=new.organ, date=new.date)
    write_file(Path(target), write_members(members), force,
               sources=tuple(c.source for c in (old, new) if c.source))
