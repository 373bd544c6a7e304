"""Bring a database to the newest schema through the Alembic migrations in this package."""
from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config

MIGRATIONS = Path(__file__).with_name("migrations")


def alembic_config(connection=None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def upgrade(engine) -> None:
    """Apply every migration not yet applied (each in the one transaction)."""
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), "head")


def connect(url: str):
    """An engine for ``url`` with the schema brought up to date; a clear error when the
    database cannot be reached or the URL is wrong."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError, SQLAlchemyError

    from ..errors import DataError
    from ..i18n import _
    from .db import make_engine
    shown = url.split("@")[-1]
    try:
        shown = make_url(url).render_as_string(hide_password=True)
        engine = make_engine(url)
        upgrade(engine)
    except (ArgumentError, SQLAlchemyError, ImportError) as exc:
        reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
        raise DataError(_("cannot open the database {url}: {reason}").format(url=shown,
                                                                              reason=reason),
                        hint=_("check the database URL, that the server runs and the user's "
                               "password")) from None
    return engine
