"""rollover moves the dates written in the text and the 文号 in comments, and warns about
days off."""
from __future__ import annotations

import datetime as dt

from click.testing import CliRunner

from noticegen.campaign.workdays import describe, day_off
from noticegen.cli import main
from noticegen.render.build import build_many

from conftest import EXAMPLE


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_a_deadline_written_in_an_imported_body_moves_with_the_deadline(tmp_path):
    [built] = list(build_many([EXAMPLE], tmp_path / "out"))
    imported = tmp_path / "imported.yaml"
    assert run("import", built.result.folder / "通知.docx", "-o", imported).exit_code == 0
    assert "并于11月18日前" in imported.read_text(encoding="utf-8")
    target = tmp_path / "2007.yaml"
    result = run("rollover", imported, "--year", 2007, "-o", target)
    assert result.exit_code == 0, result.output
    text = target.read_text(encoding="utf-8")
    assert "并于11月17日前" in text and "11月18日" not in text
    assert "  notice.body[3]: date in the text moved 11月18日 → 11月17日: check it\n" in result.stdout


def test_a_date_in_the_body_that_is_no_campaign_date_is_flagged(broken, tmp_path):
    path, _ = broken("认真做好活动有关资料", "于12月5日前认真做好活动有关资料")
    result = run("rollover", path, "--year", 2007, "-o", tmp_path / "next.yaml")
    assert result.exit_code == 0, result.output
    assert "the text gives the date “12月5日”, which is none of the campaign's dates and was not " \
           "moved: check it" in result.stdout
    assert "12月5日" in (tmp_path / "next.yaml").read_text(encoding="utf-8")


def test_the_number_in_comments_follows_and_old_years_in_comments_are_listed(tmp_path):
    target = tmp_path / "next.yaml"
    result = run("rollover", EXAMPLE, "--year", 2007, "--serial", 3, "-o", target)
    assert result.exit_code == 0, result.output
    text = target.read_text(encoding="utf-8")
    assert "# → ×电党宣〔2007〕3号" in text and "〔2006〕" not in text
    assert "  line 1: a comment still names 2006: " in result.stdout


def test_moved_dates_on_weekends_and_holidays_are_warned_about(broken, tmp_path):
    path, text = broken("year: 2006, serial: 12", "year: 2023, serial: 12")
    text = (text.replace("  year: 2006\n", "  year: 2023\n", 1)
            .replace("date: 2006-11-14", "date: 2023-09-26", 1)
            .replace("printed_date: 2006-11-14", "printed_date: 2023-10-03")
            .replace("deadline: 2006-11-18", "deadline: 2023-10-14"))
    path.write_text(text, encoding="utf-8")
    assert run("validate", path).exit_code == 0, run("validate", path).output
    result = run("rollover", path, "--year", 2024, "-o", tmp_path / "next.yaml")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "  notice.date: moved 2023-09-26 → 2024-09-24 (Tuesday)\n" in out
    assert ("  notice.printed_date: moved 2023-10-03 → 2024-10-01 (Tuesday; warning: not a working "
            "day (public holiday: National Day)) (hint: set a working day by hand in the new "
            "file)\n") in out
    assert "  summaries.deadline: moved 2023-10-14 → 2024-10-12 (Saturday, a 调休 working day)\n" in out


def test_working_days():
    assert day_off(dt.date(2007, 11, 17)) == "weekend"
    assert day_off(dt.date(2024, 10, 12)) is None                    # 调休: a working Saturday
    assert day_off(dt.date(2024, 10, 4)) == "public holiday: National Day"
    assert day_off(dt.date(2024, 10, 8)) is None
    assert "not known yet" in day_off(dt.date(2099, 6, 6))          # a Saturday, no calendar yet
    assert describe(dt.date(2099, 6, 8)) == "Monday"


def test_the_people_to_check_are_counted_as_listed(tmp_path):
    result = run("rollover", EXAMPLE, "--year", 2007, "-o", tmp_path / "next.yaml")
    [line] = [l for l in result.stdout.splitlines() if l.startswith("  leadership: ")]
    listed = line.split(": ")[-1].split("、")
    assert f"check the {len(listed)} people of the leadership group and office" in line
    assert len(listed) == len(set(listed)) == 14 and "(刘×× in two posts or more)" in line


def test_comments_naming_the_old_dates_are_listed_wherever_they_stand(broken, tmp_path):
    path, text = broken("  deadline: 2006-11-18", "  deadline: 2006-11-18   # 原件为十一月十八日前报送")
    text = text.replace("\ncontact:", "\n# 去年11月18日截止\ncontact:", 1)
    path.write_text(text, encoding="utf-8")
    result = run("rollover", path, "--year", 2007, "-o", tmp_path / "next.yaml")
    assert result.exit_code == 0, result.output
    listed = {line.split(": ", 1)[0].strip(): line for line in result.stdout.splitlines()
              if ": a comment still names " in line}
    lines = (tmp_path / "next.yaml").read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines, start=1):
        stale = "二○○六" in line or "十一月十八日" in line or "11月18日" in line
        assert (f"line {number}" in listed) == (stale or "2006" in line.partition("#")[2]), line
    assert any("names 二○○六: “成文日期（原文写作二○○六年十一月十四日）”" in l for l in listed.values())
    assert any("names 十一月十八日: " in l for l in listed.values())
    assert any("names 11月18日: “去年11月18日截止”" in l for l in listed.values())


def test_a_weekend_deadline_suggests_the_workday_policy(tmp_path):
    result = run("rollover", EXAMPLE, "--year", 2007, "-o", tmp_path / "next.yaml")
    assert ("  summaries.deadline: moved 2006-11-18 → 2007-11-17 (Saturday; warning: not a working "
            "day (weekend)) (hint: run rollover again with --dates workday, which keeps month and "
            "day and moves a weekend date to the Monday: 2007-11-19 (Monday))\n") in result.stdout
    again = run("rollover", EXAMPLE, "--year", 2007, "-o", tmp_path / "again.yaml", "--dates", "workday")
    assert "  summaries.deadline: moved 2006-11-18 → 2007-11-19 (Monday)\n" in again.stdout
    assert "hint" not in again.stdout
