"""The terminal report: the roster of units first, then one block per summary."""
from __future__ import annotations

from typing import Optional

from ..check.coverage import BY_CUES, BY_FIGURES, BY_GENERAL, MISSING, NEGATED, PARTIAL
from ..check.roster import (DATE_UNKNOWN, LATE, NOT_SUBMITTED, ON_TIME, UNREADABLE, Report,
                            RosterEntry, as_report)
from ..check.runner import SummaryResult
from ..check.status import DateSource, DeadlineStatus, ReadStatus
from ..errors import printable
from ..i18n import N_, _
from ..render.context import printed_clauses
from ..chinese import display_width
from .labels import clause_scores, points_text, short_text

DEADLINE_WORDS = {DeadlineStatus.ON_TIME: N_("on time"), DeadlineStatus.LATE: N_("LATE"),
                  DeadlineStatus.UNKNOWN: N_("date unknown")}
ROSTER_WORDS = {ON_TIME: N_("on "
                            "time"), LATE: N_("LATE"), DATE_UNKNOWN: N_("submitted, date unknown"),
                NOT_SUBMITTED: N_("not submitted"), UNREADABLE: N_("unreadable")}
DECIDED_BY = {BY_GENERAL: N_("general matcher"), BY_CUES: N_("cue phrases"),
              BY_FIGURES: N_("figures")}
SECTIONS = ((MISSING, N_("missing")), (NEGATED, N_("shortfall")), (PARTIAL, N_("partial")))


def _decided_by(result: SummaryResult) -> str:
    counts = {}
    for clause in result.clauses:
        counts[clause.source] = counts.get(clause.source, 0) + 1
    return _(", ").join(_("{matcher} {count}").format(matcher=_(DECIDED_BY[k]), count=n)
                        for k, n in sorted(counts.items()))


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - round(display_width(text) * 2))


def _roster_line(entry: RosterEntry, name_width: int) -> str:
    summary = entry.summary
    status = _(ROSTER_WORDS[entry.status])
    readable = summary is not None and summary.status == ReadStatus.OK
    if readable and summary.deadline and summary.deadline.date:
        status = _dated(status, summary.deadline)
    line = f"  {_pad(entry.unit.name, name_width)}  {_pad(status, 30)}"
    if readable:
        line += _("{points} of {total} points").format(points=points_text(summary.points),
                                                      total=points_text(entry.max_points))
    else:
        line += _("— of {total} points").format(total=points_text(entry.max_points))
    if summary is not None:
        line += f"  {summary.file}"
    return line.rstrip()


def _dated(word: str, deadline) -> str:
    """“on time (2006-11-17)”, with “file time” when the date is the file's."""
    if deadline.source == DateSource.FILE:
        return _("{status} ({date}, file time)").format(status=word,
                                                       date=deadline.date.isoformat())
    return _("{status} ({date})").format(status=word, date=deadline.date.isoformat())


def render_roster(report: Report) -> list[str]:
    """Every unit that owes a summary with its status; duplicates, strays and skipped files."""
    counts = {key: sum(1 for e in report.roster if e.status == key) for key in ROSTER_WORDS}
    lines = [_("units owing a summary by {deadline}: {total} — {on_time} on time, {late} late, "
             "{unknown} date unknown, {missing} not submitted, {unreadable} unreadable").format(
                 deadline=report.campaign.deadline.isoformat(), total=len(report.roster),
                 on_time=counts[ON_TIME], late=counts[LATE], unknown=counts[DATE_UNKNOWN],
                 missing=counts[NOT_SUBMITTED], unreadable=counts[UNREADABLE])]
    width = max((round(display_width(e.unit.name) * 2) for e in report.roster), default=0)
    for entry in report.roster:
        lines.append(_roster_line(entry, width))
        for other in entry.others:
            lines.append(_("      also from this unit, not counted: {file}").format(
                file=other.file))
    for summary in report.unrecognised:
        if summary.unit is None and summary.status == ReadStatus.ERROR:
            lines.append(_("  unreadable, from no unit its name names: {file}").format(
                file=summary.file))
        elif summary.unit is None:
            lines.append(_("  unit not recognised (name it with --unit): {file}").format(
                file=summary.file))
        else:
            lines.append(_("  {unit} owes no summary in this campaign: {file}").format(
                unit=summary.unit, file=summary.file))
    for skipped in report.skipped:
        lines.append(_("  skipped {file}: {reason}").format(file=skipped.file,
                                                           reason=skipped.reason))
    return lines


