"""Files kept by content: ``blobs/ab/<sha256><suffix>``; written once, never overwritten."""
from __future__ import annotations

import hashlib
import os
import secrets
from pathlib import Path

KINDS = (".docx", ".pdf", ".txt", ".md", ".yaml")


class BlobStore:
    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.tmp = self.root / "tmp"
        self.tmp.mkdir(parents=True, exist_ok=True)
        self._sweep()

    def _sweep(self, age: float = 3600) -> None:
        """Remove temporary files an interrupted upload left behind (an hour old or more)."""
        import time
        for path in self.tmp.iterdir():
            try:
                if path.is_file() and path.stat().st_mtime < time.time() - age:
                    path.unlink()
            except OSError:
                pass

    def path(self, sha: str, kind: str) -> Path:
        """Where the blob ``sha`` lives; both parts are checked, never taken from a user."""
        if len(sha) != 64 or any(c not in "0123456789abcdef" for c in sha) or kind not in KINDS:
            raise ValueError("not a blob address")
        return self.root / sha[:2] / f"{sha}{kind}"

    def temporary(self, kind: str) -> Path:
        """A fresh file name in the store's own temporary folder."""
        if kind not in KINDS:
            raise ValueError("not a blob kind")
        return self.tmp / f"{secrets.token_hex(16)}{kind}"

    def keep(self, source: Path, kind: str) -> tuple[str, int]:
        """Move a temporary file into the store; return its SHA-256 and size."""
        digest, size = hashlib.sha256(), 0
        with open(source, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
                size += len(block)
            os.fsync(handle.fileno())
        sha = digest.hexdigest()
        target = self.path(sha, kind)
        if target.exists():
            source.unlink()
        else:
            target.parent.mkdir(exist_ok=True)
            os.replace(source, target)
            _sync_folder(target.parent)
        return sha, size

    def put(self, data: bytes, kind: str) -> str:
        """Store ``data``; return its SHA-256."""
        temporary = self.temporary(kind)
        temporary.write_bytes(data)
        return self.keep(temporary, kind)[0]


def _sync_folder(folder: Path) -> None:
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
