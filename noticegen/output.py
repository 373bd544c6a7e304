"""Write output files atomically without silently overwriting a user's files."""
from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
import unicodedata
from pathlib import Path

from .errors import OutputError

MANIFEST = "manifest.json"
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)),
             *(f"LPT{i}" for i in range(1, 10))}


def safe_filename(name: str, limit: int = 80) -> str:
    """A file name that is safe on Windows, macOS and Linux, whatever ``name`` holds."""
    text = unicodedata.normalize("NFC", name)
    text = re.sub(r'[<>:"/\\|?*\x00-\x1f\x7f]', "_", text)
    text = text.strip(" .") or "unnamed"
    if text.split(".")[0].upper() in _RESERVED:
        text = f"_{text}"
    return text[:limit].rstrip(" .") or "unnamed"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def refuse_overwrite(path: Path, force: bool) -> None:
    """Raise unless ``path`` is free or ``force`` allows replacing it."""
    if Path(path).exists() and not force:
        raise OutputError("the output file exists", path=path,
                          hint="choose another name or pass --force")


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` via a temporary file in the same folder, then rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def read_manifest(folder: Path) -> dict:
    path = folder / MANIFEST
    if not path.exists():
        return {}
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise OutputError("the build manifest is unreadable", path=path,
                          hint="delete it (and check the folder's files) or build into a new folder") from None


def plan_writes(folder: Path, outputs: dict[str, bytes], force: bool) -> tuple[list[str], list[str], list[str]]:
    """Split outputs into (to write, unchanged, stale); refuse to replace files we did not write.

    A file may be replaced when its bytes are the ones the last build recorded in the
    manifest; anything else (edited by hand, put there by someone) needs ``force``.
    """
    recorded = read_manifest(folder).get("outputs", {})
    write, unchanged, foreign = [], [], []
    for rel, data in outputs.items():
        target = folder / rel
        if not target.exists():
            write.append(rel)
            continue
        current = sha256(target.read_bytes())
        if current == sha256(data):
            unchanged.append(rel)
        elif recorded.get(rel) == current or force:
            write.append(rel)
        else:
            foreign.append(rel)
    if foreign:
        listed = ", ".join(foreign[:5]) + (" …" if len(foreign) > 5 else "")
        raise OutputError(f"would overwrite {len(foreign)} file(s) not written by the last build: "
                          f"{listed}", path=folder,
                          hint="move them away, build into another folder, or pass --force")
    stale = [rel for rel, digest in recorded.items() if rel not in outputs
             and (folder / rel).exists() and sha256((folder / rel).read_bytes()) == digest]
    return write, unchanged, stale


def write_manifest(folder: Path, manifest: dict) -> None:
    text = json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    atomic_write(folder / MANIFEST, text.encode("utf-8"))
