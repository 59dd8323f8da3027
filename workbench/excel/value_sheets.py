"""Writing the value sheets: Total market and one sheet per dimension, a block per scenario.

Every forecast cell is a live formula that computes DESIGN.md §3 exactly and carries the
engine's value as its cached result. The segment rows show reconciled values; the
projected rows under them hold each segment's own method (or its pin, typed as a number)
before reconciliation, because reconciled = projected / SUM(projected) × total needs them.
"""

from __future__ import annotations

import numpy as np

from workbench.core.derived import growth_ratio
from workbench.core.project import TOTAL, Dimension
from workbench.excel.assumptions import K_COL, R_COL, RATE_COL, RATES_COL0, manual_col
from workbench.excel.layout import (
    ASSUMPTIONS,
    FIRST_BLOCK_ROW,
    GAP,
    ID_COL,
    NAME_COL,
    PROJECTED,
    SHARE,
    TOTAL_SHEET,
    block_rows,
    cagr_cols,
    cell,
    col_name,
    ref,
    year_col,
)
from workbench.excel.styles import Context, stored, write_number, write_text

CHART_SERIES_LIMIT = 255
"""Excel draws at most 255 series in one chart."""


def total_row(ctx: Context, block: int) -> int:
    return FIRST_BLOCK_ROW + block * block_rows(0, False) + 1


def dimension_block(ctx: Context, dim: Dimension, block: int) -> int:
    return FIRST_BLOCK_ROW + block * block_rows(len(dim.members), True)


def write_sheet_top(ctx: Context, ws, title: str) -> None:
    meta = ctx.project.metadata
    f = ctx.formats
    write_text(ws, 0, 0, f"{title} ({meta.unit})", f["title"])
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
    ws.set_column(year_col(meta, meta.first_year), cagr_cols(meta)[1], 11)
    ws.freeze_panes(FIRST_BLOCK_ROW, FIRST_BLOCK_ROW - 1)


def write_block_header(ctx: Context, ws, row: int, scenario_id: str, label: str) -> None:
    meta, f = ctx.project.metadata, ctx.formats
    write_text(ws, row, ID_COL, scenario_id, f["id"])
    write_text(ws, row, NAME_COL, label, f["header"])
    for year in meta.years:
        fmt = f["forecast_header"] if year > meta.base_year else f["header"]
        ws.write_number(row, year_col(meta, year), year, fmt)
    hist, fore = cagr_cols(meta)
    write_text(ws, row, hist, f"CAGR {meta.first_year}–{meta.base_year}", f["header"])
    write_text(ws, row, fore, f"CAGR {meta.base_year}–{meta.last_year}", f["forecast_header"])


def write_history(
    ctx: Context, ws, row: int, series_id: str, block: int, home: tuple[str, int]
) -> None:
    """History: typed in the first block, mirrored by formulas in the others."""
    p, f = ctx.project, ctx.formats
    for year in p.metadata.history_years:
        col = year_col(p.metadata, year)
        value = p.history.get((series_id, year))
        if block == 0:
            write_number(ws, row, col, value, f["input_number"])
        else:
            formula = "=" + ref(home[0], home[1], col)
            ws.write_formula(row, col, formula, f["number"], "" if value is None else value)


def write_forecast(ctx: Context, ws, row: int, scenario_id: str, series_id: str) -> None:
    """The series' own method (or pin) in every forecast year, before reconciliation."""
    p, f = ctx.project, ctx.formats
    meta = p.metadata
    result = ctx.result(scenario_id)
    projected = result.projected[result.row[series_id]]
    growth = p.growth_of(scenario_id, series_id)
    arow = ctx.assumption_rows[(scenario_id, series_id)] + 1
    base = cell(row, year_col(meta, meta.base_year), absolute=True)
    for j, year in enumerate(meta.forecast_years):
        col = year_col(meta, year)
        pin = p.pins.get((scenario_id, series_id, year))
        if pin is not None:
            ws.write_number(row, col, pin, f["pin"])
            continue
        prev = cell(row, col - 1)
        if growth.method == "cagr":
            formula = f"={prev}*(1+{ASSUMPTIONS}!${col_name(RATE_COL)}${arow})"
        elif growth.method == "growth_by_year":
            formula = f"={prev}*(1+{ASSUMPTIONS}!{col_name(RATES_COL0 + j)}${arow})"
        elif growth.method == "s_curve":
            k = f"{ASSUMPTIONS}!${col_name(K_COL)}${arow}"
            r = f"{ASSUMPTIONS}!${col_name(R_COL)}${arow}"
            formula = f"={k}/(1+(({k}-{base})/{base})*EXP(-{r}*{year - meta.base_year}))"
        else:
            formula = f"={ASSUMPTIONS}!{col_name(manual_col(meta, j))}${arow}"
        ws.write_formula(row, col, formula, f["number"], stored(projected[result.col(year)]))


