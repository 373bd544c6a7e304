"""Loading a campaign: a campaign YAML, or last year's notice .docx imported."""
from __future__ import annotations

import secrets
import tempfile
from pathlib import Path

from flask import flash, redirect, render_template, request, url_for

from .. import api
from ..errors import NoticegenError, ValidationError
from .app import ext
from .common import audit, current_user, db, login_required
from .db import Campaign, UnitLink
from .dept import bp
from .files import display_name

MAX_CAMPAIGN_BYTES = 2 * 2**20


def _problems(exc: NoticegenError) -> list[dict]:
    problems = exc.problems if isinstance(exc, ValidationError) else [exc.problem]
    return [{"line": p.line, "message": p.message, "hint": p.hint} for p in problems]


def _letters(folder: Path) -> Path | None:
    """The units' 责任书 sent with a notice, kept under names of our own; None when none."""
    files = [f for f in request.files.getlist("letters") if f and f.filename]
    if not files:
        return None
    target = folder / "letters"
    target.mkdir()
    for number, storage in enumerate(files, start=1):
        if Path(display_name(storage.filename)).suffix.lower() == ".docx":
            storage.save(target / f"letter-{number:03d}.docx")
    return target


def _rules(folder: Path, campaign):
    """The optional cue-phrase file sent with a campaign: (its path, entries that name no
    clause), (None, []) when none was sent, or (its problems, []) when it cannot be used."""
    storage = request.files.get("rules")
    if storage is None or not storage.filename:
        return None, []
    if Path(display_name(storage.filename)).suffix.lower() not in (".yaml", ".yml"):
        return [{"line": None, "message": "提示词文件须为 .yaml 格式（如 coverage.yaml）。",
                 "hint": "不需要提示词时，这一栏留空即可"}], []
    path = folder / "rules.yaml"
    storage.save(path)
    if path.stat().st_size > MAX_CAMPAIGN_BYTES:
        return [{"line": None, "message": "提示词文件过大（不得超过 2 MB）。", "hint": ""}], []
    try:
        checker = api.checker(campaign, extra_rules=[path])
    except NoticegenError as exc:
        return _problems(exc), []
    return path, [w.split(": ", 1)[-1] for w in checker.rules.unbound]


@bp.post("/campaigns")
@login_required("admin")
def load():
    storage = request.files.get("campaign")
    name = display_name(storage.filename if storage else "")
    suffix = Path(name).suffix.lower()
    if storage is None or not storage.filename:
        flash("请先选择活动文件（.yaml）或上一年的通知（.docx）。", "error")
        return redirect(url_for("dept.index"))
    if suffix not in (".yaml", ".yml", ".docx"):
        flash("活动文件须为 .yaml 格式，或上一年通知的 Word 文档（.docx）。", "error")
        return redirect(url_for("dept.index"))
    with tempfile.TemporaryDirectory(dir=ext("blobs").tmp) as folder:
        source = Path(folder) / f"upload{'.docx' if suffix == '.docx' else '.yaml'}"
        storage.save(source)
        if source.stat().st_size > (20 * 2**20 if suffix == ".docx" else MAX_CAMPAIGN_BYTES):
            flash("文件过大：活动文件不得超过 2 MB。", "error")
            return redirect(url_for("dept.index"))
        try:
            if suffix == ".docx":
                yaml_path = Path(folder) / "campaign.yaml"
                api.import_campaign(source, yaml_path, _letters(Path(folder)), force=True)
            else:
                yaml_path = source
            campaign = api.load_valid_campaign(yaml_path)
        except NoticegenError as exc:
            audit("campaign_refused", f"{name}: {len(_problems(exc))} 个问题")
            db().commit()
            return render_template("load_problems.html", name=name, problems=_problems(exc),
                                   imported=suffix == ".docx", user=current_user()), 422
        rules_path, warnings = _rules(Path(folder), campaign)
        if isinstance(rules_path, list):           # the cue-phrase file's problems
            audit("campaign_refused", f"{name}: 提示词文件有误")
            db().commit()
            return render_template("load_problems.html", name=name, problems=rules_path,
                                   imported=suffix == ".docx", user=current_user()), 422
        if not campaign.units:
            problem = {"line": None, "message": "活动中没有执行单位，无法生成各单位的上传链接。",
                       "hint": "导入通知时请同时选择各单位的任务目标分解责任书（责任书/*.docx）"}
            return render_template("load_problems.html", name=name, problems=[problem],
                                   imported=suffix == ".docx", user=current_user()), 422
        sha = ext("blobs").put(yaml_path.read_bytes(), ".yaml")
        rules_sha = ext("blobs").put(rules_path.read_bytes(), ".yaml") if rules_path else None
    for warning in warnings:
        flash(f"提示词文件：{warning}", "error")
    row = Campaign(name=campaign.name, year=campaign.year, deadline=campaign.deadline,
                   sha256=sha, rules_sha256=rules_sha, source_name=name,
                   created_by=current_user().id)
    db().add(row)
    db().flush()
    for position, unit in enumerate(campaign.units):
        db().add(UnitLink(campaign_id=row.id, unit_name=unit.name, label=unit.label,
                          position=position, token=secrets.token_urlsafe(24)))
    audit("campaign_loaded", f"{name} → 活动 {row.id}（{campaign.name} {campaign.year}）")
    db().commit()
    flash(f"已载入“{campaign.name}”（{len(campaign.units)} 个单位，"
          f"{len(campaign.rubric.clauses())} 条考核条款）。", "ok")
    return redirect(url_for("dept.dashboard", campaign_id=row.id))
