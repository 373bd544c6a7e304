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
        f"{SEED_ORIGINAL}:{line}：考核内容1.3 规范服务行为 标准分为30分，但其条款合计7分"
        "（提示：请修改该考核内容的分值或其条款的分值，使两者一致）\n"
        "发现1个问题\n")


def test_valid_campaign_in_chinese(chinese):
    result = run("validate", EXAMPLE)
    assert result.stdout == (f"{EXAMPLE}：校验通过——3个项目，10项考核内容，20条条款，100分，"
                             "10个执行单位，18行服务承诺\n")


def test_missing_file_in_chinese(chinese):
    result = run("validate", "nowhere/campaign.yaml")
    assert result.exit_code == 2
    assert result.stderr == "错误：nowhere/campaign.yaml：文件不存在（提示：请检查路径）\n"


def test_unknown_field_says_did_you_mean_in_chinese(chinese, broken):
    path, text = broken("  printed_by:", "  printed_bye:")
    result = run("validate", path)
    assert f"{path}:{line_of(text, 'printed_bye')}：“notice”中有未知字段“printed_bye”" \
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
    assert str(date) == (f"{path}:段8：错误：日期用汉字数字书写，这是已废止的写法"
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
    assert "  notice.date：已顺延 2006-11-14 → 2007-11-13（星期二）" in result.stdout
    assert ("  summaries.deadline：已顺延 2006-11-18 → 2007-11-17（星期六；注意：不是工作日（周末））"
            "（提示：可加 --dates workday 重新运行 rollover：保留月日，落在周末的日期顺延到周一："
            "2007-11-19（星期一））") in result.stdout
    assert "  第19行：注释中仍有二○○六：“成文日期（原文写作二○○六年十一月十四日）”" in result.stdout


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
    error, colon = ("ERROR ", ": ") if lang == "en" else ("错误：", "：")
    assert f"{error}{tmp_path / '调度所总结.odt'}{colon}{odt}" in result.output
    assert f"{error}{tmp_path / '计量所总结.txt'}{colon}{empty}" in result.output


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
    for command in ([], ["check"], ["build"], ["lint"], ["rollover"], ["import"], ["serve"],
                    ["users"], ["users", "add"]):
        out = run(*command, "--help", env={"COLUMNS": "80"}).stdout
        assert max(i18n.width(line) for line in out.splitlines()) <= 80, command


# -- the web commands, dates, damaged files, notes ----------------------------------------------

def test_web_commands_help_in_chinese(chinese):
    top = run("--help").stdout
    assert "  serve      运行网页应用。\n" in top and "  users      网页应用的部门账号。\n" in top
    serve = run("serve", "--help").stdout
    for text in ("运行网页应用：各单位在其中自查并提交总结", "存放数据库和上传文件的文件夹。", "监听的地址",
                 "监听的端口。", "数据库地址", "检查进程数", "允许登录 Cookie 经普通 HTTP 传送"):
        assert text in serve, text
    add = run("users", "add", "--help").stdout
    for text in ("新建部门账号 NAME", "“noticegen serve”的数据文件夹。", "viewer 可查看全部内容",
                 "密码，至少 10 个字符"):
        assert text in add, text
    english = re.compile(r"\b(?!HTTPS?\b|SQLite\b|Cookie\b)[A-Za-z]{2,}[a-z]* [a-z]{2,} [a-z]{2,}")
    for out in (serve, add, run("users", "--help").stdout):
        body = out.split("\n", 1)[1].replace("noticegen serve", "")      # after the usage line
        assert not english.search(body), english.search(body)


@pytest.mark.parametrize("written", ["2006-11-16", "2006/11/16", "2006.11.16", "2006年11月16日",
                                     "２００６年１１月１６日"])
def test_date_options_read_the_usual_ways_of_writing_a_date(written):
    from noticegen.cli import _Date
    import datetime as dt
    assert _Date().convert(written, None, None) == dt.date(2006, 11, 16)


@pytest.mark.parametrize("written", ["2006/13/01", "2006-02-30", "16.11.2006", "2006/11-16", "昨天"])
def test_a_bad_date_is_explained_in_chinese(chinese, written):
    result = run("check", EXAMPLE, SUMMARIES, "--feedback", "letters", "--date", written)
    assert result.exit_code == 2
    assert result.stderr.endswith(f"错误：'--date' 的值无效：“{written}”不是日期："
                                  "日期应写作 YYYY-MM-DD（如 2023-11-30）\n")
    assert "%Y" not in result.stderr
    assert "--date YYYY-MM-DD" in run("check", "--help").stdout


def _damaged(folder):
    import zipfile
    (folder / "renamed.docx").write_bytes(b"{\\rtf1 not a zip}")
    (folder / "cut.docx").write_bytes(b"PK\x03\x04 cut off")
    with zipfile.ZipFile(folder / "broken-xml.docx", "w") as archive:
        archive.writestr("word/document.xml", "<w:document><w:body></w:document>")
    return folder / "renamed.docx", folder / "cut.docx", folder / "broken-xml.docx"


def test_damaged_documents_are_explained_in_chinese_only(chinese, tmp_path):
    renamed, cut, xml = _damaged(tmp_path)
    result = run("lint", renamed, cut, xml)
    assert result.exit_code == 2
    hint = "（提示：请在 Word 中打开并重新保存为 .docx）"
    assert result.stderr.splitlines() == [
        f"错误：{renamed}：不是有效的 .docx 文件：内容不是 zip 压缩包（可能是其他格式的文件改成了 .docx "
        f"扩展名）{hint}",
        f"错误：{cut}：.docx 文件已损坏或不完整（可能没有完整复制或发送）{hint}",
        f"错误：{xml}：文档内部已损坏：其部件“word/document.xml”不是完整有效的 XML"
        "（提示：请在 Word 中打开并重新保存）"]
    table = run("check", EXAMPLE, tmp_path, "--unit", "调度所", "--jobs", "1").stdout
    assert f"错误：{renamed}：不是有效的 .docx 文件：内容不是 zip 压缩包" in table
    assert "File is not a zip file" not in table and "Bad magic" not in table


def test_debug_shows_the_reason_behind_a_damaged_document(chinese, tmp_path):
    renamed, _cut, _xml = _damaged(tmp_path)
    assert "File is not a zip file" in run("--debug", "lint", renamed).stderr
    assert "File is not a zip file" not in run("lint", renamed).stderr


def test_a_damaged_part_is_no_internal_error(tmp_path):
    import zipfile
    path = tmp_path / "a.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", "<a>" + "x" * 5000 + "</a>")
    data = bytearray(path.read_bytes())
    start = data.index(b"word/document.xml") + len("word/document.xml")
    for index in range(start + 5, start + 25):          # scramble the deflated data
        data[index] ^= 0x55
    path.write_bytes(bytes(data))
    result = run("lint", path)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {path}: part “word/document.xml” is damaged")


def test_no_cues_on_a_campaign_without_cue_phrases_says_so(chinese, tmp_path):
    import shutil
    labelled = ROOT / "tests" / "data" / "eval-dev"
    bare = tmp_path / "campaign.yaml"
    shutil.copy(EXAMPLE, bare)
    result = run("evaluate", bare, labelled, "--no-cues")
    assert result.exit_code == 0, result.output
    assert result.stderr == ("注意：该活动没有提示词（旁边没有对应到条款的 coverage.yaml），"
                             "--no-cues 不改变任何结果\n")
    assert result.stdout == run("evaluate", bare, labelled).stdout
    assert run("evaluate", EXAMPLE, labelled, "--no-cues").stderr == ""
