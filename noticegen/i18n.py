"""The interface language: Chinese by default, English on request.

Messages are English msgids looked up in ``locale/zh_CN/LC_MESSAGES/noticegen.mo``.
``LANGUAGE``/``LC_ALL``/``LC_MESSAGES``/``LANG`` starting with ``en`` or ``--lang en``
select English; anything else (unset, ``C``, ``zh_*``) selects Chinese. Click's own
messages come from ``click.mo``, installed for the stdlib ``gettext`` default domain
that click translates through.
"""
from __future__ import annotations

import gettext as _stdgettext
import os
import re
from functools import lru_cache
from pathlib import Path

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
LANGUAGES = ("zh", "en")
_ENV = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")

_state: dict = {"lang": None, "catalog": None}


def language_from_env(environ=os.environ) -> str:
    """``en`` when the first locale variable set names English, else ``zh``."""
    for name in _ENV:
        value = environ.get(name, "")
        if value:
            return "en" if value.split(":")[0].lower().startswith("en") else "zh"
    return "zh"


def select(lang: str | None = None) -> str:
    """Use ``lang`` (``zh`` or ``en``), or the environment's language when None."""
    lang = lang or language_from_env()
    _state["lang"] = lang
    _state["catalog"] = _load("noticegen") if lang == "zh" else _stdgettext.NullTranslations()
    _install_for_click(lang)
    return lang


def language() -> str:
    """The language in use (selected from the environment on first use)."""
    if _state["lang"] is None:
        select()
    return _state["lang"]


def _catalog() -> _stdgettext.NullTranslations:
    if _state["catalog"] is None:
        select()
    return _state["catalog"]


def _(message: str) -> str:
    """``message`` in the interface language."""
    return _catalog().gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural form for ``n``, in the interface language."""
    return _catalog().ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark ``message`` for extraction; translate it later, where it is shown, with ``_``."""
    return message


@lru_cache(maxsize=None)
def _load(domain: str) -> _stdgettext.NullTranslations:
    path = LOCALE_DIR / "zh_CN" / "LC_MESSAGES" / f"{domain}.mo"
    try:
        with open(path, "rb") as file:
            return _stdgettext.GNUTranslations(file)
    except OSError:
        return _stdgettext.NullTranslations()


_stdlib = {"dgettext": _stdgettext.dgettext, "dngettext": _stdgettext.dngettext}
_click: dict = {"catalog": None}


def _install_for_click(lang: str) -> None:
    """Route the default gettext domain (click's ``_()``) through ``click.mo`` in Chinese.

    click binds ``gettext.gettext`` at import; that function looks up ``dgettext`` in the
    gettext module on every call, so replacing ``dgettext``/``dngettext`` there reaches it.
    """
    if lang == "en":
        _click["catalog"] = None
        return
    if _click["catalog"] is None:
        _click["catalog"] = _load("click")
    _stdgettext.dgettext = _dgettext
    _stdgettext.dngettext = _dngettext


def _dgettext(domain: str, message: str) -> str:
    catalog = _click["catalog"]
    if catalog is not None and domain == _stdgettext.textdomain():
        return catalog.gettext(message)
    return _stdlib["dgettext"](domain, message)


def _dngettext(domain: str, singular: str, plural: str, n: int) -> str:
    catalog = _click["catalog"]
    if catalog is not None and domain == _stdgettext.textdomain():
        return catalog.ngettext(singular, plural, n)
    return _stdlib["dngettext"](domain, singular, plural, n)


# -- wrapping Chinese text for the terminal (two columns a character, breaks between them) --

_WIDE = re.compile(r"[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff"
                   r"\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6“”‘’—…]")
_TOKEN = re.compile(rf"\s+|{_WIDE.pattern}|[^\s{_WIDE.pattern[1:-1]}]+")
_NO_LINE_START = set("，。、；：！？）》」』】〕”’…%")
_NO_LINE_END = set("（《「『【〔“‘([")


def width(text: str) -> int:
    """Columns ``text`` takes on a terminal: two for a Chinese character, one otherwise."""
    return sum(2 if _WIDE.match(char) else 1 for char in text)


def wrap(text: str, columns: int, indent: str = "", subsequent: str = "") -> list[str]:
    """``text`` in lines of at most ``columns``, breaking between Chinese characters and at
    spaces; a closing mark never starts a line, an opening one never ends it; blank-line
    paragraphs kept apart."""
    lines: list[str] = []
    for number, paragraph in enumerate(text.split("\n\n")):
        if number:
            lines.append("")
        prefix, parts, space = indent, [], False          # parts: (gap, token)
        for token in _TOKEN.findall(paragraph.replace("\n", " ")):
            if token.isspace():
                space = bool(parts)
                continue
            part, space = (" " if space else "", token), False
            if parts and _columns(prefix, parts + [part]) > columns:
                keep = len(parts) - (token[0] in _NO_LINE_START)
                while keep > 0 and (parts[keep - 1][1][-1] in _NO_LINE_END or (
                        keep < len(parts) and _glued(parts[keep]))):
                    keep -= 1
                keep = keep or len(parts)
                lines.append(prefix + "".join(g + t for g, t in parts[:keep]))
                parts = [("", t) if i == 0 else (g, t) for i, (g, t) in enumerate(parts[keep:])]
                prefix, part = subsequent, part if parts else ("", token)
            parts.append(part)
        lines.append((prefix + "".join(g + t for g, t in parts)).rstrip())
    return lines


def _glued(part: tuple[str, str]) -> bool:
    """Punctuation written against the word before it (“责任书/”), not to start a line."""
    gap, token = part
    return not gap and not token[0].isalnum() and not _WIDE.match(token[0])


def _columns(prefix: str, parts: list[tuple[str, str]]) -> int:
    return width(prefix) + sum(width(gap) + width(token) for gap, token in parts)
