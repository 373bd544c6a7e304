"""A summary's text with each clause's evidence marked where it stands."""
from __future__ import annotations

from markupsafe import Markup, escape


def highlighted(segments: list[list[str]], data: dict) -> tuple[list[dict], list[dict]]:
    """Paragraphs as safe HTML with ``<mark>`` around evidence; evidence not found in the text."""
    wanted = [(c["evidence"], c["id"], c["status"]) for c in data.get("clauses", [])
              if c.get("evidence")]
    placed: set[int] = set()
    paragraphs = []
    for text, location in segments:
        spans = []
        for index, (evidence, cid, status) in enumerate(wanted):
            start = text.find(evidence)
            if start >= 0 and not any(s < start + len(evidence) and start < e for s, e, *_ in spans):
                spans.append((start, start + len(evidence), cid, status))
                placed.add(index)
        html, position = Markup(""), 0
        for start, end, cid, status in sorted(spans):
            html += escape(text[position:start])
            html += Markup('<mark class="st-{}" id="ev-{}"><sup>{}</sup>{}</mark>').format(
                status, cid, cid, text[start:end])
            position = end
        html += escape(text[position:])
        paragraphs.append({"html": html, "location": location, "ids": [s[2] for s in spans]})
    unplaced = [{"id": cid, "status": status, "evidence": evidence}
                for index, (evidence, cid, status) in enumerate(wanted) if index not in placed]
    return paragraphs, unplaced
