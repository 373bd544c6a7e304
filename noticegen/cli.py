"""The ``noticegen`` command line; the only module that imports click."""
from __future__ import annotations

import sys
import traceback
from pathlib import Path

import click

from . import __version__, api
from .errors import NoticegenError, ValidationError


class _Group(click.Group):
    """Turns NoticegenErrors into one-line messages and exit codes (tracebacks with --debug)."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except NoticegenError as exc:
            _report(exc, ctx)
            ctx.exit(exc.exit_code)
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException):
            raise
        except KeyboardInterrupt:
            click.echo("interrupted; nothing half-written was left behind", err=True)
            ctx.exit(130)
        except Exception as exc:  # a bug, not a user error: say so plainly
            if ctx.obj and ctx.obj.get("debug"):
                traceback.print_exc()
            click.echo(f"internal error: {type(exc).__name__}: {exc} "
                       "(run again with --debug for the traceback)", err=True)
            ctx.exit(3)


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
def build(campaigns: tuple[Path, ...], outdir: Path, template_dir: Path | None, with_pdf: bool,
          force: bool) -> None:
    """Write the notice package of each CAMPAIGN (a campaign.yaml or a folder holding one).

    Each package holds 通知.docx (the notice with its attachments), 附件1-3.docx, one
    责任书/<unit>.docx per executing unit and manifest.json. Files that come out identical
    are left untouched. Exit 0 when every campaign was built, else the worst error's code.
    """
    outcomes = []
    show_bar = len(campaigns) > 1 and sys.stderr.isatty()
    with click.progressbar(length=len(campaigns), label="building", file=sys.stderr,
                           show_pos=True, hidden=not show_bar) as bar:
        for outcome in api.build_many(list(campaigns), outdir, template_dir,
                                      with_pdf=with_pdf, force=force):
            outcomes.append(outcome)
            bar.update(1)
    failed = [o for o in outcomes if o.error]
    for outcome in outcomes:
        if outcome.error:
            click.echo(f"error: {outcome.error}", err=True)
            continue
        result = outcome.result
        counts = f"{len(result.written)} written, {len(result.unchanged)} unchanged"
        if result.removed:
            counts += f", {len(result.removed)} removed"
        if result.pdfs:
            counts += f", {len(result.pdfs)} PDF"
        click.echo(f"{outcome.source} → {result.folder}: {counts}")
    if failed:
        click.echo(f"{len(failed)} of {len(outcomes)} campaigns failed", err=True)
        sys.exit(max(o.error.exit_code for o in failed))


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


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
