"""Writing the value sheets: Total market and one sheet per dimension, a block per scenario.

Every forecast cell is a live formula that computes docs/forecast-semantics.md exactly
and carries the engine's value as its cached result. The segment rows show reconciled
values; the pin rows under them take typed forecast values (blank: no pin); the projected
rows hold each segment's own method before reconciliation, or its pin. A pinned segment
shows its pin; a free one shows its projection times the block's scale row,
(total − Σ pins) / Σ free, which is #N/A exactly where the engine could not reconcile
(then the projection shows). Because the scale reads the pin rows, a pin a colleague types
rebalances the dimension in their own spreadsheet. Formulas read other rows by id
(`value_formulas`). The year and CAGR cells of a row are rendered as one run of XML
(`RowCells`): these sheets hold nearly all of a large workbook's cells.
"""

from __future__ import annotations

import numpy as np

from workbench.core.derived import growth_ratio
from workbench.core.methods import method as grows
from workbench.core.project import TOTAL, Dimension
from workbench.core.reconcile import NEAR_ZERO, TOLERANCE
from workbench.core.reconcile_words import GAP_LABEL, SCALE_LABEL
from workbench.excel.comments import cell_comments
from workbench.excel.layout import (
    FIRST_BLOCK_ROW,
    FIRST_YEAR_COL,
    GAP,
    ID_COL,
    NAME_COL,
    PIN,
    PROJECTED,
    SCALE,
    SHARE,
    block_rows,
    cagr_cols,
    year_col,
)
from workbench.excel.sheet_xml import RowCells, formula_xml
from workbench.excel.styles import Context, fit_row, write_text
from workbench.excel.value_charts import dimension_block, dimension_chart, total_chart, total_row
from workbench.excel.value_formulas import (
    Block,
    MethodFormulas,
    at,
    at_row,
    pinned,
    rows_span,
    scale_formula,
    scaled,
    sheet_prefix,
    typed,
    unscaled,
)
from workbench.excel.value_formulas import growth_ratio as cagr_formula

TOTAL_MARKET = "Total market"
"""The total's name in titles (its sheet's name is the measure's: `MeasureSheets.total`)."""
CONSTANTS = {"Reconcile_tolerance": TOLERANCE, "Reconcile_near_zero": NEAR_ZERO}
"""The engine's reconciliation thresholds, as named constants the scale formulas use."""


NAME_WIDTH = 34
"""Characters of the name column: a segment's name with "(projected)" after it."""


def define_constants(workbook) -> None:
    for name, value in CONSTANTS.items():
        workbook.define_name(name, f"={value!r}")


def pin_row(start: int, n: int, i: int) -> int:
    """Rows of a dimension block whose header is `start`, with `n` segments (see `layout`)."""
    return start + 2 + n + i


def gap_row(start: int, n: int) -> int:
    return start + 2 + 2 * n


def scale_row(start: int, n: int) -> int:
    return start + 3 + 2 * n


def share_row(start: int, n: int, i: int) -> int:
    return start + 4 + 2 * n + i


def projected_row(start: int, n: int, i: int) -> int:
    return start + 4 + 3 * n + i


def dimension_rows(dim: Dimension, start: int) -> Block:
    """The block of a dimension sheet whose header row is `start`."""
    return Block(start, start + block_rows(len(dim.members), True) - 2)


def write_sheet_top(ctx: Context, ws, title: str) -> None:
    meta = ctx.project.metadata
    f = ctx.formats
    write_text(ws, 0, 0, ctx.titled(title), f["title"])
    write_text(
        ws,
        1,
        0,
        (
            "Blue cells are inputs, black cells formulas. Type a forecast value in a pin row to "
            "pin it (blank: no pin); the id column keeps each row's identity."
        ),
        f["hint"],
    )
    ws.set_column(ID_COL, ID_COL, 9, f["id"])
    ws.set_column(NAME_COL, NAME_COL, NAME_WIDTH)
    ws.set_column(year_col(meta, meta.first_year), year_col(meta, meta.last_year), 11)
    ws.set_column(*cagr_cols(meta), 15)  # "CAGR 2019–2024" in full
    ws.freeze_panes(FIRST_BLOCK_ROW, NAME_COL + 1)


