"""A colleague sorts and inserts rows in LibreOffice: every formula still finds its inputs by
id, so LibreOffice's recalculated numbers are the engine's, and the import changes nothing.

The edits are made by LibreOffice itself (Data > Sort and Insert Rows through its own API,
see libreoffice_edit.py): a sort moves each formula with its row, shifting its relative
references as a copy would, which is what broke formulas that found inputs by address.
Cells are compared by (sheet, scenario block, row id, column), since rows move.
"""

from __future__ import annotations

import math

import openpyxl
import pytest

from tests.excel.test_libreoffice import every_method_document, with_fixed_segments
from workbench.core.commands import SetPin
from workbench.excel import read_workbook
from workbench.excel.assumptions import FIRST_ROW, SERIES_NAME_COL, key_col
from workbench.excel.layout import ASSUMPTIONS, ID_COL, NAME_COL

pytestmark = pytest.mark.slow


def by_id(path, scenario_ids) -> dict[tuple, object]:
    """Every cell of the value sheets keyed by (sheet, block's scenario, row id, column),
    with the values the file carries (a formula's cached result)."""
    book = openpyxl.load_workbook(path, data_only=True)
    out = {}
    for ws in book.worksheets:
        if ws.title == ASSUMPTIONS:
            continue
        scenario = None
        for row in ws.iter_rows(min_row=4):
            row_id = row[ID_COL].value
            if row_id in scenario_ids:
                scenario = row_id
            if scenario is None or not isinstance(row_id, str):
                continue
            for c in row[NAME_COL:]:
                out[(ws.title, scenario, row_id, c.column)] = c.value
    return out


def assert_same_numbers(engine: dict, theirs: dict) -> int:
    """Every number the engine stored is LibreOffice's number in the cell of the same id."""
    compared = 0
    for key, mine in engine.items():
        if isinstance(mine, float | int) and not isinstance(mine, bool):
            other = theirs.get(key)
            assert isinstance(other, float | int), (key, mine, other)
            assert math.isclose(other, mine, rel_tol=1e-9, abs_tol=1e-12), (key, mine, other)
            compared += 1
        elif mine == "#N/A":
            assert theirs.get(key) == "#N/A", (key, theirs.get(key))
    return compared


def imports_unchanged(path, document, xl) -> None:
    before = xl.dump(document)
    plan = read_workbook(path, document)
    assert plan.summary_lines() == []
    document.execute(plan.command)
    assert xl.dump(document) == before


def test_sorting_assumptions_by_series_changes_no_number(exported, libreoffice_edit, xl):
    document = with_fixed_segments(every_method_document())
    path = exported(document)
    meta, rows = document.project.metadata, len(document.project.growth)
    ops = [
        {
            "op": "sort",
            "sheet": ASSUMPTIONS,
            "first_row": FIRST_ROW,
            "last_row": FIRST_ROW + rows - 1,
            "last_col": key_col(meta),
            "key_col": SERIES_NAME_COL,
        }
    ]
    sorted_book = libreoffice_edit(path, ops)
    order = [
        (r[0].value, r[1].value)
        for r in openpyxl.load_workbook(sorted_book)[ASSUMPTIONS].iter_rows(min_row=FIRST_ROW + 1)
    ]
    assert order != list(document.project.growth)  # the rows really moved
    scenario_ids = {s.id for s in document.project.scenarios}
    assert assert_same_numbers(by_id(path, scenario_ids), by_id(sorted_book, scenario_ids)) > 1000
    imports_unchanged(sorted_book, document, xl)


def test_inserted_blank_rows_change_no_number(exported, libreoffice_edit, xl):
    document = with_fixed_segments(every_method_document())
    path = exported(document)
    tech = openpyxl.load_workbook(path)["Technology"]
    second = xl.row_of(tech, document.project.scenarios[1].id)
    ops = [
        {"op": "insert_rows", "sheet": ASSUMPTIONS, "row": FIRST_ROW + 5, "count": 1},
        {"op": "insert_rows", "sheet": "Technology", "row": 5, "count": 1},  # amid segments
        {"op": "insert_rows", "sheet": "Technology", "row": second + 4, "count": 2},
        {"op": "insert_rows", "sheet": "Total market", "row": 5, "count": 1},
    ]
    edited = libreoffice_edit(path, ops)
    scenario_ids = {s.id for s in document.project.scenarios}
    assert assert_same_numbers(by_id(path, scenario_ids), by_id(edited, scenario_ids)) > 1000
    imports_unchanged(edited, document, xl)


