"""Zips that lie: a part whose directory entry and local header declare a size its
stream does not hold, as a forger would write it (shared by the guard and corpus tests)."""

from __future__ import annotations

import struct
import zipfile


def forge_size(path, part: str, declared: int) -> None:
    """Make the local header and the central directory both claim `declared` bytes."""
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as book:
        info = book.getinfo(part)
    struct.pack_into("<I", data, info.header_offset + 22, declared)
    central = data.find(b"PK\x01\x02", 0)
    while central >= 0:
        (length,) = struct.unpack_from("<H", data, central + 28)
        if data[central + 46 : central + 46 + length] == part.encode():
            struct.pack_into("<I", data, central + 24, declared)
            break
        central = data.find(b"PK\x01\x02", central + 4)
    path.write_bytes(bytes(data))
