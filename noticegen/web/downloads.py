"""Downloads: the notice package, the tracking sheet, feedback letters, override labels."""
from __future__ import annotations

import io
import json
import shutil
import tempfile
import zipfile
from pathlib import Path

from flask import flash, redirect, send_file, url_for

from .. import api
from ..check.status import Verdict
from .app import ext
from .common import (blob_path, campaign_or_404, load_campaign, login_required, rules_of, unit_links,
                     unit_summary)
from .dept import bp

EXPORT_STATUS = {Verdict.COVERED: Verdict.COVERED.value, Verdict.NEGATED: Verdict.NEGATED.value,
                 Verdict.MISSING: Verdict.MISSING.value,
                 Verdict.PARTIAL: Verdict.MISSING.value}  # evaluate counts a partial verdict as not addressed


def _zip_folder(folder: Path) -> io.BytesIO:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                archive.write(path, path.relative_to(folder).as_posix())
    buffer.seek(0)
    return buffer


def _current(row):
    """(campaign, [(link, summary)]) for units with a checked current version."""
    campaign = load_campaign(row)
    units = [(link, unit_summary(campaign, link)) for link in unit_links(row.id)]
    return campaign, [(l, s) for l, s in units if s["current"] is not None]


def _results(row, campaign, units) -> list:
    """The checker's results for each unit's current version (checked again here, in order)."""
    from .checkjob import unit_checker
    results, base = [], api.checker(campaign, extra_rules=rules_of(row))
    for link, summary in units:
        engine = unit_checker(base, campaign, link.unit_name)
        results.append(engine.check_file(blob_path(summary["current"])))
    return results


@bp.get("/c/<int:campaign_id>/package.zip")
@login_required()
def package(campaign_id: int):
    row = campaign_or_404(campaign_id)
    with tempfile.TemporaryDirectory(dir=ext("blobs").tmp) as folder:
        source = Path(folder) / f"{row.year}" / "campaign.yaml"
        source.parent.mkdir()
        shutil.copyfile(ext("blobs").path(row.sha256, ".yaml"), source)
        outcome = list(api.build_many([source], Path(folder) / "out"))[0]
        if outcome.error:
            flash(f"生成通知包失败：{outcome.error}", "error")
            return redirect(url_for("dept.dashboard", campaign_id=row.id))
        data = _zip_folder(Path(outcome.result.folder))
    return send_file(data, mimetype="application/zip", as_attachment=True,
                     download_name=f"通知包-{row.year}.zip")


@bp.get("/c/<int:campaign_id>/tracking.xlsx")
@login_required()
def tracking(campaign_id: int):
    row = campaign_or_404(campaign_id)
    campaign, units = _current(row)
    with tempfile.TemporaryDirectory(dir=ext("blobs").tmp) as folder:
        path = Path(folder) / "tracking.xlsx"
        api.write_xlsx(api.build_report(campaign, _results(row, campaign, units)), path, force=True)
        data = io.BytesIO(path.read_bytes())
    return send_file(data, as_attachment=True, download_name=f"跟踪表-{row.year}.xlsx",
                     mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


@bp.get("/c/<int:campaign_id>/letters.zip")
@login_required()
def letters(campaign_id: int):
    row = campaign_or_404(campaign_id)
    campaign, units = _current(row)
    if not units:
        flash("还没有单位上传可检查的总结，没有反馈函可下载。", "error")
        return redirect(url_for("dept.dashboard", campaign_id=row.id))
    with tempfile.TemporaryDirectory(dir=ext("blobs").tmp) as folder:
        api.write_feedback(api.build_report(campaign, _results(row, campaign, units)),
                           Path(folder) / "letters", None, True)
        data = _zip_folder(Path(folder) / "letters")
    return send_file(data, mimetype="application/zip", as_attachment=True,
                     download_name=f"反馈函-{row.year}.zip")


def labels_data(units) -> dict:
    """The overrides as a labels.json of the evaluate format (file = the unit's copy)."""
    summaries = []
    for link, summary in units:
        labels = {cid: EXPORT_STATUS[o.status] for cid, o in summary["overrides"].items()}
        if labels:
            summaries.append({"file": f"{link.id:03d}{summary['current'].kind}", "unit": link.unit_name,
                              "labels": labels,
                              "reasons": {cid: o.reason for cid, o in summary["overrides"].items()}})
    return {"summaries": summaries}


@bp.get("/c/<int:campaign_id>/labels.zip")
@login_required()
def labels(campaign_id: int):
    """A folder that ``noticegen evaluate CAMPAIGN FOLDER`` reads: labels.json and the files."""
    row = campaign_or_404(campaign_id)
    _, units = _current(row)
    data = labels_data(units)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("labels.json", json.dumps(data, ensure_ascii=False, indent=1))
        archive.write(ext("blobs").path(row.sha256, ".yaml"), "campaign.yaml")
        wanted = {s["file"] for s in data["summaries"]}
        for link, summary in units:
            name = f"{link.id:03d}{summary['current'].kind}"
            if name in wanted:
                archive.write(blob_path(summary["current"]), name)
    buffer.seek(0)
    return send_file(buffer, mimetype="application/zip", as_attachment=True,
                     download_name=f"改判标注-{row.year}.zip")
