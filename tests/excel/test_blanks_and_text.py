"""Blank inputs are no numbers in Excel either; text with Excel's escape notation comes back.

The engine treats a blank history cell, a blank manual value and an S-curve without K as
no number (NaN, shown blank) and so does everything computed from it; the workbook's
formulas must give #N/A there, never a number computed from a blank counted as 0.
"""

from __future__ import annotations

import math

import openpyxl
import pytest

from tests.benchmarks.synthetic import synthetic_project
from workbench.core.document import Document
from workbench.core.entities import Company
from workbench.core.project import TOTAL, Growth
from workbench.core.sample import sample_document
from workbench.excel import project_from_workbook, read_workbook


def _project_with_blanks(s_curve_without_k: bool = True):
    p = synthetic_project(
        dimensions=2, members=3, scenarios=2, years=8, companies=2, developments=2
    )
    meta = p.metadata
    del p.history[("d0m0", meta.first_year)]  # a blank early year: its share, CAGR, gap
    del p.history[("d1m1", meta.base_year)]  # a blank base: the whole forecast
    p.growth[("s0", "d0m1")] = Growth("manual", values={meta.last_year: 5.0})
    if s_curve_without_k:  # the engine computes it; commands and the import refuse it
        p.growth[("s1", "d0m2")] = Growth("s_curve", r=0.3)
    return Document(p)


def _formula_cells(path):
    """(sheet, coordinate) of every formula cell with its stored value."""
    formulas = openpyxl.load_workbook(path)
    stored = openpyxl.load_workbook(path, data_only=True)
    for ws in formulas.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if c.data_type == "f":
                    yield ws.title, c.coordinate, stored[ws.title][c.coordinate].value


def test_blank_inputs_are_stored_as_na_where_the_engine_has_no_number(exported):
    document = _project_with_blanks()
    meta = document.project.metadata
    path = exported(document)
    values = openpyxl.load_workbook(path, data_only=True)["Dimension 1"]
    result = document.result("s0")
    row = next(r for r in range(1, 60) if values.cell(r, 1).value == "projected:d1m1")
    for year in meta.forecast_years:
        assert math.isnan(result.projected_value("d1m1", year))
        assert values.cell(row, 3 + year - meta.first_year).value == "#N/A"
    stored = [v for _s, _c, v in _formula_cells(path)]
    assert stored.count("#N/A") > 20 and "" not in stored


def test_the_workbook_with_blanks_round_trips(exported, xl):
    document = _project_with_blanks(s_curve_without_k=False)
    path = exported(document)
    assert xl.dump(Document(project_from_workbook(path))) == xl.dump(document)
    assert read_workbook(path, document).is_empty


@pytest.mark.slow
def test_libreoffice_computes_na_exactly_where_the_engine_has_no_number(exported, libreoffice):
    document = _project_with_blanks()
    path = exported(document)
    recalculated = openpyxl.load_workbook(libreoffice(path), data_only=True)
    errors = numbers = 0
    for sheet, coordinate, mine in _formula_cells(path):
        theirs = recalculated[sheet][coordinate].value
        if mine == "#N/A":
            assert isinstance(theirs, str) and theirs.startswith("#"), (sheet, coordinate, theirs)
            errors += 1
        elif isinstance(mine, float | int) and not isinstance(mine, bool):
            assert isinstance(theirs, float | int), (sheet, coordinate, theirs)
            assert math.isclose(theirs, mine, rel_tol=1e-9, abs_tol=1e-12), (sheet, coordinate)
            numbers += 1
    assert errors > 20 and numbers > 200


@pytest.mark.parametrize(
    "name",
    ["a_x0041_b", "_x0041__x0042_", "x_X00e9_y", "bell\x07and\x1fend", "cr\r\nlf", "_x00"],
)
def test_text_in_excels_escape_notation_comes_back_as_typed(exported, name):
    document = sample_document()
    p = document.project
    p.companies[0] = Company(p.companies[0].id, name, description=name + " (description)")
    back = project_from_workbook(exported(document))
    assert back.companies[0].name == name
    assert back.companies[0].description == name + " (description)"


def test_history_blank_in_the_total_gives_na_in_every_block(exported, xl):
    document = sample_document()
    p = document.project
    del p.history[(TOTAL, p.metadata.first_year)]
    ws = openpyxl.load_workbook(exported(document), data_only=True)["Total market"]
    assert ws.cell(5, 3).value is None  # typed block: the blank input stays blank
    second = xl.row_of(ws, TOTAL, start=xl.row_of(ws, p.scenarios[1].id))
    assert ws.cell(second, 3).value == "#N/A"  # the second scenario mirrors it
    assert ws.cell(5, 3 + len(p.metadata.years)).value == "#N/A"  # its history CAGR
