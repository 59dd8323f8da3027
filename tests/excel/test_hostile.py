"""The hostile and broken corpus: each file gets its clear sentence and changes nothing.

The files are built at run time into tmp_path from a fresh export, except the
password-protected one: a real encrypted workbook kept under tests/fixtures/excel (see
make_encrypted.py there).
"""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import pytest

from tests.guards.forging import forge_size
from workbench.cli import main
from workbench.core.sample import sample_document
from workbench.excel import ExcelError, read_workbook
from workbench.store import save_project_as

ENCRYPTED = Path(__file__).parent.parent / "fixtures" / "excel" / "password-protected.xlsx"

BOMB_XML = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol3;</t></is></c></row></sheetData>
</worksheet>
"""


def _rezip(source, target, replace: dict[str, bytes]) -> None:
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            new.writestr(info.filename, replace.get(info.filename, old.read(info.filename)))


def _not_a_zip(path, tmp_path, xl):
    (tmp_path / "bad.xlsx").write_bytes(b"Name,Value\nTikTok,1.2\n")


def _truncated(path, tmp_path, xl):
    data = path.read_bytes()
    (tmp_path / "bad.xlsx").write_bytes(data[: len(data) // 2])


def _zip_bomb(path, tmp_path, xl):
    _rezip(path, tmp_path / "bad.xlsx", {"xl/worksheets/sheet1.xml": b"\0" * (30 * 1024 * 1024)})


def _lying_sizes(path, tmp_path, xl):
    """Sheet XML padded to 64 MB whose zip entry claims 1 MB (under every ratio limit)."""
    with zipfile.ZipFile(path) as book:
        sheet = book.read("xl/worksheets/sheet1.xml")
    padded = sheet.replace(
        b"</worksheet>", b"<!--" + b"x" * (64 * 1024 * 1024) + b"--></worksheet>"
    )
    _rezip(path, tmp_path / "bad.xlsx", {"xl/worksheets/sheet1.xml": padded})
    forge_size(tmp_path / "bad.xlsx", "xl/worksheets/sheet1.xml", 1024 * 1024)


def _far_cell(path, tmp_path, xl):
    """One cell at XFD1048576: a dense reader would lay out 17 billion cells."""
    with zipfile.ZipFile(path) as book:
        sheet = book.read("xl/worksheets/sheet3.xml")
    far = b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>'
    _rezip(
        path,
        tmp_path / "bad.xlsx",
        {"xl/worksheets/sheet3.xml": sheet.replace(b"</sheetData>", far)},
    )


def _entity_bomb(path, tmp_path, xl):
    _rezip(path, tmp_path / "bad.xlsx", {"xl/worksheets/sheet1.xml": BOMB_XML})


def _encrypted(path, tmp_path, xl):
    shutil.copyfile(ENCRYPTED, tmp_path / "bad.xlsx")


def _edited(change):
    def make(path, tmp_path, xl):
        xl.edit(path, tmp_path / "bad.xlsx", lambda book: change(book, xl))

    return make


def _first_row(book, sheet, row_id, xl):
    ws = book[sheet]
    return ws, xl.row_of(ws, row_id)


def _missing_sheet(book, xl):
    del book["Assumptions"]


def _text_in_number(book, xl):
    ws, row = _first_row(book, "Application", "tiktok", xl)
    ws.cell(row, 5).value = "abc"


def _merged(book, xl):
    ws, row = _first_row(book, "Region", "europe", xl)
    ws.merge_cells(start_row=row, start_column=3, end_row=row, end_column=4)


def _duplicate_ids(book, xl):
    ws = book["Companies"]
    ws.cell(5, 1).value = ws.cell(4, 1).value


def _year_removed(book, xl):
    book["Technology"].delete_cols(6)


def _ref_error(book, xl):
    ws, row = _first_row(book, "Application", "kwai", xl)
    ws.cell(row, 4).value = "#REF!"


def _ref_formula(book, xl):
    ws, row = _first_row(book, "Application", "kwai", xl)
    ws.cell(row, 12).value = "=#REF!*1.05"


def _long_cell(path, tmp_path, xl):
    """openpyxl and xlsxwriter both cut text at 32,767, so the XML is edited directly."""
    name = sample_document().project.companies[0].name.encode()
    with zipfile.ZipFile(path) as book:
        strings = book.read("xl/sharedStrings.xml")
    assert strings.count(b">" + name + b"<") == 1
    long = strings.replace(b">" + name + b"<", b">" + b"x" * 40_000 + b"<")
    _rezip(path, tmp_path / "bad.xlsx", {"xl/sharedStrings.xml": long})


CORPUS = {
    "not a zip": (_not_a_zip, r"^bad\.xlsx: this is not an Excel workbook \(\.xlsx\)\.$"),
    "truncated zip": (_truncated, r"damaged or truncated"),
    "zip bomb": (_zip_bomb, r"compressed more than 200:1 \(a zip bomb\)"),
    "zip sizes that lie": (_lying_sizes, r"^bad\.xlsx: the part xl/worksheets/sheet1\.xml unpacks"),
    "cell at XFD1048576": (_far_cell, r"^[^!]+!A1: the sheet's cells reach column 16,384"),
    "XML entity bomb": (_entity_bomb, r"declares entities \(an XML bomb\)"),
    "password-protected": (_encrypted, r"password-protected \(encrypted\)"),
    "missing sheet": (
        _edited(_missing_sheet),
        r"^Assumptions!A1: the sheet 'Assumptions' is missing",
    ),
    "text in a number cell": (
        _edited(_text_in_number),
        r"^Application!E\d+: 'abc' is not a number\.$",
    ),
    "merged cells over inputs": (_edited(_merged), r"^Region!C\d+:D\d+: merged cells cover inputs"),
    "duplicate ids": (_edited(_duplicate_ids), r"^Companies!A5: the id '[^']+' is used twice"),
    "year column removed": (
        _edited(_year_removed),
        r"^Technology!F\d+: expected the year 2022 here",
    ),
    "#REF! value": (_edited(_ref_error), r"^Application!D\d+: the cell holds the error #REF!"),
    "#REF! formula": (
        _edited(_ref_formula),
        r"^Application!L\d+: the formula refers to a deleted cell",
    ),
    "40,000-character cell": (_long_cell, r"^Companies!B4: the text is 40,000 characters long"),
}


@pytest.mark.parametrize("case", list(CORPUS))
def test_hostile_file_is_refused_and_changes_nothing(case, exported, tmp_path, xl):
    make, message = CORPUS[case]
    document = sample_document()
    make(exported(document), tmp_path, xl)
    before = xl.dump(document)
    with pytest.raises(ExcelError, match=message):
        read_workbook(tmp_path / "bad.xlsx", document)
    assert xl.dump(document) == before and not document.can_undo


@pytest.mark.parametrize("case", list(CORPUS))
def test_the_command_line_refuses_each_in_one_line(case, exported, tmp_path, xl, capsys):
    """`workbench import`: exit 2, one line naming the workbook and what is wrong, no
    traceback, and the project file byte-identical."""
    make, message = CORPUS[case]
    document = sample_document()
    make(exported(document), tmp_path, xl)
    project = tmp_path / "model.mwp"
    save_project_as(document, project)
    before = project.read_bytes()
    assert main(["import", str(tmp_path / "bad.xlsx"), str(project)]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith("workbench: bad.xlsx") and re.search(message.lstrip("^"), err)
    assert project.read_bytes() == before
