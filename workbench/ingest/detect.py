"""Finding the tables on a foreign sheet: where the years are, which rows are labelled
numbers, which is the total, what the unit is, and what is only a title or a footnote.

A table is a header of at least three years in order (across a row, or down a column,
found by looking at the grid transposed) with labelled rows of numbers under it. Rows with
a label and no numbers are headings when data follows them ("By region") and footnotes
when nothing does. The total is the row labelled so (Total, All, Global, World), the row
of SUM formulas, or, failing both, the first or last row that equals the sum of the others
within the source's rounding. When no header of years exists, a sheet may still be in long
format (one row per segment and year), which `long_format` reads. Long format is tried
before years down: a long table of one segment looks like a years-down column of numbers,
but only the long table has text (the segment's name) beside its years.
"""

from __future__ import annotations

import re

from workbench.ingest.cells import Unit, find_unit
from workbench.ingest.errors import IngestError
from workbench.ingest.grid import BLANK, NUMBER, TEXT, Grid, clean_label
from workbench.ingest.hidden import mark_hidden
from workbench.ingest.long_format import long_table
from workbench.ingest.sheets import Sheet
from workbench.ingest.tables import Row, Table
from workbench.ingest.totals import mark_total

MIN_YEARS = 3
MAX_COLUMN_GAP = 2
"""Blank or non-year columns a header may skip between two years (a spacer column)."""
TITLE_ROWS = 4
_FOOTNOTE = re.compile(
    r"^(?:sources?|notes?|n\.b\.|\*|†|¹|\(\d\)|\d\)|[a-z]\s*=|e\s*=|f\s*=|figures\b|data\b|"
    r"values\b|all figures|estimates?\b|forecasts?\b|copyright|©)",
    re.I,
)


def detect(sheets: list[Sheet], include_hidden: bool = False) -> list[Table]:
    """Every candidate table of every sheet, in sheet order and top to bottom; hidden rows
    and columns are left out (and named on each table) unless `include_hidden`."""
    found: list[Table] = []
    for sheet in sheets:
        grid = Grid(sheet, include_hidden=include_hidden)
        tables = _across(grid, "years across")
        long = None if tables else long_table(grid)
        if long is not None:
            tables = [long]  # a text column beside the years: not one series per column
        else:
            used = {t.header for t in tables}
            down = [t for t in _across(grid.transposed(), "years down") if t.header not in used]
            tables = sorted(tables + down, key=lambda t: _position(t.header))
        for index, table in enumerate(tables):
            table.index = index
            mark_hidden(table, sheet, include_hidden)
        found.extend(tables)
    return found


def _position(address: str) -> tuple[int, str]:
    letters = address.rstrip("0123456789")
    return int(address[len(letters):]), letters


def _across(grid: Grid, layout: str) -> list[Table]:
    tables: list[Table] = []
    row, floor = 0, 0
    while row < grid.height:
        runs = year_runs(grid, row)
        end = row
        for run_index, run in enumerate(runs):
            left = runs[run_index - 1][-1][0] + 1 if run_index else 0
            table, last = _table_at(grid, row, run, left, floor, layout)
            if table is not None:
                tables.append(table)
                end = max(end, last)
        if end > row:
            floor = end + 1
        row = end + 1
    return tables


def year_runs(grid: Grid, row: int) -> list[list[tuple[int, object]]]:
    """Runs of year headers along a row, rising or falling, split where years restart or stop.

    The header's order is a layout, not a meaning: 2031, 2030 … 2019 is read like 2019 …
    2031. Years that restart in the very next cell are not a header but a column of a
    long-format table (2019, 2020, 2019, 2020 …), so such a line has no runs at all.
    """
    runs, current, step = [], [], 0
    for col in range(grid.width):
        cell = grid.at(row, col)
        year = cell.year
        if year is not None and (cell.kind == TEXT or float(cell.value).is_integer()):
            if current:
                last_col, last = current[-1]
                direction = (year.year > last.year) - (year.year < last.year)
                turns = direction == 0 or (step and direction != step)
                if turns and col == last_col + 1:
                    _refuse_disorder(grid, row, col)
                    return []  # years that restart in the next cell: a long-format column
                if turns or col - last_col > MAX_COLUMN_GAP + 1:
                    runs.append(current)
                    current, direction = [], 0
                step = direction
            current.append((col, year))
        elif cell.kind != BLANK and current and col - current[-1][0] > MAX_COLUMN_GAP:
            runs.append(current)
            current, step = [], 0
    runs.append(current)
    return [run for run in runs if len(run) >= MIN_YEARS]


