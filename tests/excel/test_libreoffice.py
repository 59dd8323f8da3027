"""LibreOffice, the real recalculating spreadsheet: it must compute what the engine computes,
and its saved workbook must import back to the same project.

One workbook (the sample, with every registered growth method put on a segment of each
scenario) makes one LibreOffice run; the profile forces full recalculation on load
(OOXMLRecalcMode 0), so no cached value we stored can hide a wrong formula.
"""

from __future__ import annotations

import math

import openpyxl
import pytest

from workbench.core.commands import Batch, SetGrowth, SetHold, SetPin
from workbench.core.document import Document
from workbench.core.methods import REGISTERED
from workbench.core.methods.base import Seed
from workbench.core.project import Growth
from workbench.core.sample import sample_document
from workbench.excel import read_workbook


def every_method_document() -> Document:
    """The value-only sample with the registered methods dealt in turn to its segments (of every
    dimension), in every scenario, seeded as the segment table seeds a switch."""
    document = sample_document(volume=False)
    p = document.project
    members = [m.id for d in p.dimensions for m in d.members]
    years = p.metadata.forecast_years
    edits = []
    for scenario in p.scenarios:
        result = document.result(scenario.id)
        for i, member in enumerate(members):
            grows = REGISTERED[i % len(REGISTERED)]
            current = {y: result.value(member, y) for y in years}
            v0 = p.history.get((member, p.metadata.base_year))
            growth = grows.seeded(Growth(grows.code, 0.08), Seed(v0, years, current))
            edits.append(SetGrowth(scenario.id, member, growth))
    document.execute(Batch("Every method", edits))
    used = {g.method for g in p.growth.values()}
    assert used == {m.code for m in REGISTERED}
    return document


def with_fixed_segments(document: Document) -> Document:
    """Pins, a hold (its pins in every scenario) and a year that cannot be reconciled, so
    the workbook's scale rows and fixed-segment formulas are recalculated too."""
    p = document.project
    tech = p.dimension("technology").member_ids()
    app = p.dimension("application").member_ids()
    region = p.dimension("region").member_ids()
    document.execute(SetPin("base", tech[0], 2027, 6.5))
    document.execute(SetPin("base", app[1], 2026, 0.4))
    document.execute(SetHold(app[2], 2029, True))
    document.execute(SetPin("optimistic", region[0], 2030, 1000.0))  # above the total
    return document


def formula_results(path, saved):
    """(sheet, cell, formula, stored value, LibreOffice's value) of every formula cell of
    the exported workbook `path`, LibreOffice's read from its recalculated copy `saved`."""
    formulas = openpyxl.load_workbook(path)
    stored = openpyxl.load_workbook(path, data_only=True)
    recalculated = openpyxl.load_workbook(saved, data_only=True)
    for ws in formulas.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if c.data_type == "f":
                    mine = stored[ws.title][c.coordinate].value
                    theirs = recalculated[ws.title][c.coordinate].value
                    yield ws.title, c.coordinate, c.value, mine, theirs


@pytest.mark.slow
def test_libreoffice_recalculates_to_the_engine_and_imports_back(exported, libreoffice, xl):
    document = with_fixed_segments(every_method_document())
    path = exported(document)
    saved = libreoffice(path)
    compared = 0
    for sheet, cell, formula, mine, theirs in formula_results(path, saved):
        if isinstance(mine, float | int) and not isinstance(mine, bool):
            assert isinstance(theirs, float | int), (sheet, cell, theirs)
            assert math.isclose(theirs, mine, rel_tol=1e-9, abs_tol=1e-12), (
                sheet,
                cell,
                formula,
                mine,
                theirs,
            )
            compared += 1
    assert compared > 1000
    before = xl.dump(document)
    plan = read_workbook(saved, document)
    assert plan.summary_lines() == []
    document.execute(plan.command)
    assert xl.dump(document) == before


def test_stored_values_are_the_engine_values(exported, xl):
    """The other half of the law: what LibreOffice is compared with is the engine's number."""
    document = sample_document()
    stored = openpyxl.load_workbook(exported(document), data_only=True)
    meta = document.project.metadata
    for scenario in document.project.scenarios:
        result = document.result(scenario.id)
        ws = stored["Total market"]
        row = xl.row_of(ws, "total", start=xl.row_of(ws, scenario.id))
        for year in meta.years:
            assert ws.cell(row, 3 + year - meta.first_year).value == result.value("total", year)