def test_sorting_a_dimensions_segment_rows_changes_no_number(exported, libreoffice_edit, xl):
    document = with_fixed_segments(every_method_document())
    p = document.project
    path = exported(document)
    app = openpyxl.load_workbook(path)["Application"]
    members = p.dimension("application").member_ids()
    n = len(members)
    ops = []
    for scenario in (p.scenarios[0], p.scenarios[-1]):  # the typed block, and another
        first = xl.row_of(app, members[0], xl.row_of(app, scenario.id))
        ops.append(
            {
                "op": "sort",
                "sheet": "Application",
                "first_row": first - 1,  # 0-based
                "last_row": first + n - 2,
                "last_col": app.max_column - 1,
                "key_col": NAME_COL,
                "descending": True,
            }
        )
    edited = libreoffice_edit(path, ops)
    moved = openpyxl.load_workbook(edited)["Application"]
    first = xl.row_of(moved, "total") + 1
    ids = [moved.cell(r, 1).value for r in range(first, first + n)]
    assert ids != p.dimension("application").member_ids()  # the rows really moved
    scenario_ids = {s.id for s in p.scenarios}
    assert assert_same_numbers(by_id(path, scenario_ids), by_id(edited, scenario_ids)) > 1000
    before = shown_numbers(document)
    plan = read_workbook(edited, document)
    # the order is the one change (the colleague's choice): no number, pin or growth
    assert [c.kind for c in plan.changes] == ["Segment"], plan.summary_lines()
    document.execute(plan.command)
    assert list(p.dimension("application").member_ids()) == ids  # the colleague's order
    after = shown_numbers(document)
    assert after.keys() == before.keys()
    for key, value in after.items():  # the same, but for the order of the sums' terms
        assert math.isclose(value, before[key], rel_tol=1e-12) or (
            math.isnan(value) and math.isnan(before[key])
        ), key


def shown_numbers(document) -> dict[tuple, float]:
    p = document.project
    return {
        (s.id, series, year): document.result(s.id).value(series, year)
        for s in p.scenarios
        for series in p.series_ids()
        for year in p.metadata.years
    }


def test_blank_rows_inside_the_pin_rows_change_no_number(exported, libreoffice_edit, xl):
    """Blank rows inserted between a block's pin rows (and between its projected rows):
    the scale row's count of fixed segments, the gap's sum and every pin look-up still
    see exactly the block's segments. Technology is fully pinned in Base 2028 (pins that
    add up to the total: scale 1) and in Pessimistic 2029 (pins that do not: #N/A), so
    the scale's "every segment fixed" case is recalculated over the widened rows too."""
    document = with_fixed_segments(every_method_document())
    p = document.project
    tech = p.dimension("technology").member_ids()
    base, low = document.result("base"), document.result("pessimistic")
    total_2028 = base.value("total", 2028)
    document.execute(SetPin("base", tech[0], 2028, 0.25 * total_2028))
    document.execute(SetPin("base", tech[1], 2028, 0.75 * total_2028))
    document.execute(SetPin("pessimistic", tech[0], 2029, 0.5 * low.value("total", 2029)))
    document.execute(SetPin("pessimistic", tech[1], 2029, 0.7 * low.value("total", 2029)))
    path = exported(document)
    book = openpyxl.load_workbook(path)
    ops = []
    for sheet, scenario, after, count in (
        ("Technology", "base", f"pin:{tech[0]}", 1),
        ("Technology", "pessimistic", f"pin:{tech[0]}", 2),
        ("Technology", "optimistic", f"projected:{tech[0]}", 1),
        ("Application", "optimistic", "pin:" + p.dimension("application").member_ids()[1], 2),
        ("Total market", "base", "total", 1),  # between the total and its pin row
    ):
        ws = book[sheet]
        row = xl.row_of(ws, after, xl.row_of(ws, scenario))  # 1-based: insert after it
        ops.append({"sheet": sheet, "row": row, "count": count})
    # bottom-up within each sheet, so each row found above is still where it was
    ops.sort(key=lambda op: (op["sheet"], -op["row"]))
    edited = libreoffice_edit(path, [{"op": "insert_rows", **op} for op in ops])
    moved = openpyxl.load_workbook(edited)["Technology"]
    base_pins = xl.row_of(moved, f"pin:{tech[0]}", xl.row_of(moved, "base"))
    assert moved.cell(base_pins + 1, 1).value is None  # the blank row is really there
    scale = xl.row_of(moved, "scale:technology", xl.row_of(moved, "pessimistic"))
    scenario_ids = {s.id for s in p.scenarios}
    engine, theirs = by_id(path, scenario_ids), by_id(edited, scenario_ids)
    year_2029 = 3 + 2029 - p.metadata.first_year
    assert engine[("Technology", "pessimistic", "scale:technology", year_2029)] == "#N/A"
    assert moved.cell(scale, year_2029).value.startswith("=")
    assert assert_same_numbers(engine, theirs) > 1000
    imports_unchanged(edited, document, xl)