def write_block_header(ctx: Context, ws, row: int, scenario_id: str, label: str) -> None:
    """The block's header row: the scenario (with the measure and its unit when the
    workbook has two), the years and the CAGR spans. The name cell wraps and the row is
    as tall as its lines, since the years beside it leave the text no room to run on."""
    meta, f = ctx.project.metadata, ctx.formats
    write_text(ws, row, ID_COL, scenario_id, f["id"])
    headed = ctx.headed(label)
    write_text(ws, row, NAME_COL, headed, f["block_header"])
    fit_row(ws, row, [(headed, NAME_WIDTH)])
    for year in meta.years:
        fmt = f["forecast_header"] if year > meta.base_year else f["header"]
        ws.write_number(row, year_col(meta, year), year, fmt)
    hist, fore = cagr_cols(meta)
    (a, b), (c, d) = meta.history_cagr_years, meta.forecast_cagr_years
    write_text(ws, row, hist, f"CAGR {a}–{b}", f["header"])
    write_text(ws, row, fore, f"CAGR {c}–{d}", f["forecast_header"])


def history_cells(ctx: Context, cells: RowCells, series_id: str, home: Block | None, values):
    """History: typed in the first block (`home` None), mirrored by id (blank as #N/A) from
    the first block `home` in the others."""
    p = ctx.project
    style = ctx.styles["input_number"] if home is None else ctx.styles["number"]
    for year in p.metadata.history_years:
        col = year_col(p.metadata, year)
        if home is None:
            cells.number(col, p.history.get((series_id, year)), style)
        else:
            mirror = typed(home.find(col, series_id))
            cells.formula(col, mirror, style, values[col - FIRST_YEAR_COL])


def forecast_cells(
    ctx: Context,
    cells: RowCells,
    row: int,
    block: Block,
    keys: tuple[str, str],
    scale: int | None = None,
) -> None:
    """The series' own method, or its pin, in every forecast year, before reconciliation:
    one formula for the whole row. `keys` is (scenario id, series id); `scale` the row of
    the dimension's scale (None where nothing is scaled): after a pin a chained method goes
    on from the pin ÷ that year's scale (1 where it has no number or is 0)."""
    scenario_id, series_id = keys
    p = ctx.project
    meta = p.metadata
    result = ctx.result(scenario_id)
    projected = result.projected[result.row[series_id]].tolist()
    code = p.growth_of(scenario_id, series_id).method
    method = MethodFormulas(keys, meta, code, ctx.names.assumptions)
    base_col = year_col(meta, meta.base_year)
    base = typed(f"${at(base_col, row)}")
    pin_id, chained = PIN + series_id, grows(code).chained
    for year in meta.forecast_years:
        col = year_col(meta, year)
        prev = typed(at(col - 1, row))
        if chained and scale is not None:
            prev = _continued(block.find(col - 1, pin_id), at(col - 1, row), at_row(col - 1, scale))
        step = f"({block.year(col)}-${at_row(base_col, block.header)})"
        formula = pinned(block.find(col, pin_id), method.formula(year, prev, base, step))
        cells.formula(col, formula, ctx.styles["number"], projected[col - FIRST_YEAR_COL])


def _continued(pin: str, prev: str, factor: str) -> str:
    """The previous year as the chain goes on: after a pin, the pin ÷ the year's scale."""
    return f"IF(ISNUMBER({pin}),{unscaled(typed(prev), factor)},{typed(prev)})"


def cagr_cells(ctx: Context, cells: RowCells, row: int, header: int, values: list[float]):
    """Both CAGR cells of a row; the years they span come from the block's header row."""
    meta, style = ctx.project.metadata, ctx.styles["percent"]
    hist, fore = cagr_cols(meta)
    spans = ((hist, *meta.history_cagr_years), (fore, *meta.forecast_cagr_years))
    for col, a, b in spans:
        if b <= a:
            continue
        start, end = year_col(meta, a), year_col(meta, b)
        value = growth_ratio(values[start - FIRST_YEAR_COL], values[end - FIRST_YEAR_COL], b - a)
        periods = f"{at_row(end, header)}-{at_row(start, header)}"
        cells.formula(col, cagr_formula(at(start, row), at(end, row), periods), style, value)


