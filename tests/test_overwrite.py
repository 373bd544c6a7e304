"""One overwrite policy for every command that writes a file: a file noticegen recorded
writing and unchanged since is replaced, an identical one is left alone, any other is
refused (named) unless --force is given."""
from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from noticegen.cli import main
from noticegen.output import RECORD, name_key, unique_name, write_file

from conftest import EXAMPLE, REFUSED

SUMMARIES = EXAMPLE.parent / "summaries"
SUMMARY = SUMMARIES / "调度所自查总结.txt"


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture(scope="module")
def notice(tmp_path_factory):
    out = tmp_path_factory.mktemp("package")
    assert run("build", EXAMPLE, "-o", out).exit_code == 0
    return out / "mengdian-2006" / "通知.docx"


# command → (its arguments writing into ``out``, the file it writes, exit codes of success)
COMMANDS = {
    "build": lambda out, notice: (["build", EXAMPLE, "-o", out], out / "mengdian-2006" / "通知.docx",
                                  (0,)),
    "check --xlsx": lambda out, notice: (["check", EXAMPLE, SUMMARY, "--xlsx", out / "t.xlsx"],
                                         out / "t.xlsx", (0, 1)),
    "check --feedback": lambda out, notice: (["check", EXAMPLE, SUMMARY, "--feedback", out],
                                             out / "××电业局调度所-反馈.docx", (0, 1)),
    "lint --fix": lambda out, notice: (["lint", notice, "--fix", "-o", out / "fixed.docx"],
                                       out / "fixed.docx", (0, 1)),
    "import": lambda out, notice: (["import", notice, "-o", out / "c.yaml"], out / "c.yaml", (0,)),
    "rollover": lambda out, notice: (["rollover", EXAMPLE, "--year", 2007, "-o", out / "c.yaml"],
                                     out / "c.yaml", (0,)),
    "diff --docx": lambda out, notice: (["diff", EXAMPLE, EXAMPLE, "--docx", out / "d.docx"],
                                        out / "d.docx", (0,)),
    "rules suggest": lambda out, notice: (["rules", "suggest", EXAMPLE, SUMMARIES, "-o",
                                           out / "s.yaml"], out / "s.yaml", (0,)),
    "templates export": lambda out, notice: (["templates", "export", out], out / "notice.docx",
                                             (0,)),
}


def _record(target: Path, data: bytes) -> None:
    """Write ``data`` to ``target`` as if an earlier run had written it (recorded)."""
    target.write_bytes(data)
    digest = hashlib.sha256(data).hexdigest()
    for folder, name in [(f, n) for f in (target.parent, target.parent.parent)
                         for n in ("manifest.json", "feedback-manifest.json")]:
        manifest = folder / name
        rel = target.relative_to(folder).as_posix()
        if manifest.exists():
            content = json.loads(manifest.read_text(encoding="utf-8"))
            if rel in content.get("outputs", {}):
                content["outputs"][rel] = digest
                if "campaign" in content:              # a build of an earlier campaign
                    content["campaign"]["sha256"] = "0" * 64
                manifest.write_text(json.dumps(content), encoding="utf-8")
                return
    record = target.parent / RECORD
    content = json.loads(record.read_text(encoding="utf-8"))
    assert target.name in content["files"]
    content["files"][target.name] = digest
    record.write_text(json.dumps(content), encoding="utf-8")


@pytest.mark.parametrize("command", COMMANDS)
def test_overwrite_policy(command, tmp_path, notice):
    args, target, ok = COMMANDS[command](tmp_path / "out", notice)
    first = run(*args)
    assert first.exit_code in ok, first.output
    fresh = target.read_bytes()

    before = os.stat(target)
    identical = run(*args)                                   # identical: left alone
    assert identical.exit_code in ok, identical.output
    after = os.stat(target)
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)

    _record(target, b"what an earlier run wrote")            # recorded and unchanged: replaced
    replaced = run(*args)
    assert replaced.exit_code in ok, replaced.output
    assert target.read_bytes() == fresh

    target.write_bytes(b"edited by hand")                    # anything else: refused, named
    refused = run(*args)
    assert refused.exit_code == 2
    name = target.relative_to(tmp_path / "out" / "mengdian-2006").as_posix() \
        if command == "build" else target.name
    assert REFUSED.format(name=name) in refused.stderr.replace("\n", " ")
    assert target.read_bytes() == b"edited by hand"

    forced = run(*args, "--force")                           # --force replaces it
    assert forced.exit_code in ok, forced.output
    assert target.read_bytes() == fresh


def test_a_file_that_is_no_record_of_ours_is_left_alone(tmp_path):
    (tmp_path / RECORD).write_text("my notes", encoding="utf-8")
    assert write_file(tmp_path / "a.txt", b"one") is True
    assert (tmp_path / RECORD).read_text(encoding="utf-8") == "my notes"
    (tmp_path / "a.txt").write_bytes(b"two")                # not recorded: needs --force
    with pytest.raises(Exception, match="would replace 1 file"):
        write_file(tmp_path / "a.txt", b"one")
    assert write_file(tmp_path / "a.txt", b"one", force=True) is True


def test_an_input_is_never_replaced_even_with_force(tmp_path):
    source = tmp_path / "c.yaml"
    source.write_bytes(EXAMPLE.read_bytes())
    result = run("rollover", source, "--year", 2007, "-o", source, "--force")
    assert result.exit_code == 2 and "never overwrites its input" in result.stderr
    assert source.read_bytes() == EXAMPLE.read_bytes()


