"""Parse commitment standards such as ``≥99.9%``, ``不低于96%`` or ``= 0``."""
from __future__ import annotations

import re
import unicodedata

from ..model import Standard
from ..i18n import N_, _

_WORD_OPS = [
    ("不低于", ">="), ("不少于", ">="), ("大于等于", ">="), ("至少", ">="),
    ("不高于", "<="), ("不超过", "<="), ("不大于", "<="), ("小于等于", "<="), ("至多", "<="),
    ("高于", ">"), ("大于", ">"), ("低于", "<"), ("小于", "<"), ("等于", "="), ("为", "="),
]
_SYMBOL_OPS = {"≥": ">=", ">=": ">=", "≤": "<=", "<=": "<=", ">": ">", "<": "<",
               "=": "=", "==": "="}
_PATTERN = re.compile(r"^\s*(?P<op>≥|>=|≤|<=|==|=|>|<)?\s*(?P<num>\d+(?:\.\d+)?)\s*(?P<unit>%|次|件|户|个)?\s*$")

HINT = N_("write the standard as e.g. “≥99.9%”, “不低于96%” or “= 0” (number of failures allowed)")


def parse_standard(text: str) -> Standard:
    """Parse a standard; raise ``ValueError`` with a readable reason when it cannot."""
    raw = unicodedata.normalize("NFKC", str(text)).strip().rstrip("，,。;；")
    for word, op in _WORD_OPS:
        if raw.startswith(word):
            raw = op + raw[len(word):]
            break
    match = _PATTERN.match(raw)
    if not match:
        raise ValueError(_("cannot read the standard “{text}”").format(text=text))
    op = _SYMBOL_OPS[match["op"] or "="]
    value = float(match["num"])
    unit = match["unit"] or ""
    if unit == "%" and value > 100:
        raise ValueError(_("the standard “{text}” is above 100%").format(text=text))
    return Standard(op=op, target=value, unit=unit)