def write_total_sheet(ctx: Context, ws) -> None:
    """The total: typed history, its own method (top-down) or the primary sum (bottom-up),
    and its pin row."""
    p, f = ctx.project, ctx.formats
    write_sheet_top(ctx, ws, TOTAL_MARKET)
    home = Block(total_row(0) - 1, total_row(0) + 1)
    bottom_up = p.mode == "bottom_up" and p.primary_dimension is not None
    for index, scenario in enumerate(p.scenarios):
        row = total_row(index)
        block = Block(row - 1, row + 1)
        write_block_header(ctx, ws, row - 1, scenario.id, scenario.name)
        write_text(ws, row, ID_COL, TOTAL, f["id"])
        write_text(ws, row, NAME_COL, "Total market", f["label_bold"])
        values = ctx.result(scenario.id).series_values(TOTAL).tolist()
        cells = RowCells(row)
        history_cells(ctx, cells, TOTAL, None if index == 0 else home, values)
        cell_comments(ctx, ws, row, scenario.id, TOTAL, typed=index == 0)
        if bottom_up:
            _bottom_up_total(ctx, cells, index, values)
        else:
            forecast_cells(ctx, cells, row, block, (scenario.id, TOTAL))
        cagr_cells(ctx, cells, row, row - 1, values)
        ws.write_cells(row, cells)
        _write_pin_row(ctx, ws, row + 1, scenario.id, TOTAL, "Total market", not bottom_up)
    validate_history(ctx, ws, home.header + 1, home.header + 1)
    total_chart(ctx, ws, TOTAL_MARKET)


def _write_pin_row(ctx, ws, row: int, scenario_id: str, series_id: str, name: str, takes=True):
    """A series' pins in one scenario: typed forecast values, blank where there is none.
    `takes` False: the series cannot be pinned (a bottom-up total), the row says why."""
    f, meta, p = ctx.formats, ctx.project.metadata, ctx.project
    write_text(ws, row, ID_COL, PIN + series_id, f["id"])
    if not takes:
        write_text(ws, row, NAME_COL, f"{name}: no pins (the sum of its segments)", f["label"])
        return
    write_text(ws, row, NAME_COL, f"{name} (pin)", f["label"])
    cells, style = RowCells(row), ctx.styles["pin"]
    for year in meta.forecast_years:
        cells.number(year_col(meta, year), p.pins.get((scenario_id, series_id, year)), style)
    ws.write_cells(row, cells)


def _bottom_up_total(ctx: Context, cells: RowCells, block: int, values: list[float]) -> None:
    """The sum of the primary dimension's projections (the order of its rows is free)."""
    p = ctx.project
    dim = p.dimension(p.primary_dimension)
    prefix = sheet_prefix(ctx.sheets[dim.id])
    start = dimension_block(dim, block)
    first = projected_row(start, len(dim.members), 0)
    last = projected_row(start, len(dim.members), len(dim.members) - 1)
    style = ctx.styles["number_bold"]
    for year in p.metadata.forecast_years:
        col = year_col(p.metadata, year)
        span = f"{prefix}{rows_span(col, first, last)}"
        cells.formula(col, f"SUM({span})", style, values[col - FIRST_YEAR_COL])


def write_dimension_sheet(ctx: Context, ws, dim: Dimension, progress) -> None:
    p = ctx.project
    write_sheet_top(ctx, ws, dim.name)
    for block, scenario in enumerate(p.scenarios):
        write_dimension_block(ctx, ws, dim, block, scenario.id)
        progress()
    if dim.members:
        first = dimension_block(dim, 0) + 2
        validate_history(ctx, ws, first, first + len(dim.members) - 1)


HISTORY_RULE = {
    "validate": "decimal",
    "criteria": "between",
    "minimum": -1e300,
    "maximum": 1e300,
    "error_title": "Not a number",
    "error_message": "A history value is a number (blank when unknown).",
}


def validate_history(ctx: Context, ws, first: int, last: int) -> None:
    """The typed history cells (the first block's) take numbers only."""
    meta = ctx.project.metadata
    cols = year_col(meta, meta.first_year), year_col(meta, meta.base_year)
    ws.data_validation(first, cols[0], last, cols[1], HISTORY_RULE)