def test_unique_names_ignore_case_and_width():
    assert name_key("ＡＢ供电所") == name_key("ab供电所") == name_key("Ab供电所")
    used: set[str] = set()
    names = [unique_name(n, used, ".docx") for n in ("Ab供电所", "ab供电所", "ＡＢ供电所", "Ab供电所-2")]
    assert names == ["Ab供电所.docx", "ab供电所-2.docx", "ＡＢ供电所-3.docx", "Ab供电所-2-2.docx"]
    assert len({name_key(n) for n in names}) == 4


def test_letters_of_units_differing_only_in_case_or_width_do_not_collide(tmp_path, example_text):
    text = example_text.replace("××电业局调度所", "××电业局ＡＢ所").replace(
        "××电业局计量所", "××电业局ab所")
    assert text != example_text
    source = tmp_path / "campaign.yaml"
    source.write_text(text, encoding="utf-8")
    from noticegen.campaign import load_valid_campaign
    from noticegen.render.package import letter_names
    names = list(letter_names(load_valid_campaign(source)).values())
    assert len({name_key(n) for n in names}) == len(names)
    assert {"责任书/××电业局ＡＢ所.docx", "责任书/××电业局ab所-2.docx"} <= set(names) or \
        {"责任书/××电业局ab所.docx", "责任书/××电业局ＡＢ所-2.docx"} <= set(names)


def test_diff_never_writes_its_report_over_a_campaign_it_compares(tmp_path):
    source = tmp_path / "c.yaml"
    source.write_bytes(EXAMPLE.read_bytes())
    result = run("diff", EXAMPLE, source, "--docx", source, "--force")
    assert result.exit_code == 2 and "the output would replace the input file" in result.stderr
    assert source.read_bytes() == EXAMPLE.read_bytes()


def test_check_and_rules_suggest_never_write_over_their_inputs_even_with_force(tmp_path):
    folder = tmp_path / "summaries"
    folder.mkdir()
    summary = folder / SUMMARY.name
    summary.write_bytes(SUMMARY.read_bytes())
    campaign = tmp_path / "campaign.yaml"
    campaign.write_bytes(EXAMPLE.read_bytes())
    for args in (["check", campaign, folder, "--xlsx", summary, "--force"],
                 ["check", campaign, folder, "--xlsx", campaign, "--force"],
                 ["rules", "suggest", campaign, folder, "-o", summary, "--force"]):
        result = run(*args)
        assert result.exit_code == 2 and "would replace the input file" in result.stderr, args
    assert summary.read_bytes() == SUMMARY.read_bytes()
    assert campaign.read_bytes() == EXAMPLE.read_bytes()


def test_noticegens_own_records_are_no_output_names(tmp_path):
    for name in (RECORD, "manifest.json", "MANIFEST.json"):
        result = run("rules", "suggest", EXAMPLE, SUMMARIES, "-o", tmp_path / name)
        assert result.exit_code == 2 and "own record" in result.stderr, name
        assert not (tmp_path / name).exists()


def test_a_build_and_the_feedback_letters_share_a_folder_without_removing_each_other(tmp_path):
    out = tmp_path / "out"
    assert run("build", EXAMPLE, "-o", out).exit_code == 0
    package = out / "mengdian-2006"
    assert run("check", EXAMPLE, SUMMARIES, "--feedback", package).exit_code in (0, 1)
    letters = sorted(p.name for p in package.glob("*-反馈.docx"))
    assert len(letters) == 2
    result = run("build", EXAMPLE, "-o", out)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in package.glob("*-反馈.docx")) == letters
    assert json.loads((package / "manifest.json").read_text("utf-8"))["tool"] == "noticegen"


def test_the_letters_record_keeps_earlier_letters(tmp_path):
    letters = tmp_path / "letters"
    other = tmp_path / "one"
    other.mkdir()
    (other / SUMMARY.name).write_bytes(SUMMARY.read_bytes())
    assert run("check", EXAMPLE, SUMMARIES, "--feedback", letters).exit_code in (0, 1)
    assert run("check", EXAMPLE, other, "--feedback", letters).exit_code in (0, 1)
    result = run("check", EXAMPLE, SUMMARIES, "--feedback", letters, "--date", "2006-12-30")
    assert result.exit_code in (0, 1), result.output          # the first run's letter is ours


def test_a_subcommand_keeps_the_language_given_before_its_group(tmp_path, chinese):
    result = run("--lang", "en", "rules", "suggest", EXAMPLE, SUMMARIES, "-o", tmp_path / "s.yaml")
    assert result.exit_code == 0 and "clauses with suggested cue phrases" in result.stdout


def test_check_names_every_conflicting_output_at_once_and_writes_none(tmp_path):
    sheet, letters = tmp_path / "t.xlsx", tmp_path / "letters"
    assert run("check", EXAMPLE, SUMMARIES, "--xlsx", sheet, "--feedback", letters).exit_code == 1
    letter = next(letters.glob("*调度所-反馈.docx"))
    for path in (sheet, letter):
        path.write_bytes(path.read_bytes() + b"edited")
    result = run("check", EXAMPLE, SUMMARIES, "--xlsx", sheet, "--feedback", letters)
    assert result.exit_code == 2 and "would replace 2 file(s)" in result.stderr
    assert sheet.name in result.stderr and letter.name in result.stderr
    other = tmp_path / "t2.xlsx"
    result = run("check", EXAMPLE, SUMMARIES, "--xlsx", other, "--feedback", letters)
    assert result.exit_code == 2 and letter.name in result.stderr
    assert not other.exists()                      # nothing written when anything is refused
