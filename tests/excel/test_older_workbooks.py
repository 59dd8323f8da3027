"""A workbook exported by the previous version (no 'Pin by' column) still imports."""

from __future__ import annotations

from openpyxl import load_workbook

from workbench.core.commands import SetHistory
from workbench.core.sample import sample_document
from workbench.excel import export_workbook, read_workbook


def test_cell_notes_without_the_pin_by_column_import_as_unmarked(tmp_path):
    document = sample_document()
    path = tmp_path / "older.xlsx"
    export_workbook(document, path)
    book = load_workbook(path)
    notes = book["Cell notes"]
    notes.delete_cols(8)  # the column the previous version did not write
    book.save(path)
    plan = read_workbook(path, document)
    assert plan.is_empty, plan.summary_lines()
    edited = sample_document()
    edited.execute(SetHistory("total", 2024, 9.0))
    assert not read_workbook(path, edited).is_empty  # it is still compared, cell by cell
