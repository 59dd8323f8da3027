"""What a colleague types that is not a plain number, and what the import then says: a
formula in an input cell is taken by the value its tool computed (with a note), a number
stored as text by its digits, rates read back as percentages, and the validation findings
the import would bring are listed before anything is applied."""

from __future__ import annotations

import openpyxl
import pytest

from workbench.core.sample import sample_document
from workbench.excel import ExcelError, read_workbook

HISTORY_2023 = 3 + 2023 - 2019  # 1-based column of 2023 on a value sheet (A id, B name)
FORECAST_2027 = 3 + 2027 - 2019


def _tiktok(book, xl):
    app = book["Application"]
    return app.cell(xl.row_of(app, "tiktok"), HISTORY_2023)


def test_a_formula_in_an_input_cell_is_taken_by_the_value_libreoffice_computed(
    exported, libreoffice, xl, tmp_path
):
    document = sample_document()
    path = exported(document)

    def type_formula(book):
        _tiktok(book, xl).value = "=2.5*1.04"

    recalculated = libreoffice(xl.edit(path, tmp_path / "formula.xlsx", type_formula))
    plan = read_workbook(recalculated, document)
    document.execute(plan.command)
    assert document.project.history[("tiktok", 2023)] == pytest.approx(2.6, abs=1e-12)
    cell = f"Application!{_tiktok(openpyxl.load_workbook(path), xl).coordinate}"
    assert f"Taken: the formula's computed value, 2.6, was taken ({cell})" in plan.summary_lines()


def test_a_formula_saved_without_its_value_is_refused_naming_its_cell(exported, xl, tmp_path):
    document = sample_document()
    path = exported(document)
    coordinate = []

    def type_formula(book):
        cell = _tiktok(book, xl)
        cell.value = "=2.5*1.04"
        coordinate.append(cell.coordinate)

    edited = xl.edit(path, tmp_path / "formula.xlsx", type_formula)
    with pytest.raises(ExcelError, match=rf"^Application!{coordinate[0]}: a formula .* not saved"):
        read_workbook(edited, document)


def test_a_number_stored_as_text_is_taken_by_its_digits(exported, xl, tmp_path):
    document = sample_document()
    path = exported(document)
    coordinate = []

    def type_text(book):
        cell = _tiktok(book, xl)
        cell.value = "2.6"
        coordinate.append(cell.coordinate)

    plan = read_workbook(xl.edit(path, tmp_path / "text.xlsx", type_text), document)
    assert [c.after for c in plan.changes if c.kind == "History"] == [2.6]
    assert (
        f"Taken: text read as a number, 2.6, was taken (Application!{coordinate[0]})"
        in plan.summary_lines()
    )


def test_words_in_a_number_cell_are_still_refused(exported, xl, tmp_path):
    document = sample_document()
    path = exported(document)

    def type_words(book):
        _tiktok(book, xl).value = "about three"

    with pytest.raises(ExcelError, match=r"^Application!G\d+: 'about three' is not a number"):
        read_workbook(xl.edit(path, tmp_path / "words.xlsx", type_words), document)


def test_rates_read_back_as_percentages_and_findings_are_listed(exported, xl, tmp_path):
    document = sample_document()
    path = exported(document)

    def edits(book):
        assumptions = book["Assumptions"]
        row = next(
            r
            for r in range(4, assumptions.max_row + 1)
            if assumptions.cell(r, 1).value == "base" and assumptions.cell(r, 2).value == "tiktok"
        )
        assumptions.cell(row, 6).value = 0.1
        app = book["Application"]
        kwai = xl.row_of(app, "kwai", start=xl.row_of(app, "optimistic"))
        app.cell(kwai, FORECAST_2027).value = -5

    plan = read_workbook(xl.edit(path, tmp_path / "edited.xlsx", edits), document)
    lines = plan.summary_lines()
    cagr = next(line for line in lines if "TikTok, Base, CAGR" in line)
    assert " to 10 % " in cagr and "changed from " in cagr and " % to " in cagr
    checks = [line for line in lines if line.startswith("Check: after the import, error")]
    assert checks and any("Kwai" in line for line in checks), lines


def test_numbers_typed_over_computed_cells_are_listed_as_not_taken(exported, xl, tmp_path):
    document = sample_document()
    path = exported(document)
    cells = {}

    def type_over(book):
        tech = book["Technology"]
        short = xl.row_of(tech, "short-video")
        cagr = tech.cell(short, 3 + 2031 - 2019 + 2)  # the forecast CAGR column
        cagr.value = 0.25
        share = tech.cell(xl.row_of(tech, "share:short-video"), FORECAST_2027)
        share.value = 0.5
        gap = tech.cell(xl.row_of(tech, "gap:technology"), FORECAST_2027)
        engine = document.result("base").gap("technology", 2027)
        gap.value = engine  # the number the app computes: unchanged, not listed
        cells.update(cagr=cagr.coordinate, share=share.coordinate, gap=gap.coordinate)

    plan = read_workbook(xl.edit(path, tmp_path / "over.xlsx", type_over), document)
    lines = plan.summary_lines()
    assert plan.changes == []
    assert (
        "Not taken: 25 % typed over the CAGR 2024–2031, which the workbook computes; change "
        f"the inputs it is computed from instead (Technology!{cells['cagr']})"
    ) in lines
    assert any(
        f"(Technology!{cells['share']})" in line and "share in 2027" in line for line in lines
    )
    assert not any(cells["gap"] in line for line in lines)


def test_a_parameter_the_method_does_not_use_is_not_taken(exported, xl, tmp_path):
    document = sample_document()
    series = next(key for key, g in document.project.growth.items() if g.method == "growth_by_year")
    path = exported(document)
    where = []

    def type_cagr(book):
        ws = book["Assumptions"]
        row = next(
            r
            for r in range(4, ws.max_row + 1)
            if (ws.cell(r, 1).value, ws.cell(r, 2).value) == series
        )
        ws.cell(row, 6).value = 0.25
        where.append(ws.cell(row, 6).coordinate)

    plan = read_workbook(xl.edit(path, tmp_path / "cagr.xlsx", type_cagr), document)
    assert plan.changes == []
    note = next(line for line in plan.summary_lines() if line.startswith("Not taken"))
    assert "25 % for the CAGR, which Growth by year does not use" in note
    assert note.endswith(f"(Assumptions!{where[0]})")


def test_a_date_a_spreadsheet_turned_into_its_serial_is_taken_as_the_date(exported, xl, tmp_path):
    document = sample_document()
    path = exported(document)
    where = []

    def type_serial(book):
        ws = book["Developments"]
        row = xl.row_of(ws, "dev-mango-1")
        ws.cell(row, 4).value = 45731  # 2025-03-15 typed into a General cell
        where.append(ws.cell(row, 4).coordinate)

    plan = read_workbook(xl.edit(path, tmp_path / "date.xlsx", type_serial), document)
    document.execute(plan.command)
    assert next(d for d in document.project.developments if d.id == "dev-mango-1").date == (
        "2025-03-15"
    )
    assert (
        f"Taken: the date serial 45731 was taken as 2025-03-15 (Developments!{where[0]})"
        in plan.summary_lines()
    )