def write_cagrs(ctx: Context, ws, row: int, values: np.ndarray) -> None:
    meta, f = ctx.project.metadata, ctx.formats
    hist, fore = cagr_cols(meta)
    spans = ((hist, meta.first_year, meta.base_year), (fore, meta.base_year, meta.last_year))
    for col, a, b in spans:
        if b <= a:
            continue
        start, end = cell(row, year_col(meta, a)), cell(row, year_col(meta, b))
        with np.errstate(all="ignore"):
            value = growth_ratio(values[a - meta.first_year], values[b - meta.first_year], b - a)
        ws.write_formula(row, col, f"=({end}/{start})^(1/{b - a})-1", f["percent"], stored(value))


def write_total_sheet(ctx: Context, ws) -> None:
    """The total: typed history, its own method (top-down) or the primary sum (bottom-up)."""
    p, f = ctx.project, ctx.formats
    write_sheet_top(ctx, ws, TOTAL_SHEET)
    home = (TOTAL_SHEET, total_row(ctx, 0))
    for block, scenario in enumerate(p.scenarios):
        row = total_row(ctx, block)
        write_block_header(ctx, ws, row - 1, scenario.id, scenario.name)
        write_text(ws, row, ID_COL, TOTAL, f["id"])
        write_text(ws, row, NAME_COL, "Total market", f["label_bold"])
        write_history(ctx, ws, row, TOTAL, block, home)
        if p.mode == "bottom_up" and p.primary_dimension is not None:
            _write_bottom_up_total(ctx, ws, row, scenario.id, block)
        else:
            write_forecast(ctx, ws, row, scenario.id, TOTAL)
        write_cagrs(ctx, ws, row, ctx.result(scenario.id).series_values(TOTAL))
    _total_chart(ctx, ws)


def _write_bottom_up_total(ctx: Context, ws, row: int, scenario_id: str, block: int) -> None:
    p, f = ctx.project, ctx.formats
    dim = p.dimension(p.primary_dimension)
    sheet = ctx.sheets[dim.id]
    start = dimension_block(ctx, dim, block) + 3 + 2 * len(dim.members)
    values = ctx.result(scenario_id).series_values(TOTAL)
    for year in p.metadata.forecast_years:
        col = year_col(p.metadata, year)
        span = f"{ref(sheet, start, col)}:{cell(start + len(dim.members) - 1, col)}"
        ws.write_formula(
            row,
            col,
            f"=SUM({span})",
            f["number_bold"],
            stored(values[year - p.metadata.first_year]),
        )


def _total_chart(ctx: Context, ws) -> None:
    p = ctx.project
    chart = ctx.workbook.add_chart({"type": "line"})
    for block, scenario in enumerate(p.scenarios):
        row = total_row(ctx, block)
        _add_line(ctx, chart, TOTAL_SHEET, row - 1, row, scenario.name)
    _place_chart(
        ctx,
        ws,
        chart,
        f"Total market ({p.metadata.unit})",
        FIRST_BLOCK_ROW + 3 * len(p.scenarios) + 1,
        1,
    )


def _add_line(ctx: Context, chart, sheet: str, header: int, row: int, name: str) -> None:
    meta = ctx.project.metadata
    first, last = year_col(meta, meta.first_year), year_col(meta, meta.last_year)
    chart.add_series(
        {
            "name": name,
            "categories": [sheet, header, first, header, last],
            "values": [sheet, row, first, row, last],
        }
    )


def _place_chart(ctx: Context, ws, chart, title: str, row: int, col: int) -> None:
    chart.set_title({"name": title})
    chart.set_legend({"position": "right"})
    chart.set_size({"width": 760, "height": 360})
    ws.insert_chart(row, col, chart)


def write_dimension_sheet(ctx: Context, ws, dim: Dimension, progress) -> None:
    p = ctx.project
    write_sheet_top(ctx, ws, dim.name)
    for block, scenario in enumerate(p.scenarios):
        write_dimension_block(ctx, ws, dim, block, scenario.id)
        progress()


