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
