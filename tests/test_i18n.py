"""The interface speaks Chinese by default and English on request; the catalogs are complete."""
from __future__ import annotations

import gettext
import os
import re
import subprocess
import sys
from collections import Counter

import pytest
from click.testing import CliRunner

from noticegen import i18n
from noticegen.cli import main
from noticegen.lint.runner import lint_file

from conftest import EXAMPLE, ROOT, SEED_ORIGINAL, line_of

LOCALE = ROOT / "noticegen" / "locale" / "zh_CN" / "LC_MESSAGES"
SUMMARIES = EXAMPLE.parent / "summaries"


def run(*args, env=None):
    return CliRunner().invoke(main, [str(a) for a in args], prog_name="noticegen", env=env)


def cli(*args, **env):
    """The command in a fresh process with exactly these locale variables."""
    clean = {k: v for k, v in os.environ.items()
             if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")}
    return subprocess.run([sys.executable, "-m", "noticegen.cli", *map(str, args)],
                          capture_output=True, text=True, env={**clean, **env}, cwd=ROOT)


# -- Chinese by default ------------------------------------------------------------------

def test_validate_error_in_chinese(chinese):
    result = run("validate", SEED_ORIGINAL)
    assert result.exit_code == 1
    line = line_of(SEED_ORIGINAL.read_text(encoding="utf-8"), "- title: 规范服务行为")
    assert result.stderr == (
        f"{SEED_ORIGINAL}:{line}: 考核内容1.3 规范服务行为 标准分为30分，但其条款合计7分"
        "（提示：请修改该考核内容的分值或其条款的分值，使两者一致）\n"
        "发现1个问题\n")


def test_valid_campaign_in_chinese(chinese):
    result = run("validate", EXAMPLE)
    assert result.stdout == (f"{EXAMPLE}：校验通过——3个项目，10项考核内容，20条条款，100分，"
                             "10个执行单位，18行服务承诺\n")


def test_missing_file_in_chinese(chinese):
    result = run("validate", "nowhere/campaign.yaml")
    assert result.exit_code == 2
    assert result.stderr == "错误：nowhere/campaign.yaml: 文件不存在（提示：请检查路径）\n"


def test_unknown_field_says_did_you_mean_in_chinese(chinese, broken):
    path, text = broken("  printed_by:", "  printed_bye:")
    result = run("validate", path)
    assert f"{path}:{line_of(text, 'printed_bye')}: “notice”中有未知字段“printed_bye”" \
           "（提示：是否应为“printed_by”？）" in result.stderr


def test_check_table_in_chinese(chinese):
    result = run("check", EXAMPLE, SUMMARIES, "--jobs", "1")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0] == ("应于2006-11-18前报送总结的单位共10个：按时1个，逾期1个，日期不明0个，"
                        "未报送8个，无法读取0个")
    assert "  ××电业局客户服务中心    未报送                        —（满分100分）" in lines
    assert any(line.startswith("  ××电业局调度所          按时（2006-11-15）") and
               "50分（满分50分）" in line for line in lines)
    assert "  未涉及：—" in lines and "  判定依据：提示词6条，数据1条" in lines
    assert lines[-2] == ("共检查总结2份：完整1份，有条款需补充或修改1份，无法读取0份，被替代0份，"
                         "跳过文件0个")
    assert lines[-1].startswith("得分：已覆盖的条款计全部标准分，部分覆盖的计一半")


def test_check_campaign_forgotten_in_chinese(chinese):
    result = run("check", SUMMARIES)
    assert result.exit_code == 2
    assert result.stderr.endswith(
        f"错误：第一个参数应为活动文件（campaign.yaml 或其所在文件夹），其后是自查自评总结；"
        f"现在只给出了“{SUMMARIES}”\n")


def test_lint_findings_in_chinese(chinese, tmp_path):
    from test_lint import seed_notice
    path = tmp_path / "seed.docx"
    seed_notice(path)
    date = next(f for f in lint_file(path) if f.rule == "DATE-CHINESE")
    assert str(date) == (f"{path}:段8: 错误：日期用汉字数字书写，这是已废止的写法"
                         "［DATE-CHINESE，GB/T 9704 7.3.5.4］“二○○六年十一月十四日”"
                         "（提示：请用阿拉伯数字书写日期：2026年11月14日）")
    sums = [f.excerpt for f in lint_file(path) if f.rule == "RUBRIC-SUM"]
    assert "表1：3、规范服务行为写明30分，其分值相加为7" in sums
    result = run("lint", path)
    assert result.exit_code == 1
    assert re.fullmatch(r"1个文件：\d+个错误，\d+个警告", result.stdout.splitlines()[-1])


