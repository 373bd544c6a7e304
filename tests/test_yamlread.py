"""YAML read once with libyaml: the same values and lines as ruamel.yaml, bounded size and depth."""
from __future__ import annotations

import datetime as dt
import os
import time
from pathlib import Path

import pytest

from noticegen.campaign.load import _loader, campaign_from_tree, load_campaign, read_roundtrip, read_yaml
from noticegen.errors import DataError, RuleError
from noticegen.resources import data_path, load_data_file
from noticegen.yamlread import MAX_DEPTH, parse

from conftest import EXAMPLE

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = sorted([*(ROOT / "rules").glob("*.yaml"), *(ROOT / "corpora").glob("*.yaml")])
CAMPAIGNS = [EXAMPLE, ROOT / "tests" / "fixtures" / "seed-original-scores.yaml"]

SCALARS = """\
a: 012
b: 0o12
c: 1_000
d: 0x1F
e: 1.5e3
f: .5
g: yes
h: 2006-14-11
i: 2006-11-14
j: 2006-11-14 10:00:00
k: ~
l: 1e3
m: +12
p: 12:30
q: -.inf
r: 1.
s: 0b101
t: 09
v: TRUE
x:
y: "2006-11-14"
z: '1'
aa: |
  block
    more
bb: >-
  folded
  text
cc: [a, {b: 1, c: [2, 3]}, "q]"]
"""


def shape(value):
    """Value and type, ruamel's int/float/str subclasses read as the plain types."""
    if isinstance(value, dict):
        return ("map", [(shape(k), shape(v)) for k, v in value.items()])
    if isinstance(value, list):
        return ("seq", [shape(v) for v in value])
    for kind in (bool, int, float, str, dt.datetime, dt.date, type(None)):
        if isinstance(value, kind):
            return kind.__name__, value
    return "?", repr(value)


def lines(value, ruamel: bool, out=None):
    out = [] if out is None else out
    if isinstance(value, dict):
        for key, child in value.items():
            out.append(value.lc.key(key)[0] + 1 if ruamel else value.lines[key])
            lines(child, ruamel, out)
    elif isinstance(value, list):
        for index, child in enumerate(value):
            out.append(value.lc.item(index)[0] + 1 if ruamel else value.lines[index])
            lines(child, ruamel, out)
    return out


@pytest.mark.parametrize("path", CAMPAIGNS + BUNDLED, ids=lambda p: p.name)
def test_same_values_and_lines_as_ruamel(path):
    text = path.read_text(encoding="utf-8-sig")
    mine, theirs = parse(text), _loader().load(text)
    assert shape(mine) == shape(theirs)
    assert lines(mine, False) == lines(theirs, True)


def test_scalars_typed_as_yaml_1_2():
    assert shape(parse(SCALARS)) == shape(_loader().load(SCALARS))
    data = parse(SCALARS)
    assert data["a"] == 12 and data["g"] == "yes" and data["p"] == "12:30" and data["h"] == "2006-14-11"


@pytest.mark.parametrize("path", CAMPAIGNS, ids=lambda p: p.name)
def test_model_from_either_tree_is_the_same(path):
    try:
        expected = load_campaign(path)
    except Exception as exc:  # noqa: BLE001 - the same problems either way
        with pytest.raises(type(exc)) as info:
            campaign_from_tree(read_roundtrip(path)[0], path)
        assert str(info.value) == str(exc)
    else:
        assert campaign_from_tree(read_roundtrip(path)[0], path) == expected


