"""The Cell notes sheet: history sources, holds, pin marks and notes, one row per cell.

Notes and sources also appear as comments on their cells (`comments`), where a colleague
may edit or add one; the data lives here too, in plain columns, so that an edited
workbook comes back exactly.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from workbench.core.project import PIN_MARKS, Project
from workbench.excel.assumptions import check_headers
from workbench.excel.grid import Grid
from workbench.excel.layout import CELL_NOTES
from workbench.excel.styles import Context, header_row, write_number, write_text

HEADERS = ["Scenario id", "Series id", "Series", "Year", "Source id", "Held", "Note", "Pin by"]
SCENARIO, SERIES, LABEL, YEAR, SOURCE, HELD, NOTE, PIN_BY = range(8)
HEADER_ROW, FIRST_ROW = 2, 3


@dataclass
class CellNotes:
    """What the sheet holds, keyed as in `Project`, with the row each key came from."""

    history_sources: dict[tuple[str, int], str] = field(default_factory=dict)
    holds: set[tuple[str, int]] = field(default_factory=set)
    notes: dict[tuple[str, str, int], str] = field(default_factory=dict)
    pin_marks: dict[tuple[str, str, int], str] = field(default_factory=dict)
    rows: dict[tuple[str, str, int], int] = field(default_factory=dict)


def _keys(p: Project) -> list[tuple[str, str, int]]:
    keys = {("", s, y) for s, y in p.history_sources} | {("", s, y) for s, y in p.holds}
    keys |= set(p.notes) | set(p.pin_marks)
    series = {s: i for i, s in enumerate(p.series_ids())}
    scenarios = {"": -1} | {s.id: i for i, s in enumerate(p.scenarios)}
    return sorted(keys, key=lambda k: (series.get(k[1], len(series)), k[2], scenarios.get(k[0], 0)))


def write_cell_notes(ctx: Context, ws) -> None:
    p, f = ctx.project, ctx.formats
    write_text(ws, 0, 0, ctx.headed(CELL_NOTES), f["title"])
    write_text(
        ws,
        1,
        0,
        (
            "One row per cell: a blank scenario id means a history cell (or a hold, which holds "
            "the cell in every scenario). Held is yes or blank. Pin by says which edit wrote "
            "a forecast pin (hold or spread); a number typed over a pin makes it yours."
        ),
        f["hint"],
    )
    header_row(
        ws,
        HEADER_ROW,
        HEADERS,
        f["header"],
        {0: 10, 1: 10, 2: 30, 3: 7, 4: 10, 5: 6, 6: 60, 7: 8},
    )
    ws.freeze_panes(FIRST_ROW, 0)
    for row, (scenario_id, series_id, year) in enumerate(_keys(p), start=FIRST_ROW):
        write_text(ws, row, SCENARIO, scenario_id, f["id"])
        write_text(ws, row, SERIES, series_id, f["id"])
        write_text(ws, row, LABEL, ctx.series_label(series_id))
        write_number(ws, row, YEAR, year, f["input_plain"])
        if not scenario_id:
            write_text(
                ws, row, SOURCE, p.history_sources.get((series_id, year), ""), f["input_text"]
            )
            write_text(
                ws, row, HELD, "yes" if (series_id, year) in p.holds else "", f["input_text"]
            )
        key = (scenario_id, series_id, year)
        write_text(ws, row, NOTE, p.notes.get(key, ""), f["input_text"])
        if scenario_id:
            write_text(ws, row, PIN_BY, p.pin_marks.get(key, ""), f["input_text"])


def read_cell_notes(grid: Grid, target: Project, retired: set[str] = frozenset()) -> CellNotes:
    """The sheet's rows; those of `retired` segments or scenarios (removed elsewhere in the
    workbook) go with them."""
    # Workbooks written before pins had marks have no "Pin by" column; they read as unmarked.
    marked = bool(grid.text(HEADER_ROW, PIN_BY).strip())
    check_headers(grid, HEADER_ROW, HEADERS if marked else HEADERS[:PIN_BY])
    out = CellNotes()
    scenarios = {"", *(s.id for s in target.scenarios)}
    series = set(target.series_ids())
    for row in range(FIRST_ROW, len(grid)):
        if (
            grid.row_is_blank(row)
            or {grid.text(row, c).strip() for c in (SCENARIO, SERIES)} & retired
        ):
            continue
        key = _read_key(grid, row, scenarios, series)
        if key in out.rows:
            raise grid.error(row, YEAR, "a second row for the same cell.")
        out.rows[key] = row
        scenario_id, series_id, year = key
        source, held = grid.text(row, SOURCE).strip(), grid.flag(row, HELD)
        if scenario_id and (source or held):
            raise grid.error(
                row, SOURCE, "sources and holds belong on rows with a blank scenario id."
            )
        if source:
            out.history_sources[(series_id, year)] = source
        if held:
            out.holds.add((series_id, year))
        note = grid.text(row, NOTE)
        if note.strip():
            out.notes[key] = note
        mark = grid.text(row, PIN_BY).strip().casefold()
        if mark and (mark not in PIN_MARKS or not scenario_id):
            raise grid.error(
                row, PIN_BY, "Pin by is hold, spread or blank, on rows with a scenario id."
            )
        if mark:
            out.pin_marks[key] = mark
    return out


def _read_key(grid: Grid, row: int, scenarios: set[str], series: set[str]) -> tuple[str, str, int]:
    scenario_id, series_id = grid.text(row, SCENARIO).strip(), grid.text(row, SERIES).strip()
    if scenario_id not in scenarios:
        raise grid.error(row, SCENARIO, f"{scenario_id!r} is not a scenario id of this workbook.")
    if series_id not in series:
        raise grid.error(row, SERIES, f"{series_id!r} is not a series id of this workbook.")
    year = grid.integer(row, YEAR)
    if year is None:
        raise grid.error(row, YEAR, "the year is missing.")
    return scenario_id, series_id, year
