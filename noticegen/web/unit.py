"""The unit side: reached only through the unit's own link; sees only the unit's files."""
from __future__ import annotations

import json

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from sqlalchemy import select

from .app import ext
from .common import audit, db, load_campaign, unit_summary
from .db import Campaign, Submission, UnitLink, Upload, utcnow
from .files import Refused, display_name, kind_of, read_text, sniff
from .results import STATUS_NAMES, UNIT_STATES, clause_index, is_late, local_time, stored_result

bp = Blueprint("unit", __name__, url_prefix="/u")
MAX_VERSIONS = 200   # uploads kept per unit; every one is kept, so the disk needs a bound


def _link(token: str) -> tuple[UnitLink, Campaign]:
    link = db().scalars(select(UnitLink).where(UnitLink.token == token)).first() \
        if 20 <= len(token) <= 64 else None
    if link is None:
        abort(404)
    return link, db().get(Campaign, link.campaign_id)


def _own_upload(link: UnitLink, upload_id: int) -> Upload:
    upload = db().get(Upload, upload_id)
    if upload is None or upload.unit_id != link.id:
        abort(404)
    return upload


@bp.get("/<token>")
def home(token: str):
    link, row = _link(token)
    campaign = load_campaign(row)
    summary = unit_summary(campaign, link)
    return render_template("unit_home.html", link=link, row=row, s=summary,
                           states=UNIT_STATES, zone=ext("zone"), local_time=local_time)


@bp.post("/<token>/upload")
def upload(token: str):
    link, row = _link(token)
    try:
        versions = db().query(Upload).filter(Upload.unit_id == link.id).count()
        if versions >= MAX_VERSIONS:
            raise Refused(f"本单位已上传 {MAX_VERSIONS} 个版本，达到上限。请联系宣传部。")
        stored = _receive(request.files.get("summary"))
    except Refused as refusal:
        audit("upload_refused", f"{link.label}: {refusal}", actor=f"单位 {link.label}")
        db().commit()
        flash(str(refusal), "error")
        return redirect(url_for("unit.home", token=token))
    item = Upload(unit_id=link.id, state="queued", **stored)
    db().add(item)
    db().flush()
    audit("upload", f"{link.label}: 第{item.id}号 {item.display_name} sha256={item.sha256}",
          actor=f"单位 {link.label}")
    db().commit()
    ext("pool").wake.set()
    return redirect(url_for("unit.result", token=token, upload_id=item.id))


def _receive(storage) -> dict:
    """Validate an uploaded file and keep it; the fields of its Upload row."""
    if storage is None or not storage.filename:
        raise Refused("请先选择要上传的总结文件。")
    name = display_name(storage.filename)
    kind = kind_of(name)
    blobs = ext("blobs")
    temporary = blobs.temporary(kind)
    try:
        storage.save(temporary)
        sniff(temporary, kind)
        text = read_text(temporary)
        sha, size = blobs.keep(temporary, kind)
    finally:
        temporary.unlink(missing_ok=True)
    return {"sha256": sha, "kind": kind, "size": size, "display_name": name,
            "text_json": json.dumps(text, ensure_ascii=False)}


@bp.get("/<token>/uploads/<int:upload_id>")
def result(token: str, upload_id: int):
    link, row = _link(token)
    item = _own_upload(link, upload_id)
    campaign = load_campaign(row)
    data = stored_result(item.result_json) if item.result_json else None
    waiting = ext("pool").queue_position(item.id) if item.state == "queued" else 0
    submitted = db().scalars(select(Submission).where(Submission.upload_id == item.id)).first()
    return render_template("unit_result.html", link=link, row=row, item=item, data=data,
                           clauses=clause_index(campaign), names=STATUS_NAMES, waiting=waiting,
                           submitted=submitted, zone=ext("zone"), local_time=local_time)


@bp.post("/<token>/uploads/<int:upload_id>/submit")
def submit(token: str, upload_id: int):
    link, row = _link(token)
    item = _own_upload(link, upload_id)
    if item.state not in ("done",):
        flash("这份文件还没有检查完成或无法读取，不能提交。", "error")
        return redirect(url_for("unit.result", token=token, upload_id=item.id))
    at = utcnow()
    late = is_late(at, row.deadline, ext("zone"))
    db().add(Submission(unit_id=link.id, upload_id=item.id, at=at, late=late))
    audit("submit", f"{link.label}: 提交第{item.id}号{'（逾期）' if late else ''}",
          actor=f"单位 {link.label}")
    db().commit()
    when = local_time(at, ext("zone"))
    flash(f"已提交（{when}）{'，已超过截止日期，标记为逾期提交' if late else ''}。", "ok")
    return redirect(url_for("unit.home", token=token))


@bp.get("/<token>/uploads/<int:upload_id>/status")
def status(token: str, upload_id: int):
    """The check's state as JSON (for scripts; the page refreshes itself)."""
    link, _ = _link(token)
    item = _own_upload(link, upload_id)
    waiting = ext("pool").queue_position(item.id) if item.state == "queued" else 0
    return {"id": item.id, "state": item.state, "waiting": waiting, "sha256": item.sha256}
