"""The ground-floor guards for untrusted files, on files built to lie.

Each case here is a file that a parser trusting its directory or its cell references
would turn into gigabytes of memory; the guards must refuse it from bytes alone.
"""

from __future__ import annotations

import zipfile

import pytest

from tests.guards.forging import forge_size
from workbench.guards import (
    UnsafeFile,
    check_archive,
    check_extent,
    check_prologs,
    check_streams,
    sheet_extent,
)

CONTENT_TYPES = b'<?xml version="1.0"?><Types/>'
WORKBOOK = b'<?xml version="1.0"?><workbook/>'


def write_book(path, parts: dict[str, bytes]) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as book:
        book.writestr("[Content_Types].xml", CONTENT_TYPES)
        book.writestr("xl/workbook.xml", WORKBOOK)
        for name, data in parts.items():
            book.writestr(name, data)


def test_sane_book_passes_every_guard(tmp_path):
    path = tmp_path / "book.xlsx"
    write_book(path, {"xl/worksheets/sheet1.xml": b"<worksheet>" + b"<row/>" * 10_000 + b"</"})
    infos = check_archive(path)
    check_streams(path, infos)
    with zipfile.ZipFile(path) as book:
        check_prologs(book, "book.xlsx")


def test_part_that_unpacks_past_its_declared_size_is_refused(tmp_path):
    """The directory says 1 MB (under any ratio limit); the stream holds 64 MB."""
    path = tmp_path / "liar.xlsx"
    write_book(path, {"xl/worksheets/sheet1.xml": b"<c/>" * (16 * 1024 * 1024)})
    forge_size(path, "xl/worksheets/sheet1.xml", 1024 * 1024)
    infos = check_archive(path)
    assert next(i for i in infos if "sheet1" in i.filename).file_size == 1024 * 1024
    with pytest.raises(
        UnsafeFile,
        match=r"^liar\.xlsx: the part xl/worksheets/sheet1\.xml "
        r"unpacks to a different size than its zip directory declares",
    ):
        check_streams(path, infos)


def test_part_shorter_than_declared_and_broken_stream_are_refused(tmp_path):
    path = tmp_path / "short.xlsx"
    write_book(path, {"xl/styles.xml": b"<styleSheet/>"})
    forge_size(path, "xl/styles.xml", 500)
    with pytest.raises(UnsafeFile, match="different size"):
        check_streams(path, check_archive(path))
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as book:
        info = book.getinfo("[Content_Types].xml")
    start = info.header_offset + 30 + len(info.filename)
    data[start : start + 4] = b"\xff\xff\xff\xff"
    path.write_bytes(bytes(data))
    with pytest.raises(UnsafeFile, match=r"cannot be unpacked|different size"):
        check_streams(path, check_archive(path))


def test_declared_bomb_and_odd_compression_are_refused_from_the_directory(tmp_path):
    bomb = tmp_path / "bomb.xlsx"
    write_book(bomb, {"xl/worksheets/sheet1.xml": b"\0" * (8 * 1024 * 1024)})
    with pytest.raises(UnsafeFile, match=r"compressed more than 200:1 \(a zip bomb\)"):
        check_archive(bomb)
    odd = tmp_path / "odd.xlsx"
    with zipfile.ZipFile(odd, "w", zipfile.ZIP_LZMA) as book:
        book.writestr("[Content_Types].xml", CONTENT_TYPES)
        book.writestr("xl/workbook.xml", WORKBOOK)
    with pytest.raises(UnsafeFile, match="uses a compression no spreadsheet program writes"):
        check_archive(odd)


def test_entities_in_any_part_are_refused(tmp_path):
    path = tmp_path / "xxe.xlsx"
    xxe = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>'
    write_book(path, {"xl/sharedStrings.xml": xxe})
    with zipfile.ZipFile(path) as book, pytest.raises(UnsafeFile, match="declares entities"):
        check_prologs(book, "xxe.xlsx")


def _sheet(cells: bytes) -> bytes:
    return b'<worksheet><sheetData><row r="1">' + cells + b"</row></sheetData></worksheet>"


@pytest.mark.parametrize(
    ("cells", "rows", "columns"),
    [
        (b'<c r="A1"><v>1</v></c><c r="H7"><v>2</v></c>', 9, 26),
        (b'<c r="A1"/><c r="AB35"/>', 99, 28),
        (b'<c r="A1"/><c r="XFD1048576"><v>1</v></c>', 1_048_576, 16_384),
        (b'<x:c r="A1"/><x:c r="C7"/>', 7, 3),
        (b'<c r="A1"/><c\n r="$B$1048577"/>', 1_048_577, 2),
        (b"", 0, 0),
    ],
)
def test_sheet_extent_bounds_every_cell(cells, rows, columns):
    extent = sheet_extent(_sheet(cells), "S")
    assert extent.columns == columns
    assert extent.rows >= rows and extent.rows <= max(rows * 10, 1_048_577)


def test_million_rows_are_measured_exactly():
    xml = _sheet(b'<c r="A1"/><c r="B1000000"/><c r="C1048576"/>')
    assert sheet_extent(xml, "S").rows == 1_048_576
    assert sheet_extent(_sheet(b'<c r="A99999999"/>'), "S").rows > 1_048_576


def test_cell_without_reference_is_refused():
    with pytest.raises(UnsafeFile, match=r"^S!A1: a cell carries no reference"):
        sheet_extent(_sheet(b'<c r="A1"/><c><v>1</v></c>'), "S")


def test_extent_beyond_the_readers_limits_is_refused():
    far = sheet_extent(_sheet(b'<c r="A1"/><c r="XFD1048576"><v>1</v></c>'), "Region")
    with pytest.raises(UnsafeFile, match=r"^Region!A1: the sheet's cells reach column 16,384"):
        check_extent(far, "Region", 1024, 40_000_000)
    tall = sheet_extent(_sheet(b'<c r="A1"/><c r="Z1048576"><v>1</v></c>'), "Region")
    with pytest.raises(UnsafeFile, match=r"at most 1,000 cells can be read"):
        check_extent(tall, "Region", 1024, 1000)
    check_extent(sheet_extent(_sheet(b'<c r="B2"/>'), "Region"), "Region", 1024, 1000)


def test_plain_and_general_paths_agree_on_a_real_sheet():
    rows = b"".join(
        b'<row r="%d">' % r
        + b"".join(b'<c r="%s%d"><v>1</v></c>' % (c, r) for c in (b"A", b"AZ"))
        + b"</row>"
        for r in range(1, 2001)
    )
    plain = sheet_extent(b"<sheetData>" + rows + b"</sheetData>", "S")
    general = sheet_extent(b"<sheetData>" + rows.replace(b"<c ", b"<x:c ") + b"</sheetData>", "S")
    assert plain.columns == general.columns == 52
    assert general.rows == 2000 and 2000 <= plain.rows <= 9999
