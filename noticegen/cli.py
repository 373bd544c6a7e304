"""The ``noticegen`` command line; the only module that imports click."""
from __future__ import annotations

import datetime as dt
import os
import re
import sys
import traceback
import unicodedata
from pathlib import Path

import click

from . import __version__
from . import i18n
from .errors import NoticegenError, ValidationError, printable
from .i18n import N_, _, ngettext


class _LazyModule:
    """A module imported on first use, so that ``--help`` starts without the libraries
    the commands need."""

    def __init__(self, name: str) -> None:
        self._name = name

    def __getattr__(self, attr: str):
        import importlib
        return getattr(importlib.import_module(self._name, __package__), attr)


api = _LazyModule(".api")


class _Translated:
    """Help texts are English msgids, shown in the interface language when asked for."""

    @property
    def help(self):
        return _(self._msgid) if self._msgid else self._msgid

    @help.setter
    def help(self, value) -> None:
        self._msgid = value


class _Option(_Translated, click.Option):
    @property
    def prompt(self):
        return _(self._prompt) if self._prompt else self._prompt

    @prompt.setter
    def prompt(self, value) -> None:
        self._prompt = value


class _Formatter(click.HelpFormatter):
    """Chinese help wrapped by display width: click counts characters and breaks only at
    spaces, which leaves Chinese lines twice too long."""

    def write_text(self, text: str) -> None:
        if i18n.language() != "zh":
            return super().write_text(text)
        indent = " " * self.current_indent
        self.write("\n".join(i18n.wrap(text, self.width, indent, indent)) + "\n")

    def write_dl(self, rows, col_max: int = 30, col_spacing: int = 2) -> None:
        if i18n.language() != "zh":
            return super().write_dl(rows, col_max, col_spacing)
        rows = list(rows)
        first_col = min(max((len(term) for term, _text in rows), default=0), col_max) + col_spacing
        pad = " " * (self.current_indent + first_col)
        for term, text in rows:
            self.write(" " * self.current_indent + term)
            lines = i18n.wrap(text, self.width, pad, pad) if text else [""]
            if len(term) <= first_col - col_spacing:
                self.write(" " * (first_col - len(term)) + lines[0][len(pad):] + "\n")
            else:
                self.write("\n" + lines[0] + "\n")
            for line in lines[1:]:
                self.write(line + "\n")


class _Context(click.Context):
    formatter_class = _Formatter


class _Command(_Translated, click.Command):
    context_class = _Context

    @property
    def short_help(self):
        return _(self._short) if self._short else self._short

    @short_help.setter
    def short_help(self, value) -> None:
        self._short = value

    def get_help_option(self, ctx: click.Context):
        option = super().get_help_option(ctx)
        if option is not None:  # cached by click: translate it for the language in use
            option.help = _click_text("Show this message and exit.")
        return option


def _click_text(message: str) -> str:
    import gettext
    return gettext.gettext(message)


def option(*decls, **attrs):
    """``click.option`` whose help text is translated when shown."""
    return click.option(*decls, cls=_Option, **attrs)


class _Date(click.ParamType):
    """A date written 2023-11-30, 2023/11/30, 2023.11.30 or 2023年11月30日 (full-width digits
    too); a ``datetime.date``."""

    name = "date"
    _FORMS = (re.compile(r"(\d{4})([-/.])(\d{1,2})\2(\d{1,2})"),
              re.compile(r"(\d{4})年()(\d{1,2})月(\d{1,2})日?"))

    def get_metavar(self, param: click.Parameter, ctx: click.Context) -> str:
        return "YYYY-MM-DD"

    def convert(self, value, param, ctx):
        if isinstance(value, dt.date):
            return value.date() if isinstance(value, dt.datetime) else value
        text = unicodedata.normalize("NFKC", str(value)).replace(" ", "")
        for form in self._FORMS:
            found = form.fullmatch(text)
            if found:
                try:
                    return dt.date(int(found[1]), int(found[3]), int(found[4]))
                except ValueError:
                    break
        self.fail(_("“{value}” is not a date: write it as YYYY-MM-DD (such as "
                    "2023-11-30)").format(value=value), param, ctx)


