"""A summary's text with each clause's evidence marked where it stands."""
from __future__ import annotations

from markupsafe import Markup, escape


def highlighted(segments: list[list[str]], data: dict,
                numbers: dict[str, str]) -> tuple[list[dict], list[dict]]:
    """Paragraphs as safe HTML with ``<mark>`` around evidence (one mark may serve several
    clauses); the evidence that spans paragraphs, listed apart."""
    wanted = [(c["evidence"], c["id"], c["status"]) for c in data.get("clauses", [])
              if c.get("evidence")]
    placed: set[int] = set()
    paragraphs = []
    for text, location in segments:
        spans: list[list] = []   # [start, end, [ids], status]
        for index, (evidence, cid, status) in enumerate(wanted):
            start = text.find(evidence)
            if start < 0:
                continue
            end = start + len(evidence)
            same = next((s for s in spans if s[0] == start and s[1] == end), None)
            if same is not None:
                same[2].append(cid)
            elif not any(s[0] < end and start < s[1] for s in spans):
                spans.append([start, end, [cid], status])
            else:
                continue
            placed.add(index)
        html, position = Markup(""), 0
        for start, end, ids, status in sorted(spans):
            label = " ".join(numbers.get(i, i) for i in ids)
            anchors = Markup("").join(Markup('<a id="ev-{}"></a>').format(i) for i in ids)
            html += escape(text[position:start])
            html += Markup('{}<mark class="st-{}"><sup>{}</sup>{}</mark>').format(
                anchors, status, label, text[start:end])
            position = end
        html += escape(text[position:])
        paragraphs.append({"html": html, "location": location})
    unplaced = [{"id": cid, "status": status, "evidence": evidence}
                for index, (evidence, cid, status) in enumerate(wanted) if index not in placed]
    return paragraphs, unplaced
