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


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