def _global(args: list[str], end: int) -> tuple[list[str], list[str]]:
    """Split ``--debug`` and ``--lang X`` off ``args`` wherever they stand before ``--``."""
    front, rest, i = [], [], 0
    while i < len(args):
        arg = args[i]
        if i < end and arg == "--debug":
            front.append(arg)
        elif i < end and arg == "--lang" and i + 1 < end:
            front += [arg, args[i + 1]]
            i += 1
        elif i < end and arg.startswith("--lang="):
            front.append(arg)
        else:
            rest.append(arg)
        i += 1
    return front, rest


def _language(front: list[str]) -> str | None:
    for i, arg in enumerate(front):
        value = arg.split("=", 1)[1] if arg.startswith("--lang=") else (
            front[i + 1] if arg == "--lang" else None)
        if value in i18n.LANGUAGES:
            return value
    return None


class _Group(_Command, click.Group):
    """Turns NoticegenErrors into one-line messages and exit codes (tracebacks with --debug);
    takes ``--debug`` and ``--lang`` after the command name too."""

    command_class = _Command
    group_class = type

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        end = args.index("--") if "--" in args else len(args)
        front, rest = _global(args, end)
        language = _language(front)
        if language or ctx.parent is None:     # a subgroup keeps the language chosen above it
            i18n.select(language)
        return super().parse_args(ctx, front + rest)

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except click.MissingParameter as exc:
            raise _missing(exc) from None
        except NoticegenError as exc:
            _report(exc, ctx)
            ctx.exit(exc.exit_code)
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException):
            raise
        except BrokenPipeError:  # the reader of our output went away (… | head): stop quietly
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            ctx.exit(0)
        except OSError as exc:  # the disk or the system refused: not a bug, say what and where
            if ctx.obj and ctx.obj.get("debug"):
                traceback.print_exc()
            reason = exc.strerror or str(exc)
            text = (_("error: {file}: {reason} (hint: check the path, its permissions and the "
                      "free disk space)").format(file=exc.filename, reason=reason)
                    if exc.filename else
                    _("error: {reason} (hint: check the path, its permissions and the free disk "
                      "space)").format(reason=reason))
            click.echo(printable(text), err=True)
            ctx.exit(2)
        except KeyboardInterrupt:
            click.echo(_("interrupted; nothing half-written was left behind"), err=True)
            ctx.exit(130)
        except Exception as exc:  # a bug, not a user error: say so plainly
            if ctx.obj and ctx.obj.get("debug"):
                traceback.print_exc()
            click.echo(_("internal error: {kind}: {reason} (run again with --debug for the "
                         "traceback)").format(kind=type(exc).__name__, reason=exc), err=True)
            ctx.exit(3)


def _missing(exc: click.MissingParameter) -> click.ClickException:
    """A command given its files but not the campaign first: say that the campaign comes first."""
    command = exc.ctx.command if exc.ctx else None
    names = [p.name for p in command.params if isinstance(p, click.Argument)] if command else []
    if exc.param is not None and exc.param.name == "paths" and names[:1] == ["campaign"]:
        given = Path(exc.ctx.params.get("campaign") or "")
        if given.suffix.lower() in (".yaml", ".yml") or (given / "campaign.yaml").is_file():
            return click.UsageError(_("no summaries given: name the summaries (files or folders) "
                                      "after the campaign “{campaign}”").format(campaign=given),
                                    ctx=exc.ctx)
        return click.UsageError(_("the first argument must be the campaign file (campaign.yaml "
                                  "or its folder), then the summaries; “{given}” alone was "
                                  "given").format(given=given), ctx=exc.ctx)
    return exc


def _report(exc: NoticegenError, ctx: click.Context) -> None:
    if ctx.obj and ctx.obj.get("debug"):
        traceback.print_exc()
    if isinstance(exc, ValidationError):
        click.echo(str(exc), err=True)
        count = len(exc.problems)
        click.echo(ngettext("{count} problem found", "{count} problems found", count).format(
            count=count), err=True)
    else:
        click.echo(_("error: {message}").format(message=exc), err=True)


