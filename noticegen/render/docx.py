"""Render docxtpl templates into deterministic .docx bytes (the only module that writes Word).

A :class:`CompiledTemplate` reads a template once: docxtpl turns its Word XML into
a Jinja template, compiled in a sandbox (no code, no file access, unknown fields
are errors). Rendering then only runs the compiled template, applies the layout
fix-ups and zips the parts with fixed timestamps, so the same context always gives
the same bytes.
"""
from __future__ import annotations

import datetime as dt
import functools
import hashlib
import re
from pathlib import Path
from xml.sax.saxutils import escape

import jinja2
from docxtpl import DocxTemplate
from jinja2.sandbox import SandboxedEnvironment
from lxml import etree

from ..errors import TemplateError
from ..safezip import parse_xml, read_members, write_members
from ..zipwrite import deflate
from . import fixups, sandbox
from ..i18n import _

DOCUMENT = "word/document.xml"
STYLES = "word/styles.xml"
CORE = "docProps/core.xml"


def _environment() -> SandboxedEnvironment:
    return sandbox.environment()


class CompiledTemplate:
    """A .docx template read and compiled once, rendered many times."""

    def __init__(self, path: Path, data: bytes | None = None) -> None:
        self.path = Path(path)
        self.name = self.path.name
        data = data if data is not None else self.path.read_bytes()
        self.sha256 = hashlib.sha256(data).hexdigest()
        self.members = read_members(self.path, data, error=self._error)
        if DOCUMENT not in self.members:
            raise self._error(_("{name}: no {part} inside; not a Word document").format(
                name=self.name, part=DOCUMENT))
        self._tpl = DocxTemplate(self.path)  # used for its XML preprocessing only
        self.style_ids = _style_ids(self.members.get(STYLES, b""))
        self._parts = {}
        for name in self._renderable():
            text = self.members[name].decode("utf-8")
            self._parts[name] = self._compile(name, text)

    def _error(self, message: str) -> TemplateError:
        return TemplateError(message, hint=_("export fresh templates with “noticegen templates "
                                             "export”"))

    def _renderable(self) -> list[str]:
        return [n for n in self.members
                if n == DOCUMENT or re.fullmatch(r"word/(header|footer)\d*\.xml", n)]

    def _compile(self, part: str, xml: str):
        start = xml.find("<w:body>") if part == DOCUMENT else xml.find(">", xml.find("<w:")) + 1
        end = xml.rfind("</w:body>") if part == DOCUMENT else xml.rfind("</w:")
        if start < 0 or end < 0:
            raise self._error(_("template {name}: {part} is not WordprocessingML").format(
                name=self.name, part=part))
        head, inner, tail = xml[:start], xml[start:end], xml[end:]
        inner = self._tpl.patch_xml(inner)
        inner = re.sub(r"<w:p([ >])", r"\n<w:p\1", inner)  # one line per paragraph
        try:
            compiled = _environment().from_string(inner)
        except jinja2.TemplateSyntaxError as exc:
            raise TemplateError(
                _("template {name}: broken tag near “{text}”: {message}").format(
                    name=self.name, text=_paragraph_text(inner, exc.lineno), message=exc.message),
                hint=_("open the template in Word and check that every {{ }} and {% %} is closed "
                       "and spelled right")) from None
        return head, compiled, tail, inner

    def render(self, context: dict, *, properties: dict | None = None) -> bytes:
        """The .docx bytes for ``context``; ``properties`` fill docProps/core.xml."""
        members = dict(self.packed)
        for part, (head, compiled, tail, source) in self._parts.items():
            try:
                inner = sandbox.render(compiled, context)
            except jinja2.UndefinedError as exc:
                raise TemplateError(_("template {name} uses an unknown field: {message}").format(
                    name=self.name, message=exc.message),
                                    hint=_("fields are listed in README “Templates”; check the "
                                           "spelling in the template")) from None
            except jinja2.exceptions.SecurityError as exc:
                raise TemplateError(_("template {name} tries something not allowed: "
                                      "{reason}").format(
                    name=self.name, reason=exc),
                                    hint=_("templates may only show fields, loop and "
                                           "test")) from None
            except (jinja2.TemplateError, TypeError, ValueError, ArithmeticError, RecursionError) as exc:
                raise TemplateError(_("template {name}: {reason}").format(
                    name=self.name, reason=exc),
                                    hint=_("templates may only show fields, loop and test; check "
                                           "the template's tags in Word")) from None
            inner = inner.replace("\n<w:p", "<w:p")
            inner = (inner.replace("{_{", "{{").replace("}_}", "}}")
                     .replace("{_%", "{%").replace("%_}", "%}"))
            inner = _resolve_listing(self._tpl, inner)
            members[part] = self._finish(part, head + inner + tail)
        if properties is not None and CORE in members:
            members[CORE] = core_properties(**properties)
        return write_members(members)

    @functools.cached_property
    def packed(self) -> dict:
        """Every member in archive order, the parts no rendering changes deflated once."""
        return packed_members(self.members, set(self._parts))

    def _finish(self, part: str, xml: str) -> bytes:
        try:
            root = parse_xml(xml.encode("utf-8"))
        except etree.XMLSyntaxError as exc:
            raise TemplateError(_("template {name}: rendering {part} gave broken XML "
                                  "({reason})").format(
                name=self.name, part=part, reason=exc),
                                hint=_("a tag probably splits a Word element; retype it in one go "
                                       "in Word")) from None
        if part == DOCUMENT:
            body = root[0] if len(root) else root
            fixups.merge_tables(body)
            fixups.centre_signature(body, self.style_ids)
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