def write(tmp_path, text: str, name: str = "c.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


DEEP = {
    "indented": "".join("  " * i + f"k{i}:\n" for i in range(300)) + "  " * 300 + "x: 1\n",
    "flow": "a: " + "[" * 300 + "]" * 300 + "\n",
    "entries": "a:\n" + "- " * 300 + "x\n",
    "flow mappings": "a: " + "{a: " * 300 + "1" + "}" * 300 + "\n",
}


@pytest.mark.parametrize("text", DEEP.values(), ids=DEEP.keys())
def test_deep_nesting_is_a_clear_error(tmp_path, text):
    path = write(tmp_path, text)
    with pytest.raises(DataError, match=rf"c.yaml:\d+: nested more than {MAX_DEPTH} levels deep"):
        load_campaign(path)
    with pytest.raises(DataError, match="nested more than"):
        read_roundtrip(path)


def test_very_deep_nesting_fails_fast(tmp_path):
    path = write(tmp_path, "a:\n" + "[\n" * 100_000 + "]\n" * 100_000)
    start = time.perf_counter()
    with pytest.raises(DataError, match=r"c.yaml:65: nested more than"):
        load_campaign(path)
    assert time.perf_counter() - start < 1


def test_nesting_in_block_scalars_and_quotes_does_not_count(tmp_path):
    text = ("a: |\n" + "".join(" " * (i + 2) + "[{\n" for i in range(200))
            + 'b: "' + "[" * 200 + '"\n' + "c: [x, '{{{{[[[[']\n")
    assert set(parse(text)) == {"a", "b", "c"}


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero")
def test_endless_input_is_refused():
    with pytest.raises(DataError, match="too large for a campaign file"):
        load_campaign("/dev/zero")


def test_alias_is_refused_with_its_line(tmp_path):
    path = write(tmp_path, "a: &x [1, 2]\nb: *x\n", "alias.yaml")
    for read in (read_yaml, read_roundtrip):
        with pytest.raises(DataError, match=r"alias.yaml:2: YAML aliases"):
            read(path)


def test_undefined_alias_is_refused_as_an_alias(tmp_path):
    with pytest.raises(DataError, match=r"c.yaml:2: YAML aliases"):
        read_yaml(write(tmp_path, "a: 1\nb: *nowhere\n"))


def test_alias_in_a_rule_file_is_a_rule_error(tmp_path):
    with pytest.raises(RuleError, match=r"rules.yaml:2: YAML aliases"):
        load_data_file(write(tmp_path, "- &r {id: a}\n- *r\n", "rules.yaml"))


def test_duplicate_key_names_its_line(tmp_path):
    with pytest.raises(DataError, match=r"c.yaml:3: not valid YAML: found duplicate key “b”"):
        read_yaml(write(tmp_path, "a: 1\nb: 2\nb: 3\n"))


def test_tab_indentation_says_so(tmp_path):
    with pytest.raises(DataError, match=r"c.yaml:2: .*\(hint: indent with spaces, not tabs\)"):
        read_yaml(write(tmp_path, "a:\n\tb: 1\n"))


def test_bundled_data_loads_as_plain_values():
    entries = load_data_file(data_path("rules") / "lint-gbt9704.yaml")
    assert isinstance(entries, list) and all(isinstance(e, dict) for e in entries)


def test_an_unchanged_campaign_is_parsed_once(tmp_path):
    path = write(tmp_path, EXAMPLE.read_text(encoding="utf-8"))
    first = load_campaign(path)
    assert load_campaign(path) is first
    path.write_text(path.read_text(encoding="utf-8").replace("year: 2006", "year: 2007", 1),
                    encoding="utf-8")
    second = load_campaign(path)
    assert second is not first and second.year == 2007


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file_is_unusable(tmp_path):
    path = write(tmp_path, "a: 1\n")
    path.chmod(0)
    with pytest.raises(DataError, match="cannot read the file"):
        load_campaign(path)


def test_depth_check_is_linear_on_long_lines():
    from noticegen.yamlread import check_depth
    start = time.perf_counter()
    for line in ("a" + " " * 500_000 + "b", "'" + "''" * 250_000, "[" + " " * 500_000):
        check_depth(line)
    assert time.perf_counter() - start < 1


def test_flow_after_spaces_counts():
    from noticegen.yamlread import YamlProblem, check_depth
    with pytest.raises(YamlProblem):
        check_depth("a:     " + "[" * 100 + "]" * 100)
