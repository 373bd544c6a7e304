"""Department accounts, for the ``noticegen users`` command."""
from __future__ import annotations

from pathlib import Path

from argon2 import PasswordHasher
from sqlalchemy import select

from ..errors import DataError
from ..i18n import _
from .app import database_url
from .db import Audit, User, make_session
from .migrate import connect

ROLES = ("admin", "viewer")


def add_user(data: Path, name: str, password: str, role: str, database: str | None = None) -> None:
    """Create an account; refuse a name already taken or a short password."""
    name = name.strip()
    if not name or len(name) > 80:
        raise DataError(_("a user name needs 1 to 80 characters"))
    if len(password) < 10:
        raise DataError(_("the password is too short"), hint=_("use at least 10 characters"))
    if role not in ROLES:
        raise DataError(_("unknown role “{role}”").format(role=role), hint=_("use admin or viewer"))
    Path(data).mkdir(parents=True, exist_ok=True)
    engine = connect(database_url(Path(data), database))
    session = make_session(engine)()
    try:
        if session.scalars(select(User).where(User.name == name)).first():
            raise DataError(_("user “{name}” already exists").format(name=name),
                            hint=_("choose another name"))
        session.add(User(name=name, password_hash=PasswordHasher().hash(password), role=role))
        session.add(Audit(actor="命令行", action="user_added", detail=f"{name} ({role})"))
        session.commit()
    finally:
        session.close()
        engine.dispose()
