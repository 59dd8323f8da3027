"""Guards for files that come from strangers, applied before any parser reads them.

An .xlsx is a zip of XML parts, and both rooms that read workbooks (the round trip in
`workbench.excel` and foreign spreadsheets in `workbench.ingest`) hand them to parsers
that trust what they are given. So before any part is parsed:

1. `check_archive`: the file is a zip at all (an encrypted workbook or an old .xls is an
   OLE compound file instead), its central directory is whole, and the sizes it declares
   (entry count, total, ratio per part) are sane, so a zip bomb is refused from its
   directory alone.
2. `check_streams`: every part is inflated once, counting the bytes that really come out,
   because a directory can lie about sizes and the parsers believe the stream, not the
   directory. Memory stays at one buffer, whatever the file claims.
3. `check_prologs`: no XML part declares a DTD or entities (the way XML bombs and external
   entities come); the small parts that are parsed go through defusedxml besides.
4. `sheet_parts`: which part holds which sheet, from the two small parts that say so
   (parsed with defusedxml), so both rooms find the sheets the same way.
5. `check_extent`: a sheet's cells reach no further than the reader allows, because a
   value reader lays a sheet out as a dense grid from A1 (one cell at XFD1048576 is a
   grid of 17 billion cells).

Each refusal is `UnsafeFile`: one sentence that names the file and what is wrong. This
module is on the ground floor (no Qt, no spreadsheet library): callers turn `UnsafeFile`
into their own error type.
"""

from __future__ import annotations

import os
import posixpath
import re
import struct
import zipfile
import zlib
from dataclasses import dataclass

from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
XLSX_PARTS = ("[Content_Types].xml", "xl/workbook.xml")
PROLOG_LIMIT = 64 * 1024
"""Bytes read to find a part's root element; Excel's prologs are a line long."""
_CHUNK = 256 * 1024
_LOCAL_HEADER = struct.Struct("<4s22xHH")
_ROOT = re.compile(rb"<[A-Za-z_]")


class UnsafeFile(ValueError):
    """A file refused before any parser ran; the message is one sentence naming it."""


@dataclass(frozen=True)
class ZipLimits:
    """What a workbook may unpack to. Our largest export unpacks to ~0.2 GiB."""

    max_entries: int = 10_000
    max_total: int = 2 * 1024**3
    """Uncompressed size of all parts together, declared and real (2 GiB)."""
    max_ratio: int = 200
    """Uncompressed / compressed size of one part; sheet XML compresses ~10-30 times."""
    ratio_floor: int = 1024 * 1024
    """Parts smaller than this may have any ratio: they cannot hurt."""


WORKBOOK_LIMITS = ZipLimits()


def check_archive(
    path: str | os.PathLike,
    limits: ZipLimits = WORKBOOK_LIMITS,
    required: tuple[str, ...] = XLSX_PARTS,
) -> list[zipfile.ZipInfo]:
    """The parts of a sane .xlsx archive, from its directory; anything else is refused."""
    name = os.path.basename(os.fspath(path))
    try:
        with open(path, "rb") as fh:
            head = fh.read(8)
    except OSError as error:
        raise UnsafeFile(f"{name}: the file cannot be read ({error.strerror}).") from None
    if head == OLE_MAGIC:
        raise UnsafeFile(
            f"{name}: the workbook is password-protected (encrypted) or an old .xls file; "
            "save it without a password as .xlsx and try again."
        )
    if not head.startswith(b"PK"):
        raise UnsafeFile(f"{name}: this is not an Excel workbook (.xlsx).")
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):
        raise UnsafeFile(
            f"{name}: the workbook is damaged or truncated (its zip directory cannot be read)."
        ) from None
    _check_entries(name, infos, limits)
    names = {i.filename for i in infos}
    for part in required:
        if part not in names:
            raise UnsafeFile(f"{name}: this zip is not an Excel workbook (it has no {part}).")
    return infos


