"""Pins have their own input row per segment and scenario: a colleague who types a pin
there sees the dimension rebalance in their own spreadsheet, and the import takes it. A
number over a shown forecast formula is a pin too, unless it is the number the formula
showed (a tool that saved values only)."""

from __future__ import annotations

import math

import openpyxl

from workbench.core.commands import SetHold
from workbench.core.sample import sample_document
from workbench.excel import read_workbook
from workbench.excel.layout import PIN

FORECAST_2027 = 3 + 2027 - 2019  # 1-based column of 2027 on a value sheet (A id, B name)


def test_a_pin_typed_in_its_row_rebalances_in_libreoffice_as_in_the_app(
    exported, libreoffice, xl, tmp_path
):
    document = sample_document()
    p = document.project
    scenario = p.scenarios[1].id
    path = exported(document)

    def type_pin(book):
        ws = book["Application"]
        ws.cell(xl.row_of(ws, PIN + "kwai", xl.row_of(ws, scenario)), FORECAST_2027).value = 2.0

    recalculated = libreoffice(xl.edit(path, tmp_path / "pinned.xlsx", type_pin))
    plan = read_workbook(recalculated, document)
    assert [(c.kind, c.after) for c in plan.changes] == [("Pin", 2.0)]
    document.execute(plan.command)
    result = document.result(scenario)
    assert result.value("kwai", 2027) == 2.0
    ws = openpyxl.load_workbook(recalculated, data_only=True)["Application"]
    exported_values = openpyxl.load_workbook(path, data_only=True)["Application"]
    block = xl.row_of(ws, scenario)
    moved = 0
    for member in p.dimension("application").member_ids():
        row = xl.row_of(ws, member, block)
        theirs = ws.cell(row, FORECAST_2027).value
        ours = result.value(member, 2027)
        assert math.isclose(theirs, ours, rel_tol=1e-9), (member, theirs, ours)
        moved += not math.isclose(exported_values.cell(row, FORECAST_2027).value, theirs)
    assert moved == 4  # the pinned segment and its three free siblings, rebalanced


def test_a_shown_cell_replaced_by_its_own_value_is_not_a_pin(exported, xl, tmp_path):
    document = sample_document()
    path = exported(document)
    values = openpyxl.load_workbook(path, data_only=True)

    def paste_values(book):  # as a tool that saves values only would leave them
        for sheet, row_id in (("Application", "kwai"), ("Total market", "total")):
            ws = book[sheet]
            row = xl.row_of(ws, row_id)
            for col in range(FORECAST_2027 - 1, FORECAST_2027 + 5):
                ws.cell(row, col).value = values[sheet].cell(row, col).value

    plan = read_workbook(xl.edit(path, tmp_path / "values.xlsx", paste_values), document)
    assert plan.is_empty, plan.summary_lines()


def test_a_different_number_over_a_shown_cell_beats_the_pin_row(exported, xl, tmp_path):
    document = sample_document()
    document.execute(SetHold("kwai", 2027, True))  # a pin in every scenario, marked hold
    path = exported(document)

    def type_over(book):
        ws = book["Application"]
        ws.cell(xl.row_of(ws, "kwai"), FORECAST_2027).value = 1.25

    edited = xl.edit(path, tmp_path / "typed.xlsx", type_over)
    document.execute(read_workbook(edited, document).command)
    assert document.project.pins[("base", "kwai", 2027)] == 1.25
    assert ("base", "kwai", 2027) not in document.project.pin_marks  # the analyst's own
    assert document.project.pin_marks[("optimistic", "kwai", 2027)] == "hold"


def test_clearing_a_pin_row_cell_removes_the_pin(exported, xl, tmp_path):
    document = sample_document()
    document.project.pins[("base", "kwai", 2027)] = 2.0
    path = exported(document)

    def clear(book):
        ws = book["Application"]
        cell = ws.cell(xl.row_of(ws, PIN + "kwai"), FORECAST_2027)
        assert cell.value == 2.0
        cell.value = None

    plan = read_workbook(xl.edit(path, tmp_path / "cleared.xlsx", clear), document)
    assert [(c.kind, c.before, c.after) for c in plan.changes] == [("Pin", 2.0, None)]
    document.execute(plan.command)
    assert ("base", "kwai", 2027) not in document.project.pins
