"""The numbers a colleague saw against the numbers the app will show after the import.

A tool that recalculates (Excel, LibreOffice) saves with each formula the value it
computed: what the colleague read. The import compares each shown computed cell (totals,
segments, shares, CAGRs) with the engine's value for the project the import would make,
and names every one that differs: a formula a colleague rewrote, a sort that made
formulas read another row. Differences of float noise are not differences.

Values no tool computed are not compared. A formula saved without a value (openpyxl keeps
formulas and drops their results) has nothing to compare. A tool that keeps the values
the workbook was exported with while its inputs changed leaves every cell the import
changes at the app's value before the import: then the workbook was not recalculated,
and the summary says so once instead of listing stale cells as disagreements.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

import numpy as np

from workbench.core.derived import growth_ratio
from workbench.core.document import Document
from workbench.core.engine import ScenarioResult
from workbench.core.project import TOTAL, Metadata, Project
from workbench.excel.grid import Grid
from workbench.excel.layout import FIRST_YEAR_COL, ID_COL, SHARE, cagr_cols, cell
from workbench.excel.plan import ImportNote, distinct_pair
from workbench.excel.reader import WorkbookContent
from workbench.excel.values_read import find_blocks
from workbench.numbers import amount, plain_percent

RELATIVE = 1e-9
"""Two values closer than this, relative to the size of the block's numbers, agree: the
engine and a spreadsheet add and multiply in different orders."""
NO_NUMBER = "no number"
DISAGREES = "Disagrees"
NOT_COMPARED = "Not compared"


@dataclass
class ShownRow:
    """The saved results of one computed row: `cols` and their values (NaN for an error
    value, whose text is in `errors`)."""

    sheet: str
    row: int
    scenario_id: str
    row_id: str
    cols: list[int]
    theirs: np.ndarray
    errors: dict[int, str]


def compare_shown(
    grids: dict[str, Grid], content: WorkbookContent, before: Document, after: Document
) -> list[ImportNote]:
    """A note per shown cell whose saved value is not the engine's after the import, or
    one note saying why the workbook's values were not compared."""
    rows, unsaved = _shown_rows(grids, content)
    if not rows:
        if unsaved:
            return [_not_compared("its formulas were saved without their values")]
        return []
    pairs = [(row, _engine(after, row), _engine(before, row)) for row in rows]
    if _stale(pairs):
        return [_not_compared("its values are the ones the app computed before this import")]
    notes: list[ImportNote] = []
    for row, ours, _before in pairs:
        notes += _differences(row, ours, content.project, after)
    return notes


def _not_compared(why: str) -> ImportNote:
    return ImportNote(
        NOT_COMPARED,
        "",
        "",
        f"the workbook's computed values were not compared with the app's: {why} "
        "(the tool that saved it did not recalculate)",
    )


def _shown_rows(grids: dict[str, Grid], content: WorkbookContent) -> tuple[list[ShownRow], int]:
    """Every shown computed row with a saved result, and the count of formulas saved
    without one."""
    p = content.project
    meta, present = p.metadata, replace(content.blocks, required=frozenset())
    sheets = [(content.names.total, {TOTAL})]
    sheets += [
        (name, {TOTAL, *(m.id for m in p.dimension(dim_id).members)})
        for dim_id, name in content.sheets.items()
    ]
    year_cols = list(range(FIRST_YEAR_COL, FIRST_YEAR_COL + len(meta.years)))
    rows: list[ShownRow] = []
    unsaved = 0
    for name, series in sheets:
        grid = grids[name]
        for scenario_id, header, end in find_blocks(grid, meta, present):
            for row in range(header + 1, end):
                row_id = grid.text(row, ID_COL).strip()
                shares = row_id.startswith(SHARE) and row_id[len(SHARE) :] in series
                if row_id not in series and not shares:
                    continue
                cols = year_cols if shares else [*year_cols, *cagr_cols(meta)]
                shown, missing = _saved(grid, row, cols, (scenario_id, row_id))
                unsaved += missing
                if shown is not None:
                    rows.append(shown)
    return rows, unsaved


def _saved(grid: Grid, row: int, cols: list[int], key: tuple[str, str]):
    """The saved results of a row's formula cells, and how many formulas had none."""
    kept, values, errors, missing = [], [], {}, 0
    for col in cols:
        if not grid.is_formula(row, col):
            continue
        saved = grid.saved_result(row, col)
        if saved is None:
            missing += 1
            continue
        kept.append(col)
        if isinstance(saved, str):
            errors[col] = saved
            values.append(math.nan)
        else:
            values.append(saved)
    if not kept:
        return None, missing
    theirs = np.array(values, dtype=float)
    return ShownRow(grid.name, row, *key, kept, theirs, errors), missing


