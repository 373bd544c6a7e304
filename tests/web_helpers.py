"""Helpers for the web application's tests: an app on a fresh database, forms, test files."""
from __future__ import annotations

import io
import os
import re
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "mengdian-2006" / "campaign.yaml"
SUMMARIES = ROOT / "examples" / "mengdian-2006" / "summaries"
CITY = SUMMARIES / "城区供电营业所自查总结.txt"
DISPATCH = SUMMARIES / "调度所自查总结.txt"
PASSWORD = "correct-horse-1"
PG_URL = os.environ.get("NOTICEGEN_TEST_POSTGRESQL")


def database_params():
    """SQLite always; PostgreSQL when NOTICEGEN_TEST_POSTGRESQL names a server."""
    return ["sqlite", pytest.param("postgresql", marks=pytest.mark.skipif(
        not PG_URL, reason="NOTICEGEN_TEST_POSTGRESQL not set (no PostgreSQL server)"))]


def database_url(kind: str) -> str | None:
    """The URL for ``kind``; a PostgreSQL database is emptied first."""
    if kind == "sqlite":
        return None
    from sqlalchemy import create_engine, text
    engine = create_engine(PG_URL.replace("postgresql://", "postgresql+psycopg://", 1))
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    return PG_URL


def make_app(data: Path, database: str | None, **options):
    """An application with the accounts ``boss`` (admin) and ``reader`` (viewer)."""
    from noticegen.web import create_app
    from noticegen.web.users import add_user
    add_user(data, "boss", PASSWORD, "admin", database)
    add_user(data, "reader", PASSWORD, "viewer", database)
    options.setdefault("workers", 1)
    return create_app(data, database=database, secure_cookies=False, **options)


def token_of(html: str) -> str:
    match = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert match, "no CSRF token in the page"
    return match.group(1)


def docx_bytes(paragraphs: list[str]) -> bytes:
    import docx
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def zip_bomb() -> bytes:
    """A .docx-looking zip whose one part unpacks to 200 MB of zeros."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w") as member:
            block = b"\0" * 2**20
            for _ in range(200):
                member.write(block)
    return buffer.getvalue()


def corrupt_docx() -> bytes:
    """A real .docx cut in half."""
    data = docx_bytes(["自查总结"] * 50)
    return data[: len(data) // 2]
