"""Writing the value sheets: Total market and one sheet per dimension, a block per scenario.

Every forecast cell is a live formula that computes docs/forecast-semantics.md exactly
and carries the engine's value as its cached result. The segment rows show reconciled
values; the projected rows under them hold each segment's own method (or its pin, typed as
a number) before reconciliation. A fixed segment (pinned or held) shows its projected
cell; a free one shows it times the block's scale row, (total − Σ fixed) / Σ free, which is
#N/A exactly where the engine could not reconcile (then the projection shows).
The year and CAGR cells of a row are rendered as one run of XML (`RowCells`): these
sheets hold nearly all of a large workbook's cells.
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
    PROJECTED,
    SCALE,
    SHARE,
    block_rows,
    cagr_cols,
    cell,
    year_col,
)
from workbench.excel.sheet_xml import RowCells, column_letters, formula_xml
from workbench.excel.styles import Context, write_text
from workbench.excel.value_formulas import MethodFormulas, sheet_prefix, typed
from workbench.excel.value_formulas import growth_ratio as cagr_formula

TOTAL_MARKET = "Total market"
"""The total's name in titles (its sheet's name is the measure's: `MeasureSheets.total`)."""
CHART_SERIES_LIMIT = 255
"""Excel draws at most 255 series in one chart."""
CHART_WIDTH, CHART_HEIGHT = 760, 360
CHART_ROWS = 20
"""Rows a chart takes (360 px at the default 20 px a row), with a blank row below it."""
CHART_GAP = 20
"""Pixels between the two charts of a row of charts."""


def total_row(block: int) -> int:
    return FIRST_BLOCK_ROW + block * block_rows(0, False) + 1


def dimension_block(dim: Dimension, block: int) -> int:
    return FIRST_BLOCK_ROW + block * block_rows(len(dim.members), True)


def gap_row(start: int, n: int) -> int:
    """Rows of a dimension block starting at `start` with `n` segments (see `layout`)."""
    return start + 2 + n


def scale_row(start: int, n: int) -> int:
    return start + 3 + n


def share_row(start: int, n: int, i: int) -> int:
    return start + 4 + n + i


def projected_row(start: int, n: int, i: int) -> int:
    return start + 4 + 2 * n + i


def _at(col: int, row: int) -> str:
    """A relative reference to the 0-based (row, col)."""
    return f"{column_letters(col)}{row + 1}"


def _at_row(col: int, row: int) -> str:
    """A reference to the 0-based (row, col) with the row fixed ("C$5")."""
    return f"{column_letters(col)}${row + 1}"


def write_sheet_top(ctx: Context, ws, title: str) -> None:
    meta = ctx.project.metadata
    f = ctx.formats
    write_text(ws, 0, 0, ctx.titled(title), f["title"])
    write_text(
        ws,
        1,
        0,
        (
            "Blue cells are inputs, black cells formulas. Type a number over a forecast formula "
            "to pin it; the id column keeps each row's identity."
        ),
        f["hint"],
    )
    ws.set_column(ID_COL, ID_COL, 9, f["id"])
    ws.set_column(NAME_COL, NAME_COL, 34)
    ws.set_column(year_col(meta, meta.first_year), year_col(meta, meta.last_year), 11)
    ws.set_column(*cagr_cols(meta), 15)  # "CAGR 2019–2024" in full
    ws.freeze_panes(FIRST_BLOCK_ROW, FIRST_BLOCK_ROW - 1)


def write_block_header(ctx: Context, ws, row: int, scenario_id: str, label: str) -> None:
    meta, f = ctx.project.metadata, ctx.formats
    write_text(ws, row, ID_COL, scenario_id, f["id"])
    write_text(ws, row, NAME_COL, ctx.headed(label), f["header"])
    for year in meta.years:
        fmt = f["forecast_header"] if year > meta.base_year else f["header"]
        ws.write_number(row, year_col(meta, year), year, fmt)
    hist, fore = cagr_cols(meta)
    (a, b), (c, d) = meta.history_cagr_years, meta.forecast_cagr_years
    write_text(ws, row, hist, f"CAGR {a}–{b}", f["header"])
    write_text(ws, row, fore, f"CAGR {c}–{d}", f["forecast_header"])


def history_cells(
    ctx: Context, cells: RowCells, series_id: str, block: int, home: int, values: list[float]
) -> None:
    """History: typed in the first block, mirrored (blank as #N/A) in the others from row
    `home` of the same sheet."""
    p = ctx.project
    style = ctx.styles["input_number"] if block == 0 else ctx.styles["number"]
    for year in p.metadata.history_years:
        col = year_col(p.metadata, year)
        if block == 0:
            cells.number(col, p.history.get((series_id, year)), style)
        else:
            cells.formula(col, typed(_at(col, home)), style, values[col - FIRST_YEAR_COL])