def test_click_missing_argument_in_chinese(chinese):
    result = run("validate")
    assert result.exit_code == 2
    assert result.stderr == ("用法: noticegen validate [OPTIONS] CAMPAIGN\n"
                             "运行“noticegen validate --help”查看帮助。\n\n"
                             "错误：缺少参数 'CAMPAIGN'.\n")


def test_click_unknown_option_and_choice_in_chinese(chinese):
    assert "错误：没有选项 '--nope'。" in run("validate", "--nope").stderr
    choice = run("check", EXAMPLE, SUMMARIES, "--format", "csv").stderr
    assert "错误：'--format' 的值无效：'csv' 不是 " in choice and choice.endswith(" 之一。\n")


def test_help_in_chinese(chinese):
    result = run("--help")
    assert result.exit_code == 0
    out = result.stdout
    assert out.startswith("用法: noticegen [OPTIONS] COMMAND [ARGS]...\n\n"
                          "  生成并检查公文通知文件包（GB/T 9704-2012）。\n")
    assert "\n选项:\n" in out and "\n命令:\n" in out
    assert "显示本帮助并退出。" in out and "检查各单位的自查自评总结。" in out
    check = run("check", "--help").stdout
    assert "对照 CAMPAIGN 检查各单位的自查自评总结" in check and "使用的进程数" in check


def test_weekday_and_rollover_review_in_chinese(chinese, tmp_path):
    result = run("rollover", EXAMPLE, "--year", "2007", "-o", tmp_path / "2007.yaml")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"已写入 {tmp_path / '2007.yaml'}；请核对：\n")
    assert "  notice.date: 已顺延 2006-11-14 → 2007-11-13（星期二）" in result.stdout


@pytest.mark.parametrize("lang, odt, empty", [
    ("en", "unsupported file type “.odt” (hint: send the summary as .docx, .doc, .wps, .rtf, "
           ".pdf, .txt or a scan (.jpg, .png, .tif))",
     "the file is empty (hint: ask the unit to send it again)"),
    ("zh", "不支持的文件类型“.odt”（提示：请将总结以 .docx、.doc、.wps、.rtf、.pdf、.txt "
           "文件或扫描件（.jpg、.png、.tif）报送）",
     "文件是空的（提示：请该单位重新报送）"),
])
def test_summary_read_errors_in_both_languages(chinese, tmp_path, lang, odt, empty):
    (tmp_path / "调度所总结.odt").write_bytes(b"PK\x03\x04")
    (tmp_path / "计量所总结.txt").write_bytes(b"")
    result = run("--lang", lang, "check", EXAMPLE, tmp_path, "--jobs", "1")
    assert result.exit_code == 2
    error = "ERROR" if lang == "en" else "错误"
    assert f"{error} {tmp_path / '调度所总结.odt'}: {odt}" in result.output
    assert f"{error} {tmp_path / '计量所总结.txt'}: {empty}" in result.output


def test_check_help_names_every_summary_format(chinese):
    formats = ".docx、.doc、.wps、.rtf、.pdf，扫描件 .jpg/.png/.tif，.txt/.md"
    chinese_help = run("check", "--help").stdout
    assert "".join(formats.split()) in "".join(chinese_help.split())
    english = " ".join(run("--lang", "en", "check", "--help").stdout.split())
    assert "(.docx, .doc, .wps, .rtf, .pdf, scans .jpg/.png/.tif, .txt/.md)" in english


# -- English on request --------------------------------------------------------------------

def test_lang_en_before_or_after_the_command(chinese):
    expected = (f"{EXAMPLE}: valid — 3 categories, 10 items, 20 clauses, 100 points, "
                "10 units, 18 commitment rows\n")
    assert run("--lang", "en", "validate", EXAMPLE).stdout == expected
    assert run("validate", EXAMPLE, "--lang", "en").stdout == expected
    assert run("validate", "--lang=en", EXAMPLE).stdout == expected
    assert run("--lang", "en", "validate").stderr.endswith("Error: Missing argument 'CAMPAIGN'.\n")
    assert run("--lang", "en", "--help").stdout.startswith("Usage: noticegen [OPTIONS]")


def test_lang_zh_overrides_an_english_environment():
    assert run("--lang", "zh", "validate", EXAMPLE).stdout.startswith(f"{EXAMPLE}：校验通过")


@pytest.mark.parametrize("env, language", [
    ({"LANG": "en_US.UTF-8"}, "en"), ({"LC_ALL": "en_GB.UTF-8", "LANG": "zh_CN.UTF-8"}, "en"),
    ({"LANGUAGE": "en_US:en", "LANG": "zh_CN.UTF-8"}, "en"), ({"LANG": "zh_CN.UTF-8"}, "zh"),
    ({"LANG": "C"}, "zh"), ({"LC_ALL": "C.UTF-8"}, "zh"), ({}, "zh"),
])
def test_language_from_the_environment(env, language):
    assert i18n.language_from_env(env) == language


