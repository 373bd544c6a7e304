"""A .docx opened lazily: parts are decompressed when first asked for, with the same
safety limits as ``safezip.read_members``; each part's CRC names its content for caches."""
from __future__ import annotations

import io
import zipfile
from collections.abc import Mapping
from pathlib import Path

from ..safezip import MAX_MEMBERS, MAX_RATIO, MAX_TOTAL_BYTES


class Members(Mapping):
    """Part name → bytes, read on demand; iterates in archive order like a dict."""

    def __init__(self, path: Path | str, *, error=ValueError) -> None:
        self.label, self.error = str(path), error
        try:
            self._zip = zipfile.ZipFile(io.BytesIO(Path(path).read_bytes()))
        except (zipfile.BadZipFile, OSError) as exc:
            raise error(f"{self.label}: not a valid .docx (zip) file: {exc}") from None
        infos = self._zip.infolist()
        if len(infos) > MAX_MEMBERS:
            raise error(f"{self.label}: {len(infos)} parts inside, too many for a Word document")
        total = 0
        for info in infos:
            name = info.filename
            if name.startswith(("/", "\\")) or ".." in name.split("/") or ":" in name:
                raise error(f"{self.label}: unsafe part name “{name}” inside the file")
            total += info.file_size
            if total > MAX_TOTAL_BYTES or info.file_size > MAX_RATIO * max(info.compress_size, 1024):
                raise error(f"{self.label}: unpacks to far more than its size (a zip bomb?)")
        self._infos = {i.filename: i for i in infos if not i.is_dir()}
        self._cache: dict[str, bytes] = {}

    def __getitem__(self, name: str) -> bytes:
        if name not in self._cache:
            info = self._infos[name]
            try:
                with self._zip.open(info) as member:
                    blob = member.read(info.file_size + 1)
            except (zipfile.BadZipFile, OSError, EOFError, RuntimeError) as exc:
                raise self.error(f"{self.label}: part “{name}” is damaged: {exc}") from None
            if len(blob) > info.file_size:
                raise self.error(f"{self.label}: part “{name}” is larger than it claims")
            self._cache[name] = blob
        return self._cache[name]

    def __iter__(self):
        return iter(self._infos)

    def __len__(self) -> int:
        return len(self._infos)

    def __contains__(self, name) -> bool:
        return name in self._infos

    def key(self, name: str) -> tuple:
        """A content key for ``name`` without decompressing it (CRC-32 and sizes)."""
        info = self._infos[name]
        return (info.CRC, info.file_size, info.compress_size)