def _version(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    if value and not ctx.resilient_parsing:
        click.echo(_("noticegen, version {version}").format(version=__version__))
        ctx.exit()


@click.group(cls=_Group, help=N_("Generate and check official notice packages (GB/T 9704-2012)."))
@option("--version", is_flag=True, expose_value=False, is_eager=True, callback=_version,
        help=N_("Show the version and exit."))
@option("--debug", is_flag=True, help=N_("Show tracebacks for errors."))
@option("--lang", type=click.Choice(i18n.LANGUAGES),
        help=N_("Language of messages: zh (default) or en; LANG=en_US.UTF-8 selects English too."))
@click.pass_context
def main(ctx: click.Context, debug: bool, lang: str | None) -> None:
    ctx.obj = {"debug": debug}


@main.command(short_help=N_("Check a campaign file."), help=N_(
    "Check a campaign file and report every problem with file:line.\n\n"
    "Exit 0 when valid, 1 when invalid, 2 when the file cannot be used at all."))
@click.argument("campaign", type=click.Path(path_type=Path))
def validate(campaign: Path) -> None:
    result = api.load_valid_campaign(campaign)
    click.echo(_("{file}: valid — {summary}").format(file=campaign, summary=api.describe(result)))


@main.command(short_help=N_("Write the notice package of each campaign."), help=N_(
    "Write the notice package of each CAMPAIGN (a campaign.yaml or a folder holding one).\n\n"
    "Each package holds 通知.docx (the notice with its attachments), 附件1-3.docx, one "
    "责任书/<unit>.docx per executing unit and manifest.json. Files that come out identical "
    "are left untouched. Exit 0 when every campaign was built, else the worst error's code."))
@click.argument("campaigns", nargs=-1, required=True, type=click.Path(path_type=Path))
@option("-o", "--output", "outdir", required=True, type=click.Path(path_type=Path),
        help=N_("Folder for the packages; each campaign gets its own sub-folder."))
@option("--template-dir", type=click.Path(path_type=Path, file_okay=False),
        help=N_("Use edited templates from this folder (see “templates export”)."))
@option("--pdf", "with_pdf", is_flag=True, help=N_("Also write PDFs through LibreOffice."))
@option("--force", is_flag=True, help=N_("Overwrite files the last build did not write."))
@click.pass_context
def build(ctx: click.Context, campaigns: tuple[Path, ...], outdir: Path,
          template_dir: Path | None, with_pdf: bool, force: bool) -> None:
    outcomes = []
    terminal = _terminal()
    show_bar = len(campaigns) > 1 and terminal
    line = _StatusLine() if terminal and with_pdf and not show_bar else None
    with click.progressbar(length=len(campaigns), label=_("building"), file=sys.stderr,
                           show_pos=True, hidden=not show_bar) as bar:
        for outcome in api.build_many(list(campaigns), outdir, template_dir,
                                      with_pdf=with_pdf, force=force, progress=line):
            outcomes.append(outcome)
            bar.update(1)
    if line:
        line.clear()
    failed = [o for o in outcomes if o.error]
    for outcome in outcomes:
        if outcome.error:
            if ctx.obj.get("debug") and outcome.error.__cause__ is not None:
                traceback.print_exception(outcome.error.__cause__)
            click.echo(_("error: {message}").format(message=outcome.error), err=True)
            continue
        _built(outcome.source, outcome.result)
    if failed:
        click.echo(_("{failed} of {total} campaigns failed").format(
            failed=len(failed), total=len(outcomes)), err=True)
        sys.exit(max(o.error.exit_code for o in failed))


def _built(source: Path, result) -> None:
    """Report one campaign's build: counts, changed files, stale PDFs."""
    counts = [_("{count} written").format(count=len(result.written)),
              _("{count} unchanged").format(count=len(result.unchanged))]
    if result.removed:
        counts.append(_("{count} removed").format(count=len(result.removed)))
    if result.pdfs:
        counts.append(_("{count} PDF").format(count=len(result.pdfs)))
    click.echo(_("{source} → {folder}: {counts}").format(
        source=source, folder=result.folder, counts=_(", ").join(counts)))
    if result.written and (result.unchanged or result.removed):
        for name in result.written:
            click.echo(_("  changed: {file}").format(file=name))
        for name in result.removed:
            click.echo(_("  removed: {file}").format(file=name))
    for name in result.stale_pdfs:
        click.echo(_("warning: {file} is older than its document and was edited since it was "
                     "written, so it was kept (hint: delete it or build with --pdf)").format(
                         file=result.folder / name), err=True)


@main.command("check", short_help=N_("Check units' self-evaluation summaries."), help=N_(
    "Check units' self-evaluation summaries (.docx, .doc, .wps, .rtf, .pdf, scans .jpg/.png/.tif, "
    ".txt/.md) against CAMPAIGN.\n\n"
    "First every unit that owes a summary: on time, late, not submitted or unreadable, with "
    "its estimated points. Then for each summary: its unit, every clause (by its printed "
    "number, ㈠1.⑴) covered / partial / negated (reports a shortfall) / missing with the "
    "evidence sentence, the commitment figures it reports against their standards, and "
    "whether it came before the deadline. Exit 0 when every summary that counts covers all "
    "its clauses, 1 when some clause is not covered, 2 when a file could not be read."))
@click.argument("campaign", type=click.Path(path_type=Path))
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@option("--unit", help=N_("Judge every summary as this unit's (name, short name or alias)."))
@option("--all-clauses", is_flag=True, help=N_("Judge every clause, not only the unit's own."))
@option("--format", "output_format", type=click.Choice(["table", "json"]), default="table",
        help=N_("Terminal table (default) or JSON on standard output."))
@option("--xlsx", "xlsx_path", type=click.Path(path_type=Path, dir_okay=False),
        help=N_("Also write the tracking sheet (units × clauses) to this .xlsx file."))
@option("--feedback", "feedback_dir", type=click.Path(path_type=Path, file_okay=False),
        help=N_("Also write one feedback letter (.docx) per unit into this folder."))
@option("--rules", "extra_rules", multiple=True, type=click.Path(path_type=Path, dir_okay=False),
        help=N_("Cue-phrase file to add to the campaign's own (coverage.yaml beside it)."))
@option("--pdf", "with_pdf", is_flag=True,
        help=N_("Also write the feedback letters as PDF (through LibreOffice)."))
@option("--date", "letter_date", type=_Date(),
        help=N_("成文日期 of the feedback letters, YYYY-MM-DD (2023/11/30, 2023.11.30 and "
                "2023年11月30日 are read too; default: the deadline, or the latest summary's "
                "date when later)."))
@option("--template-dir", type=click.Path(path_type=Path, file_okay=False),
        help=N_("Folder with an edited feedback.docx template."))
@option("--jobs", type=click.IntRange(1, 64), help=N_("Processes to use (default: all cores)."))
@option("--force", is_flag=True, help=N_("Replace existing report files."))
def check_command(campaign: Path, paths: tuple[Path, ...], unit: str | None, all_clauses: bool,
                  output_format: str, xlsx_path: Path | None, feedback_dir: Path | None,
                  extra_rules: tuple[Path, ...], with_pdf: bool, letter_date: dt.date | None,
                  template_dir: Path | None, jobs: int | None, force: bool) -> None:
    if with_pdf and not feedback_dir:
        raise click.UsageError(_("--pdf writes the feedback letters as PDF: give --feedback DIR "
                                 "too"))
    if with_pdf:
        api.require_libreoffice()
    model = api.load_valid_campaign(campaign)
    checker = api.checker(model, extra_rules=extra_rules, all_clauses=all_clauses, unit=unit)
    for warning in checker.rules.unbound:
        click.echo(_("warning: {message}").format(message=warning), err=True)
    files, skipped = api.select_summaries(checker, list(paths))
    results = _with_progress(api.check(checker, files, workers=jobs))
    report = api.build_report(model, results, skipped)
    to_err = output_format == "json"
    if output_format == "json":
        import json
        click.echo(json.dumps(api.report_data(report), ensure_ascii=False, indent=2))
    else:
        click.echo(api.render_table(report))
    sheet, letters = api.prepare_check_outputs(report, xlsx_path, feedback_dir, template_dir,
                                               letter_date, force)
    if xlsx_path:
        api.write_xlsx(report, xlsx_path, force, sources=extra_rules, sheet=sheet)
        click.echo(_("tracking sheet: {file}").format(file=xlsx_path), err=to_err)
    if feedback_dir:
        written = api.write_feedback(report, feedback_dir, template_dir, force,
                                     with_pdf=with_pdf, sources=extra_rules, letters=letters)
        click.echo(_("feedback letters: {count} in {folder}").format(
            count=len(written.letters), folder=feedback_dir), err=to_err)
        if written.pdfs:
            click.echo(_("PDF: {count} in {folder}").format(
                count=len(written.pdfs), folder=feedback_dir / "pdf"), err=to_err)
        for file in written.without_letter:
            click.echo(_("no letter for {file}: its unit was not recognised (check it with "
                         "--unit NAME)").format(file=file), err=True)
    counted = report.counted()
    bug = _(api.INTERNAL_ERROR)
    if any(r.status == api.ReadStatus.ERROR and (r.error or "").startswith(bug) for r in counted):
        sys.exit(3)
    if any(r.status == api.ReadStatus.ERROR for r in counted):
        sys.exit(2)
    if not all(r.complete for r in counted):
        sys.exit(1)


def _debugging() -> bool:
    """Whether ``--debug`` was given (tracebacks, with the causes of errors)."""
    context = click.get_current_context(silent=True)
    root = context.find_root() if context else None
    return bool(root and root.obj and root.obj.get("debug"))


def _terminal() -> bool:
    return sys.stderr.isatty()


class _StatusLine:
    """One line on standard error, rewritten in place: “building NAME: PDF 3/14”."""

    def __init__(self) -> None:
        self.width = 0

    def __call__(self, campaign: Path, done: int, total: int) -> None:
        text = _("building {campaign}: PDF {done}/{total}").format(
            campaign=campaign, done=done, total=total)
        click.echo("\r" + text.ljust(self.width), err=True, nl=False)
        self.width = max(self.width, len(text))

    def clear(self) -> None:
        if self.width:
            click.echo("\r" + " " * self.width + "\r", err=True, nl=False)


def _with_progress(stream) -> list:
    """Collect results, with a progress bar when standard error is a terminal."""
    with click.progressbar(stream, label=_("checking"), file=sys.stderr,
                           hidden=not sys.stderr.isatty()) as bar:
        return list(bar)


@main.command(short_help=N_("Measure the checker on a labelled folder."), help=N_(
    "Measure the checker on a labelled FOLDER (labels.json as in the eval-dev set).\n\n"
    "Prints precision, recall and F1 of addressed (covered or negated) against missing, "
    "the share of hard negatives accepted, negation recall and commitment-verdict accuracy."))
@click.argument("campaign", type=click.Path(path_type=Path))
@click.argument("folder", type=click.Path(path_type=Path, file_okay=False))
@option("--errors", is_flag=True, help=N_("Also list every disagreement with the labels."))
@option("--no-cues", is_flag=True, help=N_(
    "Judge every clause with the general matcher alone, leaving the campaign's cue phrases out "
    "(to see what the cue phrases add)."))
def evaluate(campaign: Path, folder: Path, errors: bool, no_cues: bool) -> None:
    model = api.load_valid_campaign(campaign)
    if no_cues and not api.has_cue_phrases(model):
        click.echo(_("note: the campaign has no cue phrases (no coverage.yaml beside it names a "
                     "clause), so --no-cues changes nothing"), err=True)
    checker = api.Checker(model, all_clauses=True, cue_phrases=not no_cues)
    result = api.evaluate(checker, folder)
    for line in result.lines():
        click.echo(line)
    if errors:
        for line in result.errors:
            click.echo(f"  {line}")


@main.command(short_help=N_("Check notice .docx files against GB/T 9704-2012."), help=N_(
    "Check notice .docx FILES against GB/T 9704-2012: page, fonts, 文号, dates, structure, "
    "punctuation, page numbers and rubric arithmetic.\n\n"
    "Exit 0 when no file has errors, 1 when some has, 2 when a file cannot be read."))
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@option("--format", "output_format", type=click.Choice(["text", "json"]), default="text",
        help=N_("One finding per line (default) or JSON."))
@option("--fix", is_flag=True, help=N_("Write a corrected copy (needs -o; one FILE only)."))
@option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False),
        help=N_("Where --fix writes the corrected copy."))