_LISTING = ("\t", "\n", "\a", "\f")
_PARAGRAPH = re.compile(r"<w:p(?: [^>]*)?>.*?</w:p>", re.DOTALL)   # as docxtpl finds them


def _resolve_listing(template: DocxTemplate, xml: str) -> str:
    """docxtpl's tabs, line and page breaks from ``\\t \\n \\a \\f`` in texts, applied only
    to the paragraphs holding one: docxtpl rewrites every paragraph, changing only those."""
    if not any(char in xml for char in _LISTING):
        return xml
    return _PARAGRAPH.sub(lambda m: template.resolve_listing(m[0])
                          if any(char in m[0] for char in _LISTING) else m[0], xml)


def packed_members(members: dict[str, bytes], rendered: set[str]) -> dict:
    """``members`` with each part not in ``rendered`` replaced by its deflated form."""
    return {name: blob if name in rendered else deflate(blob) for name, blob in members.items()}


def _paragraph_text(source: str, lineno: int | None) -> str:
    lines = source.splitlines()
    if not lineno or lineno > len(lines):
        return "?"
    return re.sub(r"<[^>]+>", "", lines[lineno - 1])[:60]


def _style_ids(styles_xml: bytes) -> dict[str, str]:
    """Style name → style id, so that fix-ups find styles by the names users see."""
    if not styles_xml:
        return {}
    root = parse_xml(styles_xml)
    ns = {"w": root.nsmap.get("w", "")}
    result = {}
    for style in root.iterfind("w:style", ns):
        name = style.find("w:name", ns)
        if name is not None:
            result[name.get(f"{{{ns['w']}}}val")] = style.get(f"{{{ns['w']}}}styleId")
    return result


def core_properties(title: str, author: str, date: dt.date, subject: str = "") -> bytes:
    """docProps/core.xml from the campaign, never from the clock."""
    stamp = f"{date.isoformat()}T00:00:00Z"
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{escape(title)}</dc:title><dc:subject>{escape(subject)}</dc:subject>"
        f"<dc:creator>{escape(author)}</dc:creator><cp:lastModifiedBy>{escape(author)}</cp:lastModifiedBy>"
        "<cp:revision>1</cp:revision>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified>'
        "</cp:coreProperties>"
    ).encode("utf-8")
