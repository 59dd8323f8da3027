"""Guards against hostile files, applied before any XML is parsed.

An .xlsx is a zip of XML parts. Before any part is read we check that it is a zip at all
(an encrypted workbook is an OLE compound file instead), that its central directory is
whole, and that its declared sizes, entry count and compression ratios are sane, so a zip
bomb is refused from its directory alone. XML entity tricks are refused next, from each
part's prolog (`sheet_scan.check_prologs`); the parts we parse go through defusedxml.
"""

from __future__ import annotations

import os
import zipfile

from workbench.excel.errors import ExcelError

MAX_ENTRIES = 10_000
MAX_TOTAL_SIZE = 2 * 1024**3
"""Declared uncompressed size of all parts together (2 GiB; our largest is ~0.2 GiB)."""
MAX_RATIO = 200
"""Uncompressed / compressed size of one part; sheet XML compresses ~10-30 times."""
RATIO_FLOOR = 1024 * 1024
"""Parts smaller than this may have any ratio: they cannot hurt."""
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
REQUIRED_PARTS = ("[Content_Types].xml", "xl/workbook.xml")


def check_archive(path: str | os.PathLike) -> None:
    """Refuse anything that is not a sane xlsx archive, naming the file and the reason."""
    name = os.path.basename(os.fspath(path))
    try:
        with open(path, "rb") as fh:
            head = fh.read(8)
    except OSError as error:
        raise ExcelError(f"{name}: the file cannot be read ({error.strerror}).") from None
    if head == OLE_MAGIC:
        raise ExcelError(
            f"{name}: the workbook is password-protected (encrypted) or an old .xls file; "
            "save it without a password as .xlsx and try again."
        )
    if not head.startswith(b"PK"):
        raise ExcelError(f"{name}: this is not an Excel workbook (.xlsx).")
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, EOFError):
        raise ExcelError(
            f"{name}: the workbook is damaged or truncated (its zip directory cannot be read)."
        ) from None
    _check_entries(name, infos)


def _check_entries(name: str, infos: list[zipfile.ZipInfo]) -> None:
    if len(infos) > MAX_ENTRIES:
        raise ExcelError(
            f"{name}: the workbook has {len(infos):,} parts; more than {MAX_ENTRIES:,} is refused."
        )
    total = sum(i.file_size for i in infos)
    if total > MAX_TOTAL_SIZE:
        raise ExcelError(
            f"{name}: the workbook would unpack to {total / 1024**3:.1f} GiB; refused as unsafe."
        )
    for info in infos:
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise ExcelError(
                f"{name}: the part {info.filename} is compressed more than {MAX_RATIO}:1 "
                "(a zip bomb); refused as unsafe."
            )
        if info.flag_bits & 0x1:
            raise ExcelError(
                f"{name}: the workbook's parts are encrypted; save it without a password."
            )
    names = {i.filename for i in infos}
    for part in REQUIRED_PARTS:
        if part not in names:
            raise ExcelError(f"{name}: this zip is not an Excel workbook (it has no {part}).")
