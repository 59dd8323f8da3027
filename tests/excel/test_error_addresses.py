"""Every refusal of the workbook import names the cell the colleague typed in, once.

Each case edits the exported sample as a colleague would (openpyxl) and returns the cell it
typed; the refusal must start with exactly "Sheet!Cell: " for that cell, name no other
cell in front of it, and change nothing.
"""

from __future__ import annotations

import re

import openpyxl
import pytest

from workbench.core.dump import dump_json
from workbench.core.sample import sample_document
from workbench.excel import ExcelError, read_workbook
from workbench.excel.assumptions import FIRST_ROW, K_COL, METHOD_COL, R_COL, RATE_COL
from workbench.excel.assumptions import RATES_COL0 as GROWTH_COL0

ASSUMPTIONS_FIRST = FIRST_ROW + 1  # 1-based
METHOD, RATE, K, R = METHOD_COL + 1, RATE_COL + 1, K_COL + 1, R_COL + 1
GROWTH_2027 = GROWTH_COL0 + 1 + 2027 - 2025
HISTORY_2023, BASE_2024, FORECAST_2027 = 3 + 2023 - 2019, 3 + 2024 - 2019, 3 + 2027 - 2019
ADDRESS = re.compile(r"[A-Z][\w &]*![A-Z]{1,3}\d+")


def _row(ws, value, col: int = 1) -> int:
    return next(r for r in range(1, ws.max_row + 1) if ws.cell(r, col).value == value)


def _assumption(book, scenario_id: str, series_id: str) -> int:
    ws = book["Assumptions"]
    return next(
        r
        for r in range(ASSUMPTIONS_FIRST, ws.max_row + 1)
        if ws.cell(r, 1).value == scenario_id and ws.cell(r, 2).value == series_id
    )


def _put(ws, row: int, col: int, value) -> str:
    ws.cell(row, col).value = value
    return f"{ws.title}!{ws.cell(row, col).coordinate}"


def _growth(method: str, col: int, value, **others):
    """Make TikTok's Base assumption `method` and type `value` in column `col`."""

    def edit(book):
        ws, row = book["Assumptions"], _assumption(book, "base", "tiktok")
        ws.cell(row, METHOD).value = method
        for c, v in others.items():
            ws.cell(row, {"K": K, "R": R}[c]).value = v
        return _put(ws, row, col, value)

    return edit


def _tiktok(col: int, value, sheet: str = "Application"):
    return lambda book: _put(book[sheet], _row(book[sheet], "tiktok"), col, value)


def _entity(sheet: str, col: int, value, row: int = 4):
    return lambda book: _put(book[sheet], row, col, value)


def _about(label: str, value):
    return lambda book: _put(book["About"], _row(book["About"], label), 2, value)


def _second_kwai(book):
    ws = book["Application"]
    return _put(ws, _row(ws, "kwai"), 1, "tiktok")


def _second_name(book):
    ws = book["Application"]
    return _put(ws, _row(ws, "kwai"), 2, "TikTok")


def _mirrored_history(book):
    ws = book["Application"]
    second = _row(ws, "tiktok", 1)
    row = next(r for r in range(second + 1, ws.max_row + 1) if ws.cell(r, 1).value == "tiktok")
    return _put(ws, row, HISTORY_2023, 9.0)


def _new_segment_below(book):
    ws = book["Application"]
    top = _row(ws, "optimistic")
    row = next(r for r in range(top, ws.max_row + 1) if ws.cell(r, 1).value == "others")
    ws.insert_rows(row + 1)
    return _put(ws, row + 1, 2, "Snack dramas")


def _ref_formula(book):
    ws = book["Application"]
    row = _row(ws, "tiktok")
    ws.cell(row, FORECAST_2027).value = "=#REF!*2"
    return f"Application!{ws.cell(row, FORECAST_2027).coordinate}"


def _second_note(book):
    ws = book["Cell notes"]
    for col in range(1, 9):
        ws.cell(5, col).value = ws.cell(4, col).value
    return f"Cell notes!{ws.cell(5, 4).coordinate}"


