"""The ``noticegen`` command line; the only module that imports click."""
from __future__ import annotations

import sys
import traceback
from pathlib import Path

import click

from . import __version__
from .errors import NoticegenError, ValidationError, printable


class _LazyModule:
    """A module imported on first use, so that ``--help`` starts without the libraries
    the commands need."""

    def __init__(self, name: str) -> None:
        self._name = name

    def __getattr__(self, attr: str):
        import importlib
        return getattr(importlib.import_module(self._name, __package__), attr)


api = _LazyModule(".api")


class _Group(click.Group):
    """Turns NoticegenErrors into one-line messages and exit codes (tracebacks with --debug);
    takes ``--debug`` after the command name too."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        end = args.index("--") if "--" in args else len(args)
        if "--debug" in args[1:end]:
            args = ["--debug"] + [a for i, a in enumerate(args) if a != "--debug" or i >= end]
        return super().parse_args(ctx, args)

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
        except OSError as exc:  # the disk or the system refused: not a bug, say what and where
            if ctx.obj and ctx.obj.get("debug"):
                traceback.print_exc()
            where = f"{exc.filename}: " if exc.filename else ""
            click.echo(printable(f"error: {where}{exc.strerror or exc} (hint: check the path, "
                                 "its permissions and the free disk space)"), err=True)
            ctx.exit(2)
        except KeyboardInterrupt:
            click.echo("interrupted; nothing half-written was left behind", err=True)
            ctx.exit(130)
        except Exception as exc:  # a bug, not a user error: say so plainly
            if ctx.obj and ctx.obj.get("debug"):
                traceback.print_exc()
            click.echo(f"internal error: {type(exc).__name__}: {exc} "
                       "(run again with --debug for the traceback)", err=True)
            ctx.exit(3)


def _missing(exc: click.MissingParameter) -> click.ClickException:
    """A command given its files but not the campaign first: say that the campaign comes first."""
    command = exc.ctx.command if exc.ctx else None
    names = [p.name for p in command.params if isinstance(p, click.Argument)] if command else []
    if exc.param is not None and exc.param.name == "paths" and names[:1] == ["campaign"]:
        given = Path(exc.ctx.params.get("campaign") or "")
        if given.suffix.lower() in (".yaml", ".yml") or (given / "campaign.yaml").is_file():
            return click.UsageError(f"no summaries given: name the summaries (files or folders) "
                                    f"after the campaign “{given}”", ctx=exc.ctx)
        return click.UsageError(f"the first argument must be the campaign file (campaign.yaml or "
                                f"its folder), then the summaries; “{given}” alone was given",
                                ctx=exc.ctx)
    return exc


def _report(exc: NoticegenError, ctx: click.Context) -> None:
    if ctx.obj and ctx.obj.get("debug"):
        traceback.print_exc()
    click.echo(f"error: {exc}" if not isinstance(exc, ValidationError) else str(exc), err=True)
    if isinstance(exc, ValidationError):
        count = len(exc.problems)
        click.echo(f"{count} problem{'s' if count != 1 else ''} found", err=True)


@click.group(cls=_Group)
@click.version_option(__version__, prog_name="noticegen")
@click.option("--debug", is_flag=True, help="Show tracebacks for errors.")
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """Generate and check official notice packages (GB/T 9704-2012)."""
    ctx.obj = {"debug": debug}


@main.command()
@click.argument("campaign", type=click.Path(path_type=Path))
def validate(campaign: Path) -> None:
    """Check a campaign file and report every problem with file:line.

    Exit 0 when valid, 1 when invalid, 2 when the file cannot be used at all.
    """
    result = api.check_campaign(campaign)
    click.echo(f"{campaign}: valid — {api.describe(result)}")


@main.command()
@click.argument("campaigns", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", "outdir", required=True, type=click.Path(path_type=Path),
              help="Folder for the packages; each campaign gets its own sub-folder.")
@click.option("--template-dir", type=click.Path(path_type=Path, file_okay=False),
              help="Use edited templates from this folder (see “templates export”).")
@click.option("--pdf", "with_pdf", is_flag=True, help="Also write PDFs through LibreOffice.")
@click.option("--force", is_flag=True, help="Overwrite files the last build did not write.")
@click.pass_context
def build(ctx: click.Context, campaigns: tuple[Path, ...], outdir: Path,
          template_dir: Path | None, with_pdf: bool, force: bool) -> None:
    """Write the notice package of each CAMPAIGN (a campaign.yaml or a folder holding one).

    Each package holds 通知.docx (the notice with its attachments), 附件1-3.docx, one
    责任书/<unit>.docx per executing unit and manifest.json. Files that come out identical
    are left untouched. Exit 0 when every campaign was built, else the worst error's code.
    """
    outcomes = []
    terminal = _terminal()
    show_bar = len(campaigns) > 1 and terminal
    line = _StatusLine() if terminal and with_pdf and not show_bar else None
    with click.progressbar(length=len(campaigns), label="building", file=sys.stderr,
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
            click.echo(f"error: {outcome.error}", err=True)
            continue
        result = outcome.result
        counts = f"{len(result.written)} written, {len(result.unchanged)} unchanged"
        if result.removed:
            counts += f", {len(result.removed)} removed"
        if result.pdfs:
            counts += f", {len(result.pdfs)} PDF"
        click.echo(f"{outcome.source} → {result.folder}: {counts}")
        if result.written and (result.unchanged or result.removed):
            for name in result.written:
                click.echo(f"  changed: {name}")
            for name in result.removed:
                click.echo(f"  removed: {name}")
        for name in result.stale_pdfs:
            click.echo(f"warning: {result.folder / name} is older than its document and was edited "
                       "since it was written, so it was kept (hint: delete it or build with --pdf)",
                       err=True)
    if failed:
        click.echo(f"{len(failed)} of {len(outcomes)} campaigns failed", err=True)
        sys.exit(max(o.error.exit_code for o in failed))


@main.command("check")
@click.argument("campaign", type=click.Path(path_type=Path))
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--unit", help="Judge every summary as this unit's (name, short name or alias).")
@click.option("--all-clauses", is_flag=True, help="Judge every clause, not only the unit's own.")
@click.option("--format", "output_format", type=click.Choice(["table", "json"]), default="table",
              help="Terminal table (default) or JSON on standard output.")
@click.option("--xlsx", "xlsx_path", type=click.Path(path_type=Path, dir_okay=False),
              help="Also write the tracking sheet (units × clauses) to this .xlsx file.")
@click.option("--feedback", "feedback_dir", type=click.Path(path_type=Path, file_okay=False),
              help="Also write one feedback letter (.docx) per unit into this folder.")
@click.option("--rules", "extra_rules", multiple=True, type=click.Path(path_type=Path, dir_okay=False),
              help="Cue-phrase file to add to the campaign's own (coverage.yaml beside it).")
@click.option("--pdf", "with_pdf", is_flag=True,
              help="Also write the feedback letters as PDF (through LibreOffice).")
@click.option("--date", "letter_date", type=click.DateTime(["%Y-%m-%d"]),
              help="成文日期 of the feedback letters, YYYY-MM-DD (default: the deadline, or "
                   "the latest summary's date when later).")
@click.option("--template-dir", type=click.Path(path_type=Path, file_okay=False),
              help="Folder with an edited feedback.docx template.")
@click.option("--jobs", type=click.IntRange(1, 64), help="Processes to use (default: all cores).")
@click.option("--force", is_flag=True, help="Replace existing report files.")
def check_command(campaign: Path, paths: tuple[Path, ...], unit: str | None, all_clauses: bool,
                  output_format: str, xlsx_path: Path | None, feedback_dir: Path | None,
                  extra_rules: tuple[Path, ...], with_pdf: bool, letter_date, template_dir: Path | None,
                  jobs: int | None, force: bool) -> None:
    """Check units' self-evaluation summaries (.docx, .pdf, .txt) against CAMPAIGN.

    First every unit that owes a summary: on time, late, not submitted or unreadable, with
    its estimated points. Then for each summary: its unit, every clause (by its printed
    number, ㈠1.⑴) covered / partial / negated (reports a shortfall) / missing with the
    evidence sentence, the commitment figures it reports against their standards, and
    whether it came before the deadline. Exit 0 when every summary that counts covers all
    its clauses, 1 when some clause is not covered, 2 when a file could not be read.
    """
    if with_pdf and not feedback_dir:
        raise click.UsageError("--pdf writes the feedback letters as PDF: give --feedback DIR too")
    if with_pdf:
        api.require_libreoffice()
    model = api.check_campaign(campaign)
    checker = api.checker(model, extra_rules=extra_rules, all_clauses=all_clauses, unit=unit)
    for warning in checker.rules.unbound:
        click.echo(f"warning: {warning}", err=True)
    files, skipped = api.select_summaries(checker, list(paths))
    results = _with_progress(api.check(checker, files, workers=jobs))
    report = api.build_report(model, results, skipped)
    if output_format == "json":
        import json
        click.echo(json.dumps(api.report_data(report), ensure_ascii=False, indent=2))
    else:
        click.echo(api.render_table(report))
    if xlsx_path:
        api.write_xlsx(report, xlsx_path, force)
        click.echo(f"tracking sheet: {xlsx_path}", err=output_format == "json")
    if feedback_dir:
        written = api.write_feedback(report, feedback_dir, template_dir, force,
                                     with_pdf=with_pdf,
                                     letter_date=letter_date.date() if letter_date else None)
        click.echo("feedback letters: {count} in {folder}".format(
            count=len(written.letters), folder=feedback_dir), err=output_format == "json")
        if written.pdfs:
            click.echo("PDF: {count} in {folder}".format(
                count=len(written.pdfs), folder=feedback_dir / "pdf"), err=output_format == "json")
        for file in written.without_letter:
            click.echo("no letter for {file}: its unit was not recognised (check it with "
                       "--unit NAME)".format(file=file), err=True)
    counted = report.counted()
    if any(r.status == "error" and (r.error or "").startswith(api.INTERNAL_ERROR) for r in counted):
        sys.exit(3)
    if any(r.status == "error" for r in counted):
        sys.exit(2)
    if not all(r.complete for r in counted):
        sys.exit(1)


def _terminal() -> bool:
    return sys.stderr.isatty()


class _StatusLine:
    """One line on standard error, rewritten in place: “building NAME: PDF 3/14”."""

    def __init__(self) -> None:
        self.width = 0

    def __call__(self, campaign: Path, done: int, total: int) -> None:
        text = f"building {campaign}: PDF {done}/{total}"
        click.echo("\r" + text.ljust(self.width), err=True, nl=False)
        self.width = max(self.width, len(text))

    def clear(self) -> None:
        if self.width:
            click.echo("\r" + " " * self.width + "\r", err=True, nl=False)


def _with_progress(stream) -> list:
    """Collect results, with a progress bar when standard error is a terminal."""
    with click.progressbar(stream, label="checking", file=sys.stderr,
                           hidden=not sys.stderr.isatty()) as bar:
        return list(bar)


@main.command()
@click.argument("campaign", type=click.Path(path_type=Path))
@click.argument("folder", type=click.Path(path_type=Path, file_okay=False))
@click.option("--errors", is_flag=True, help="Also list every disagreement with the labels.")
def evaluate(campaign: Path, folder: Path, errors: bool) -> None:
    """Measure the checker on a labelled FOLDER (labels.json as in the eval-dev set).

    Prints precision, recall and F1 of addressed (covered or negated) against missing,
    the share of hard negatives accepted, negation recall and commitment-verdict accuracy.
    """
    checker = api.Checker(api.check_campaign(campaign), all_clauses=True)
    result = api.evaluate(checker, folder)
    for line in result.lines():
        click.echo(line)
    if errors:
        for line in result.errors:
            click.echo(f"  {line}")


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text",
              help="One finding per line (default) or JSON.")
@click.option("--fix", is_flag=True, help="Write a corrected copy (needs -o; one FILE only).")
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False),
              help="Where --fix writes the corrected copy.")
@click.option("--force", is_flag=True, help="Let --fix replace an existing output file.")
def lint(files: tuple[Path, ...], output_format: str, fix: bool, output: Path | None,
         force: bool) -> None:
    """Check notice .docx FILES against GB/T 9704-2012: page, fonts, 文号, dates, structure,
    punctuation, page numbers and rubric arithmetic.

    Exit 0 when no file has errors, 1 when some has, 2 when a file cannot be read.
    """
    if fix:
        if len(files) != 1 or output is None:
            raise click.UsageError("--fix takes one FILE and -o FIXED.docx")
        for change in api.fix_docx(files[0], output, force=force):
            click.echo(str(change))
        files = (output,)
    worst = 0
    report = []
    for path in files:
        try:
            findings = api.lint_docx(path)
        except NoticegenError as exc:
            click.echo(f"error: {exc}", err=True)
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
        click.echo(f"{len(report)} file(s): {errors} errors, {warnings} warnings")
    sys.exit(worst)


@main.command("rollover")
@click.argument("campaign", type=click.Path(path_type=Path))
@click.option("--year", type=int, required=True, help="The year to move the campaign to.")
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), required=True,
              help="The new campaign file (never the input).")
@click.option("--serial", type=click.IntRange(1), help="The new 文号 serial.")
@click.option("--dates", "policy", type=click.Choice(["weekday", "workday"]), default="weekday",
              help="Moved dates keep their weekday (default), or keep month and day and skip weekends.")
@click.option("--force", is_flag=True, help="Replace an existing output file.")
def rollover_command(campaign: Path, year: int, output: Path, serial: int | None, policy: str,
                     force: bool) -> None:
    """Write a copy of CAMPAIGN for another year, comments and layout kept, and list what a
    person must review (the 文号 serial, moved dates, years in free text, people)."""
    reviews = api.rollover(campaign, output, year, serial=serial, policy=policy, force=force)
    click.echo(f"wrote {output}; review:")
    for review in reviews:
        click.echo(f"  {review}")


@main.command("diff")
@click.argument("old", type=click.Path(path_type=Path))
@click.argument("new", type=click.Path(path_type=Path))
@click.option("--docx", type=click.Path(path_type=Path, dir_okay=False),
              help="Also write a Word report with the changes marked up.")
@click.option("--force", is_flag=True, help="Replace an existing report.")
def diff_command(old: Path, new: Path, docx: Path | None, force: bool) -> None:
    """Show what changed from campaign OLD to NEW: clauses added, removed, moved or reworded
    (with their similarity), scores, departments and units, people, commitment rows."""
    from .campaign.diff import SECTIONS
    changes = api.diff(old, new, docx, force)
    for section, title in SECTIONS:
        items = [c for c in changes if c.section == section]
        if items:
            click.echo(f"{title}:")
            for change in items:
                click.echo(f"  {change}")
    click.echo(f"{len(changes)} change{'s' if len(changes) != 1 else ''}")
    if docx:
        click.echo(f"wrote {docx} (the changes as tracked insertions and deletions)")


@main.command("import")
@click.argument("source", type=click.Path(path_type=Path, dir_okay=False))
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), required=True,
              help="The campaign file to write.")
@click.option("--letters", type=click.Path(path_type=Path, file_okay=False),
              help="Folder of the unit letters (default: 责任书/ beside the notice).")
@click.option("--force", is_flag=True, help="Replace an existing output file.")
def import_command(source: Path, output: Path, letters: Path | None, force: bool) -> None:
    """Make a campaign file from last year's notice .docx (its 附件 rubric, roster and
    commitment table, 文号, title, dates, 主送; units from the letters beside it) or from an
    .xlsx rubric sheet. Lists what could not be mapped, with its location."""
    notes = api.import_campaign(source, output, letters, force)
    click.echo(f"wrote {output}")
    for note in notes:
        click.echo(f"  not mapped: {note}")


@main.group()
def rules() -> None:
    """Cue phrases: an optional layer over the general matcher for one campaign."""


@rules.command("suggest")
@click.argument("campaign", type=click.Path(path_type=Path))
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), required=True,
              help="The cue-phrase file to write (e.g. coverage.yaml beside the campaign).")
@click.option("--labels", type=click.Path(path_type=Path, dir_okay=False),
              help="A labels.json whose evidence quotes say which sentences report each clause.")
@click.option("--force", is_flag=True, help="Replace an existing output file.")
def rules_suggest(campaign: Path, paths: tuple[Path, ...], output: Path, labels: Path | None,
                  force: bool) -> None:
    """Propose cue phrases (plain words) for CAMPAIGN's clauses from summaries in PATHS.

    Pairs of words that occur together in the sentences reporting a clause (the labels'
    evidence, or the checker's own covered verdicts) and seldom elsewhere. Review the file,
    delete what is wrong, keep it as coverage.yaml beside the campaign.
    """
    count = api.suggest_rules(api.check_campaign(campaign), list(paths), output, labels=labels,
                              force=force)
    click.echo(f"{count} clauses with suggested cue phrases: {output}")


@main.group()
def templates() -> None:
    """Work with the Word templates the documents are made from."""


@templates.command("export")
@click.argument("folder", type=click.Path(path_type=Path, file_okay=False))
@click.option("--force", is_flag=True, help="Overwrite templates already in FOLDER.")
def templates_export(folder: Path, force: bool) -> None:
    """Copy the bundled templates into FOLDER to edit in Word/WPS; use them with
    “build --template-dir FOLDER”."""
    for path in api.export_templates(folder, force=force):
        click.echo(str(path))


def _web(module: str):
    """A module of noticegen.web; a clear message when the ``web`` extra is not installed."""
    import importlib
    try:
        return importlib.import_module(f".web.{module}", __package__)
    except ImportError as exc:
        raise NoticegenError(f"the web application needs libraries that are not installed ({exc.name})",
                             hint="pip install 'noticegen[web]'") from None


@main.command("serve")
@click.option("--data", "data", type=click.Path(path_type=Path, file_okay=False), default="noticegen-data",
              show_default=True, help="Folder for the database and the uploaded files.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option("--database", help="Database URL (postgresql://user:pass@host/db); default SQLite "
              "in the data folder, or NOTICEGEN_DATABASE_URL.")
@click.option("--workers", type=click.IntRange(1, 64), help="Checking processes (default: all cores).")
@click.option("--plain-http", is_flag=True, help="Let the login cookie travel over plain HTTP "
              "(an intranet without HTTPS); by default it is sent over HTTPS only.")
def serve_command(data: Path, host: str, port: int, database: str | None, workers: int | None,
                  plain_http: bool) -> None:
    """Run the web application where units check and hand in their summaries."""
    click.echo(f"noticegen serve: http://{host}:{port}/  (data: {data})", err=True)
    _web("serve").serve(data, host, port, database=database, workers=workers,
                        secure_cookies=not plain_http)


@main.group()
def users() -> None:
    """Department accounts of the web application."""


@users.command("add")
@click.argument("name")
@click.option("--data", "data", type=click.Path(path_type=Path, file_okay=False), default="noticegen-data",
              show_default=True, help="The data folder of `noticegen serve`.")
@click.option("--database", help="Database URL, as for `noticegen serve`.")
@click.option("--role", type=click.Choice(["admin", "viewer"]), default="viewer", show_default=True)
@click.password_option(help="The password (asked for when not given).")
def users_add(name: str, data: Path, database: str | None, role: str, password: str) -> None:
    """Create the department account NAME."""
    _web("users").add_user(data, name, password, role, database)
    click.echo(f"user {name} ({role}) created")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
