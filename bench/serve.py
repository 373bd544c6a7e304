"""Benchmark `noticegen serve` on 127.0.0.1: concurrent uploads, then a kill mid-upload.

    python bench/serve.py [--units 50] [--rounds 3] [--chars 10000] [--workers 2]

Starts the server on a free loopback port with a fresh data folder and a campaign of
``--units`` units (the bundled example with more units in its groups). Every unit uploads
a different .docx of about ``--chars`` characters, waits for the verdict and uploads again,
``--rounds`` times, all units at once; reported: uploads stored, checked and lost, and the
time from sending an upload to its verdict (median, p95, max). Then every unit uploads once
more and the server is killed (SIGKILL) while the uploads are under way; after a restart
every upload whose response had arrived must be in the database with its file, the
database must pass its integrity check and every check must finish.
"""
from __future__ import annotations

import argparse
import hashlib
import io
import os
import re
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
EXAMPLE = ROOT / "examples" / "mengdian-2006"
PASSWORD = "benchmark-pass-1"
POSTS: list[float] = []   # how long each upload request took
GROUPS = ("各供电、农电及营销各单位: [", "各供电、农电、营销各单位及调度所: [", "局属（农电）各单位: [")


def campaign_text(units: int) -> str:
    """The example campaign with extra units, each named in every group."""
    text = (EXAMPLE / "campaign.yaml").read_text("utf-8")
    extra = [f"测试供电所{n:02d}" for n in range(1, max(0, units - 10) + 1)]
    lines = "".join(f"  - {{name: ××电业局{name}, short: {name}}}\n" for name in extra)
    text = text.replace("\ngroups:\n", f"{lines}\ngroups:\n", 1)
    for group in GROUPS:
        text = text.replace(group, group + "".join(f"{name}, " for name in extra), 1)
    return text


def summary_docx(unit: int, round_: int, chars: int) -> bytes:
    import docx
    sentences = [line for line in (EXAMPLE / "summaries" / "城区供电营业所自查总结.txt")
                 .read_text("utf-8").splitlines() if len(line) > 12]
    document, total, index = docx.Document(), 0, 0
    document.add_paragraph(f"单位{unit}第{round_}稿自查总结")
    while total < chars:
        paragraph = f"{sentences[(index + unit) % len(sentences)]}（{unit}-{round_}-{index}）"
        document.add_paragraph(paragraph)
        total, index = total + len(paragraph), index + 1
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start(data: Path, port: int, workers: int) -> subprocess.Popen:
    process = subprocess.Popen(
        [sys.executable, "-m", "noticegen.cli", "serve", "--data", str(data), "--host",
         "127.0.0.1", "--port", str(port), "--workers", str(workers), "--plain-http"],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=open(data / "server.log", "ab"),
        env={**os.environ, "PYTHONPATH": str(ROOT)})
    for _ in range(300):
        try:
            requests.get(f"http://127.0.0.1:{port}/login", timeout=2)
            return process
        except requests.ConnectionError:
            time.sleep(0.1)
    raise SystemExit("the server did not start; see server.log")


