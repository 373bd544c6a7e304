"""Loading and validating campaign files: the example, the seed's own scores, broken copies."""
from __future__ import annotations

import pytest

from noticegen.campaign import load_valid_campaign, load_campaign
from noticegen.errors import DataError, ValidationError

from conftest import EXAMPLE, SEED_ORIGINAL, line_of


def test_example_loads_with_position_ids_and_scores():
    campaign = load_valid_campaign(EXAMPLE)
    ids = [c.id for c in campaign.rubric.clauses()]
    assert ids[:3] == ["1.1.1", "1.1.2", "1.2.1"]
    assert "3.2.1" in ids and "3.2.2" not in ids  # an item without sub-clauses has c.i.1 only
    assert len(ids) == 20 and len(set(ids)) == 20
    assert sum(c.score for c in campaign.rubric.clauses()) == 100
    assert str(campaign.number) == "×电党宣〔2006〕12号"
    assert len(campaign.commitments) == 18
    assert campaign.commitments[0].standard.meets(99.95)
    assert not campaign.commitments[0].standard.meets(99.87)


def test_clause_inherits_departments_and_executors_from_item_and_category():
    campaign = load_campaign(EXAMPLE)
    clause = {c.id: c for c in campaign.rubric.clauses()}
    assert clause["2.1.2"].departments == ("宣传部", "纪委", "工会", "团委")
    assert clause["3.4.1"].executors == ("各供电、农电及营销各单位",)
    assert clause["1.3.1"].executors == ("各供电、农电、营销各单位及调度所",)


def test_units_get_their_clauses_through_groups():
    campaign = load_campaign(EXAMPLE)
    dispatch = campaign.unit_by_name("调度所")
    assert [c.id for c in campaign.clauses_for_unit(dispatch)] == [
        "1.3.1", "1.3.2", "1.3.3", "2.1.1", "2.1.2", "2.2.1", "2.2.2"]


def test_seed_original_scores_are_rejected_naming_item_and_sums():
    with pytest.raises(ValidationError) as info:
        load_valid_campaign(SEED_ORIGINAL)
    [problem] = info.value.problems
    assert "item 1.3 规范服务行为 declares 30 points but its clauses add up to 7" in problem.message
    text = SEED_ORIGINAL.read_text(encoding="utf-8")
    assert problem.line == line_of(text, "- title: 规范服务行为")


# (old text, new text, needle on the expected line, expected message part, error class)
MALFORMED = [
    ("  printed_by: ××电业局党委宣传部", "  printed_bye: ××电业局党委宣传部", "printed_bye",
     "unknown field “printed_bye” in “notice” (hint: did you mean “printed_by”?)", ValidationError),
    ("  recipients: 局属", "\trecipients: 局属", "\trecipients", "not valid YAML", DataError),
    ("              score: 3\n              departments: [行风办]",
     "              score: three\n              departments: [行风办]", "score: three",
     "should be a number, not the text “three”", ValidationError),
    ("  title: 关于印发", "  heading: 关于印发", "notice:", "missing required field “notice.title”",
     ValidationError),
    ("executors: [局属（农电）各单位]", "executors: [局属各单位]", "executors: [局属各单位]",
     "clauses 2.1.1, 2.1.2, 2.2.1, 2.2.2: unknown unit or group “局属各单位”", ValidationError),
    ("departments: [纪委]", "departments: [纪检委]", "departments: [纪检委]",
     "unknown department “纪检委” (hint: did you mean “纪委”?)", ValidationError),
    ("            - text: 经常开展", "            - id: 1.1.1\n              text: 经常开展", "id: 1.1.1",
     "duplicate clause id “1.1.1”", ValidationError),
    ('standard: "≥99.9%"', 'standard: "about 99"', "about 99",
     "commitment row 1: cannot read the standard “about 99”", ValidationError),
    ("deadline: 2006-11-18", "deadline: 2006-11-08", "deadline: 2006-11-08",
     "deadline 2006-11-08 is before the notice date 2006-11-14", ValidationError),
    ("      score: 20\n      executors", "      score: 25\n      executors", "- title: 思想教育深入",
     "category 2 思想教育深入、道德风尚良好 declares 25 points but its items add up to 20",
     ValidationError),
    ("  date: 2006-11-14", "  date: 2006-14-11", "date: 2006-14-11",
     "“notice.date” should be a date (YYYY-MM-DD)", ValidationError),
    ("  year: 2006\n", "  year: [2006]\n", "year: [2006]",
     "“campaign.year” should be a whole number, not a list", ValidationError),
    ("{deadline}前", "{dedline}前", "{dedline}", "unknown field “{dedline}” in the body (hint: did you mean “deadline”?)",
     ValidationError),
    ("  total: 100", "  total: 120", "total: 120",
     "the rubric's categories add up to 100 points, not the campaign total 120", ValidationError),
    ("    host: 党委宣传部", "    host: 宣传处", "host: 宣传处", "office host “宣传处” is not a department",
     ValidationError),
    ("  各供电、农电及营销各单位: [城区供电营业所,", "  各供电、农电及营销各单位: [城区营业部,", "各供电、农电及营销各单位: [城区营业部",
     "group “各供电、农电及营销各单位”: unknown unit “城区营业部”", ValidationError),
]


@pytest.mark.parametrize("old,new,needle,message,error", MALFORMED,
                         ids=[m[3][:30] for m in MALFORMED])
def test_malformed_campaign_gives_one_line_error_with_file_and_line(broken, old, new, needle,
                                                                    message, error):
    path, text = broken(old, new)
    with pytest.raises(error) as info:
        load_valid_campaign(path)
    rendered = str(info.value)
    expected_line = line_of(text, needle)
    matching = [line for line in rendered.splitlines() if message in line]
    assert matching, rendered
    assert matching[0].startswith(f"{path}:{expected_line}: "), rendered


def test_non_utf8_file_is_unusable_with_line(tmp_path, example_text):
    path = tmp_path / "gbk.yaml"
    path.write_bytes(example_text.encode("gb18030"))
    with pytest.raises(DataError, match=r"gbk.yaml:\d+: not UTF-8 text \(hint: save the file as UTF-8"):
        load_campaign(path)


def test_yaml_alias_is_refused(tmp_path):
    path = tmp_path / "alias.yaml"
    path.write_text("a: &x [1, 2]\nb: *x\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"alias.yaml:2: YAML aliases"):
        load_campaign(path)


def test_top_level_list_is_unusable(tmp_path):
    path = tmp_path / "list.yaml"
    path.write_text("- a\n- b\n", encoding="utf-8")
    with pytest.raises(DataError, match="must be a mapping of sections"):
        load_campaign(path)


def test_every_problem_is_reported_at_once(broken, tmp_path):
    path, text = broken("departments: [纪委]", "departments: [纪检委]")
    text = text.replace("deadline: 2006-11-18", "deadline: 2006-11-01")
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ValidationError) as info:
        load_valid_campaign(path)
    messages = [p.message for p in info.value.problems]
    assert len(messages) == 2
    assert any("纪检委" in m for m in messages) and any("deadline" in m for m in messages)
