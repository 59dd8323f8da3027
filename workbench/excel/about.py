"""The About sheet: what the workbook is (format and version), the project's details,
its scenarios and its dimensions with the sheet that holds each.

The reader starts here: the format line tells our workbooks from any other, and the
dimension table maps ids to sheet names, so a renamed dimension is still found.
"""

from __future__ import annotations

from dataclasses import dataclass

from workbench.core.errors import ModelError
from workbench.core.project import MODES, Metadata, Scenario
from workbench.excel.assessments import SHEET as ASSESSMENTS
from workbench.excel.errors import ExcelError
from workbench.excel.grid import Grid
from workbench.excel.layout import (
    ABOUT,
    ASSUMPTIONS,
    CELL_NOTES,
    TOTAL_SHEET,
    WORKBOOK_FORMAT,
    WORKBOOK_VERSION,
)
from workbench.excel.measure_names import guide, how_to
from workbench.excel.styles import Context, fit_row, header_row, write_number, write_text
from workbench.excel.tables import TABLES

DETAILS = (
    ("Format", "format"),
    ("Format version", "version"),
    ("Title", "title"),
    ("Unit", "unit"),
    ("Currency note", "currency_note"),
    ("Description", "description"),
    ("First year", "first_year"),
    ("Base year", "base_year"),
    ("Last year", "last_year"),
    ("Mode", "mode"),
    ("Primary dimension id", "primary_dimension"),
)
FIRST_ROW = 3
YEARS = ("first_year", "base_year", "last_year")
"""Shown, not edited: every sheet is laid out for the project's years, so a year range
is changed in the app and the workbook exported again (`check_years` refuses an edit)."""
YEARS_NOTE = "set in the app: every sheet is laid out for these years"
RULES = {
    "mode": {
        "validate": "list",
        "source": list(MODES),
        "error_title": "Not a mode",
        "error_message": f"Choose {' or '.join(MODES)}.",
    },
}
"""The data validation of the details a spreadsheet can check as they are typed."""
ABOUT_TEXT_WIDTH = 80
SCENARIO_HEADERS = ["Scenario id", "Scenario"]
DIMENSION_HEADERS = ["Dimension id", "Dimension", "Sheet"]


@dataclass
class About:
    metadata: Metadata
    mode: str
    primary_dimension: str | None
    scenarios: list[Scenario]
    dimensions: list[tuple[str, str, str]]
    rows: dict[str, int]
    """The row of each detail, scenario id and dimension id, for the change summary."""


def write_about(ctx: Context, ws) -> None:
    p, f = ctx.project, ctx.formats
    meta = p.metadata
    write_text(ws, 0, 0, "Market Workbench workbook", f["title"])
    write_text(
        ws,
        1,
        0,
        "Blue cells may be edited; ids keep each thing's identity across a rename.",
        f["hint"],
    )
    ws.set_column(0, 0, 22)
    ws.set_column(1, 1, ABOUT_TEXT_WIDTH)
    ws.set_column(2, 2, 24)
    values = {
        "format": WORKBOOK_FORMAT,
        "version": WORKBOOK_VERSION,
        "mode": p.mode,
        "primary_dimension": p.primary_dimension or "",
        **{k: getattr(meta, k) for _label, k in DETAILS if hasattr(meta, k)},
    }
    for row, (label, key) in enumerate(DETAILS, start=FIRST_ROW):
        write_text(ws, row, 0, label, f["label_bold"])
        value = values[key]
        fmt = f["id"] if key in ("format", "version") else f["input_text"]
        if key in YEARS:
            write_number(ws, row, 1, value, f["label"])
            write_text(ws, row, 2, YEARS_NOTE, f["hint"])
        elif isinstance(value, int):
            write_number(ws, row, 1, value, fmt)
        else:
            write_text(ws, row, 1, value, fmt)
            fit_row(ws, row, [(value, ABOUT_TEXT_WIDTH)])
        if key in RULES:
            ws.data_validation(row, 1, row, 1, RULES[key])
    top = FIRST_ROW + len(DETAILS) + 1
    header_row(ws, top, SCENARIO_HEADERS, f["header"])
    for row, s in enumerate(p.scenarios, start=top + 1):
        write_text(ws, row, 0, s.id, f["id"])
        write_text(ws, row, 1, s.name, f["input_text"])
    top += len(p.scenarios) + 2
    header_row(ws, top, DIMENSION_HEADERS, f["header"])
    for row, d in enumerate(p.dimensions, start=top + 1):
        write_text(ws, row, 0, d.id, f["id"])
        write_text(ws, row, 1, d.name, f["input_text"])
        write_text(ws, row, 2, ctx.sheets[d.id])
    _write_how_to(ctx, ws, top + len(p.dimensions) + 2)


