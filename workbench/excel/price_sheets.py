"""The average price's sheets: value ÷ volume × the factor the units imply, live, for the
total, every segment and every year, one sheet per value sheet ("Technology (price)").

Nothing on them is typed (docs/workbook.md, "Volume and average price"). Each cell finds
its value and its volume by the row's id within the same scenario's block of the value's
and the volume's sheets (INDEX/MATCH), so a colleague who sorts or inserts rows there
still gets the right price; the factor sits in its own named cell (C3), not inside the
formulas. A price is blank where the volume is 0 or blank and #N/A where the value has no
number, exactly where the app has none.
"""

from __future__ import annotations

import math

from workbench.core.derived import growth_ratio
from workbench.core.measures import VOLUME, price_unit
from workbench.core.project import TOTAL
from workbench.excel.layout import (
    FIRST_BLOCK_ROW,
    FIRST_YEAR_COL,
    ID_COL,
    NAME_COL,
    cagr_cols,
    year_col,
)
from workbench.excel.measure_names import MeasureSheets
from workbench.excel.sheet_xml import RowCells, column_letters, formula_xml
from workbench.excel.styles import Context, write_text
from workbench.excel.value_formulas import Block, sheet_prefix
from workbench.excel.value_sheets import (
    TOTAL_MARKET,
    dimension_block,
    dimension_rows,
    total_row,
    write_block_header,
)

FACTOR_ROW, FACTOR_ID = 2, "factor"
FACTOR = f"$C${FACTOR_ROW + 1}"
NOT_TYPED = (
    "The average price is computed from value and volume; type the value or the volume "
    "instead."
)
COMPUTED_RULE = {
    "validate": "custom",
    "value": "=FALSE()",
    "error_title": "Computed",
    "error_message": NOT_TYPED,
}
"""Typing over a price is refused as it is typed (the import would not take it either)."""


def price_block(block: int, rows: int) -> int:
    """The header row of scenario block `block` of a price sheet with `rows` series."""
    return FIRST_BLOCK_ROW + block * (rows + 2)


def write_price_sheets(
    ctx: Context, sheets: dict, value: MeasureSheets, volume: MeasureSheets, progress
) -> None:
    """The total's price sheet and one per dimension (`ctx` is the price's context, its
    `names` the price sheets), reading the `value` and `volume` sheets."""
    total = [(TOTAL, TOTAL_MARKET)]
    pair = (value.total, volume.total)
    _write_sheet(ctx, sheets[ctx.names.total], TOTAL_MARKET, total, _total_span, pair)
    for dim in ctx.project.dimensions:
        series = total + [(m.id, m.name) for m in dim.members]

        def span(block: int, dim=dim) -> tuple[int, int]:
            rows = dimension_rows(dim, dimension_block(dim, block))
            return rows.header, rows.last

        pair = (value.dimensions[dim.id], volume.dimensions[dim.id])
        _write_sheet(ctx, sheets[ctx.names.dimensions[dim.id]], dim.name, series, span, pair)
        progress()


def _total_span(block: int) -> tuple[int, int]:
    """The total sheet's block `block`: its header, total and pin rows."""
    row = total_row(block)
    return row - 1, row + 1


def _write_sheet(ctx: Context, ws, title: str, series, span, sources: tuple[str, str]) -> None:
    """One price sheet: its top, then a block per scenario of `series` (id, name), each
    price from the value's and the volume's sheet in `sources`."""
    _write_top(ctx, ws, title)
    prefixes = sheet_prefix(sources[0]), sheet_prefix(sources[1])
    meta = ctx.project.metadata
    for block, scenario in enumerate(ctx.project.scenarios):
        header = price_block(block, len(series))
        write_block_header(ctx, ws, header, scenario.id, scenario.name)
        for i, (series_id, name) in enumerate(series):
            row = header + 1 + i
            write_text(ws, row, ID_COL, series_id, ctx.formats["id"])
            style = "label_bold" if series_id == TOTAL else "label"
            write_text(ws, row, NAME_COL, name, ctx.formats[style])
            cells = RowCells(row)
            _price_cells(ctx, cells, row, scenario.id, series_id, span(block), prefixes)
            _cagr_cells(ctx, cells, row, header, scenario.id, series_id)
            ws.write_cells(row, cells)
    last = price_block(len(ctx.project.scenarios), len(series)) - 2
    ws.data_validation(
        FIRST_BLOCK_ROW, year_col(meta, meta.first_year), last, cagr_cols(meta)[1], COMPUTED_RULE
    )