@option("--force", is_flag=True, help=N_("Let --fix replace an existing output file."))
def lint(files: tuple[Path, ...], output_format: str, fix: bool, output: Path | None,
         force: bool) -> None:
    if fix:
        if len(files) != 1 or output is None:
            raise click.UsageError(_("--fix takes one FILE and -o FIXED.docx"))
        for change in api.fix_docx(files[0], output, force=force):
            click.echo(str(change))
        files = (output,)
    worst = 0
    report = []
    for path in files:
        try:
            findings = api.lint_docx(path)
        except NoticegenError as exc:
            if _debugging():
                traceback.print_exception(exc)
            click.echo(_("error: {message}").format(message=exc), err=True)
            report.append({"file": str(path), "error": str(exc), "findings": []})
            worst = max(worst, exc.exit_code, 2)
            continue
        report.append({"file": str(path), "error": None,
                       "findings": [finding.__dict__ for finding in findings]})
        if output_format == "text":
            for finding in findings:
                click.echo(str(finding))
        if any(f.severity == "error" for f in findings):
            worst = max(worst, 1)
    if output_format == "json":
        import json
        click.echo(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        errors = sum(1 for r in report for f in r["findings"] if f["severity"] == "error")
        warnings = sum(1 for r in report for f in r["findings"] if f["severity"] == "warning")
        click.echo(_("{files} file(s): {errors} errors, {warnings} warnings").format(
            files=len(report), errors=errors, warnings=warnings))
    sys.exit(worst)


@main.command("rollover", short_help=N_("Write a copy of a campaign for another year."), help=N_(
    "Write a copy of CAMPAIGN for another year, comments and layout kept, and list what a "
    "person must review (the 文号 serial, moved dates, years in free text, people)."))
@click.argument("campaign", type=click.Path(path_type=Path))
@option("--year", type=int, required=True, help=N_("The year to move the campaign to."))
@option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), required=True,
        help=N_("The new campaign file (never the input)."))