HOW_TO = (
    "Type only in the blue cells (inputs); black cells are formulas the workbook computes.",
    "Column A holds ids: keep them as they are. A renamed segment, scenario or company keeps "
    "its id, so the app sees a rename, not a removal and an addition.",
    "History: type the values in the first scenario block of each value sheet; the other "
    "blocks repeat them.",
    "Growth: change rates, methods and their parameters on the Assumptions sheet.",
    "A forecast value of your own (a pin): type it in the segment's pin row of that "
    "scenario's block (clear the cell to unpin; typing over a forecast formula pins too); "
    "the other segments rebalance at once.",
    "Sort or insert rows as you like (Assumptions by series, a dimension's segments): the "
    "formulas find their inputs by id, not by position.",
    "A new segment: insert a row in the first block of its sheet, type its name and its "
    "history, and leave its id blank; deleting a segment's row there removes the segment.",
    "A new scenario: add a row to the scenarios above with an id of your choosing (letters, "
    "digits, - or _) and its name; on Assumptions, copy the first scenario's rows, put the "
    "new id in column A and change the rates. The new scenario starts as a copy of the "
    "first (its rates, pins and notes, as Add Scenario in the app), and what you give it "
    "replaces that. Deleting a scenario's row above removes the scenario.",
    "The years are set in the app; the sheets are laid out for them.",
    "Qualitative sheets: a row without an id is a new entry; a deleted row removes it.",
    "Then, in the app, File → Import Workbook… shows every change before it is applied, "
    "as one step you can undo.",
)


def _write_how_to(ctx: Context, ws, row: int) -> None:
    """A how-to for a colleague and the list of sheets, after the tables the reader reads
    (it stops at the blank row above)."""
    f = ctx.formats
    write_text(ws, row, 0, "How to edit this workbook", f["title"])
    lines = (*HOW_TO[:-1], *how_to(ctx.document.project), HOW_TO[-1])
    for i, line in enumerate(lines, start=1):
        write_text(ws, row + i, 0, f"{i}.", f["label"])
        write_text(ws, row + i, 1, line, f["wrapped"])
        fit_row(ws, row + i, [(line, ABOUT_TEXT_WIDTH)])
    row += len(lines) + 2
    header_row(ws, row, ["Sheet", "What it holds"], f["header"])
    for i, (sheet, what) in enumerate(sheet_guide(ctx), start=row + 1):
        write_text(ws, i, 0, sheet, f["label_bold"])
        write_text(ws, i, 1, what, f["wrapped"])


def sheet_guide(ctx: Context) -> list[tuple[str, str]]:
    """Every sheet of the workbook, in order, with what it holds."""
    p = ctx.project
    values = [
        (ctx.sheets[d.id], f"{d.name}: segments, gap and shares per scenario") for d in p.dimensions
    ]
    measures = guide(ctx.document.project, ctx.names)
    return [
        (ABOUT, "This page: the project's details, scenarios and dimensions"),
        (TOTAL_SHEET, "The total market per scenario, with its chart"),
        *values,
        *measures["values"],
        (ASSUMPTIONS, "Growth method, rate and parameters of every series and scenario"),
        *measures["assumptions"],
        (CELL_NOTES, "Notes and sources of single values"),
        *measures["cell notes"],
        *((t.sheet, t.purpose) for t in TABLES),
        (ASSESSMENTS, "Ratings of segments against the drivers, challenges and forces"),
    ]


