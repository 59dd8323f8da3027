"""The sheet-XML scan that tells formulas and error values from numbers, in every spelling
a spreadsheet program may write, and the prolog guard that runs before any part is read."""

from __future__ import annotations

import zipfile

import pytest

from workbench.core.sample import sample_document
from workbench.excel import ExcelError, read_workbook
from workbench.excel.sheet_scan import FORMULA, special_cells

PLAIN = (
    b'<sheetData><row r="5"><c r="C5" s="3"><v>1.5</v></c><c r="D5" s="3"><f>C5*2</f>'
    b'<v>3</v></c><c r="E5" t="e"><v>#N/A</v></c><c r="F5" s="2"/>'
    b'<c r="G5" s="3" t="n"><f aca="false">=#REF!*1.05</f><v>0</v></c>'
    b'<c r="H5"><f t="shared" ref="H5:H6" si="0">D5+1</f><v>4</v></c></row>'
    b'<row r="6"><c r="H6"><f t="shared" si="0"/><v>4</v></c></row></sheetData>'
)
PREFIXED = (
    b'<x:sheetData><x:row r="5"><x:c r="C5"><x:v>1.5</x:v></x:c>'
    b"<x:c s='3' r='D5'>\n  <x:f>C5*2</x:f><x:v>3</x:v></x:c>"
    b'<x:c t="e" r="E5"><x:v>#DIV/0!</x:v></x:c></x:row></x:sheetData>'
)


def test_formulas_and_errors_in_the_common_spelling():
    cells = special_cells(PLAIN, "Sheet")
    assert cells == {
        b"D5": FORMULA,
        b"E5": ("#N/A", "e"),
        b"G5": ("==#REF!*1.05", "f"),
        b"H5": FORMULA,
        b"H6": FORMULA,
    }


def test_formulas_and_errors_with_prefixes_quotes_and_attribute_order():
    assert special_cells(PREFIXED, "Sheet") == {b"D5": FORMULA, b"E5": ("#DIV/0!", "e")}


def test_a_formula_cell_without_a_reference_is_refused_with_a_sentence():
    xml = b"<sheetData><row><c><f>1+1</f><v>2</v></c></row></sheetData>"
    with pytest.raises(ExcelError, match=r"^Sheet!A1: a cell carries no reference"):
        special_cells(xml, "Sheet")


def test_a_dtd_in_any_part_is_refused_before_it_is_read(exported, tmp_path):
    document = sample_document()
    path = exported(document)
    bad = tmp_path / "bad.xlsx"
    with zipfile.ZipFile(path) as old, zipfile.ZipFile(bad, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            data = old.read(info.filename)
            if info.filename == "xl/sharedStrings.xml":
                data = data.replace(b"?>", b'?>\n<!DOCTYPE sst [<!ENTITY e "x">]>', 1)
            new.writestr(info.filename, data)
    with pytest.raises(ExcelError, match=r"declares entities \(an XML bomb\)"):
        read_workbook(bad, document)
    assert not document.can_undo
