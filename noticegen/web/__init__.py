"""``noticegen serve``: the web application where units check their drafts and hand in their
summaries, and the department follows every unit (needs the ``web`` extra)."""
from __future__ import annotations


def create_app(*args, **kwargs):
    from .app import create_app as create
    return create(*args, **kwargs)