def forecast_cells(
    ctx: Context,
    cells: RowCells,
    row: int,
    scenario_id: str,
    series_id: str,
    base_typed: bool,
    scale: int | None = None,
) -> None:
    """The series' own method (or pin) in every forecast year, before reconciliation.

    `base_typed`: the row's base-year cell is a typed input (which may be blank). `scale`:
    the row of the dimension's scale (None where nothing is scaled); after a pin a chained
    method goes on from the pin ÷ that year's scale (1 where it has no number or is 0)."""
    p = ctx.project
    meta = p.metadata
    result = ctx.result(scenario_id)
    projected = result.projected[result.row[series_id]].tolist()
    method = MethodFormulas(
        p.growth_of(scenario_id, series_id).method,
        ctx.assumption_rows[(scenario_id, series_id)] + 1,
        meta,
        ctx.names.assumptions,
    )
    base_col = year_col(meta, meta.base_year)
    base = f"${column_letters(base_col)}${row + 1}"
    first_prev = typed(_at(base_col, row)) if base_typed else _at(base_col, row)
    if base_typed:
        base = typed(base)
    style, pin_style = ctx.styles["number"], ctx.styles["pin"]
    chained = grows(p.growth_of(scenario_id, series_id).method).chained
    for j, year in enumerate(meta.forecast_years):
        col = base_col + 1 + j
        pin = p.pins.get((scenario_id, series_id, year))
        if pin is not None:
            cells.number(col, pin, pin_style)
            continue
        prev = first_prev if j == 0 else _at(col - 1, row)
        if j and scale is not None and chained and (scenario_id, series_id, year - 1) in p.pins:
            factor = _at_row(col - 1, scale)
            prev = f"{prev}/IF(ISNUMBER({factor}),IF({factor}=0,1,{factor}),1)"
        cells.formula(col, method.formula(j, prev, base), style, projected[col - FIRST_YEAR_COL])


def cagr_cells(ctx: Context, cells: RowCells, row: int, values: list[float]) -> None:
    meta, style = ctx.project.metadata, ctx.styles["percent"]
    hist, fore = cagr_cols(meta)
    spans = ((hist, *meta.history_cagr_years), (fore, *meta.forecast_cagr_years))
    for col, a, b in spans:
        if b <= a:
            continue
        start, end = year_col(meta, a), year_col(meta, b)
        value = growth_ratio(values[start - FIRST_YEAR_COL], values[end - FIRST_YEAR_COL], b - a)
        cells.formula(col, cagr_formula(_at(start, row), _at(end, row), b - a), style, value)


def write_total_sheet(ctx: Context, ws) -> None:
    """The total: typed history, its own method (top-down) or the primary sum (bottom-up)."""
    p, f = ctx.project, ctx.formats
    write_sheet_top(ctx, ws, TOTAL_MARKET)
    home = total_row(0)
    for block, scenario in enumerate(p.scenarios):
        row = total_row(block)
        write_block_header(ctx, ws, row - 1, scenario.id, scenario.name)
        write_text(ws, row, ID_COL, TOTAL, f["id"])
        write_text(ws, row, NAME_COL, "Total market", f["label_bold"])
        values = ctx.result(scenario.id).series_values(TOTAL).tolist()
        cells = RowCells(row)
        history_cells(ctx, cells, TOTAL, block, home, values)
        cell_comments(ctx, ws, row, scenario.id, TOTAL, typed=block == 0)
        if p.mode == "bottom_up" and p.primary_dimension is not None:
            _bottom_up_total(ctx, cells, block, values)
        else:
            forecast_cells(ctx, cells, row, scenario.id, TOTAL, base_typed=block == 0)
        cagr_cells(ctx, cells, row, values)
        ws.write_cells(row, cells)
    validate_history(ctx, ws, home, home)
    _total_chart(ctx, ws)


def _bottom_up_total(ctx: Context, cells: RowCells, block: int, values: list[float]) -> None:
    p = ctx.project
    dim = p.dimension(p.primary_dimension)
    prefix = sheet_prefix(ctx.sheets[dim.id])
    start = projected_row(dimension_block(dim, block), len(dim.members), 0)
    style = ctx.styles["number_bold"]
    for year in p.metadata.forecast_years:
        col = year_col(p.metadata, year)
        span = f"{prefix}{_at(col, start)}:{_at(col, start + len(dim.members) - 1)}"
        cells.formula(col, f"SUM({span})", style, values[col - FIRST_YEAR_COL])


