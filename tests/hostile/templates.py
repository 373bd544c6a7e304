"""Templates a user (or an attacker) could hand to build --template-dir."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

from noticegen.api import export_templates

EXPRESSIONS = {
    "huge power": "{{ 9**99999999 }}",
    "huge repeat": "{{ 'A' * 10**10 }}",
    "nested ranges": "{% for i in range(99999) %}{% for j in range(99999) %}{% endfor %}{% endfor %}",
    "wide centre": "{{ 'A'|center(10**10) }}",
    "wide method": "{{ 'A'.ljust(10**10) }}",
    "wide format": "{{ '%0999999999d' % 1 }}",
    "wide str.format": "{{ '{:>9999999999}'.format(1) }}",
    "doubling namespace": "{% set ns = namespace(s='AAAAAAAAAAAAAAAA') %}"
                          "{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}",
    "doubling concat": "{% set a = 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' %}"
                       + "".join(f"{{% set a = a ~ a %}}" for _ in range(40)) + "{{ a|length }}",
    "lipsum": "{{ lipsum(10**6) }}",
    "mutate rows": "{{ rubric.rows.clear() }}",
    "mutate dict": "{{ rubric.update({'rows': []}) }}",
}


def edited_templates(folder: Path, replacement: str, name: str = "notice.docx") -> Path:
    """The bundled templates exported to ``folder`` with ``{{ banner }}`` of ``name`` replaced."""
    export_templates(folder)
    path = folder / name
    with zipfile.ZipFile(path) as archive:
        members = {info.filename: archive.read(info) for info in archive.infolist()}
    xml = members["word/document.xml"].decode("utf-8")
    assert "{{ banner }}" in xml
    members["word/document.xml"] = xml.replace("{{ banner }}", replacement, 1).encode("utf-8")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for member, blob in members.items():
            archive.writestr(member, blob)
    path.write_bytes(buffer.getvalue())
    return folder
