"""The web application's tables and database session (SQLAlchemy; schema through Alembic)."""
from __future__ import annotations

import datetime as dt
from typing import Optional

from sqlalchemy import (Boolean, Date, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint,
                        create_engine, event)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, scoped_session, sessionmaker


def utcnow() -> dt.datetime:
    """Now, in UTC without a zone (what every timestamp column holds)."""
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


class Base(DeclarativeBase):
    pass


class User(Base):
    """A department account."""

    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80), unique=True)
    password_hash: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(16))          # admin | viewer
    created: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class Campaign(Base):
    """A loaded campaign file (stored as a blob like every upload)."""

    __tablename__ = "campaigns"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    year: Mapped[int] = mapped_column(Integer)
    deadline: Mapped[dt.date] = mapped_column(Date)
    sha256: Mapped[str] = mapped_column(String(64))        # the campaign YAML's blob
    rules_sha256: Mapped[Optional[str]] = mapped_column(String(64), nullable=True)  # its cue phrases
    source_name: Mapped[str] = mapped_column(String(200))  # shown only, never used as a path
    created: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    created_by: Mapped[Optional[int]] = mapped_column(ForeignKey("users.id"), nullable=True)


class UnitLink(Base):
    """One executing unit of a campaign and its upload link's token."""

    __tablename__ = "unit_links"
    __table_args__ = (UniqueConstraint("campaign_id", "unit_name"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaigns.id"), index=True)
    unit_name: Mapped[str] = mapped_column(String(200))
    label: Mapped[str] = mapped_column(String(200))
    position: Mapped[int] = mapped_column(Integer)
    token: Mapped[str] = mapped_column(String(64), unique=True)


class Upload(Base):
    """One version a unit uploaded; never changed except for its check's state and result."""

    __tablename__ = "uploads"
    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit_links.id"), index=True)
    sha256: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(8))           # .docx .pdf .txt .md
    size: Mapped[int] = mapped_column(Integer)
    display_name: Mapped[str] = mapped_column(String(120))  # cleaned; shown only
    created: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    state: Mapped[str] = mapped_column(String(12), default="queued", index=True)
    claimed: Mapped[Optional[dt.datetime]] = mapped_column(DateTime, nullable=True)
    finished: Mapped[Optional[dt.datetime]] = mapped_column(DateTime, nullable=True)
    text_json: Mapped[str] = mapped_column(Text, deferred=True)  # [[text, location], …]
    result_json: Mapped[Optional[str]] = mapped_column(Text, nullable=True, deferred=True)
    error: Mapped[Optional[str]] = mapped_column(Text, nullable=True)


class Submission(Base):
    """A unit's 提交 of one upload as its final version."""

    __tablename__ = "submissions"
    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit_links.id"), index=True)
    upload_id: Mapped[int] = mapped_column(ForeignKey("uploads.id"))
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    late: Mapped[bool] = mapped_column(Boolean)


class Override(Base):
    """A department user's verdict on one clause of one unit, replacing the checker's."""

    __tablename__ = "overrides"
    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit_links.id"), index=True)
    upload_id: Mapped[int] = mapped_column(ForeignKey("uploads.id"))
    clause_id: Mapped[str] = mapped_column(String(40))
    status: Mapped[str] = mapped_column(String(12))
    reason: Mapped[str] = mapped_column(Text)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class Audit(Base):
    """One line of the audit log."""

    __tablename__ = "audit"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, index=True)
    actor: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(40), index=True)
    detail: Mapped[str] = mapped_column(Text, default="")
    address: Mapped[str] = mapped_column(String(64), default="")


def make_engine(url: str):
    """An engine for ``url``; SQLite waits for locks and writes through its journal."""
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 30, "check_same_thread": False})

        @event.listens_for(engine, "connect")
        def _pragmas(connection, _record):
            cursor = connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=FULL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.close()
        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=20)


def make_session(engine) -> scoped_session:
    return scoped_session(sessionmaker(bind=engine, expire_on_commit=False))