def write_dimension_block(ctx: Context, ws, dim: Dimension, index: int, scenario_id: str) -> None:
    p, f = ctx.project, ctx.formats
    start = dimension_block(dim, index)
    block, n = dimension_rows(dim, start), len(dim.members)
    home = None if index == 0 else dimension_rows(dim, dimension_block(dim, 0))
    result = ctx.result(scenario_id)
    write_block_header(ctx, ws, start, scenario_id, p.scenario(scenario_id).name)
    _dimension_total(ctx, ws, start + 1, index, result.series_values(TOTAL).tolist())
    primary = p.mode == "bottom_up" and p.primary_dimension == dim.id
    scale = None if primary else scale_row(start, n)
    for i, member in enumerate(dim.members):
        row = start + 2 + i
        write_text(ws, row, ID_COL, member.id, f["id"])
        if home is None:
            write_text(ws, row, NAME_COL, member.name, f["input_text"])
        else:
            formula = "=" + home.find(NAME_COL, member.id, fixed_col=True)
            ws.write_formula(row, NAME_COL, formula, None, member.name)
        cell_comments(ctx, ws, row, scenario_id, member.id, typed=home is None)
        values = result.series_values(member.id).tolist()
        cells = RowCells(row)
        history_cells(ctx, cells, member.id, home, values)
        _reconciled_cells(ctx, cells, block, member.id, scale, result)
        cagr_cells(ctx, cells, row, start, values)
        ws.write_cells(row, cells)
        _write_pin_row(ctx, ws, pin_row(start, n, i), scenario_id, member.id, member.name)
        _write_projected(ctx, ws, block, projected_row(start, n, i), scenario_id, member, scale)
    if n:
        _write_gap_and_shares(ctx, ws, dim, start, result)
        dimension_chart(ctx, ws, dim, index, scenario_id)


def _dimension_total(ctx: Context, ws, row: int, block: int, totals: list[float]) -> None:
    """The scenario's total, mirrored from the Total market sheet (blank history as #N/A)."""
    meta, f = ctx.project.metadata, ctx.formats
    write_text(ws, row, ID_COL, TOTAL, f["id"])
    write_text(ws, row, NAME_COL, "Total market", f["label_bold"])
    prefix, source = sheet_prefix(ctx.names.total), total_row(block)
    style = ctx.styles["number_bold"]
    cells = RowCells(row)
    for year in meta.years:
        col = year_col(meta, year)
        formula = prefix + at_row(col, source)
        if year <= meta.base_year:
            formula = typed(formula)
        cells.formula(col, formula, style, totals[col - FIRST_YEAR_COL])
    cagr_cells(ctx, cells, row, row - 1, totals)
    ws.write_cells(row, cells)


def _reconciled_cells(ctx, cells: RowCells, block: Block, member_id: str, scale, result) -> None:
    """A pinned segment shows its pin; a free one its projection scaled where the scale row
    has a number. Bottom-up primary segments (`scale` None) and held cells without a pin
    show their projection."""
    p = ctx.project
    meta, style = p.metadata, ctx.styles["number"]
    values = result.series_values(member_id).tolist()
    for year in meta.forecast_years:
        col = year_col(meta, year)
        projection = block.find(col, PROJECTED + member_id)
        if scale is None or _held_without_pin(ctx, result, member_id, year):
            formula = projection
        else:
            free = scaled(projection, at_row(col, scale))
            formula = pinned(block.find(col, PIN + member_id), free)
        cells.formula(col, formula, style, values[col - FIRST_YEAR_COL])


def _held_without_pin(ctx: Context, result, series_id: str, year: int) -> bool:
    """A held cell of a scenario in which the hold wrote no pin (it had no number)."""
    key = (result.scenario_id, series_id, year)
    return result.is_fixed(series_id, year) and key not in ctx.project.pins


