"""WordprocessingML namespaces and Clark names (``{uri}local``) for the tags the code uses."""
from __future__ import annotations

from functools import lru_cache

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
XML_NS = "http://www.w3.org/XML/1998/namespace"
W = f"{{{W_NS}}}"
MC = f"{{{MC_NS}}}"
MC_FALLBACK = f"{MC}Fallback"
PREFIXES = {"w": W_NS, "r": R_NS, "mc": MC_NS, "xml": XML_NS}


def w(name: str) -> str:
    """The Clark name of the WordprocessingML element or attribute ``name``."""
    return f"{W}{name}"


@lru_cache(maxsize=None)
def qn(tag: str) -> str:
    """The Clark name of a prefixed tag: ``qn("w:p")`` → ``{…/main}p``."""
    prefix, _, local = tag.partition(":")
    return f"{{{PREFIXES[prefix]}}}{local}"


def local(element) -> str:
    """The tag of ``element`` without its namespace ("" for comments and processing instructions)."""
    tag = element.tag
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""