def csrf(html: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


def setup(base: str, campaign: bytes) -> list[str]:
    session = requests.Session()
    page = session.get(base + "/login").text
    session.post(base + "/login", data={"name": "bench", "password": PASSWORD,
                                        "csrf_token": csrf(page)})
    page = session.get(base + "/").text
    response = session.post(base + "/campaigns", data={"csrf_token": csrf(page)},
                            files={"campaign": ("campaign.yaml", campaign)})
    assert response.ok and "已载入" in response.text, response.text[:500]
    links = session.get(base + "/c/1/links").text
    return re.findall(r"/u/([\w-]{20,})</td>", links)


def upload(base: str, token: str, data: bytes, name: str) -> tuple[int, float]:
    """Send one upload; return its id and when it was sent."""
    session = requests.Session()
    page = session.get(f"{base}/u/{token}").text
    sent = time.perf_counter()
    response = session.post(f"{base}/u/{token}/upload", data={"csrf_token": csrf(page)},
                            files={"summary": (name, data)}, allow_redirects=False)
    assert response.status_code == 302, response.status_code
    POSTS.append(time.perf_counter() - sent)
    return int(response.headers["Location"].rsplit("/", 1)[1]), sent


def wait_verdict(base: str, token: str, upload_id: int, timeout: float = 300) -> str:
    end = time.time() + timeout
    while time.time() < end:
        state = requests.get(f"{base}/u/{token}/uploads/{upload_id}/status").json()["state"]
        if state in ("done", "error"):
            return state
        time.sleep(1.0)  # as often as the result page refreshes itself
    return "timeout"


def load_round(base: str, tokens: list[str], rounds: int, chars: int) -> dict:
    files = {(u, r): summary_docx(u, r, chars) for u in range(len(tokens)) for r in range(rounds)}
    latencies, states, ids, errors = [], [], [], []
    barrier = threading.Barrier(len(tokens))

    def unit(index: int, token: str) -> None:
        barrier.wait()
        for round_ in range(rounds):
            try:
                upload_id, sent = upload(base, token, files[index, round_], f"总结{round_}.docx")
                state = wait_verdict(base, token, upload_id)
                latencies.append(time.perf_counter() - sent)
                states.append(state)
                ids.append(upload_id)
            except Exception as exc:  # counted as lost
                errors.append(repr(exc))

    threads = [threading.Thread(target=unit, args=(i, t)) for i, t in enumerate(tokens)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    latencies.sort()
    return {"uploads": len(files), "stored": len(set(ids)), "checked": states.count("done"),
            "unreadable": states.count("error"), "timeouts": states.count("timeout"),
            "lost": len(files) - len(set(ids)), "errors": errors[:3],
            "wall": time.perf_counter() - began,
            "median": statistics.median(latencies) if latencies else None,
            "p95": latencies[max(0, int(len(latencies) * 0.95) - 1)] if latencies else None,
            "max": latencies[-1] if latencies else None,
            "post_median": statistics.median(POSTS) if POSTS else None, "hashes": {
                hashlib.sha256(d).hexdigest() for d in files.values()}}


def server_latencies(data: Path) -> list[float]:
    """Seconds from an upload's row to its verdict, as the server recorded them."""
    import datetime as dt
    database = sqlite3.connect(data / "noticegen.sqlite")
    rows = database.execute("SELECT created, finished FROM uploads WHERE finished IS NOT NULL")
    seconds = sorted((dt.datetime.fromisoformat(f) - dt.datetime.fromisoformat(c)).total_seconds()
                     for c, f in rows)
    database.close()
    return seconds


def kill_test(data: Path, port: int, workers: int, process, tokens: list[str], chars: int) -> dict:
    base = f"http://127.0.0.1:{port}"
    finished: list[tuple[int, str]] = []
    payloads = [summary_docx(100 + i, 9, chars) for i in range(len(tokens))]

    def unit(index: int, token: str) -> None:
        try:
            upload_id, _ = upload(base, token, payloads[index], "中断.docx")
            finished.append((upload_id, hashlib.sha256(payloads[index]).hexdigest()))
        except Exception:
            pass  # cut off by the kill: the unit was told nothing, so nothing is owed

    threads = [threading.Thread(target=unit, args=(i, t)) for i, t in enumerate(tokens)]
    for thread in threads:
        thread.start()
    time.sleep(0.4)
    process.send_signal(signal.SIGKILL)
    process.wait()
    for thread in threads:
        thread.join()
    restarted = start(data, port, workers)
    try:
        database = sqlite3.connect(data / "noticegen.sqlite")
        integrity = database.execute("PRAGMA integrity_check").fetchone()[0]
        rows = dict(database.execute("SELECT id, sha256 || kind FROM uploads").fetchall())
        missing = [i for i, sha in finished if i not in rows or not rows[i].startswith(sha)]
        no_file = [i for i, name in rows.items()
                   if not (data / "blobs" / name[:2] / name).is_file()]
        end = time.time() + 120
        while time.time() < end:
            pending = database.execute("SELECT count(*) FROM uploads WHERE state IN "
                                       "('queued', 'running')").fetchone()[0]
            if not pending:
                break
            time.sleep(0.2)
        states = dict(database.execute("SELECT state, count(*) FROM uploads GROUP BY state"))
        database.close()
    finally:
        restarted.send_signal(signal.SIGTERM)
        restarted.wait(30)
    return {"answered_before_kill": len(finished), "sent": len(tokens),
            "missing_after_restart": missing, "rows_without_file": no_file,
            "integrity": integrity, "states_after_restart": states, "pending": pending}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--chars", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--keep", type=Path, help="Keep the data folder (and server.log) here.")
    args = parser.parse_args()
    from noticegen.web.users import add_user
    with tempfile.TemporaryDirectory() as temporary:
        folder = args.keep or temporary
        data = Path(folder) / "data"
        add_user(data, "bench", PASSWORD, "admin")
        port = free_port()
        process = start(data, port, args.workers)
        try:
            base = f"http://127.0.0.1:{port}"
            tokens = setup(base, campaign_text(args.units).encode("utf-8"))[: args.units]
            print(f"{len(tokens)} units, {args.rounds} rounds, {args.chars} characters per .docx, "
                  f"{args.workers} checking processes")
            result = load_round(base, tokens, args.rounds, args.chars)
            print(f"uploads {result['uploads']}: stored {result['stored']}, checked "
                  f"{result['checked']}, unreadable {result['unreadable']}, timeouts "
                  f"{result['timeouts']}, lost {result['lost']} {result['errors'] or ''}")
            print(f"upload → verdict: median {result['median']:.2f} s, p95 {result['p95']:.2f} s, "
                  f"max {result['max']:.2f} s; all {result['uploads']} in {result['wall']:.1f} s "
                  f"(the upload request itself: median {result['post_median']:.2f} s)")
            ready = server_latencies(data)
            print(f"stored → verdict written (server clock): median {statistics.median(ready):.2f} s, "
                  f"p95 {ready[int(len(ready) * 0.95) - 1]:.2f} s")
            blobs = {p.name.split(".")[0] for p in (data / "blobs").rglob("*.docx")}
            print(f"every uploaded file kept by its SHA-256: {result['hashes'] <= blobs}")
            crash = kill_test(data, port, args.workers, process, tokens, args.chars)
            process = None
            print(f"kill -9 during {crash['sent']} uploads: {crash['answered_before_kill']} had been "
                  f"answered; after restart missing {len(crash['missing_after_restart'])}, rows "
                  f"without file {len(crash['rows_without_file'])}, integrity "
                  f"{crash['integrity']}, states {crash['states_after_restart']}, still pending "
                  f"{crash['pending']}")
            ok = (result["lost"] == 0 and result["timeouts"] == 0 and not crash["missing_after_restart"]
                  and not crash["rows_without_file"] and crash["integrity"] == "ok"
                  and crash["pending"] == 0)
            print("PASS" if ok else "FAIL")
            sys.exit(0 if ok else 1)
        finally:
            if process is not None:
                process.send_signal(signal.SIGTERM)
                process.wait(30)


if __name__ == "__main__":
    main()
