"""The Flask application: configuration, security headers, error pages, the check pool."""
from __future__ import annotations

import os
import secrets
from pathlib import Path
from zoneinfo import ZoneInfo

from flask import Flask, render_template
from flask_wtf.csrf import CSRFError, CSRFProtect
from werkzeug.exceptions import HTTPException

from .db import make_session
from .migrate import connect
from .store import BlobStore
from .worker import CheckPool

MAX_UPLOAD_MB = 20
MAX_FIELD_BYTES = 100_000
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'")


def database_url(data: Path, url: str | None) -> str:
    """The given database URL, else ``NOTICEGEN_DATABASE_URL``, else SQLite in ``data``."""
    url = url or os.environ.get("NOTICEGEN_DATABASE_URL")
    if url and url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://"):]
    return url or f"sqlite:///{(Path(data) / 'noticegen.sqlite').resolve()}"


def _secret_key(data: Path) -> bytes:
    """The session-signing key, made once and kept (owner-only) in the data folder."""
    path = data / "secret.key"
    if not path.exists():
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(secrets.token_bytes(32))
    return path.read_bytes()


def create_app(data: Path, *, database: str | None = None, workers: int | None = None,
               secure_cookies: bool = True, start_checks: bool = True,
               timezone: str = "Asia/Shanghai", testing: bool = False) -> Flask:
    data = Path(data)
    data.mkdir(parents=True, exist_ok=True)
    app = Flask(__name__)
    app.config.update(
        SECRET_KEY=_secret_key(data), TESTING=testing,
        MAX_CONTENT_LENGTH=MAX_UPLOAD_MB * 2**20 + MAX_FIELD_BYTES,
        MAX_FORM_MEMORY_SIZE=MAX_FIELD_BYTES, MAX_FORM_PARTS=200,
        SESSION_COOKIE_HTTPONLY=True, SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=secure_cookies, SESSION_COOKIE_NAME="noticegen_session",
        PERMANENT_SESSION_LIFETIME=8 * 3600, WTF_CSRF_TIME_LIMIT=8 * 3600,
        WTF_CSRF_SSL_STRICT=False)
    CSRFProtect(app)
    url = database_url(data, database)
    engine = connect(url)
    sessions = make_session(engine)
    blobs = BlobStore(data / "blobs")
    pool = CheckPool(sessions.session_factory, blobs, workers or os.cpu_count() or 1,
                     reclaim_all=url.startswith("sqlite"))
    app.extensions["noticegen"] = {"db": sessions, "engine": engine, "blobs": blobs,
                                   "pool": pool, "zone": ZoneInfo(timezone), "data": data}
    if start_checks:
        pool.start()

    from . import dept, unit
    app.register_blueprint(dept.bp)
    app.register_blueprint(unit.bp)
    _install_handlers(app, sessions)
    return app


def _install_handlers(app: Flask, sessions) -> None:
    @app.teardown_appcontext
    def _close(_exc=None):
        sessions.remove()

    @app.after_request
    def _headers(response):
        response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["Cross-Origin-Opener-Policy"] = "same-origin"
        if response.mimetype == "text/html":
            response.headers["Cache-Control"] = "no-store"
        return response

    @app.errorhandler(CSRFError)
    def _csrf(_error):
        return render_template("error.html", title="请求被拒绝",
                               message="页面已过期或缺少安全校验，请求未被执行。请刷新页面后重试。"), 400

    @app.errorhandler(413)
    def _too_large(_error):
        return render_template("error.html", title="提交的内容过大", message=(
            f"上传的文件不得超过 {MAX_UPLOAD_MB} MB，表单中的文字不得超过 "
            f"{MAX_FIELD_BYTES // 1000} KB。本次提交未被保存，其他内容没有任何改变。")), 413

    @app.errorhandler(HTTPException)
    def _http(error):
        messages = {404: ("页面不存在", "链接无效或已失效，请核对地址。"),
                    403: ("无权访问", "您的账号没有执行此操作的权限。"),
                    405: ("请求方式不正确", "请从页面上的按钮提交。"),
                    429: ("请求过于频繁", "请稍后再试。")}
        title, message = messages.get(error.code, ("请求无法处理", "请返回上一页重试。"))
        return render_template("error.html", title=title, message=message), error.code


def ext(name: str):
    """One of the application's shared objects (db, blobs, pool, zone, data)."""
    from flask import current_app
    return current_app.extensions["noticegen"][name]
