"""Foreign files as plain grids: every sheet of an xlsx/xls/ods workbook, or one CSV.

A foreign file is untrusted. Workbooks pass the same archive and XML guards as our own
workbook import before anything parses them, and a sheet's used area is checked against a
cell limit before any grid is allocated (a single cell at XFD1048576 would otherwise ask
for seventeen billion). CSV files are read within a byte limit and decoded by their byte
order mark, then as UTF-8, then as Windows-1252, which between them cover what statistics
offices and spreadsheet programs write.
"""

from __future__ import annotations

import csv
import io
import os
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from python_calamine import CalamineWorkbook, SheetVisibleEnum

from workbench import guards
from workbench.ingest.errors import IngestError
from workbench.ingest.sheet_marks import SheetMarks, percent_styles, sheet_marks
from workbench.numbers import Notation

MAX_CELLS = 5_000_000
"""Cells a sheet's used area may span; a 100,000-cell table is a large foreign table."""
MAX_COLUMNS = 16_384
MAX_TEXT_BYTES = 200 * 1024 * 1024
"""A CSV larger than this is refused before it is read."""
TEXT_SUFFIXES = (".csv", ".tsv", ".txt")
_ENCRYPTION_INFO = "EncryptionInfo".encode("utf-16-le")
"""The stream an encrypted Office file's OLE directory names (an .xlsx saved with a
password is an OLE file holding it, not a zip)."""


@dataclass
class Sheet:
    """One sheet's cells as rows of Python values (None for blank), with what an xlsx
    file says besides its values (`marks`: formulas, hidden rows and columns, percent
    formats; see `sheet_marks`)."""

    name: str
    rows: list[list[object]]
    marks: SheetMarks = field(default_factory=SheetMarks)
    style: Notation = field(default_factory=Notation)
    source: str = ""
    """The file's name, for messages."""

    @property
    def formulas(self) -> dict[tuple[int, int], str]:
        return self.marks.formulas

    def where(self, address: str) -> str:
        """'market.xlsx, Data!C5': a cell as the user finds it."""
        return f"{self.source}, {self.name}!{address}"

    @property
    def width(self) -> int:
        return max(map(len, self.rows), default=0)


def read_sheets(path: str | os.PathLike) -> list[Sheet]:
    """Every sheet of a foreign file; refused with one sentence naming the file and why."""
    path = Path(path)
    try:
        with open(path, "rb") as fh:
            head = fh.read(8)
    except OSError as error:
        raise IngestError(f"{path.name}: the file cannot be read ({error.strerror}).") from None
    if head.startswith(b"SQLite f"):
        raise IngestError(
            f"{path.name}: this is a project file, not a foreign table; open it in the app."
        )
    if head.startswith(b"PK"):
        return _workbook(path, xlsx=True)
    if head == guards.OLE_MAGIC:
        if _encrypted(path):
            raise IngestError(
                f"{path.name}: the workbook is password-protected; save it without a password "
                "and try again."
            )
        return _workbook(path, xlsx=False)
    if path.suffix.lower() in TEXT_SUFFIXES or _looks_like_text(head):
        return [_csv(path)]
    raise IngestError(
        f"{path.name}: this is not a spreadsheet this app can read (xlsx, xls, ods or CSV)."
    )


def _encrypted(path: Path) -> bool:
    """Whether an OLE file's directory names an EncryptionInfo stream (read in chunks)."""
    tail = b""
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            if _ENCRYPTION_INFO in tail + chunk:
                return True
            tail = chunk[-len(_ENCRYPTION_INFO):]
    return False


def _looks_like_text(head: bytes) -> bool:
    return bool(head) and b"\x00" not in head.lstrip(b"\xff\xfe")[:1] and head.isascii()


# -- workbooks ----------------------------------------------------------------------------


def _workbook(path: Path, xlsx: bool) -> list[Sheet]:
    marks: dict[str, SheetMarks] = {}
    if xlsx:
        try:
            marks = _checked_marks(path)
        except guards.UnsafeFile as error:
            raise IngestError(str(error)) from None
    try:
        book = CalamineWorkbook.from_path(os.fspath(path))
    except Exception as error:  # calamine raises its own types for every broken file
        raise _unreadable(path, error) from None
    try:
        names = [n for n in _visible_first(book) if not xlsx or n in marks]
        return [_sheet(path, book, name, marks.get(name, SheetMarks())) for name in names]
    finally:
        book.close()


def _visible_first(book) -> list[str]:
    """Sheet names, the hidden ones last: a helper sheet the author hid is not the table
    meant by default (it stays reachable by its name)."""
    hidden = {m.name for m in book.sheets_metadata if m.visible != SheetVisibleEnum.Visible}
    return sorted(book.sheet_names, key=lambda name: name in hidden)