@option("--serial", type=click.IntRange(1), help=N_("The new 文号 serial."))
@option("--dates", "policy", type=click.Choice(["weekday", "workday"]), default="weekday",
        help=N_("Moved dates keep their weekday (default), or keep month and day and skip "
                "weekends."))
@option("--force", is_flag=True, help=N_("Replace an existing output file."))
def rollover_command(campaign: Path, year: int, output: Path, serial: int | None, policy: str,
                     force: bool) -> None:
    reviews = api.rollover(campaign, output, year, serial=serial, policy=policy, force=force)
    click.echo(_("wrote {file}; review:").format(file=output))
    for review in reviews:
        click.echo(f"  {review}")


@main.command("diff", short_help=N_("Show what changed between two campaigns."), help=N_(
    "Show what changed from campaign OLD to NEW: clauses added, removed, moved or reworded "
    "(with their similarity), scores, departments and units, people, commitment rows."))
@click.argument("old", type=click.Path(path_type=Path))
@click.argument("new", type=click.Path(path_type=Path))
@option("--docx", type=click.Path(path_type=Path, dir_okay=False),
        help=N_("Also write a Word report with the changes marked up."))
@option("--force", is_flag=True, help=N_("Replace an existing report."))
def diff_command(old: Path, new: Path, docx: Path | None, force: bool) -> None:
    from .campaign.diff import SECTIONS
    changes = api.diff(old, new, docx, force)
    for section, title in SECTIONS:
        items = [c for c in changes if c.section == section]
        if items:
            click.echo(_("{section}:").format(section=title))
            for change in items:
                click.echo(f"  {change}")
    click.echo(ngettext("{count} change", "{count} changes", len(changes)).format(
        count=len(changes)))
    if docx:
        click.echo(_("wrote {file} (the changes as tracked insertions and deletions)").format(
            file=docx))


