"""Write zip archives byte for byte as :mod:`zipfile` does, from parts that may be deflated already.

A template's static parts (styles.xml alone is ~360 KB) are the same in every document made
from it, so they are deflated once (:func:`deflate`) and their compressed bytes copied into
each archive. The layout is the one ``zipfile.ZipFile.writestr`` gives for a
``ZIP_DEFLATED`` member at level 6 with a fixed timestamp, mode 0644, no extra field and no
comment; ``tests/test_zipwrite.py`` holds the two writers to the same bytes.
"""
from __future__ import annotations

import struct
import zlib
from typing import Mapping, NamedTuple, Union
from .i18n import _

FIXED_TIME = (1980, 1, 1, 0, 0, 0)
LEVEL = 6
_VERSION = 20                 # deflate; what zipfile writes as "version made by / needed"
_DEFLATED = 8
_UTF8_NAME = 0x800
_EXTERNAL = 0o644 << 16
_LIMIT = (1 << 31) - 1        # zipfile switches to ZIP64 near here; documents never come close
_LOCAL = struct.Struct("<4s2B4HL2L2H")
_CENTRAL = struct.Struct("<4s4B4HL2L5H2L")
_END = struct.Struct("<4s4H2LH")


class Deflated(NamedTuple):
    """A part compressed once: raw deflate stream, CRC-32 and size of the original bytes."""

    data: bytes
    crc: int
    size: int


def deflate(blob: bytes) -> Deflated:
    """``blob`` deflated as zipfile does it (raw stream, level 6)."""
    compressor = zlib.compressobj(LEVEL, zlib.DEFLATED, -15)
    return Deflated(compressor.compress(blob) + compressor.flush(), zlib.crc32(blob), len(blob))


def _dos_stamp(when: tuple) -> tuple[int, int]:
    date = (when[0] - 1980) << 9 | when[1] << 5 | when[2]
    time = when[3] << 11 | when[4] << 5 | (when[5] // 2)
    return time, date


def zip_bytes(members: Mapping[str, Union[bytes, Deflated]]) -> bytes:
    """A zip of ``members`` in their order with fixed timestamps: same input, same bytes."""
    time, date = _dos_stamp(FIXED_TIME)
    chunks: list[bytes] = []
    central: list[bytes] = []
    offset = 0
    for name, part in members.items():
        if not isinstance(part, Deflated):
            part = deflate(part)
        try:
            raw, flags = name.encode("ascii"), 0
        except UnicodeEncodeError:
            raw, flags = name.encode("utf-8"), _UTF8_NAME
        if part.size > _LIMIT or len(part.data) > _LIMIT or offset > _LIMIT:
            raise ValueError(_("zip member {name} is too large").format(name=name))
        header = _LOCAL.pack(b"PK\x03\x04", _VERSION, 0, flags, _DEFLATED, time, date,
                             part.crc, len(part.data), part.size, len(raw), 0)
        chunks += (header, raw, part.data)
        central.append(_CENTRAL.pack(b"PK\x01\x02", _VERSION, 0, _VERSION, 0, flags, _DEFLATED,
                                     time, date, part.crc, len(part.data), part.size, len(raw),
                                     0, 0, 0, 0, _EXTERNAL, offset) + raw)
        offset += len(header) + len(raw) + len(part.data)
    directory = b"".join(central)
    end = _END.pack(b"PK\x05\x06", 0, 0, len(central), len(central), len(directory), offset, 0)
    return b"".join(chunks) + directory + end