def _total_chart(ctx: Context, ws) -> None:
    p = ctx.project
    chart = ctx.workbook.add_chart({"type": "line"})
    for block, scenario in enumerate(p.scenarios):
        row = total_row(block)
        values = ctx.result(scenario.id).series_values(TOTAL)
        _add_line(ctx, chart, ctx.names.total, row - 1, row, scenario.name, values.tolist())
    _place_chart(
        ctx,
        ws,
        chart,
        ctx.titled(TOTAL_MARKET),
        FIRST_BLOCK_ROW + block_rows(0, False) * len(p.scenarios) + 1,
    )


def _add_line(ctx: Context, chart, sheet: str, header: int, row: int, name: str, values) -> None:
    """One line; its cached points are the engine's values (a blank where it has none)."""
    meta = ctx.project.metadata
    first, last = year_col(meta, meta.first_year), year_col(meta, meta.last_year)
    chart.add_series(
        {
            "name": name,
            "categories": [sheet, header, first, header, last],
            "values": [sheet, row, first, row, last],
            "values_data": [v if v == v and abs(v) != float("inf") else None for v in values],
        }
    )


def _place_chart(ctx: Context, ws, chart, title: str, row: int, x_offset: int = 0) -> None:
    """A chart below the blocks, from column B; its years along the bottom whatever the
    sign of the values, and the unit on the value axis."""
    chart.set_title({"name": title})
    chart.set_legend({"position": "bottom"})
    chart.set_x_axis({"label_position": "low", "num_font": {"rotation": -45}})
    chart.set_y_axis({"name": ctx.project.metadata.unit, "num_format": "#,##0.0"})
    chart.set_size({"width": CHART_WIDTH, "height": CHART_HEIGHT})
    ws.insert_chart(row, NAME_COL, chart, {"x_offset": x_offset, "object_position": 3})