def _clause_lines(result: SummaryResult, printed: dict, scores: dict) -> list[str]:
    """Each clause missing, a shortfall or partial: its printed number, the start of its text
    and its 标准分."""
    lines = []
    for status, label in SECTIONS:
        found = [c for c in result.clauses if c.status == status]
        if not found:
            lines.append(_("  {label}: —").format(label=_(label)))
            continue
        lines.append(_("  {label} ({count}):").format(label=_(label), count=len(found)))
        for clause in found:
            shown = printed.get(clause.id, {"number": clause.id, "text": ""})
            text = f"    {shown['number']} {short_text(shown['text'], 24)}"
            if clause.id in scores:
                text = _("{clause} ({points} points)").format(
                    clause=text, points=points_text(scores[clause.id]))
            lines.append(text)
    return lines


def _figure_lines(result: SummaryResult) -> list[str]:
    """The figures below standard, each with its row of 附件3 and its standard."""
    failing = [m for m in result.figures if not m.meets_standard]
    if not failing:
        return [_("  figures below standard: {figures}").format(figures="—")]
    lines = [_("  figures below standard ({count}):").format(count=len(failing))]
    for m in failing:
        lines.append("    " + _("{name} (附件3 row {row}) {value}, standard: {standard}").format(
            name=m.name, row=m.row, value=m.value, standard=m.standard))
    return lines


def _summary_block(result: SummaryResult, printed: dict, scores: dict,
                   superseded_by: Optional[SummaryResult]) -> list[str]:
    if result.status == ReadStatus.ERROR:
        return [_("ERROR {message}").format(message=result.error)]
    deadline = result.deadline
    when = _(DEADLINE_WORDS[deadline.status])
    if deadline.date:
        when = _dated(when, deadline)
    lines = [_("{file}: {unit} — coverage {coverage:.0%}, {points} of {total} points, "
               "{when}").format(
        file=result.file, unit=result.unit or _("unit not recognised"), coverage=result.coverage,
        points=points_text(result.points), total=points_text(result.max_points), when=when)]
    if superseded_by is not None:
        lines.append(_("  not counted: a later summary from this unit counts ({file})").format(
            file=superseded_by.file))
    lines += _clause_lines(result, printed, scores)
    lines += _figure_lines(result)
    lines.append(_("  decided by: {matchers}").format(matchers=_decided_by(result) or "—"))
    return lines


def render_table(report: Report, results: Optional[list[SummaryResult]] = None) -> str:
    """The roster block, one block per summary, and a closing count."""
    report = as_report(report, results)
    printed = printed_clauses(report.campaign)
    scores = clause_scores(report.campaign)
    lines = render_roster(report)
    for result in report.summaries:
        lines.append("")
        lines += _summary_block(result, printed, scores, report.superseded_by(result))
    counted = report.counted()
    ok = sum(1 for r in counted if r.complete)
    errors = sum(1 for r in counted if r.status == ReadStatus.ERROR)
    lines.append("")
    lines.append(_("{count} summaries checked: {ok} complete, {todo} with clauses to add or fix, "
                 "{errors} unreadable, {superseded} superseded, {skipped} files skipped").format(
                     count=len(report.summaries), ok=ok, todo=len(counted) - ok - errors,
                     errors=errors, superseded=len(report.summaries) - len(counted),
                     skipped=len(report.skipped)))
    lines.append(_("points: covered clauses earn their full 标准分, partial ones half, "
                   "shortfalls and missing ones none (an estimate, not the assessors' score)"))
    return printable("\n".join(lines))
