"""The department side: login, campaigns, dashboard, one unit's summary, overrides."""
from __future__ import annotations

import datetime as dt
import json
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import VerificationError, InvalidHashError
from flask import (Blueprint, abort, flash, redirect, render_template, request, session,
                   url_for)
from sqlalchemy import func, select

from .app import ext
from .common import (audit, campaign_or_404, current_user, db, load_campaign, login_required,
                     unit_links, unit_summary)
from .db import Audit, Campaign, Override, Upload, User, utcnow
from .results import (STATUS_NAMES, STATUS_ORDER, UNIT_STATES, clause_index, local_time,
                      stored_result)

bp = Blueprint("dept", __name__)
hasher = PasswordHasher()
LOGIN_WINDOW = dt.timedelta(minutes=15)
LOGIN_TRIES = 5
_DUMMY_HASH = hasher.hash(secrets.token_hex(8))


def _too_many_failures(name: str) -> bool:
    since = utcnow() - LOGIN_WINDOW
    query = select(func.count()).select_from(Audit).where(
        Audit.action == "login_failed", Audit.at > since,
        (Audit.address == (request.remote_addr or "")) | (Audit.detail == name[:2000]))
    return db().scalar(query) >= LOGIN_TRIES


@bp.route("/login", methods=["GET", "POST"])
def login():
    error = None
    if request.method == "POST":
        name = request.form.get("name", "").strip()[:80]
        password = request.form.get("password", "")
        if _too_many_failures(name):
            error = "登录失败次数过多，请 15 分钟后再试。"
        else:
            user = db().scalars(select(User).where(User.name == name)).first()
            try:
                hasher.verify(user.password_hash if user else _DUMMY_HASH, password)
                ok = user is not None
            except (VerificationError, InvalidHashError):
                ok = False
            if ok:
                session.clear()
                session["uid"] = user.id
                session.permanent = True
                audit("login", "", actor=f"用户 {user.name}")
                db().commit()
                target = request.args.get("next", "")
                return redirect(target if target.startswith("/") and not target.startswith("//")
                                else url_for("dept.index"))
            audit("login_failed", name, actor=f"用户 {name or '（空）'}")
            db().commit()
            error = "用户名或密码不正确。"
    return render_template("login.html", error=error, insecure=_cookie_would_be_dropped()), \
        200 if error is None else 401


def _cookie_would_be_dropped() -> bool:
    """True when the login cookie is HTTPS-only but this page came over plain HTTP from a host
    a browser does not treat as secure (it would then not keep the login)."""
    from flask import current_app
    secure = request.is_secure or request.headers.get("X-Forwarded-Proto") == "https"
    local = (request.host.rsplit(":", 1)[0] if not request.host.startswith("[") else "") \
        in ("localhost", "127.0.0.1")
    return current_app.config["SESSION_COOKIE_SECURE"] and not secure and not local


@bp.post("/logout")
def logout():
    session.clear()
    return redirect(url_for("dept.login"))


@bp.get("/")
@login_required()
def index():
    rows = db().scalars(select(Campaign).order_by(Campaign.id.desc())).all()
    return render_template("index.html", rows=rows, user=current_user())


@bp.get("/c/<int:campaign_id>")
@login_required()
def dashboard(campaign_id: int):
    row = campaign_or_404(campaign_id)
    campaign = load_campaign(row)
    units = [unit_summary(campaign, link) for link in unit_links(row.id)]
    clauses = clause_index(campaign)
    counts = {state: sum(1 for u in units if u["state"] == state) for state in UNIT_STATES}
    return render_template("dashboard.html", row=row, units=units, clauses=clauses,
                           names=STATUS_NAMES, states=UNIT_STATES, counts=counts,
                           user=current_user(), zone=ext("zone"), local_time=local_time)


@bp.get("/c/<int:campaign_id>/links")
@login_required()
def links(campaign_id: int):
    row = campaign_or_404(campaign_id)
    base = request.host_url.rstrip("/")
    return render_template("links.html", row=row, links=unit_links(row.id), base=base,
                           user=current_user())


def _unit_or_404(row, unit_id: int):
    link = next((l for l in unit_links(row.id) if l.id == unit_id), None)
    if link is None:
        abort(404)
    return link


@bp.get("/c/<int:campaign_id>/units/<int:unit_id>")
@login_required()
def unit(campaign_id: int, unit_id: int):
    row = campaign_or_404(campaign_id)
    link = _unit_or_404(row, unit_id)
    campaign = load_campaign(row)
    summary = unit_summary(campaign, link)
    history = db().scalars(select(Override).where(Override.unit_id == link.id)
                           .order_by(Override.at.desc())).all()
    users = {u.id: u.name for u in db().scalars(select(User)).all()}
    return render_template("unit_detail.html", row=row, link=link, s=summary, history=history,
                           users=users, clauses=clause_index(campaign), names=STATUS_NAMES,
                           order=STATUS_ORDER, states=UNIT_STATES, user=current_user(),
                           zone=ext("zone"), local_time=local_time)


@bp.get("/c/<int:campaign_id>/units/<int:unit_id>/uploads/<int:upload_id>")
@login_required()
def text(campaign_id: int, unit_id: int, upload_id: int):
    row = campaign_or_404(campaign_id)
    link = _unit_or_404(row, unit_id)
    item = db().get(Upload, upload_id)
    if item is None or item.unit_id != link.id:
        abort(404)
    data = stored_result(item.result_json) if item.result_json else {"clauses": [], "figures": []}
    from .highlight import highlighted
    clauses = clause_index(load_campaign(row))
    paragraphs, unplaced = highlighted(json.loads(item.text_json), data,
                                       {cid: c.number for cid, c in clauses.items()})
    return render_template("text.html", row=row, link=link, item=item, data=data,
                           paragraphs=paragraphs, unplaced=unplaced,
                           clauses=clauses, names=STATUS_NAMES,
                           user=current_user(), zone=ext("zone"), local_time=local_time)


@bp.post("/c/<int:campaign_id>/units/<int:unit_id>/override")
@login_required("admin")
def override(campaign_id: int, unit_id: int):
    row = campaign_or_404(campaign_id)
    link = _unit_or_404(row, unit_id)
    summary = unit_summary(load_campaign(row), link)
    clause_id = request.form.get("clause", "")
    status = request.form.get("status", "")
    reason = request.form.get("reason", "").strip()
    target = redirect(url_for("dept.unit", campaign_id=row.id, unit_id=link.id))
    if summary["current"] is None or clause_id not in summary["verdicts"]:
        flash("这个单位还没有可改判的检查结果，或条款不属于该单位。", "error")
    elif status not in STATUS_NAMES:
        flash("请选择改判后的结论。", "error")
    elif not reason or len(reason) > 2000:
        flash("请填写改判理由（不超过 2000 字）。", "error")
    else:
        db().add(Override(unit_id=link.id, upload_id=summary["current"].id, clause_id=clause_id,
                          status=status, reason=reason, user_id=current_user().id))
        audit("override", f"{link.label} {clause_id} 改判为{STATUS_NAMES[status]}：{reason}")
        db().commit()
        flash(f"已将条款 {clause_id} 改判为“{STATUS_NAMES[status]}”。", "ok")
    return target


@bp.get("/audit")
@login_required("admin")
def audit_log():
    rows = db().scalars(select(Audit).order_by(Audit.id.desc()).limit(500)).all()
    return render_template("audit.html", rows=rows, user=current_user(), zone=ext("zone"),
                           local_time=local_time)


from . import downloads, loading  # noqa: E402,F401  (their routes join this blueprint)