def _engine(document: Document, row: ShownRow) -> np.ndarray:
    """The engine's value of each of the row's cells, for `document`'s project (none
    for a scenario it does not have: one the import adds)."""
    meta = document.project.metadata
    if all(s.id != row.scenario_id for s in document.project.scenarios):
        return np.full(len(row.cols), np.nan)
    result = document.result(row.scenario_id)
    full = engine_row(result, meta, row.row_id)
    return np.array([full[col - FIRST_YEAR_COL] for col in row.cols], dtype=float)


def engine_row(result: ScenarioResult, meta: Metadata, row_id: str) -> np.ndarray:
    """A shown row as the workbook lays it out from its first year column: the series'
    values (or its share of the total) per year, then the two CAGRs."""
    if row_id.startswith(SHARE):
        with np.errstate(all="ignore"):
            return result.series_values(row_id[len(SHARE) :]) / result.series_values(TOTAL)
    if row_id not in result.row:  # a series the import removes or adds
        return np.full(len(meta.years) + 2, np.nan)
    values = result.series_values(row_id)
    cagrs = [
        growth_ratio(float(values[a - meta.first_year]), float(values[b - meta.first_year]), b - a)
        for a, b in (meta.history_cagr_years, meta.forecast_cagr_years)
    ]
    return np.concatenate([values, cagrs])


def _agree(theirs: np.ndarray, ours: np.ndarray, size: float) -> np.ndarray:
    return np.isclose(theirs, ours, rtol=RELATIVE, atol=RELATIVE * size, equal_nan=True)


def _size(row: ShownRow, after: np.ndarray) -> float:
    """The size of the numbers a row's cells are compared at: 1 for ratios (shares and
    CAGRs), else the largest value of the row."""
    if row.row_id.startswith(SHARE):
        return 1.0
    finite = np.abs(after[np.isfinite(after)])
    return float(finite.max()) if finite.size else 1.0


def _stale(pairs) -> bool:
    """True when the import changes computed cells and every one of them still shows the
    app's value from before the import: the saving tool did not recalculate."""
    changed = stale = 0
    for row, after, before in pairs:
        size = _size(row, after)
        moved = ~_agree(after, before, size)
        changed += int(moved.sum())
        stale += int((moved & _agree(row.theirs, before, size)).sum())
    return changed > 0 and stale == changed


def _differences(
    row: ShownRow, ours: np.ndarray, project: Project, after: Document
) -> list[ImportNote]:
    size = _size(row, ours)
    wrong = np.flatnonzero(~_agree(row.theirs, ours, size))
    notes = []
    for i in wrong.tolist():
        col = row.cols[i]
        theirs, shown = _shown(row, i, ours[i], col, project.metadata)
        notes.append(
            ImportNote(
                DISAGREES,
                row.sheet,
                cell(row.row, col),
                f"{_what(row, col, project)}: the workbook shows {theirs}, "
                f"the app computes {shown}",
            )
        )
    return notes


def _shown(row: ShownRow, i: int, ours: float, col: int, meta: Metadata) -> tuple[str, str]:
    """Both values as the analyst reads them: ratios as percentages, amounts with the
    digits that tell them apart, an error value by its text."""
    error, theirs = row.errors.get(col), float(row.theirs[i])
    if row.row_id.startswith(SHARE) or col in cagr_cols(meta):
        return error or plain_percent(theirs), plain_percent(ours) or NO_NUMBER
    if error is None and math.isfinite(ours):
        return distinct_pair(theirs, ours)
    return error or amount(theirs), amount(ours) if math.isfinite(ours) else NO_NUMBER


def _what(row: ShownRow, col: int, project: Project) -> str:
    meta = project.metadata
    series = row.row_id.removeprefix(SHARE)
    name = project.series_name(series) if series in project.series_ids() else series
    scenario = next((s.name for s in project.scenarios if s.id == row.scenario_id), "")
    hist, fore = cagr_cols(meta)
    if col in (hist, fore):
        a, b = meta.history_cagr_years if col == hist else meta.forecast_cagr_years
        return f"{name}, {scenario}, CAGR {a}–{b}"
    year = meta.first_year + col - FIRST_YEAR_COL
    prefix = "share of " if row.row_id.startswith(SHARE) else ""
    return f"{prefix}{name}, {scenario}, {year}"