CASES = {
    "Gompertz r below 0": (_growth("gompertz", R, -5, K=10), "must be above 0"),
    "Gompertz K missing": (_growth("gompertz", K, None, R=0.5), "needs a finite saturation"),
    "S-curve r missing": (_growth("s_curve", R, None, K=100), "needs a finite saturation"),
    "S-curve K below base": (_growth("s_curve", K, 0.1, R=0.5), "must exceed its 2024 value"),
    "K typed as words": (_growth("gompertz", K, "ten", R=0.5), "'ten' is not a number"),
    "CAGR of -200 %": (_growth("cagr", RATE, -2), "must be above -100 %"),
    "growth 2027 of -150 %": (_growth("growth_by_year", GROWTH_2027, -1.5), "above -100 %"),
    "unknown method": (_growth("sideways", METHOD, "sideways"), "is not a growth method"),
    "S-curve from a base of 0": (
        lambda book: (
            _growth("s_curve", K, 100, R=0.5)(book),
            _tiktok(BASE_2024, 0)(book),
        )[1],
        "needs a positive base-year value",
    ),
    "words in history": (_tiktok(HISTORY_2023, "about three"), "is not a number"),
    "error value in history": (_tiktok(HISTORY_2023, "#DIV/0!"), "holds the error"),
    "history typed in a mirror block": (_mirrored_history, "history is typed in the topmost"),
    "a formula that lost its reference": (_ref_formula, "#REF!"),
    "a segment id twice": (_second_kwai, "is used twice on this sheet"),
    "a segment name twice": (_second_name, "is listed twice"),
    "a segment without a name": (_tiktok(2, None), "name must not be empty"),
    "a new segment below the top block": (_new_segment_below, "topmost block only"),
    "first year changed on About": (_about("First year", 2018), "changed in the app"),
    "base year changed on About": (_about("Base year", 2025), "changed in the app"),
    "last year changed on About": (_about("Last year", 2035), "changed in the app"),
    "unknown mode": (_about("Mode", "sideways"), "is not a mode"),
    "unknown primary dimension": (_about("Primary dimension id", "nope"), "dimension ids"),
    "empty title": (_about("Title", None), "title must not be empty"),
    "a newer format": (_about("Format version", 99), "newer than this app reads"),
    "a scenario name twice": (
        lambda book: _put(book["About"], _row(book["About"], "optimistic"), 2, "Base"),
        "is used twice",
    ),
    "factor impact 9": (_entity("Drivers & Challenges", 5, 9), "from 1 to 5"),
    "factor kind": (_entity("Drivers & Challenges", 2, "weird"), "driver or a challenge"),
    "force rating 9": (_entity("Five Forces", 3, 9), "from 1 to 5"),
    "development kind": (_entity("Developments", 5, "weird"), "kind must be one of"),
    "development of no company": (_entity("Developments", 2, "nope"), "no company"),
    "development date": (_entity("Developments", 4, "soon"), "date"),
    "company source": (_entity("Companies", 12, "nope"), "unknown source"),
    "company segment": (_entity("Companies", 10, "nope"), "unknown segment"),
    "company founded in words": (_entity("Companies", 4, "long ago"), "is not a number"),
    "company shares": (_entity("Companies", 11, "lots"), "is not a share"),
    "source flag": (_entity("Sources", 6, "perhaps"), "is not yes or no"),
    "assessment score 9": (_entity("Assessments", 8, 9), "from 1 to 5"),
    "assessment segment": (_entity("Assessments", 6, "nope"), "not a segment of"),
    "cell note series": (_entity("Cell notes", 2, "nope"), "not a series id"),
    "cell note source": (_entity("Cell notes", 5, "nope"), "not a source id"),
    "cell note year": (_entity("Cell notes", 4, 2050), "not a history year"),
    "cell note twice": (_second_note, "a second row for the same cell"),
    "cell note pin mark": (_entity("Cell notes", 8, "glue"), "Pin by is hold, spread"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_a_refusal_names_the_cell_typed_in_once(case, exported, tmp_path):
    document = sample_document()
    before = dump_json(document)
    path = exported(document)
    edit, words = CASES[case]
    book = openpyxl.load_workbook(path)
    typed = edit(book)
    book.save(tmp_path / "edited.xlsx")
    with pytest.raises(ExcelError) as refused:
        read_workbook(tmp_path / "edited.xlsx", document)
    message = str(refused.value)
    assert message.startswith(f"{typed}: "), message
    assert words in message
    assert ADDRESS.findall(message.split(": ", 1)[1]) == [], message
    assert dump_json(document) == before


def test_about_shows_the_years_as_plain_text_set_in_the_app(exported):
    """The years are not styled as inputs (the title is), carry no input rule, and say
    where they are changed; typing over one is refused at its cell (cases above)."""
    book = openpyxl.load_workbook(exported(sample_document()))
    ws = book["About"]
    title = ws.cell(_row(ws, "Title"), 2)
    validated = {str(r) for v in ws.data_validations.dataValidation for r in v.sqref.ranges}
    for label, year in (("First year", 2019), ("Base year", 2024), ("Last year", 2031)):
        row = _row(ws, label)
        shown = ws.cell(row, 2)
        assert shown.value == year
        assert shown.fill.fgColor.rgb != title.fill.fgColor.rgb
        assert shown.font.color is None or shown.font.color.rgb != title.font.color.rgb
        assert shown.coordinate not in validated
        assert "set in the app" in ws.cell(row, 3).value