def _refuse_disorder(grid: Grid, row: int, col: int) -> None:
    """Adjacent year headers that are one span of years, shuffled or with a year twice, are
    a mistake worth naming; a long-format column repeats every year and is left alone."""
    stretch = _year_stretch(grid, row, col)
    years = [year for _, year in stretch]
    distinct = set(years)
    if len(distinct) < MIN_YEARS or max(distinct) - min(distinct) + 1 != len(distinct):
        return
    where = grid.sheet.where
    if len(distinct) < len(years) and len(distinct) * 2 > len(years):
        seen: dict[int, int] = {}
        for at, year in stretch:
            if year in seen:
                raise IngestError(
                    f"{where(grid.address(row, at))}: the year {year} appears twice (also at "
                    f"{grid.address(row, seen[year])}); remove one and try again."
                )
            seen[year] = at
    if len(distinct) == len(years):
        before = grid.at(row, col - 1).year.year
        raise IngestError(
            f"{where(grid.address(row, col))}: the years are out of order "
            f"({grid.at(row, col).year.year} after {before}); put them in order, rising or "
            "falling, and try again."
        )


def _year_stretch(grid: Grid, row: int, col: int) -> list[tuple[int, int]]:
    """The adjacent year headers around one cell, as (column, year)."""
    first = col
    while first > 0 and grid.at(row, first - 1).year is not None:
        first -= 1
    stretch = []
    for at in range(first, grid.width):
        year = grid.at(row, at).year
        if year is None:
            break
        stretch.append((at, year.year))
    return stretch


def _table_at(grid, header: int, run, left: int, floor: int, layout: str):
    """The table under one header run, and the last row it covers (or None)."""
    cols = [c for c, _ in run]
    label_col = _label_column(grid, header, cols[0], left)
    if label_col is None:
        return None, header
    reader = _RowReader(grid, header, run, label_col, left)
    last = reader.read()
    if not reader.rows:
        return None, header
    table = Table(
        sheet=grid.sheet.name,
        index=0,
        layout=layout,
        years=sorted(y.year for _, y in run),
        rows=reader.rows,
        title=_title(grid, header, left, cols[-1], floor),
        forecast_marked={y.year for _, y in run if y.forecast} | _banner(grid, header, run),
        footnotes=reader.footnotes,
        header=grid.address(header, cols[0]),
    )
    table.unit = reader.percent_unit() or _unit(grid, header, run, label_col, table)
    label_header = grid.at(header, label_col).text.split("\\")[0]  # Eurostat's geo\TIME
    if label_header and find_unit(label_header) is None:
        table.label_header = clean_label(label_header)
    mark_total(table, grid)
    return table, last


_FORECAST_BANNER = re.compile(
    r"\b(?:forecasts?|projected|projections?|outlook|estimated?|estimates?|expected)\b", re.I
)


def _banner(grid: Grid, header: int, run) -> set[int]:
    """Years under a 'Forecast' banner in the row above the header (often merged cells):
    from the banner's column to the next banner ('Actual', 'Historical')."""
    marked, under = set(), False
    for col, year in run:
        cell = grid.at(header - 1, col) if header else None
        if cell is not None and cell.kind == TEXT:
            under = bool(_FORECAST_BANNER.search(cell.text))
        if under:
            marked.add(year.year)
    return marked


def _label_column(grid: Grid, header: int, first_col: int, left: int) -> int | None:
    """The column left of the years whose cells below the header hold the most different
    texts: labels, not a column that repeats a unit. Of equals, the one with the longer
    texts (a name beside its code: "Germany", "DEU"), then the nearest."""
    best, best_key = None, (0, 0.0)
    for col in range(first_col - 1, left - 1, -1):
        texts = {grid.at(r, col).text for r in range(header + 1, header + 60)} - {""}
        key = (len(texts), sum(map(len, texts)) / len(texts) if texts else 0.0)
        if key > best_key:  # a unit column repeats a few texts; labels differ
            best, best_key = col, key
    return best


