"""A sheet's cells classified once (blank, year, number, text), in either orientation.

Detection asks the same questions of every cell many times (is it a year? a number?), so
each cell is read once into its kind and its number. The same grid can be looked at
transposed, which is how a table with years down the rows is found by the code that finds
years across the columns; addresses always name the cell as the user sees it ("C5").
Hidden rows and columns (an analyst's working rows, old scenarios) are left out of the
grid unless asked for, so detection never sees them; the grid keeps where each of its
rows and columns stands in the sheet.
"""

from __future__ import annotations

import math
from typing import NamedTuple

from workbench.ingest.cells import MARKERS, YearLabel, is_blank, number, year_label
from workbench.ingest.sheet_marks import column_index
from workbench.ingest.sheets import Sheet
from workbench.numbers import Notation

BLANK, NUMBER, TEXT = 0, 1, 2


def clean_label(text: str) -> str:
    """A row label without footnote markers ("China¹", "Total*", "Asia (1)")."""
    return MARKERS.sub("", " ".join(text.split())).strip()


def cell_position(address: str) -> tuple[int, int]:
    """"C5" → (4, 2): a cell's row and column from 0."""
    letters = address.rstrip("0123456789")
    return int(address[len(letters):]) - 1, column_index(letters.encode())


def column_letters(col: int) -> str:
    letters = ""
    col += 1
    while col:
        col, rest = divmod(col - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


class Cell(NamedTuple):
    """A cell's kind, its number (NUMBER), its text (TEXT) and the year it names, if any.

    `percent`: a number typed with a percent sign ("12.5%", read as 0.125).
    """

    kind: int
    value: float | None
    text: str
    year: YearLabel | None
    percent: bool = False


_BLANK_CELL = Cell(BLANK, None, "", None)


class Grid:
    """Classified cells of one sheet; `transposed()` swaps rows and columns.

    `rows` and `columns` are the sheet's rows and columns the grid holds, in order (all of
    them, or the visible ones); addresses, typed values and formulas are found through them.
    """

    def __init__(
        self, sheet: Sheet, style: Notation | None = None, include_hidden: bool = False
    ) -> None:
        self.sheet = sheet
        style = style or sheet.style
        marks = sheet.marks
        hidden_rows = set() if include_hidden else marks.hidden_rows
        hidden_columns = set() if include_hidden else marks.hidden_columns
        width = sheet.width
        self.rows = [r for r in range(len(sheet.rows)) if r not in hidden_rows]
        self.columns = [c for c in range(width) if c not in hidden_columns]
        lines = (sheet.rows[r] for r in self.rows)
        if hidden_columns:
            lines = ([line[c] if c < len(line) else None for c in self.columns] for line in lines)
        self.cells = [[_classify(v, style) for v in line] for line in lines]
        width = len(self.columns)
        for row in self.cells:
            row.extend([_BLANK_CELL] * (width - len(row)))
        self.height, self.width = len(self.cells), width
        self.flipped = False
        self.percent_at = self._in_grid(marks.percent_cells)
        """Cells (row, column) of the grid the file formats as percentages."""

    def _in_grid(self, cells: frozenset[tuple[int, int]]) -> set[tuple[int, int]]:
        if not cells:
            return set()
        rows = {r: i for i, r in enumerate(self.rows)}
        cols = {c: i for i, c in enumerate(self.columns)}
        return {(rows[r], cols[c]) for r, c in cells if r in rows and c in cols}

    def transposed(self) -> Grid:
        other = object.__new__(Grid)
        other.sheet, other.rows, other.columns = self.sheet, self.rows, self.columns
        other.percent_at = {(c, r) for r, c in self.percent_at}
        other.cells = [list(col) for col in zip(*self.cells, strict=True)] if self.cells else []
        other.height, other.width = self.width, self.height
        other.flipped = not self.flipped
        return other

    def at(self, row: int, col: int) -> Cell:
        if 0 <= row < self.height and 0 <= col < self.width:
            return self.cells[row][col]
        return _BLANK_CELL

    def in_sheet(self, row: int, col: int) -> tuple[int, int]:
        """Where a cell of the grid stands in the sheet, as (row, column) from 0."""
        if self.flipped:
            row, col = col, row
        sheet_row = self.rows[row] if row < len(self.rows) else row
        sheet_col = self.columns[col] if col < len(self.columns) else col
        return sheet_row, sheet_col

    def address(self, row: int, col: int) -> str:
        """The cell as the user sees it in the sheet ("C5")."""
        row, col = self.in_sheet(row, col)
        letters = _LETTERS[col] if col < len(_LETTERS) else column_letters(col)
        return f"{letters}{row + 1}"

    def typed(self, row: int, col: int) -> object:
        """The cell's value as the file holds it ("12 %" stays text), for what parsing drops."""
        row, col = self.in_sheet(row, col)
        line = self.sheet.rows[row] if row < len(self.sheet.rows) else []
        return line[col] if col < len(line) else None

    def percent(self, row: int, col: int) -> bool:
        """Whether a number is a percentage: typed "5%", or 0.05 formatted to show "5 %"."""
        return self.cells[row][col].percent or (row, col) in self.percent_at

    def label(self, row: int, col: int) -> str:
        """A cell's text as a row label: "NA" (North America) and "X" are names there,
        although among numbers they stand for 'no number'."""
        cell = self.at(row, col)
        if cell.kind == TEXT:
            return clean_label(cell.text)
        typed = self.typed(row, col) if cell.kind == BLANK else None
        return typed.strip() if isinstance(typed, str) and typed.strip().isalpha() else ""

    def formula(self, row: int, col: int) -> str:
        return self.sheet.formulas.get(self.in_sheet(row, col), "")

    def row_blank(self, row: int, cols: range) -> bool:
        return all(self.at(row, c).kind == BLANK for c in cols)


_LETTERS = [column_letters(c) for c in range(702)]
"""A to ZZ, the columns of nearly every foreign table."""
_YEARS = {y: YearLabel(y, False) for y in range(1900, 2201)}


def _classify(value: object, style: Notation) -> Cell:
    """One cell's meaning; plain numbers and numeric text take a fast path (most cells)."""
    kind = type(value)
    if kind is float or kind is int:
        if value != value or value in (math.inf, -math.inf):
            return _BLANK_CELL
        year = _YEARS.get(value) if value == int(value) else None
        return Cell(NUMBER, float(value), "", year)
    if kind is str and style.decimal == "." and "_" not in value:
        try:
            number_ = float(value)
        except ValueError:
            pass
        else:
            if math.isfinite(number_):
                year = _YEARS.get(number_) if number_ == int(number_) else None
                return Cell(NUMBER, number_, "", year)
    if is_blank(value):
        return _BLANK_CELL
    year = year_label(value)
    parsed = number(value, style)
    if parsed is not None:
        percent = isinstance(value, str) and value.rstrip().endswith("%")
        return Cell(NUMBER, parsed, "", year, percent)
    text = str(value).strip()
    return Cell(TEXT, None, text, year)
