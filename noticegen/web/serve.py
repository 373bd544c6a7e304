"""Run the application under waitress (a production WSGI server, threads, no build step)."""
from __future__ import annotations

from pathlib import Path


def serve(data: Path, host: str, port: int, *, database: str | None = None,
          workers: int | None = None, threads: int = 16, secure_cookies: bool = True) -> None:
    import signal
    import sys
    from waitress import serve as run
    from .app import create_app
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # stop the checking processes too
    app = create_app(Path(data), database=database, workers=workers,
                     secure_cookies=secure_cookies)
    try:
        run(app, host=host, port=port, threads=threads, max_request_body_size=64 * 2**20,
            connection_limit=200, ident="noticegen")
    finally:
        app.extensions["noticegen"]["pool"].stop()
