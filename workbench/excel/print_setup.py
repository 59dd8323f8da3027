"""How every sheet prints: landscape A4, fitted to the page width, the sheet's header rows
repeated on each page and a footer naming the sheet and the page.

The header rows are the ones frozen on screen (a sheet's title, hint and column headers),
so what stays in view while scrolling is also what heads each printed page.
"""

from __future__ import annotations

A4 = 9
FOOTER = "&L&8&A&R&8Page &P of &N"


def frozen_rows(ws) -> int:
    """The rows frozen at the top of `ws` (xlsxwriter keeps freeze_panes' row first)."""
    return ws.panes[0] if ws.panes else 0


def set_print_setup(ws) -> None:
    """Landscape, one page wide and as many pages tall as needed, header rows repeated."""
    ws.set_landscape()
    ws.set_paper(A4)
    ws.fit_to_pages(1, 0)
    ws.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.6)
    ws.set_footer(FOOTER)
    rows = frozen_rows(ws)
    if rows:
        ws.repeat_rows(0, rows - 1)
