"""Hidden rows and columns a table covers, named for the summary.

An analyst hides working rows and old scenarios; importing them silently would be wrong,
and leaving them out silently would be too. Detection reads the visible cells only (unless
asked for all), and here each table learns which hidden rows and columns holding anything
lie inside it (or run on right after its last row or column), so the summary can say
"2 hidden rows left out: 12, 13".
"""

from __future__ import annotations

from workbench.ingest.grid import cell_position, column_letters
from workbench.ingest.sheets import Sheet
from workbench.ingest.tables import Table


def mark_hidden(table: Table, sheet: Sheet, included: bool) -> None:
    """Set the table's hidden rows and columns (sheet positions from 0) that hold cells."""
    marks = sheet.marks
    if not (marks.hidden_rows or marks.hidden_columns):
        return
    rows, cols = _span(table)
    rows = _run_on(rows, marks.hidden_rows)
    cols = _run_on(cols, marks.hidden_columns)
    table.hidden_rows = [r for r in rows if r in marks.hidden_rows and _filled(sheet, [r], cols)]
    table.hidden_columns = [
        c for c in cols if c in marks.hidden_columns and _filled(sheet, rows, [c])
    ]
    table.hidden_included = included


def _span(table: Table) -> tuple[range, range]:
    """The sheet rows and columns from the table's header to its last cell."""
    every = table.layout == "long"  # a long table's rows need not be in order of years
    addresses = [table.header] + [
        a for row in table.rows for a in (row.address, *_ends(row, every))
    ]
    positions = [cell_position(a) for a in addresses if a]
    rows = [r for r, _ in positions]
    cols = [c for _, c in positions]
    return range(min(rows), max(rows) + 1), range(min(cols), max(cols) + 1)


def _ends(row, every: bool) -> list[str]:
    """A row's first and last cells (the ends are all a span needs), or all of them."""
    cells = list(row.cells.values())
    return cells if every or len(cells) < 2 else [cells[0], cells[-1]]


def _run_on(span: range, hidden: frozenset[int]) -> range:
    """The span and the hidden lines right after it (hidden years or rows at a table's end)."""
    stop = span.stop
    while stop in hidden:
        stop += 1
    return range(span.start, stop)


def _filled(sheet: Sheet, rows, cols) -> bool:
    for r in rows:
        line = sheet.rows[r] if r < len(sheet.rows) else []
        if any(c < len(line) and line[c] not in (None, "") for c in cols):
            return True
    return False


def hidden_notes(table: Table) -> list[str]:
    """The summary's lines on the hidden rows and columns inside the table."""
    out = []
    for what, lines, names in (
        ("row", table.hidden_rows, [str(r + 1) for r in table.hidden_rows]),
        ("column", table.hidden_columns, [column_letters(c) for c in table.hidden_columns]),
    ):
        if not lines:
            continue
        count = f"{len(lines)} hidden {what}{'s' if len(lines) > 1 else ''}"
        shown = ", ".join(names[:12]) + (" …" if len(names) > 12 else "")
        if table.hidden_included:
            out.append(f"{count} taken like the others (as chosen): {shown}.")
        else:
            out.append(f"{count} left out: {shown} (include hidden rows and columns to "
                       "take them).")
    return out
