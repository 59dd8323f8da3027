"""Long-format tables: one row per segment and year, as statistics offices publish them.

A header row names the columns; below it, one column holds years (repeating), one holds
the numbers, and text columns say what each number is about. The text column with the
most distinct values names the segments; another one with several values groups them (a
dimension, or a measure); text columns with one value throughout are metadata, where the
unit often stands ("MIO_EUR", "USD million").
"""

from __future__ import annotations

from workbench.ingest.cells import Unit, find_unit
from workbench.ingest.errors import IngestError
from workbench.ingest.grid import BLANK, NUMBER, TEXT, Grid
from workbench.ingest.tables import Row, Table
from workbench.ingest.totals import mark_total

HEADER_ROWS = 30
"""Rows searched for the header: title rows may stand above it."""
SAMPLE = 200
MOSTLY = 0.8


def long_table(grid: Grid) -> Table | None:
    """The sheet read as long format, or None when it is not in that shape."""
    for header in range(min(grid.height, HEADER_ROWS)):
        columns = _columns(grid, header)
        if columns is not None:
            return _read(grid, header, *columns)
    return None


def _columns(grid: Grid, header: int):
    """(year column, value column, text columns) when the rows below fit long format."""
    body = range(header + 1, min(grid.height, header + 1 + SAMPLE))
    if len(body) < 3 or sum(grid.at(header, c).kind == TEXT for c in range(grid.width)) < 2:
        return None
    years, numbers, texts = [], [], []
    for col in range(grid.width):
        cells = [grid.at(r, col) for r in body]
        filled = [c for c in cells if c.kind != BLANK]
        if len(filled) < 3:
            continue
        if sum(c.year is not None for c in filled) >= MOSTLY * len(filled):
            years.append(col)
        elif sum(c.kind == NUMBER for c in filled) >= MOSTLY * len(filled):
            numbers.append(col)
        elif sum(c.kind == TEXT for c in filled) >= MOSTLY * len(filled):
            texts.append(col)
    if not years or not numbers or not texts:
        return None
    return years[0], numbers[-1], texts


def _read(grid: Grid, header: int, year_col: int, value_col: int, text_cols: list[int]):
    end = _last_row(grid, header, year_col, value_col)
    body = range(header + 1, end + 1)
    distinct = {c: {grid.at(r, c).text for r in body} - {""} for c in text_cols}
    most = max(text_cols, key=lambda c: len(distinct[c]))
    twins = [c for c in text_cols if _one_to_one(grid, body, most, c, distinct)]
    segment_col = max(twins, key=lambda c: sum(map(len, distinct[c])))  # a name, not its code
    group_cols = [c for c in text_cols if c not in twins and len(distinct[c]) > 1]
    group_col = group_cols[0] if group_cols else None
    rows: dict[tuple[str, str], Row] = {}
    marked: set[int] = set()
    for r in body:
        year = grid.at(r, year_col).year
        label = grid.label(r, segment_col)
        if year is None or not label:
            continue
        group = grid.label(r, group_col) if group_col is not None else ""
        row = rows.setdefault(
            (group, label), Row(label, {}, {}, grid.address(r, segment_col), group)
        )
        if year.forecast:
            marked.add(year.year)
        value = grid.at(r, value_col).value
        if row.values.get(year.year) is None:  # a blank first line gives way to a number
            row.values[year.year] = value
            row.cells[year.year] = grid.address(r, value_col)
        elif value is not None and row.values[year.year] != value:
            _refuse_second_value(grid, row, year.year, grid.address(r, value_col))
    if not rows:
        return None
    years = sorted({y for row in rows.values() for y in row.values})
    for row in rows.values():
        for year in years:
            row.values.setdefault(year, None)
    table = Table(
        sheet=grid.sheet.name,
        index=0,
        layout="long",
        years=years,
        rows=list(rows.values()),
        title=_title(grid, header),
        forecast_marked=marked,
        footnotes=[grid.at(r, c).text for r in range(end + 1, grid.height)
                   for c in range(grid.width) if grid.at(r, c).kind == TEXT],
        header=grid.address(header, year_col),
    )
    table.unit = _percent(grid, body, value_col) or _unit(
        grid, header, value_col, text_cols, distinct, table
    )
    table.label_header = grid.at(header, segment_col).text
    mark_total(table)
    return table


def _one_to_one(grid: Grid, body: range, one: int, other: int, distinct) -> bool:
    """Whether two text columns name the same things ("USA" beside "United States"): then
    the second is not a grouping of the first but the same segments spelled otherwise."""
    if len(distinct[one]) != len(distinct[other]):
        return False
    pairs = {(grid.at(r, one).text, grid.at(r, other).text) for r in body}
    return len(pairs - {("", "")}) == len(distinct[one])


def _refuse_second_value(grid: Grid, row: Row, year: int, address: str) -> None:
    """Two different numbers for one segment and year: a column that tells them apart
    (a unit, a measure) was not read, and keeping either would hide the other."""
    name = f"{row.group}, {row.label}" if row.group else row.label
    raise IngestError(
        f"{grid.sheet.where(address)}: a second value for {name!r} in {year} (the first is "
        f"at {row.cells[year]}); leave out the rows of the other measure or unit, or remove "
        "the duplicate row."
    )


def _last_row(grid: Grid, header: int, year_col: int, value_col: int) -> int:
    last = header
    for r in range(header + 1, grid.height):
        if grid.at(r, year_col).year is not None:
            last = r
        elif grid.at(r, year_col).kind != BLANK or grid.at(r, value_col).kind == TEXT:
            break
    return last


def _title(grid: Grid, header: int) -> str:
    texts = [grid.at(r, c).text for r in range(header) for c in range(grid.width)]
    return " — ".join(t for t in texts if t)


def _percent(grid: Grid, body: range, value_col: int) -> Unit | None:
    """Percent as the unit when most values are percentages (typed "5%" or formatted so)."""
    numbers = [r for r in body if grid.at(r, value_col).kind == NUMBER]
    percents = sum(grid.percent(r, value_col) for r in numbers)
    return Unit("%", percent=True) if numbers and percents * 2 > len(numbers) else None


def _unit(grid, header, value_col, text_cols, distinct, table):
    candidates = [grid.at(header, value_col).text, table.title]
    candidates += [next(iter(distinct[c])) for c in text_cols if len(distinct[c]) == 1]
    candidates += [_spelled(v) for c in text_cols if len(distinct[c]) == 1 for v in distinct[c]]
    candidates += [*table.footnotes, grid.sheet.name]
    for text in candidates:
        unit = find_unit(text) if text else None
        if unit is not None:
            return unit
    return None


def _spelled(code: str) -> str:
    """Statistics-office unit codes in words: 'MIO_EUR' → 'EUR (million)'."""
    words = {"MIO": "(million)", "BN": "(billion)", "THS": "(thousand)", "MRD": "(billion)"}
    parts = code.upper().replace("-", "_").split("_")
    return " ".join(words.get(p, p) for p in parts)