def chart_anchor(first_row: int, index: int) -> tuple[int, int]:
    """Row and x offset of a sheet's `index`-th chart: two a row under the last block, so
    charts never overlap each other or the blocks, whatever the segment count."""
    row = first_row + (index // 2) * CHART_ROWS
    return row, (index % 2) * (CHART_WIDTH + CHART_GAP)


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


def write_dimension_block(ctx: Context, ws, dim: Dimension, block: int, scenario_id: str) -> None:
    p, f = ctx.project, ctx.formats
    start = dimension_block(dim, block)
    n = len(dim.members)
    result = ctx.result(scenario_id)
    write_block_header(ctx, ws, start, scenario_id, p.scenario(scenario_id).name)
    _dimension_total(ctx, ws, start + 1, block, result.series_values(TOTAL).tolist())
    home0 = dimension_block(dim, 0)
    for i, member in enumerate(dim.members):
        row, proj = start + 2 + i, projected_row(start, n, i)
        write_text(ws, row, ID_COL, member.id, f["id"])
        if block == 0:
            write_text(ws, row, NAME_COL, member.name, f["input_text"])
        else:
            ws.write_formula(
                row, NAME_COL, "=" + cell(home0 + 2 + i, NAME_COL, True), None, member.name
            )
        cell_comments(ctx, ws, row, scenario_id, member.id, typed=block == 0)
        values = result.series_values(member.id).tolist()
        cells = RowCells(row)
        history_cells(ctx, cells, member.id, block, home0 + 2 + i, values)
        _reconciled_cells(ctx, cells, dim, member.id, start, result)
        cagr_cells(ctx, cells, row, values)
        ws.write_cells(row, cells)
        primary = p.mode == "bottom_up" and p.primary_dimension == dim.id
        scale = None if primary else scale_row(start, n)
        _write_projected(ctx, ws, row, proj, scenario_id, member, scale)
    if n:
        _write_gap_and_shares(ctx, ws, dim, start, result)
        _dimension_chart(ctx, ws, dim, block, scenario_id)


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
        formula = prefix + _at(col, source)
        if year <= meta.base_year:
            formula = typed(formula)
        cells.formula(col, formula, style, totals[col - FIRST_YEAR_COL])
    cagr_cells(ctx, cells, row, totals)
    ws.write_cells(row, cells)


def _reconciled_cells(ctx, cells: RowCells, dim, member_id: str, start: int, result) -> None:
    """Fixed (pinned or held) and bottom-up primary segments show their projection; free
    ones are scaled where the scale row has a number."""
    p = ctx.project
    meta, n = p.metadata, len(dim.members)
    i = dim.member_ids().index(member_id)
    primary = p.mode == "bottom_up" and p.primary_dimension == dim.id
    proj, scale, style = projected_row(start, n, i), scale_row(start, n), ctx.styles["number"]
    values = result.series_values(member_id).tolist()
    for year in meta.forecast_years:
        col = year_col(meta, year)
        formula = _at(col, proj)
        if not (primary or result.is_fixed(member_id, year)):
            factor = _at_row(col, scale)
            formula = f"IF(ISNUMBER({factor}),{formula}*{factor},{formula})"
        cells.formula(col, formula, style, values[col - FIRST_YEAR_COL])


def scale_formula(total: str, span: str, fixed: list[str], n: int) -> str:
    """The free segments' scale, (total − Σ fixed) / Σ free, or #N/A wherever the engine
    (`core.reconcile`) finds reconciliation impossible; 1 where nothing needs scaling."""
    fixed_sum = "(" + "+".join(fixed) + ")" if fixed else "0"
    left, free = f"({total}-{fixed_sum})", f"(SUM({span})-{fixed_sum})"
    off = f"ABS({left})>{TOLERANCE:.0E}*MAX(ABS({total}),1)"
    if len(fixed) == n:
        return f"IF({off},NA(),1)"
    near = f"AND({free}>0,{free}<{NEAR_ZERO:.0E}*ABS({left}))"
    scaled = f"{left}/{free}"
    return (
        f"IF({off},IF(OR({free}<=0,{left}<0,{near}),NA(),{scaled}),"
        f"IF({free}=0,1,IF({near},NA(),{scaled})))"
    )


def _write_projected(
    ctx: Context, ws, row: int, proj: int, scenario_id: str, member, scale: int | None
) -> None:
    """The segment's own forecast before reconciliation; its history mirrors the row above.
    `scale` is the row of the dimension's scale, None for a bottom-up primary dimension."""
    f, meta = ctx.formats, ctx.project.metadata
    result = ctx.result(scenario_id)
    write_text(ws, proj, ID_COL, PROJECTED + member.id, f["id"])
    write_text(ws, proj, NAME_COL, f"{member.name} (projected)", f["label"])
    history = result.projected[result.row[member.id]].tolist()
    cells, style = RowCells(proj), ctx.styles["number"]
    for year in meta.history_years:
        col = year_col(meta, year)
        cells.formula(col, typed(_at(col, row)), style, history[col - FIRST_YEAR_COL])
    forecast_cells(ctx, cells, proj, scenario_id, member.id, base_typed=False, scale=scale)
    ws.write_cells(proj, cells)


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
        span = f"{_at(col, first)}:{_at(col, last)}"
        cells.formula(col, f"SUM({span})-{_at(col, total)}", style, gaps[col - FIRST_YEAR_COL])
    ws.write_cells(gap, cells)
    _write_scale(ctx, ws, dim, start, result)
    totals = result.series_values(TOTAL)
    for i, member in enumerate(dim.members):
        _write_share(ctx, ws, share_row(start, n, i), start + 2 + i, total, member, result, totals)


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
    ids = dim.member_ids()
    for year in meta.forecast_years:
        col = year_col(meta, year)
        fixed = [
            _at(col, projected_row(start, n, i))
            for i, m in enumerate(ids)
            if result.is_fixed(m, year)
        ]
        span = f"{_at(col, projected_row(start, n, 0))}:{_at(col, projected_row(start, n, n - 1))}"
        formula = formula_xml(scale_formula(_at_row(col, start + 1), span, fixed, n))
        cells.formula(col, formula, style, scales[col - FIRST_YEAR_COL])
    ws.write_cells(row, cells)


def _write_share(ctx, ws, row: int, seg: int, total: int, member, result, totals) -> None:
    """Share of the total; a blank typed history year is #N/A, as the engine's NaN."""
    f, meta = ctx.formats, ctx.project.metadata
    write_text(ws, row, ID_COL, SHARE + member.id, f["id"])
    write_text(ws, row, NAME_COL, f"{member.name} (share)", f["label"])
    with np.errstate(all="ignore"):
        shares = result.series_values(member.id) / totals
    cells, style = RowCells(row), ctx.styles["percent"]
    for year, share in zip(meta.years, shares.tolist(), strict=True):
        col = year_col(meta, year)
        formula = f"{_at(col, seg)}/{_at_row(col, total)}"
        if year <= meta.base_year:
            formula = f"IF(ISBLANK({_at(col, seg)}),NA(),{formula})"
        cells.formula(col, formula, style, share)
    ws.write_cells(row, cells)


def _dimension_chart(ctx: Context, ws, dim: Dimension, block: int, scenario_id: str) -> None:
    p, sheet, start = ctx.project, ctx.sheets[dim.id], dimension_block(dim, block)
    result = ctx.result(scenario_id)
    chart = ctx.workbook.add_chart({"type": "line"})
    for i, member in enumerate(dim.members[:CHART_SERIES_LIMIT]):
        values = result.series_values(member.id).tolist()
        _add_line(ctx, chart, sheet, start, start + 2 + i, member.name, values)
    row, x_offset = chart_anchor(dimension_block(dim, len(p.scenarios)) + 1, block)
    title = ctx.titled(f"{dim.name}: {p.scenario(scenario_id).name}")
    _place_chart(ctx, ws, chart, title, row, x_offset)
