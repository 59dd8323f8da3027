"""How every sheet prints: landscape A4, fitted to the page width, the sheet's header rows
repeated on each page and a footer naming the sheet and the page. A sheet no taller than
`ONE_PAGE_POINTS` (its blocks and charts, or a short list) is fitted to one page, so a
dimension's blocks and charts read as one page instead of spilling a chart onto a second.

The header rows are the ones frozen on screen (a sheet's title, hint and column headers),
so what stays in view while scrolling is also what heads each printed page.
"""

from __future__ import annotations

A4 = 9
FOOTER = "&L&8&A&R&8Page &P of &N"
DEFAULT_ROW_POINTS = 15.0
ONE_PAGE_POINTS = 1650.0
"""The tallest sheet (in points at 100 %) fitted to one page: about 110 rows, where the
text still prints at a readable size; taller sheets print on as many pages as they need."""


def frozen_rows(ws) -> int:
    """The rows frozen at the top of `ws` (xlsxwriter keeps freeze_panes' row first)."""
    return ws.panes[0] if ws.panes else 0


def set_print_setup(ws) -> None:
    """Landscape, one page wide and as many pages tall as needed (one when the sheet is
    short), header rows repeated."""
    ws.set_landscape()
    ws.set_paper(A4)
    ws.fit_to_pages(1, 1 if height_points(ws) <= ONE_PAGE_POINTS else 0)
    ws.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.6)
    ws.set_footer(FOOTER)
    rows = frozen_rows(ws)
    if rows:
        ws.repeat_rows(0, rows - 1)


def height_points(ws) -> float:
    """How tall the sheet prints at 100 %: its rows, and its charts below them.

    xlsxwriter keeps the rows written (`dim_rowmax`), the heights set (`row_sizes`) and
    each chart with its anchor row and pixel height scale (`charts`); 1 px = 0.75 pt.
    """
    rows = -1 if ws.dim_rowmax is None else ws.dim_rowmax
    bottom = sum(_row_points(ws, r) for r in range(rows + 1))
    for chart in ws.charts:
        row, chart_object, y_offset, y_scale = chart[0], chart[2], chart[4], chart[6]
        top = sum(_row_points(ws, r) for r in range(row))
        height = chart_object.height * y_scale + y_offset
        bottom = max(bottom, top + 0.75 * height)
    return bottom


def _row_points(ws, row: int) -> float:
    size = ws.row_sizes.get(row)
    if size is None:
        return DEFAULT_ROW_POINTS
    height, hidden = size[0], size[1]
    return 0.0 if hidden else DEFAULT_ROW_POINTS if height is None else float(height)