def _check_entries(name: str, infos: list[zipfile.ZipInfo], limits: ZipLimits) -> None:
    if len(infos) > limits.max_entries:
        raise UnsafeFile(
            f"{name}: the workbook has {len(infos):,} parts; "
            f"more than {limits.max_entries:,} is refused."
        )
    total = sum(i.file_size for i in infos)
    if total > limits.max_total:
        raise UnsafeFile(
            f"{name}: the workbook would unpack to {total / 1024**3:.1f} GiB; refused as unsafe."
        )
    for info in infos:
        big = info.file_size > limits.ratio_floor
        if big and info.file_size > limits.max_ratio * max(info.compress_size, 1):
            raise UnsafeFile(
                f"{name}: the part {info.filename} is compressed more than "
                f"{limits.max_ratio}:1 (a zip bomb); refused as unsafe."
            )
        if info.flag_bits & 0x1:
            raise UnsafeFile(
                f"{name}: the workbook's parts are encrypted; save it without a password."
            )
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise UnsafeFile(
                f"{name}: the part {info.filename} uses a compression no spreadsheet "
                "program writes; refused as unsafe."
            )


def check_streams(path: str | os.PathLike, infos: list[zipfile.ZipInfo]) -> None:
    """Inflate every part once, counting real bytes: a part that unpacks to more than its
    directory declares (or than the limit allows) is refused as soon as it does."""
    name = os.path.basename(os.fspath(path))
    with open(path, "rb") as fh:
        for info in infos:
            real = _inflated_size(fh, info, name)
            if real != info.file_size:
                raise UnsafeFile(
                    f"{name}: the part {info.filename} unpacks to a different size than its "
                    "zip directory declares (a forged zip); refused as unsafe."
                )


def _inflated_size(fh, info: zipfile.ZipInfo, name: str) -> int:
    """The bytes the part's stream really holds; stops one chunk past its declared size."""
    fh.seek(info.header_offset)
    header = fh.read(_LOCAL_HEADER.size)
    if len(header) < _LOCAL_HEADER.size or header[:4] != b"PK\x03\x04":
        raise UnsafeFile(
            f"{name}: the workbook is damaged or truncated (the part {info.filename} is missing)."
        )
    _magic, name_length, extra_length = _LOCAL_HEADER.unpack(header)
    fh.seek(name_length + extra_length, os.SEEK_CUR)
    if info.compress_type == zipfile.ZIP_STORED:
        return info.compress_size
    inflater, real, left = zlib.decompressobj(-zlib.MAX_WBITS), 0, info.compress_size
    while left > 0 and not inflater.eof and real <= info.file_size:
        data = fh.read(min(_CHUNK, left))
        if not data:
            break
        left -= len(data)
        try:
            while data and real <= info.file_size:
                real += len(inflater.decompress(data, _CHUNK))
                data = inflater.unconsumed_tail
        except zlib.error:
            raise UnsafeFile(
                f"{name}: the workbook is damaged (the part {info.filename} cannot be unpacked)."
            ) from None
    return real


def check_prologs(archive: zipfile.ZipFile, name: str) -> None:
    """Refuse the archive if any XML part declares a DTD or entities (no workbook needs one)."""
    for info in archive.infolist():
        if not info.filename.endswith((".xml", ".rels", ".vml")):
            continue
        with archive.open(info) as fh:
            head = fh.read(PROLOG_LIMIT)
        root = _ROOT.search(head)
        if root is None and head.strip():
            raise UnsafeFile(
                f"{name}: the workbook cannot be read; its part {info.filename} is not XML."
            )
        if root is not None and (b"<!DOCTYPE" in head[: root.start()] or b"<!ENTITY" in head):
            raise UnsafeFile(
                f"{name}: the workbook's XML declares entities (an XML bomb); refused as unsafe."
            )


@dataclass(frozen=True)
class Extent:
    """How far a sheet's cells may reach, counted from A1 (what a dense reader allocates).

    `rows` is an upper bound: the exact last row where the markup makes it cheap, else the
    largest number with as many digits as the longest row reference (a tenfold margin at
    most), so that a million-cell sheet is bounded without a pass per cell in Python.
    """

    rows: int
    columns: int

    @property
    def cells(self) -> int:
        return self.rows * self.columns


EXCEL_ROWS = 1_048_576
_NS = rb"(?:[A-Za-z_][\w.-]*:)?"
_ANY_CELL = re.compile(rb"<" + _NS + rb"c[\s/>]")
_ANY_REF = re.compile(
    rb"<" + _NS + rb"c\s[^>]*?\br\s*=\s*[\"']\$?([A-Za-z]{1,3})\$?([0-9]{1,8})[\"']"
)
_ROW_TAG = re.compile(rb"<" + _NS + rb"row\s[^>]*?\br\s*=\s*[\"']([0-9]{1,8})[\"']")
_PLAIN = b'<c r="'
"""How Excel, LibreOffice, openpyxl and xlsxwriter all start a cell."""
_PLAIN_WIDE = re.compile(rb'<c r="([A-Z]{2,3})[0-9]')
_ODD_CELLS = (re.compile(rb"<c[^ a-z]"), re.compile(rb":c[^a-z]"))
"""Spellings of a cell the byte counts do not see; any of them takes the exact path."""
_PLAIN_DIGITS = [re.compile(rb'<c r="[A-Z]{1,3}[0-9]{%d}"' % d) for d in range(7)]
_PLAIN_MILLIONS = re.compile(rb'<c r="[A-Z]{1,3}([0-9]{7})"')
_PLAIN_LONG_ROW = re.compile(rb'<c r="[A-Z]{1,3}[0-9]{8}')


