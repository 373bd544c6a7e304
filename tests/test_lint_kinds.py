"""Lint on real-looking documents of every kind: each is clean as written, each rule
notices its own break and nothing else, and rules stay away from kinds they do not fit."""
from __future__ import annotations

import pytest

from noticegen.wordxml.docmodel import load_document
from noticegen.wordxml.roles import find_roles
from noticegen.lint.runner import lint_file

from gongwen import BODY, HEI, SONG, build, spec

OFFICIAL = ["通知", "通报", "请示", "报告", "函", "纪要", "决定", "意见", "方案"]
OTHER = ["简报", "讲话"]
WITH_NUMBER = ["通知", "通报", "请示", "报告", "函", "决定", "意见"]
WITH_RECIPIENTS = ["通知", "通报", "请示", "报告", "函", "意见"]
WITH_DATE = WITH_NUMBER


def _first_text(doc, role=None):
    return next(i for i, item in enumerate(doc["body"])
                if (isinstance(item, str) and role is None and len(item) > 12)
                or (not isinstance(item, str) and item[1] == role))


def _replace_text(doc, old, new):
    index = _first_text(doc)
    doc["body"][index] = doc["body"][index].replace(old, new) if old else new


def _heading(doc, role, font):
    index = _first_text(doc, role)
    doc["body"][index] = (*doc["body"][index][:2], None, font)


def _skip_heading(doc):
    index = max(i for i, item in enumerate(doc["body"]) if not isinstance(item, str) and item[1] == "h1")
    text = doc["body"][index][0]
    doc["body"][index] = ("九" + text[1:], "h1")


BREAKS = {
    "PAGE-SIZE": (OFFICIAL, lambda d: d.update(paper=(216, 279))),
    "PAGE-MARGINS": (OFFICIAL, lambda d: d["margins"].update(left=20, right=34)),
    "PAGE-GRID": (OFFICIAL, lambda d: d.update(line=600)),
    "FONT-EASTASIA": (OFFICIAL, lambda d: d.update(east_asia=False)),
    "FONT-TITLE": (OFFICIAL, lambda d: d.update(title_font=HEI)),
    "FONT-BODY": (OFFICIAL, lambda d: d["body"].__setitem__(_first_text(d), (d["body"][_first_text(d)], "text", None, SONG))),
    "FONT-HEADING-1": (OFFICIAL, lambda d: _heading(d, "h1", BODY)),
    "FONT-HEADING-2": (["通知", "通报", "请示", "报告", "函", "决定", "意见", "方案"], lambda d: _heading(d, "h2", HEI)),
    "INDENT-BODY": (OFFICIAL, lambda d: d["body"].__setitem__(_first_text(d), (d["body"][_first_text(d)], "label", None, BODY))),
    "DOCNUMBER-BRACKETS": (WITH_NUMBER, lambda d: d.update(number="×电办[2026]12号")),
    "DOCNUMBER-BRACKETS-LOOKALIKE": (["通知", "函"], lambda d: d.update(number="×电办﹝2026﹞12号")),
    "DOCNUMBER-DI": (WITH_NUMBER, lambda d: d.update(number="×电办〔2026〕第12号")),
    "DOCNUMBER-ZERO": (WITH_NUMBER, lambda d: d.update(number="×电办〔2026〕012号")),
    "DOCNUMBER-YEAR": (WITH_NUMBER, lambda d: d.update(number="×电办〔26〕12号")),
    "DATE-CHINESE": (WITH_DATE, lambda d: d.update(date="二○二六年三月二日")),
    "DATE-PADDING": (WITH_DATE, lambda d: d.update(date="2026年03月02日")),
    "DATE-HAO": (WITH_DATE, lambda d: d.update(date="2026年3月2号")),
    "RECIPIENT-COLON": (WITH_RECIPIENTS, lambda d: d.update(recipients=d["recipients"].rstrip("："))),
    "HEADING-SEQUENCE": (OFFICIAL, _skip_heading),
    "ATTACH-NOTE-PUNCT": (["通知"], lambda d: d["attach_note"].__setitem__(1, "2.自查情况汇总表。")),
    "ATTACH-NOTE-MATCH": (["通知"], lambda d: d["attachments"].__setitem__(1, ("附件2", "自查情况统计表"))),
    "ATTACH-NUMERAL": (OFFICIAL, lambda d: _replace_text(d, "。", "（见附件一）。")),
    "PUNCT-HALFWIDTH": (OFFICIAL, lambda d: _replace_text(d, "，", ",")),
    "PUNCT-UNPAIRED": (OFFICIAL, lambda d: _replace_text(d, "。", "“。")),
    "PUNCT-DENG": (OFFICIAL, lambda d: _replace_text(d, "。", "甲、乙、等。")),
    "DIGITS-FULLWIDTH": (OFFICIAL, lambda d: _replace_text(d, "。", "共２处。")),
    "PAGE-NUMBER": (OFFICIAL, lambda d: d["footer"].update(odd=("- ", " -", "right", SONG, 14))),
    "PAGE-NUMBER-SIDE": (OFFICIAL, lambda d: d["footer"].update(odd=("— ", " —", "center", SONG, 14),
                                                               even=("— ", " —", "center", SONG, 14))),
    "PAGE-NUMBER-FONT": (OFFICIAL, lambda d: d["footer"].update(odd=("— ", " —", "right", BODY, 16),
                                                               even=("— ", " —", "left", BODY, 16))),
    "SIGNATURE-PLACEMENT": (WITH_DATE, lambda d: d.update(place="spaces")),
    "RUBRIC-SUM": (["通知", "方案"], lambda d: d.update(table=[["项目", "内容", "标准分"], ["服务规范（10分）", "首问负责", "4"],
                                                              ["", "限时办结", "4"], ["合计", "", "8"]])),
}
CASES = [(rule, kind) for rule, (kinds, _) in sorted(BREAKS.items()) for kind in kinds]


@pytest.mark.parametrize("kind", OFFICIAL + OTHER)
def test_each_kind_is_recognised_and_clean(tmp_path, kind):
    path = build(spec(kind), tmp_path / f"{kind}.docx")
    roles = find_roles(load_document(path))
    assert roles.kind == (None if kind == "讲话" else kind)
    assert lint_file(path) == []


@pytest.mark.parametrize("rule,kind", CASES)
def test_each_break_triggers_exactly_its_rule(tmp_path, rule, kind):
    doc = spec(kind)
    BREAKS[rule][1](doc)
    findings = lint_file(build(doc, tmp_path / "broken.docx"))
    assert {f.rule for f in findings} == {rule.removesuffix("-LOOKALIKE")}
    if rule == "PAGE-NUMBER":
        assert "hyphens" in findings[0].excerpt


@pytest.mark.parametrize("kind", OTHER)
def test_structure_rules_leave_other_documents_alone(tmp_path, kind):
    doc = spec(kind)
    doc.update(title_font=HEI)
    doc["body"][-1] = (doc["body"][-1], "text", None, SONG)
    assert lint_file(build(doc, tmp_path / "other.docx")) == []


@pytest.mark.parametrize("kind", OTHER)
def test_page_rules_on_other_documents_are_warnings(tmp_path, kind):
    doc = spec(kind)
    doc["margins"].update(left=20, right=34)
    doc["footer"] = None
    findings = lint_file(build(doc, tmp_path / "other.docx"))
    assert {(f.rule, f.severity) for f in findings} == {("PAGE-MARGINS", "warning"), ("PAGE-NUMBER", "warning")}