def _write_top(ctx: Context, ws, title: str) -> None:
    meta, f = ctx.project.metadata, ctx.formats
    unit = price_unit(ctx.document.project)
    write_text(ws, 0, 0, ctx.titled(title), f["title"])
    write_text(
        ws,
        1,
        0,
        f"Computed, never typed: {unit.explanation} for every segment, the total and every "
        "year; blank where the volume is 0 or blank. Change the value or the volume instead.",
        f["hint"],
    )
    write_text(ws, FACTOR_ROW, ID_COL, FACTOR_ID, f["id"])
    write_text(ws, FACTOR_ROW, NAME_COL, f"Factor ({unit.explanation})", f["label"])
    ws.write_number(FACTOR_ROW, FIRST_YEAR_COL, unit.factor, f["number"])
    ws.set_column(ID_COL, ID_COL, 9, f["id"])
    ws.set_column(NAME_COL, NAME_COL, 34)
    ws.set_column(year_col(meta, meta.first_year), year_col(meta, meta.last_year), 11)
    ws.set_column(*cagr_cols(meta), 15)
    ws.freeze_panes(FIRST_BLOCK_ROW, FIRST_BLOCK_ROW - 1)


def _price_cells(ctx: Context, cells, row: int, scenario_id: str, series_id: str, span, prefixes):
    """factor × value ÷ volume, each found by this row's id in the scenario's block."""
    meta = ctx.project.metadata
    blocks = [Block(*span, prefix) for prefix in prefixes]
    price = ctx.result(scenario_id).series_values(series_id).tolist()
    volume = ctx.document.result(scenario_id, VOLUME).series_values(series_id).tolist()
    style, me = ctx.styles["number"], f"$A{row + 1}"
    for year in meta.years:
        col = year_col(meta, year)
        x, v = (block.match(col, me) for block in blocks)
        formula = formula_xml(f'IF(ISNUMBER({v}),IF({v}=0,"",{x}/{v}*{FACTOR}),"")')
        shown = volume[col - FIRST_YEAR_COL]
        if math.isfinite(shown) and shown != 0:
            cells.formula(col, formula, style, price[col - FIRST_YEAR_COL])
        else:
            cells.blank_formula(col, formula, style)


def _cagr_cells(ctx: Context, cells, row: int, header: int, scenario_id: str, series_id: str):
    """The price's CAGRs; #N/A where a price is blank, as the app's CAGR of a NaN."""
    meta, style = ctx.project.metadata, ctx.styles["percent"]
    price = ctx.result(scenario_id).series_values(series_id).tolist()
    hist, fore = cagr_cols(meta)
    for col, (a, b) in ((hist, meta.history_cagr_years), (fore, meta.forecast_cagr_years)):
        if b <= a:
            continue
        i, j = year_col(meta, a), year_col(meta, b)
        start, end = f"{column_letters(i)}{row + 1}", f"{column_letters(j)}{row + 1}"
        years = f"({column_letters(j)}${header + 1}-{column_letters(i)}${header + 1})"
        formula = (
            f"IF(AND(ISNUMBER({start}),ISNUMBER({end})),IF(AND({start}>0,{end}>=0),"
            f"({end}/{start})^(1/{years})-1,NA()),NA())"
        )
        value = growth_ratio(price[i - FIRST_YEAR_COL], price[j - FIRST_YEAR_COL], b - a)
        cells.formula(col, formula_xml(formula), style, value)