def test_lang_environment_in_a_fresh_process():
    english = cli("validate", SEED_ORIGINAL, LANG="en_US.UTF-8")
    assert "declares 30 points but its clauses add up to 7" in english.stderr
    assert english.stderr.endswith("1 problem found\n")
    chinese = cli("validate", SEED_ORIGINAL, LANG="C")
    assert chinese.stderr.endswith("发现1个问题\n")
    assert cli("--help", LANG="en_US.UTF-8").stdout.startswith("Usage: ")
    assert cli("--help").stdout.startswith("用法: ")


# -- the catalogs ---------------------------------------------------------------------------

def _po(domain):
    from babel.messages.pofile import read_po
    with open(LOCALE / f"{domain}.po", "rb") as handle:
        return read_po(handle)


def _fields(text):
    return Counter(re.findall(r"\{[^{}]*\}|%\(\w+\)s", text))


@pytest.mark.parametrize("domain", ["noticegen", "click"])
def test_compiled_catalog_matches_its_po(domain):
    catalog = _po(domain)
    with open(LOCALE / f"{domain}.mo", "rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    for message in catalog:
        if not message.id:
            continue
        if isinstance(message.id, tuple):
            assert compiled.ngettext(*message.id, 2) == message.string[0], message.id
        else:
            assert compiled.gettext(message.id) == message.string, message.id
    assert len(compiled._catalog) - 1 == sum(1 for m in catalog if m.id), \
        "run pybabel compile (README, “Translations”)"


@pytest.mark.parametrize("domain", ["noticegen", "click"])
def test_every_message_is_translated_with_the_same_fields(domain):
    for message in _po(domain):
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        assert all(strings) and not message.fuzzy, f"untranslated: {ids[0]!r}"
        assert all(_fields(s) == _fields(ids[-1]) for s in strings), ids[0]


def test_catalog_holds_every_message_of_the_source():
    from babel.messages.extract import extract_from_dir
    from babel.messages.frontend import parse_mapping_cfg
    sys.path.insert(0, str(ROOT))
    try:
        with open(ROOT / "babel.cfg", encoding="utf-8") as handle:
            method_map, options_map = parse_mapping_cfg(handle)
        keywords = {"_": None, "N_": None, "ngettext": (1, 2)}
        found = {(m[0] if isinstance(m, tuple) else m)
                 for _f, _l, m, _c, _x in extract_from_dir(ROOT, method_map, options_map,
                                                           keywords=keywords)}
    finally:
        sys.path.remove(str(ROOT))
    known = {m.id[0] if isinstance(m.id, tuple) else m.id for m in _po("noticegen") if m.id}
    assert "Usage:" not in found and len(found) > 500
    missing = sorted(found - known)
    assert not missing, f"not in noticegen.po (README, “Translations”): {missing[:5]}"


def test_click_messages_shown_by_the_commands_are_in_the_click_catalog():
    known = {m.id[0] if isinstance(m.id, tuple) else m.id for m in _po("click") if m.id}
    assert {"Usage:", "Options", "Commands", "Error: {message}", "Missing argument",
            "Show this message and exit.", "Try '{command} {option}' for help.",
            "No such option {name!r}.", "No such command {name!r}.",
            "Invalid value for {param_hint}: {message}", "{name} {filename!r} does not exist.",
            "{value!r} is not {choice}.", "Got unexpected extra argument ({args})"} <= known


# -- Chinese help fits the terminal ------------------------------------------------------------

def test_wrap_breaks_between_chinese_characters_and_keeps_closing_marks():
    text = "所有计入的总结均覆盖全部条款时退出码为 0，有条款未覆盖时为 1，有文件无法读取时为 2。"
    lines = i18n.wrap(text, 20, "  ", "    ")
    assert "".join(line.strip().replace(" ", "") for line in lines) == text.replace(" ", "")
    assert all(i18n.width(line) <= 20 for line in lines)
    assert not any(line.strip()[0] in "，。、）" for line in lines)
    assert i18n.wrap("a b\n\nc", 10) == ["a b", "", "c"]


def test_chinese_help_lines_fit_80_columns(chinese):
    for command in ([], ["check"], ["build"], ["lint"], ["rollover"], ["import"]):
        out = run(*command, "--help", env={"COLUMNS": "80"}).stdout
        assert max(i18n.width(line) for line in out.splitlines()) <= 80, command