@main.command("import", short_help=N_("Make a campaign file from a notice or a rubric sheet."),
              help=N_(
    "Make a campaign file from last year's notice .docx (its 附件 rubric, roster and "
    "commitment table, 文号, title, dates, 主送; units from the letters beside it) or from an "
    ".xlsx rubric sheet. Lists what could not be mapped, with its location."))
@click.argument("source", type=click.Path(path_type=Path, dir_okay=False))
@option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), required=True,
        help=N_("The campaign file to write."))
@option("--letters", type=click.Path(path_type=Path, file_okay=False),
        help=N_("Folder of the unit letters (default: 责任书/ beside the notice)."))
@option("--force", is_flag=True, help=N_("Replace an existing output file."))
def import_command(source: Path, output: Path, letters: Path | None, force: bool) -> None:
    notes = api.import_campaign(source, output, letters, force)
    click.echo(_("wrote {file}").format(file=output))
    for note in notes:
        click.echo(_("  not mapped: {note}").format(note=note))


@main.group(short_help=N_("Cue phrases for one campaign."),
            help=N_("Cue phrases: an optional layer over the general matcher for one campaign."))
def rules() -> None:
    pass


@rules.command("suggest", short_help=N_("Propose cue phrases from summaries."), help=N_(
    "Propose cue phrases (plain words) for CAMPAIGN's clauses from summaries in PATHS.\n\n"
    "Pairs of words that occur together in the sentences reporting a clause (the labels' "
    "evidence, or the checker's own covered verdicts) and seldom elsewhere. Review the file, "
    "delete what is wrong, keep it as coverage.yaml beside the campaign."))
