"""The compiled render gives the Word XML docxtpl's own ``DocxTemplate.render`` gives.

render/docx.py runs docxtpl's steps itself (patch the XML, render the Jinja, undo the
escapes, resolve listings) so that a template compiles once. A docxtpl release that changes
those steps must fail here, not change the documents silently: every bundled template is
rendered both ways and the document, header and footer parts compared. Normalised away: the
layout fix-ups (applied to docxtpl's output too, they are ours), the serialisation (both
parsed and written back), the zip container and docProps (ours are deterministic), and the
ids of drawings: docxtpl renumbers every ``wp:docPr`` from 1001 so that drawings repeated by
a loop do not share an id; the compiled render keeps the template's ids, so the test checks
instead that they are unique.
"""
from __future__ import annotations

import datetime as dt
import io

import pytest
from docxtpl import DocxTemplate
from lxml import etree

from noticegen.api import check, checker, select_summaries
from noticegen.campaign import load_campaign
from noticegen.render import fixups
from noticegen.render.context import letter_context, notice_context
from noticegen.render.docx import CompiledTemplate
from noticegen.render.package import TEMPLATE_FILES
from noticegen.render.sandbox import environment
from noticegen.report.feedback import TEMPLATE as FEEDBACK, feedback_context
from noticegen.resources import template_dir
from noticegen.safezip import read_members

from conftest import EXAMPLE


TEMPLATES = {**TEMPLATE_FILES, "feedback": FEEDBACK}
DOC_PR = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"


def _parts(data: bytes, style_ids: dict | None = None) -> dict[str, bytes]:
    """The document, header, footer and footnote parts of a .docx, parsed and written back,
    drawing ids numbered in order; with ``style_ids``, the layout fix-ups applied first."""
    members = read_members("rendered.docx", data)
    parts = {}
    for name in sorted(members):
        if name in ("word/document.xml", "word/footnotes.xml") or (
                name.startswith(("word/header", "word/footer")) and name.endswith(".xml")):
            root = etree.fromstring(members[name])
            if style_ids is not None and name == "word/document.xml":
                fixups.merge_tables(root[0])
                fixups.centre_signature(root[0], style_ids)
            drawings = list(root.iter(DOC_PR))
            if style_ids is None:   # ours: the ids must already be unique
                ids = [d.get("id") for d in drawings]
                assert len(set(ids)) == len(ids), f"{name}: drawing ids repeat: {ids}"
            for number, drawing in enumerate(drawings, start=1):
                drawing.set("id", str(number))
            parts[name] = etree.tostring(root, encoding="UTF-8")
    return parts


def _docxtpl(path, context: dict) -> bytes:
    template = DocxTemplate(path)
    template.render(context, environment(), autoescape=True)
    buffer = io.BytesIO()
    template.save(buffer)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def contexts() -> dict[str, list[dict]]:
    """Contexts for every bundled template, from the bundled example and its summaries."""
    campaign = load_campaign(EXAMPLE)
    notice = notice_context(campaign)
    summaries = checker(campaign)
    files, _ = select_summaries(summaries, [EXAMPLE.parent / "summaries"])
    results = [r for r in check(summaries, files, workers=1) if r.status == "ok"]
    assert results
    return {
        "letter": [letter_context(campaign, unit, notice) for unit in campaign.units[:3]],
        "feedback": [feedback_context(campaign, r, dt.date(2006, 11, 20)) for r in results],
        **{key: [notice] for key in TEMPLATE_FILES if key != "letter"},
    }


def test_every_bundled_template_is_compared():
    assert sorted(p.name for p in template_dir().glob("*.docx")) == sorted(TEMPLATES.values())


@pytest.mark.parametrize("key", sorted(TEMPLATES))
def test_compiled_render_matches_docxtpl(key, contexts):
    path = template_dir() / TEMPLATES[key]
    compiled = CompiledTemplate(path)
    for context in contexts[key]:
        ours = _parts(compiled.render(context))
        theirs = _parts(_docxtpl(path, context), compiled.style_ids)
        assert ours.keys() == theirs.keys()
        for name in ours:
            assert ours[name] == theirs[name], f"{TEMPLATES[key]}: {name} differs"