def sheet_extent(xml: bytes, sheet: str) -> Extent:
    """How far the cells of one sheet's XML may reach (1-based counts), before any parser.

    A cell without a reference is placed by counting, so its column cannot be bounded
    from the markup alone; such a sheet is refused (Excel and LibreOffice always write
    references). The usual spelling is bounded with byte searches in C; any other takes
    one regular-expression match per cell.
    """
    plain = xml.count(_PLAIN)
    if plain == xml.count(b"<c ") and not any(odd.search(xml) for odd in _ODD_CELLS):
        return Extent(_plain_rows(xml), _plain_columns(xml)) if plain else Extent(0, 0)
    refs = _ANY_REF.findall(xml)
    if len(refs) != len(_ANY_CELL.findall(xml)):
        raise UnsafeFile(
            f"{sheet}!A1: a cell carries no reference (r=); save the workbook again in Excel "
            "or LibreOffice and try again."
        )
    rows = max((int(r) for _, r in refs), default=0)
    rows = max(rows, max((int(r) for r in _ROW_TAG.findall(xml)), default=0))
    columns = max((_column_number(c.upper()) for c in {c for c, _ in refs}), default=0)
    return Extent(rows, columns)


def _plain_rows(xml: bytes) -> int:
    """The last row where a million or more (Excel's own range), else all nines in as
    many digits as the longest reference: a tenfold margin at most, found in a few passes."""
    if _PLAIN_LONG_ROW.search(xml):
        return EXCEL_ROWS + 1
    millions = _PLAIN_MILLIONS.findall(xml)
    if millions:
        return max(int(row) for row in millions)
    for digits in range(6, 0, -1):
        if _PLAIN_DIGITS[digits].search(xml):
            return 10**digits - 1
    return 0


def _plain_columns(xml: bytes) -> int:
    """The widest column exactly where it has two or three letters, else Z (26)."""
    wide = set(_PLAIN_WIDE.findall(xml))
    if wide:
        return max(_column_number(c) for c in wide)
    return 26


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number


def check_extent(extent: Extent, sheet: str, max_columns: int, max_cells: int) -> None:
    """Refuse a sheet that reaches further than its reader allows, before any allocation."""
    if extent.rows > EXCEL_ROWS or extent.columns > max_columns:
        raise UnsafeFile(
            f"{sheet}!A1: the sheet's cells reach column {extent.columns:,} or row "
            f"{extent.rows:,}; at most {max_columns:,} columns can be read."
        )
    if extent.cells > max_cells:
        raise UnsafeFile(
            f"{sheet}!A1: the sheet's cells span up to {extent.rows:,} rows by "
            f"{extent.columns:,} columns; at most {max_cells:,} cells can be read."
        )


_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_REL_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def sheet_parts(archive: zipfile.ZipFile, name: str) -> list[tuple[str, str]]:
    """(sheet name, part path) of every worksheet of a checked archive, in the workbook's
    order; the two small parts that say so are parsed with defusedxml."""
    try:
        book = ElementTree.fromstring(archive.read("xl/workbook.xml"))
        rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    except (KeyError, ElementTree.ParseError, DefusedXmlException):
        raise UnsafeFile(
            f"{name}: the workbook cannot be read; its list of sheets is missing or broken."
        ) from None
    targets = {
        rel.get("Id"): _part_path(rel.get("Target", ""))
        for rel in rels.iter(f"{_RELS}Relationship")
        if rel.get("Type", "").endswith("/worksheet")
    }
    sheets = book.find(f"{_MAIN}sheets")
    found = [] if sheets is None else sheets.iter(f"{_MAIN}sheet")
    return [
        (sheet.get("name", ""), targets[sheet.get(_REL_ID)])
        for sheet in found
        if sheet.get(_REL_ID) in targets
    ]


def _part_path(target: str) -> str:
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join("xl", target))