@click.argument("campaign", type=click.Path(path_type=Path))
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), required=True,
        help=N_("The cue-phrase file to write (e.g. coverage.yaml beside the campaign)."))
@option("--labels", type=click.Path(path_type=Path, dir_okay=False),
        help=N_("A labels.json whose evidence quotes say which sentences report each clause."))
@option("--force", is_flag=True, help=N_("Replace an existing output file."))
def rules_suggest(campaign: Path, paths: tuple[Path, ...], output: Path, labels: Path | None,
                  force: bool) -> None:
    count = api.suggest_rules(api.load_valid_campaign(campaign), list(paths), output, labels=labels,
                              force=force)
    click.echo(_("{count} clauses with suggested cue phrases: {file}").format(
        count=count, file=output))


@main.group(short_help=N_("Work with the Word templates."),
            help=N_("Work with the Word templates the documents are made from."))
def templates() -> None:
    pass


@templates.command("export", help=N_(
    "Copy the bundled templates into FOLDER to edit in Word/WPS; use them with "
    "“build --template-dir FOLDER”."))
@click.argument("folder", type=click.Path(path_type=Path, file_okay=False))
@option("--force", is_flag=True, help=N_("Overwrite templates already in FOLDER."))
def templates_export(folder: Path, force: bool) -> None:
    for path in api.export_templates(folder, force=force):
        click.echo(str(path))


def _web(module: str):
    """A module of noticegen.web; a clear message when the ``web`` extra is not installed."""
    import importlib
    try:
        return importlib.import_module(f".web.{module}", __package__)
    except ImportError as exc:
        raise NoticegenError(_("the web application needs libraries that are not installed "
                               "({name})").format(name=exc.name),
                             hint="pip install 'noticegen[web]'") from None


@main.command("serve", short_help=N_("Run the web application."), help=N_(
    "Run the web application where units check and hand in their summaries and the department "
    "follows them (open the address shown in a browser; stop with Ctrl+C)."))
@option("--data", "data", type=click.Path(path_type=Path, file_okay=False),
        default="noticegen-data", show_default=True,
        help=N_("Folder for the database and the uploaded files."))
@option("--host", default="127.0.0.1", show_default=True,
        help=N_("Address to listen on (0.0.0.0 for every network interface)."))
@option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True,
        help=N_("Port to listen on."))
@option("--database", help=N_("Database URL (postgresql://user:pass@host/db); default: SQLite "
                              "in the data folder, or NOTICEGEN_DATABASE_URL."))
@option("--workers", type=click.IntRange(1, 64),
        help=N_("Checking processes (default: all cores)."))
@option("--plain-http", is_flag=True, help=N_(
    "Let the login cookie travel over plain HTTP (an intranet without HTTPS); by default it "
    "is sent over HTTPS only."))
def serve_command(data: Path, host: str, port: int, database: str | None, workers: int | None,
                  plain_http: bool) -> None:
    click.echo(_("noticegen serve: http://{host}:{port}/  (data: {folder})").format(
        host=host, port=port, folder=data), err=True)
    _web("serve").serve(data, host, port, database=database, workers=workers,
                        secure_cookies=not plain_http)


@main.group(short_help=N_("Department accounts of the web application."),
            help=N_("Department accounts of the web application (units need none: they use "
                    "the links the department hands out)."))
def users() -> None:
    pass


@users.command("add", short_help=N_("Create a department account."), help=N_(
    "Create the department account NAME; the password is asked for twice when --password is "
    "not given."))
@click.argument("name")
@option("--data", "data", type=click.Path(path_type=Path, file_okay=False),
        default="noticegen-data", show_default=True,
        help=N_("The data folder of “noticegen serve”."))
@option("--database", help=N_("Database URL, as for “noticegen serve”."))
@option("--role", type=click.Choice(["admin", "viewer"]), default="viewer", show_default=True,
        help=N_("viewer sees everything; admin also loads campaigns and overrides "
                "verdicts."))
@option("--password", prompt=N_("Password"), hide_input=True, confirmation_prompt=True,
        help=N_("The password, at least 10 characters (asked for when not given)."))
def users_add(name: str, data: Path, database: str | None, role: str, password: str) -> None:
    _web("users").add_user(data, name, password, role, database)
    click.echo(_("user {name} ({role}) created").format(name=name, role=role))


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
