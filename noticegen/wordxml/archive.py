"""A .docx opened lazily: parts are decompressed when first asked for, with the same
safety limits as ``safezip.read_members``; each part's CRC names its content for caches."""
from __future__ import annotations

import io
import zipfile
from collections.abc import Mapping
from pathlib import Path

from ..safezip import MEMBER_ERRORS, checked_members, member_error, open_error
from ..i18n import _


class Members(Mapping):
    """Part name → bytes, read on demand; iterates in archive order like a dict."""

    def __init__(self, path: Path | str, *, error=ValueError) -> None:
        self.label, self.error = str(path), error
        data = b""
        try:
            data = Path(path).read_bytes()
            self._zip = zipfile.ZipFile(io.BytesIO(data))
        except (zipfile.BadZipFile, OSError) as exc:
            raise open_error(self.label, exc, data[:4], error)
        infos = checked_members(self._zip, self.label, error)
        self._infos = {i.filename: i for i in infos if not i.is_dir()}
        self._cache: dict[str, bytes] = {}

    def __getitem__(self, name: str) -> bytes:
        if name not in self._cache:
            info = self._infos[name]
            try:
                with self._zip.open(info) as member:
                    blob = member.read(info.file_size + 1)
            except MEMBER_ERRORS as exc:
                raise member_error(self.label, name, exc, self.error)
            if len(blob) > info.file_size:
                raise self.error(_("{label}: part “{name}” is larger than it claims").format(
                    label=self.label, name=name))
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