def write_dimension_block(ctx: Context, ws, dim: Dimension, block: int, scenario_id: str) -> None:
    p, f = ctx.project, ctx.formats
    sheet, meta = ctx.sheets[dim.id], p.metadata
    start = dimension_block(ctx, dim, block)
    n = len(dim.members)
    result = ctx.result(scenario_id)
    write_block_header(ctx, ws, start, scenario_id, p.scenario(scenario_id).name)
    total = start + 1
    write_text(ws, total, ID_COL, TOTAL, f["id"])
    write_text(ws, total, NAME_COL, "Total market", f["label_bold"])
    tsheet_row = total_row(ctx, block)
    totals = result.series_values(TOTAL)
    for year in meta.years:
        col = year_col(meta, year)
        ws.write_formula(
            total,
            col,
            "=" + ref(TOTAL_SHEET, tsheet_row, col),
            f["number_bold"],
            stored(totals[year - meta.first_year]),
        )
    write_cagrs(ctx, ws, total, totals)
    home0 = dimension_block(ctx, dim, 0)
    for i, member in enumerate(dim.members):
        row, proj = start + 2 + i, start + 3 + 2 * n + i
        write_text(ws, row, ID_COL, member.id, f["id"])
        if block == 0:
            write_text(ws, row, NAME_COL, member.name, f["input_text"])
        else:
            ws.write_formula(
                row, NAME_COL, "=" + cell(home0 + 2 + i, NAME_COL, True), None, member.name
            )
        write_history(ctx, ws, row, member.id, block, (sheet, home0 + 2 + i))
        _write_reconciled(ctx, ws, dim, row, proj, total, start, member.id, result)
        write_cagrs(ctx, ws, row, result.series_values(member.id))
        _write_projected(ctx, ws, row, proj, scenario_id, member.id, member.name)
    if n:
        _write_gap_and_shares(ctx, ws, dim, start, result)
        _dimension_chart(ctx, ws, dim, start, p.scenario(scenario_id).name)


def _write_reconciled(ctx, ws, dim, row, proj, total, start, member_id, result) -> None:
    p, f = ctx.project, ctx.formats
    meta, n = p.metadata, len(dim.members)
    values = result.series_values(member_id)
    primary = p.mode == "bottom_up" and p.primary_dimension == dim.id
    first_proj = start + 3 + 2 * n
    for year in meta.forecast_years:
        col = year_col(meta, year)
        mine = cell(proj, col)
        if primary:
            formula = f"={mine}"
        else:
            letter = col_name(col)
            span = f"{letter}${first_proj + 1}:{letter}${first_proj + n}"
            formula = f"={mine}/SUM({span})*{col_name(col)}${total + 1}"
        ws.write_formula(row, col, formula, f["number"], stored(values[year - meta.first_year]))


def _write_projected(ctx, ws, row, proj, scenario_id, member_id, name) -> None:
    f = ctx.formats
    meta = ctx.project.metadata
    result = ctx.result(scenario_id)
    write_text(ws, proj, ID_COL, PROJECTED + member_id, f["id"])
    write_text(ws, proj, NAME_COL, f"{name} (projected)", f["label"])
    history = result.projected[result.row[member_id]]
    for year in meta.history_years:
        col = year_col(meta, year)
        ws.write_formula(
            proj, col, "=" + cell(row, col), f["number"], stored(history[year - meta.first_year])
        )
    write_forecast(ctx, ws, proj, scenario_id, member_id)


def _write_gap_and_shares(ctx, ws, dim, start, result) -> None:
    p, f = ctx.project, ctx.formats
    meta, n = p.metadata, len(dim.members)
    gap_row, first_proj, total = start + 2 + n, start + 3 + 2 * n, start + 1
    write_text(ws, gap_row, ID_COL, GAP + dim.id, f["id"])
    write_text(ws, gap_row, NAME_COL, "Gap: projected segments − total", f["gap"])
    gaps = result.gaps[dim.id]
    totals = result.series_values(TOTAL)
    for year in meta.years:
        col, j = year_col(meta, year), year - meta.first_year
        span = f"{cell(first_proj, col)}:{cell(first_proj + n - 1, col)}"
        ws.write_formula(
            gap_row, col, f"=SUM({span})-{cell(total, col)}", f["gap"], stored(gaps[j])
        )
    for i, member in enumerate(dim.members):
        row, seg = start + 3 + n + i, start + 2 + i
        write_text(ws, row, ID_COL, SHARE + member.id, f["id"])
        write_text(ws, row, NAME_COL, f"{member.name} (share)", f["label"])
        values = result.series_values(member.id)
        with np.errstate(all="ignore"):
            shares = values / totals
        for year in meta.years:
            col = year_col(meta, year)
            formula = f"={cell(seg, col)}/{col_name(col)}${total + 1}"
            ws.write_formula(
                row, col, formula, f["percent"], stored(shares[year - meta.first_year])
            )


def _dimension_chart(ctx: Context, ws, dim: Dimension, start: int, scenario_name: str) -> None:
    sheet = ctx.sheets[dim.id]
    chart = ctx.workbook.add_chart({"type": "line"})
    for i, member in enumerate(dim.members[:CHART_SERIES_LIMIT]):
        _add_line(ctx, chart, sheet, start, start + 2 + i, member.name)
    col = cagr_cols(ctx.project.metadata)[1] + 2
    _place_chart(
        ctx, ws, chart, f"{dim.name}: {scenario_name} ({ctx.project.metadata.unit})", start, col
    )