def read_about(grid: Grid, layout: tuple[int, int, int] | None = None) -> About:
    """The About sheet; `layout` is the (first, base, last) year the value sheets are laid
    out for (None: not known), which the years on About must be."""
    if grid.text(FIRST_ROW, 0) != "Format" or grid.text(FIRST_ROW, 1) != WORKBOOK_FORMAT:
        raise ExcelError(
            f"{ABOUT}!B4: this is not a Market Workbench workbook (its format line is missing)."
        )
    rows: dict[str, int] = {}
    details: dict[str, object] = {}
    for row, (label, key) in enumerate(DETAILS, start=FIRST_ROW):
        if grid.text(row, 0) != label:
            raise grid.error(row, 0, f"expected {label!r} here; a row was removed or moved.")
        rows[key] = row
        is_year = key.endswith("_year") or key == "version"
        details[key] = grid.integer(row, 1) if is_year else grid.text(row, 1)
    if details["version"] is None or details["version"] > WORKBOOK_VERSION:
        raise grid.error(
            rows["version"],
            1,
            f"format version {details['version']} is newer than this app reads "
            f"({WORKBOOK_VERSION}).",
        )
    if layout is not None:
        check_years(grid, details, rows, layout)
    metadata = _metadata(grid, details, rows)
    mode = str(details["mode"]).strip()
    if mode not in MODES:
        raise grid.error(rows["mode"], 1, f"{mode!r} is not a mode; use {' or '.join(MODES)}.")
    row = FIRST_ROW + len(DETAILS) + 1
    scenarios, row = _table(grid, row, SCENARIO_HEADERS, rows)
    if not scenarios:
        raise grid.error(FIRST_ROW + len(DETAILS) + 1, 0, "the workbook lists no scenario.")
    dimensions, _row = _table(grid, row, DIMENSION_HEADERS, rows)
    return About(
        metadata,
        mode,
        str(details["primary_dimension"]).strip() or None,
        [Scenario(i, n) for i, n, *_ in scenarios],
        dimensions,
        rows,
    )


def check_years(grid: Grid, details: dict, rows: dict[str, int], layout) -> None:
    """A year typed over About's is refused at its cell: the year range is the app's to
    change (the value sheets' columns and every formula follow it)."""
    first, base, last = layout
    for key, laid_out in zip(YEARS, layout, strict=True):
        if details[key] != laid_out:
            raise grid.error(
                rows[key],
                1,
                f"the years are changed in the app, not in the workbook (its sheets are laid "
                f"out for history {first}–{base} and forecast {base + 1}–{last}); change them "
                "in the app and export the workbook again.",
            )


def _metadata(grid: Grid, details: dict, rows: dict[str, int]) -> Metadata:
    for key in ("first_year", "base_year", "last_year"):
        if details[key] is None:
            raise grid.error(rows[key], 1, "the year is missing.")
    if not str(details["title"]).strip():
        raise grid.error(rows["title"], 1, "the project's title must not be empty.")
    try:
        return Metadata(
            **{
                k: details[k]
                for _l, k in DETAILS
                if k not in ("format", "version", "mode", "primary_dimension")
            }
        )
    except ModelError as error:
        raise grid.error(rows["first_year"], 1, str(error)) from None


def _table(
    grid: Grid, row: int, headers: list[str], rows: dict[str, int]
) -> tuple[list[tuple], int]:
    """The rows of an id table until the first blank row; returns them and the next row."""
    for col, label in enumerate(headers):
        if grid.text(row, col) != label:
            raise grid.error(
                row, col, f"expected the column {label!r} here; a row or column was moved."
            )
    out = []
    row += 1
    while row < len(grid) and not (grid.is_blank(row, 0) and grid.is_blank(row, 1)):
        item_id, name = grid.text(row, 0).strip(), grid.text(row, 1).strip()
        if not item_id:
            raise grid.error(
                row, 0, "the id is missing; scenarios and dimensions are added in the app."
            )
        if not name:
            raise grid.error(row, 1, "the name must not be empty.")
        if item_id in rows:
            raise grid.error(row, 0, f"the id {item_id!r} is used twice.")
        rows[item_id] = row
        out.append((item_id, name, *(grid.text(row, c) for c in range(2, len(headers)))))
        row += 1
    return out, row + 1
