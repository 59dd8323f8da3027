"""A sheet's cells classified once (blank, year, number, text), in either orientation.

Detection asks the same questions of every cell many times (is it a year? a number?), so
each cell is read once into its kind and its number. The same grid can be looked at
transposed, which is how a table with years down the rows is found by the code that finds
years across the columns; addresses always name the cell as the user sees it ("C5").
"""

from __future__ import annotations

import math
from typing import NamedTuple

from workbench.ingest.cells import MARKERS, YearLabel, is_blank, number, year_label
from workbench.ingest.sheets import Sheet
from workbench.numbers import Notation

BLANK, NUMBER, TEXT = 0, 1, 2


def clean_label(text: str) -> str:
    """A row label without footnote markers ("China¹", "Total*", "Asia (1)")."""
    return MARKERS.sub("", " ".join(text.split())).strip()


def column_letters(col: int) -> str:
    letters = ""
    col += 1
    while col:
        col, rest = divmod(col - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


class Cell(NamedTuple):
    """A cell's kind, its number (NUMBER), its text (TEXT) and the year it names, if any."""

    kind: int
    value: float | None
    text: str
    year: YearLabel | None


_BLANK_CELL = Cell(BLANK, None, "", None)


class Grid:
    """Classified cells of one sheet; `transposed()` swaps rows and columns."""

    def __init__(self, sheet: Sheet, style: Notation | None = None) -> None:
        self.sheet = sheet
        style = style or sheet.style
        self.cells = [[_classify(v, style) for v in row] for row in sheet.rows]
        width = sheet.width
        for row in self.cells:
            row.extend([_BLANK_CELL] * (width - len(row)))
        self.height, self.width = len(self.cells), width
        self.flipped = False

    def transposed(self) -> Grid:
        other = object.__new__(Grid)
        other.sheet = self.sheet
        other.cells = [list(col) for col in zip(*self.cells, strict=True)] if self.cells else []
        other.height, other.width = self.width, self.height
        other.flipped = not self.flipped
        return other

    def at(self, row: int, col: int) -> Cell:
        if 0 <= row < self.height and 0 <= col < self.width:
            return self.cells[row][col]
        return _BLANK_CELL

    def address(self, row: int, col: int) -> str:
        """The cell as the user sees it in the sheet ("C5")."""
        if self.flipped:
            row, col = col, row
        letters = _LETTERS[col] if col < len(_LETTERS) else column_letters(col)
        return f"{letters}{row + 1}"

    def typed(self, row: int, col: int) -> object:
        """The cell's value as the file holds it ("12 %" stays text), for what parsing drops."""
        if self.flipped:
            row, col = col, row
        line = self.sheet.rows[row] if row < len(self.sheet.rows) else []
        return line[col] if col < len(line) else None

    def label(self, row: int, col: int) -> str:
        """A cell's text as a row label: "NA" (North America) and "X" are names there,
        although among numbers they stand for 'no number'."""
        cell = self.at(row, col)
        if cell.kind == TEXT:
            return clean_label(cell.text)
        typed = self.typed(row, col) if cell.kind == BLANK else None
        return typed.strip() if isinstance(typed, str) and typed.strip().isalpha() else ""

    def formula(self, row: int, col: int) -> str:
        key = (col, row) if self.flipped else (row, col)
        return self.sheet.formulas.get(key, "")

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
        return Cell(NUMBER, parsed, "", year)
    text = str(value).strip()
    return Cell(TEXT, None, text, year)