class _RowReader:
    """Reads the rows under a header until the table ends; see the module docstring."""

    def __init__(self, grid: Grid, header: int, run, label_col: int, left: int) -> None:
        self.grid, self.header, self.run = grid, header, run
        self.label_col, self.left = label_col, left
        self.rows: list[Row] = []
        self.footnotes: list[str] = []
        self.pending: list[str] = []
        self.group = ""
        self.span = range(left, run[-1][0] + 1)
        self.numbers = self.percents = 0

    def read(self) -> int:
        """Read rows; return the last row that belongs to the table."""
        last = self.header
        for row in range(self.header + 1, self.grid.height):
            if year_runs(self.grid, row):
                self.pending = []  # text before the next header is that table's title
                break
            kind = self._kind(row)
            if kind == "data" and self.footnotes:
                break
            if kind == "data":
                self._data(row)
                last = row
            elif kind == "text" and self._text(row):
                last = row
        self.footnotes = self.pending + self.footnotes
        return last

    def _kind(self, row: int) -> str:
        numbers = any(
            self.grid.at(row, c).kind == NUMBER or self.grid.formula(row, c) for c, _ in self.run
        )
        if numbers:
            return "data"
        if self.grid.row_blank(row, self.span):
            return "blank"
        return "text"

    def _texts(self, row: int) -> list[str]:
        return [self.grid.at(row, c).text for c in self.span if self.grid.at(row, c).kind == TEXT]

    def _data(self, row: int) -> None:
        grid = self.grid
        for col in range(self.left, self.label_col):
            if grid.at(row, col).kind == TEXT:
                self.group = clean_label(grid.at(row, col).text)
        if self.pending:
            self.group = clean_label(self.pending[-1])
            self.pending = []
        label_cell = grid.at(row, self.label_col)
        label = grid.label(row, self.label_col)
        if label_cell.kind == NUMBER:
            label = str(int(label_cell.value)) if label_cell.value.is_integer() else ""
        line = grid.cells[row]
        values = {y.year: line[c].value for c, y in self.run}
        numbers = [c for c, _ in self.run if line[c].kind == NUMBER]
        percents = self._percents(row, numbers)
        self.numbers += len(numbers)
        self.percents += percents
        cells = {y.year: grid.address(row, c) for c, y in self.run}
        address = grid.address(row, self.label_col)
        percent = bool(numbers) and percents * 2 > len(numbers)
        self.rows.append(Row(label, values, cells, address, self.group, percent=percent))

    def _percents(self, row: int, cols: list[int]) -> int:
        """How many of the row's numbers are percentages (typed or formatted so)."""
        return sum(self.grid.percent(row, col) for col in cols)

    def percent_unit(self) -> Unit | None:
        """Percent as the unit when most numbers are percentages (typed or formatted so)."""
        if self.numbers and self.percents * 2 > self.numbers:
            return Unit("%", percent=True)
        return None

    def _text(self, row: int) -> bool:
        """Keep a text row as a footnote (True) or as a heading for rows still to come."""
        text = " ".join(self._texts(row))
        if self.footnotes or (_FOOTNOTE.match(text) and self.rows):
            self.footnotes.append(text)
            return True
        self.pending.append(text)
        return False


def _title(grid: Grid, header: int, left: int, right: int, floor: int) -> str:
    lines: list[str] = []
    for row in range(header - 1, max(floor, header - TITLE_ROWS) - 1, -1):
        texts = [grid.at(row, c).text for c in range(left, right + 1) if grid.at(row, c).kind]
        texts = [t for t in texts if t]
        if texts:
            lines.insert(0, " ".join(texts))
        elif lines:
            break
    return " — ".join(lines)


def _constant_columns(grid: Grid, header: int, first_year: int, label_col: int) -> list[str]:
    """The one text of each column before the years that repeats it on every row below the
    header: a statistics office's unit column ("MIO_EUR") or frequency ("A")."""
    out = []
    below = range(header + 1, min(grid.height, header + 60))
    for col in range(first_year):
        texts = {grid.at(r, col).text for r in below} - {""}
        if col != label_col and len(texts) == 1:
            out.append(texts.pop())
    return out


def _unit(grid: Grid, header: int, run, label_col: int, table: Table) -> Unit | None:
    """The first unit named by the header's label cell, the header row, title or notes."""
    candidates = [grid.at(header, label_col).text]
    years = {c for c, _ in run}
    candidates += [
        grid.at(header, c).text for c in range(grid.width) if c not in years
    ]
    candidates += _constant_columns(grid, header, run[0][0], label_col)
    candidates += [table.title, *table.footnotes, grid.sheet.name]
    for text in candidates:
        unit = find_unit(text) if text else None
        if unit is not None:
            return unit
    return None