def _checked_marks(path: Path) -> dict[str, SheetMarks]:
    """Run every guard on a zip workbook; then its sheets' marks (xlsx) or none (ods).

    Only worksheets are returned for an xlsx, and each is bounded by its extent before the
    value reader lays it out as a dense grid.
    """
    if _is_ods(path):
        infos = guards.check_archive(path, required=("content.xml",))
        guards.check_streams(path, infos)
        return {}
    infos = guards.check_archive(path)
    guards.check_streams(path, infos)
    out = {}
    with zipfile.ZipFile(path) as archive:
        guards.check_prologs(archive, path.name)
        percent = percent_styles(archive)
        for name, part in guards.sheet_parts(archive, path.name):
            xml = archive.read(part)
            guards.check_extent(
                guards.sheet_extent(xml, name), f"{path.name}, {name}", MAX_COLUMNS, MAX_CELLS
            )
            out[name] = sheet_marks(xml, percent)
    return out


def _is_ods(path: Path) -> bool:
    with zipfile.ZipFile(path) as archive:
        try:
            return archive.read("mimetype").startswith(b"application/vnd.oasis")
        except KeyError:
            return False


def _unreadable(path: Path, error: BaseException) -> IngestError:
    text = f"{type(error).__name__}: {error}".lower()
    if "password" in text or "encrypt" in text:
        return IngestError(
            f"{path.name}: the workbook is password-protected; save it without a password "
            "and try again."
        )
    return IngestError(f"{path.name}: the workbook is damaged and cannot be read.")


def _sheet(path: Path, book, name: str, marks: SheetMarks) -> Sheet:
    try:
        sheet = book.get_sheet_by_name(name)
        height, width = sheet.total_height, sheet.total_width
        if height * width > MAX_CELLS:
            raise IngestError(
                f"{path.name}, sheet {name!r}: its used area spans {height:,} rows × "
                f"{width:,} columns; more than {MAX_CELLS:,} cells is refused."
            )
        rows = sheet.to_python(skip_empty_area=False)
    except IngestError:
        raise
    except Exception as error:  # as above, for the sheets read lazily
        raise _unreadable(path, error) from None
    cells = [[None if v == "" else v for v in row] for row in rows]
    return Sheet(name, cells, marks, source=path.name)


# -- text files ---------------------------------------------------------------------------


def _csv(path: Path) -> Sheet:
    size = path.stat().st_size
    if size > MAX_TEXT_BYTES:
        raise IngestError(
            f"{path.name}: the file has {size:,} bytes; more than {MAX_TEXT_BYTES:,} is refused."
        )
    text = decode(path.read_bytes())
    delimiter = sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        rows = [list(r) for r in reader]
    except csv.Error:  # a NUL byte or a stray carriage return: not a text table
        raise IngestError(
            f"{path.name}: line {reader.line_num} cannot be read as CSV text; this is not a "
            "spreadsheet this app can read (xlsx, xls, ods or CSV)."
        ) from None
    width = max(map(len, rows), default=0)
    if len(rows) * width > MAX_CELLS:
        raise IngestError(
            f"{path.name}: {len(rows):,} rows × {width:,} columns; more than {MAX_CELLS:,} "
            "cells is refused."
        )
    cells = [[(v.strip() or None) for v in row] + [None] * (width - len(row)) for row in rows]
    return Sheet(path.stem, cells, style=number_style(text, delimiter), source=path.name)


def decode(data: bytes) -> str:
    """Text by its byte order mark, else UTF-8, else Windows-1252 (never fails)."""
    for bom, encoding in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"),
                          (b"\xfe\xff", "utf-16")):  # fmt: skip
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


_CANDIDATES = (",", ";", "\t", "|")


def sniff_delimiter(text: str) -> str:
    """The delimiter that splits the first lines into the most equal, widest rows."""
    lines = [line for line in text.splitlines()[:50] if line.strip()]
    best, best_score = ",", -1.0
    for delimiter in _CANDIDATES:
        counts = [len(next(csv.reader([line], delimiter=delimiter))) for line in lines]
        if not counts or max(counts) < 2:
            continue
        common = max(set(counts), key=counts.count)
        score = counts.count(common) / len(counts) * common
        if score > best_score:
            best, best_score = delimiter, score
    return best


# A decimal comma (point): after digits grouped by points (commas), or after four or more
# digits that no grouping could have written ("1000,0" is a thousand).
_COMMA_DECIMAL = re.compile(r"(?<![\d.,])(?:\d{1,3}(?:\.\d{3})*|\d{4,}),\d+(?![\d.,])")
_POINT_DECIMAL = re.compile(r"(?<![\d.,])(?:\d{1,3}(?:,\d{3})*|\d{4,})\.\d+(?![\d.,])")


def number_style(text: str, delimiter: str) -> Notation:
    """Decimal comma when the file is not comma-separated and its numbers say so."""
    if delimiter == ",":
        return Notation(".", ",")
    sample = text[:200_000]
    commas = len(_COMMA_DECIMAL.findall(sample))
    points = len(_POINT_DECIMAL.findall(sample))
    return Notation(",", ".") if commas > points else Notation(".", ",")
