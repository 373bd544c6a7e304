"""Helpers shared by the department and unit pages: audit, current user, campaign data."""
from __future__ import annotations

import functools
from pathlib import Path

from flask import abort, g, redirect, request, session, url_for
from sqlalchemy import select

from .. import api
from ..check.status import Verdict
from .app import ext
from .db import Audit, Campaign, Override, Submission, UnitLink, Upload, User
from .results import points, stored_result, unit_state, verdicts

_CAMPAIGNS: dict = {}


def db():
    return ext("db")


def audit(action: str, detail: str = "", actor: str | None = None) -> None:
    """Add an audit line to the current transaction."""
    if actor is None:
        user = current_user()
        actor = f"用户 {user.name}" if user else "匿名"
    db().add(Audit(actor=actor, action=action, detail=detail[:2000],
                   address=(request.remote_addr or "")[:64]))


def current_user() -> User | None:
    if "user" not in g:
        uid = session.get("uid")
        g.user = db().get(User, uid) if uid else None
    return g.user


def login_required(role: str | None = None):
    def decorate(view):
        @functools.wraps(view)
        def wrapped(*args, **kwargs):
            user = current_user()
            if user is None:
                return redirect(url_for("dept.login", next=request.path))
            if role and user.role != role:
                abort(403)
            return view(*args, **kwargs)
        return wrapped
    return decorate


def load_campaign(row: Campaign):
    """The campaign model of a stored campaign (loaded once per process)."""
    if row.sha256 not in _CAMPAIGNS:
        _CAMPAIGNS[row.sha256] = api.load_valid_campaign(ext("blobs").path(row.sha256, ".yaml"))
    return _CAMPAIGNS[row.sha256]


def rules_of(row: Campaign) -> list:
    """The stored cue-phrase file of a campaign, as ``extra_rules`` for the checker."""
    return [ext("blobs").path(row.rules_sha256, ".yaml")] if row.rules_sha256 else []


def campaign_or_404(campaign_id: int) -> Campaign:
    row = db().get(Campaign, campaign_id)
    if row is None:
        abort(404)
    return row


def overrides_of(unit_id: int) -> dict[str, Override]:
    """The newest override of each clause for a unit."""
    rows = db().scalars(select(Override).where(Override.unit_id == unit_id)
                        .order_by(Override.at, Override.id)).all()
    return {o.clause_id: o for o in rows}


def unit_summary(campaign, link: UnitLink) -> dict:
    """What the dashboard shows for one unit."""
    session_ = db()
    uploads = session_.scalars(select(Upload).where(Upload.unit_id == link.id)
                               .order_by(Upload.id.desc())).all()
    submission = session_.scalars(select(Submission).where(Submission.unit_id == link.id)
                                  .order_by(Submission.id.desc()).limit(1)).first()
    checked = [u for u in uploads if u.state == "done"]
    current = None
    if submission is not None:
        current = next((u for u in uploads if u.id == submission.upload_id), None)
    elif checked:
        current = checked[0]
    result = stored_result(current.result_json) if current is not None and current.result_json else None
    overrides = overrides_of(link.id)
    found = verdicts(result, {k: o.status for k, o in overrides.items()})
    earned, possible = points(campaign, found)
    return {"link": link, "uploads": uploads, "submission": submission, "current": current,
            "result": result, "verdicts": found, "overrides": overrides,
            "state": unit_state(bool(checked), submission), "points": earned, "possible": possible,
            "open": [cid for cid, status in found.items() if status != Verdict.COVERED],
            "below": [m for m in (result or {}).get("figures", []) if not m["meets_standard"]]}


def unit_links(campaign_id: int) -> list[UnitLink]:
    return db().scalars(select(UnitLink).where(UnitLink.campaign_id == campaign_id)
                        .order_by(UnitLink.position)).all()


def blob_path(upload: Upload) -> Path:
    return ext("blobs").path(upload.sha256, upload.kind)
