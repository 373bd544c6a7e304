"""Output folders prepared by an attacker: forged manifests, links, stray files."""
from __future__ import annotations

import json
import os
from pathlib import Path

from noticegen.output import sha256


def forged_manifest(folder: Path, outputs: dict[str, str], tool: str | None = "noticegen") -> Path:
    """A manifest.json naming ``outputs`` (path → sha256) in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    manifest: dict = {"outputs": outputs}
    if tool:
        manifest["tool"] = tool
    path = folder / "manifest.json"
    path.write_text(json.dumps(manifest), encoding="utf-8")
    return path


def victim(path: Path, text: str = "precious") -> tuple[Path, str]:
    """A user's file outside the output folder and its sha256."""
    path.write_text(text, encoding="utf-8")
    return path, sha256(text.encode("utf-8"))


def manifest_link(folder: Path, target: str = "/dev/zero") -> Path:
    """manifest.json as a symbolic link to a device (reading it never ends)."""
    folder.mkdir(parents=True, exist_ok=True)
    os.symlink(target, folder / "manifest.json")
    return folder / "manifest.json"


def big_manifest(folder: Path, size: int = 3 * 1024 * 1024) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "manifest.json"
    path.write_text('{"tool": "noticegen", "outputs": {}, "pad": "' + "x" * size + '"}')
    return path


def linked_letters(folder: Path, elsewhere: Path) -> Path:
    """The package's 责任书 folder as a link to a folder outside it."""
    folder.mkdir(parents=True, exist_ok=True)
    elsewhere.mkdir(parents=True, exist_ok=True)
    os.symlink(elsewhere, folder / "责任书")
    return folder / "责任书"


def stale_temporary(folder: Path, name: str = ".noticegen-abc123.part") -> Path:
    """What a build killed with SIGKILL leaves behind."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(b"half a docx")
    return folder / name
