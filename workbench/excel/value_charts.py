"""The charts under the value sheets' blocks: the total per scenario, and each dimension's
segments per scenario, two charts a row so they never overlap each other or the blocks.

Each line's cached points are the engine's values, so a reader that does not calculate
draws the same chart as one that does.
"""

from __future__ import annotations

from workbench.core.project import TOTAL, Dimension
from workbench.excel.layout import FIRST_BLOCK_ROW, NAME_COL, block_rows, year_col
from workbench.excel.styles import Context

CHART_SERIES_LIMIT = 255
"""Excel draws at most 255 series in one chart."""
CHART_WIDTH, CHART_HEIGHT = 760, 360
CHART_ROWS = 20
"""Rows a chart takes (360 px at the default 20 px a row), with a blank row below it."""
CHART_GAP = 20
"""Pixels between the two charts of a row of charts."""


def total_row(block: int) -> int:
    """The total's row in the Total market sheet's block `block` (0-based)."""
    return FIRST_BLOCK_ROW + block * block_rows(0, False) + 1


def dimension_block(dim: Dimension, block: int) -> int:
    """The header row of a dimension sheet's block `block` (0-based)."""
    return FIRST_BLOCK_ROW + block * block_rows(len(dim.members), True)


def total_chart(ctx: Context, ws, title: str) -> None:
    p = ctx.project
    chart = ctx.workbook.add_chart({"type": "line"})
    header = total_row(0) - 1  # one year axis: the first block's years for every line
    for block, scenario in enumerate(p.scenarios):
        values = ctx.result(scenario.id).series_values(TOTAL)
        _add_line(
            ctx, chart, ctx.names.total, header, total_row(block), scenario.name, values.tolist()
        )
    _place_chart(
        ctx,
        ws,
        chart,
        ctx.titled(title),
        FIRST_BLOCK_ROW + block_rows(0, False) * len(p.scenarios) + 1,
    )


def dimension_chart(ctx: Context, ws, dim: Dimension, block: int, scenario_id: str) -> None:
    p, sheet, start = ctx.project, ctx.sheets[dim.id], dimension_block(dim, block)
    result = ctx.result(scenario_id)
    chart = ctx.workbook.add_chart({"type": "line"})
    for i, member in enumerate(dim.members[:CHART_SERIES_LIMIT]):
        values = result.series_values(member.id).tolist()
        _add_line(ctx, chart, sheet, start, start + 2 + i, member.name, values)
    row, x_offset = chart_anchor(dimension_block(dim, len(p.scenarios)) + 1, block)
    title = ctx.titled(f"{dim.name}: {p.scenario(scenario_id).name}")
    _place_chart(ctx, ws, chart, title, row, x_offset)


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
    sign of the values, and the unit on the value axis. The years are a text axis: each
    is a label drawn once, never read as a date a spreadsheet spaces out by its own
    calendar (an automatic axis may take numbers for dates)."""
    chart.set_title({"name": title})
    chart.set_legend({"position": "bottom"})
    chart.set_x_axis({"label_position": "low", "num_font": {"rotation": -45}, "text_axis": True})
    chart.set_y_axis({"name": ctx.project.metadata.unit, "num_format": "#,##0.0"})
    chart.set_size({"width": CHART_WIDTH, "height": CHART_HEIGHT})
    ws.insert_chart(row, NAME_COL, chart, {"x_offset": x_offset, "object_position": 3})


def chart_anchor(first_row: int, index: int) -> tuple[int, int]:
    """Row and x offset of a sheet's `index`-th chart: two a row under the last block, so
    charts never overlap each other or the blocks, whatever the segment count."""
    row = first_row + (index // 2) * CHART_ROWS
    return row, (index % 2) * (CHART_WIDTH + CHART_GAP)