def _write_projected(ctx: Context, ws, block: Block, row: int, scenario_id: str, member, scale):
    """The segment's own forecast before reconciliation, or its pin; its history mirrors
    the segment's row. `scale` is the row of the dimension's scale, None for a bottom-up
    primary dimension."""
    f, meta = ctx.formats, ctx.project.metadata
    result = ctx.result(scenario_id)
    write_text(ws, row, ID_COL, PROJECTED + member.id, f["id"])
    write_text(ws, row, NAME_COL, f"{member.name} (projected)", f["label"])
    history = result.projected[result.row[member.id]].tolist()
    cells, style = RowCells(row), ctx.styles["number"]
    for year in meta.history_years:
        col = year_col(meta, year)
        formula = typed(block.find(col, member.id))
        cells.formula(col, formula, style, history[col - FIRST_YEAR_COL])
    forecast_cells(ctx, cells, row, block, (scenario_id, member.id), scale)
    ws.write_cells(row, cells)


def _write_gap_and_shares(ctx, ws, dim, start, result) -> None:
    p, f = ctx.project, ctx.formats
    meta, n = p.metadata, len(dim.members)
    gap, total = gap_row(start, n), start + 1
    first, last = projected_row(start, n, 0), projected_row(start, n, n - 1)
    write_text(ws, gap, ID_COL, GAP + dim.id, f["id"])
    write_text(ws, gap, NAME_COL, GAP_LABEL, f["gap"])
    gaps = result.gaps[dim.id].tolist()
    cells, style = RowCells(gap), ctx.styles["gap"]
    for year in meta.years:
        col = year_col(meta, year)
        formula = f"SUM({rows_span(col, first, last)})-{at_row(col, total)}"
        cells.formula(col, formula, style, gaps[col - FIRST_YEAR_COL])
    ws.write_cells(gap, cells)
    _write_scale(ctx, ws, dim, start, result)
    totals = result.series_values(TOTAL)
    block = dimension_rows(dim, start)
    for i, member in enumerate(dim.members):
        _write_share(ctx, ws, share_row(start, n, i), block, member, result, totals)


def _write_scale(ctx, ws, dim, start: int, result) -> None:
    """The factor the free segments get per forecast year (#N/A: not reconciled)."""
    p, f = ctx.project, ctx.formats
    meta, n = p.metadata, len(dim.members)
    row = scale_row(start, n)
    write_text(ws, row, ID_COL, SCALE + dim.id, f["id"])
    if p.mode == "bottom_up" and p.primary_dimension == dim.id:
        write_text(ws, row, NAME_COL, "Scale: none (these segments make the total)", f["gap"])
        return
    write_text(ws, row, NAME_COL, f"{SCALE_LABEL} (not pinned or held)", f["gap"])
    scales = result.scales[dim.id].tolist()
    cells, style = RowCells(row), ctx.styles["gap"]
    first, last = projected_row(start, n, 0), projected_row(start, n, n - 1)
    pins = pin_row(start, n, 0), pin_row(start, n, n - 1)
    for year in meta.forecast_years:
        col = year_col(meta, year)
        held = [
            at_row(col, projected_row(start, n, i))
            for i, m in enumerate(dim.member_ids())
            if _held_without_pin(ctx, result, m, year)
        ]
        formula = scale_formula(
            at_row(col, start + 1),
            rows_span(col, first, last),
            rows_span(col, *pins),
            held,
            tuple(CONSTANTS),
        )
        cells.formula(col, formula_xml(formula), style, scales[col - FIRST_YEAR_COL])
    ws.write_cells(row, cells)


def _write_share(ctx, ws, row: int, block: Block, member, result, totals) -> None:
    """Share of the total; a blank typed history year is #N/A, as the engine's NaN."""
    f, meta = ctx.formats, ctx.project.metadata
    write_text(ws, row, ID_COL, SHARE + member.id, f["id"])
    write_text(ws, row, NAME_COL, f"{member.name} (share)", f["label"])
    with np.errstate(all="ignore"):
        shares = result.series_values(member.id) / totals
    cells, style = RowCells(row), ctx.styles["percent"]
    for year, share in zip(meta.years, shares.tolist(), strict=True):
        col = year_col(meta, year)
        segment = block.find(col, member.id)
        formula = f"{segment}/{at_row(col, block.header + 1)}"
        if year <= meta.base_year:
            formula = f"IF(ISBLANK({segment}),NA(),{formula})"
        cells.formula(col, formula, style, share)
    ws.write_cells(row, cells)
