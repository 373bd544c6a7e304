"""Checks off the request path: the database is the queue, a process pool does the work.

Uploads are written as ``queued``; a dispatcher thread claims them (a conditional UPDATE, so
several app instances may share one database), hands them to the pool and writes the result.
A check that was running when the server stopped is queued again on the next start.
"""
from __future__ import annotations

import datetime as dt
import logging
import multiprocessing
import os
import threading
from concurrent.futures import ProcessPoolExecutor

from sqlalchemy import select, update

from . import checkjob
from .db import Campaign, UnitLink, Upload, utcnow

log = logging.getLogger(__name__)
STALE = dt.timedelta(minutes=5)   # a claim older than this is taken to be lost


class CheckPool:
    def __init__(self, session_factory, blobs, workers: int, reclaim_all: bool) -> None:
        self.sessions = session_factory
        self.blobs = blobs
        self.workers = max(1, workers)
        self.reclaim_all = reclaim_all
        self.wake = threading.Event()
        self.stopping = False
        self.in_flight = 0
        self.lock = threading.Lock()
        self.pool = None
        self.thread = None

    def start(self) -> None:
        self._requeue(everything=self.reclaim_all)
        self._new_pool()
        self.thread = threading.Thread(target=self._loop, name="check-dispatcher", daemon=True)
        self.thread.start()

    def _new_pool(self) -> None:
        """A fresh process pool (also after a checking process died)."""
        context = multiprocessing.get_context("spawn")
        self.pool = ProcessPoolExecutor(self.workers, mp_context=context,
                                        initializer=checkjob.start_worker, initargs=(os.getpid(),))
        for _ in range(self.workers):
            self.pool.submit(checkjob.warm)

    def stop(self) -> None:
        self.stopping = True
        self.wake.set()
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)

    def queue_position(self, upload_id: int) -> int:
        """How many queued uploads come before this one."""
        session = self.sessions()
        try:
            return session.query(Upload).filter(Upload.state == "queued",
                                                Upload.id < upload_id).count()
        finally:
            session.close()

    def _requeue(self, everything: bool) -> None:
        session = self.sessions()
        try:
            condition = Upload.state == "running"
            if not everything:
                condition = condition & (Upload.claimed < utcnow() - STALE)
            session.execute(update(Upload).where(condition).values(state="queued", claimed=None))
            session.commit()
        finally:
            session.close()

    def _loop(self) -> None:
        last_sweep = utcnow()
        while not self.stopping:
            try:
                started = self._dispatch()
                if utcnow() - last_sweep > STALE:
                    self._requeue(everything=False)
                    last_sweep = utcnow()
            except Exception:  # the database went away for a moment: try again shortly
                log.exception("check dispatcher")
                started = 0
            if not started:
                self.wake.wait(0.5)
                self.wake.clear()

    def _dispatch(self) -> int:
        with self.lock:
            room = self.workers * 2 - self.in_flight
        if room <= 0:
            return 0
        session = self.sessions()
        started = 0
        try:
            rows = session.execute(
                select(Upload.id, Upload.sha256, Upload.kind, UnitLink.unit_name, Campaign.sha256,
                       Campaign.rules_sha256)
                .join(UnitLink, Upload.unit_id == UnitLink.id)
                .join(Campaign, UnitLink.campaign_id == Campaign.id)
                .where(Upload.state == "queued").order_by(Upload.id).limit(room)).all()
            for upload_id, sha, kind, unit, campaign_sha, rules_sha in rows:
                claimed = session.execute(
                    update(Upload).where(Upload.id == upload_id, Upload.state == "queued")
                    .values(state="running", claimed=utcnow())).rowcount
                session.commit()
                if not claimed:
                    continue
                with self.lock:
                    self.in_flight += 1
                    if getattr(self.pool, "_broken", False):
                        self._new_pool()
                try:
                    rules = str(self.blobs.path(rules_sha, ".yaml")) if rules_sha else None
                    future = self.pool.submit(checkjob.run, str(self.blobs.path(campaign_sha, ".yaml")),
                                              str(self.blobs.path(sha, kind)), unit, rules)
                except RuntimeError:  # the pool is shutting down or broke just now: queue again
                    with self.lock:
                        self.in_flight -= 1
                    session.execute(update(Upload).where(Upload.id == upload_id)
                                    .values(state="queued", claimed=None))
                    session.commit()
                    break
                future.add_done_callback(lambda f, i=upload_id: self._finish(i, f))
                started += 1
        finally:
            session.close()
        return started

    def _finish(self, upload_id: int, future) -> None:
        with self.lock:
            self.in_flight -= 1
        if future.cancelled():
            return
        session = self.sessions()
        try:
            try:
                result, error = future.result()
                values = {"state": "error" if error else "done", "result_json": result,
                          "error": error}
            except Exception as exc:  # the worker died or the check itself failed
                if self.stopping:
                    return
                values = {"state": "error", "error": f"{type(exc).__name__}: {exc}"}
            session.execute(update(Upload).where(Upload.id == upload_id, Upload.state == "running")
                            .values(finished=utcnow(), **values))
            session.commit()
        except Exception:
            log.exception("storing the result of upload %s", upload_id)
        finally:
            session.close()
        self.wake.set()
