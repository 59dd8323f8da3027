"""One sheet of a workbook being read: its cells with their kinds, and strict readers.

A cell's kind matters as much as its value: a forecast cell holding a formula follows its
method while a number there is a pin, and text that merely starts with "=" is text. So
the grid gives every value with its kind ("n" number, "s" text, "b" yes/no, "d" date,
"f" formula, "e" error value) and every reader names the cell ("Assumptions!D14: 'abc'
is not a number.") when it cannot take what it finds.

The values come from python-calamine as plain rows; the cells whose kind the values do not
tell (formulas, errors) come from `sheet_scan` and override them. Kinds are worked out
when a cell is read, so the ~840,000 cells of a large workbook are never wrapped.
"""

from __future__ import annotations

import datetime as dt
import math

from workbench.excel.errors import at
from workbench.excel.layout import CELL_LIMIT, cell
from workbench.excel.sheet_xml import column_letters
from workbench.numbers import NumberError, number, read_number

BLANK = (None, None)
EPOCH = dt.date(1899, 12, 30)
"""Day 0 of spreadsheet date serials (1900 system, past its leap-year bug)."""
FIRST_SERIAL, LAST_SERIAL = 10000, 2958465
"""Serials of 1927-05-18 and 9999-12-31: below 10000 a number is read as a year."""
_KINDS = {float: "n", int: "n", str: "s", bool: "b"}
_COLUMNS = [column_letters(col).encode() for col in range(16384)]


class Grid:
    """The cells of one sheet: `values` as rows ("" is blank), 0-based, and `special` cells
    as (value, kind) by their reference (b"C5")."""

    def __init__(
        self,
        name: str,
        values: list[list],
        special: dict[bytes, tuple] | None = None,
        errors: dict[bytes, str] | None = None,
    ) -> None:
        self.name = name
        self.values = values
        self.special = special or {}
        self.errors = errors or {}
        """The error value each formula's tool saved as its result, by reference (the
        values show those as blanks)."""
        self.comments: dict[tuple[int, int], str] = {}
        """The words of each cell comment, by (row, col)."""
        self.notes: list[tuple[str, str]] = []
        """(cell, sentence) for each value taken other than as typed: a formula by its
        computed value, a number stored as text by its digits."""
        while self.values and not any(v != "" for v in self.values[-1]):
            self.values.pop()  # trailing blank rows (styled blanks) are not part of the sheet
        self._rows = [b"%d" % (row + 1) for row in range(len(self.values))]

    def __len__(self) -> int:
        return len(self.values)

    def width(self, row: int) -> int:
        return len(self.values[row]) if row < len(self.values) else 0

    def get(self, row: int, col: int) -> tuple:
        try:
            special = self.special.get(_COLUMNS[col] + self._rows[row])
            if special is not None:
                return special
            value = self.values[row][col]
        except IndexError:
            return BLANK
        if value == "" or value is None:
            return BLANK
        return value, _KINDS.get(type(value), "d")

    def row_is_blank(self, row: int) -> bool:
        return all(self.is_blank(row, c) for c in range(self.width(row)))

    def column(self, col: int) -> list:
        """The values of one column, top to bottom (for collecting ids)."""
        return [self.get(row, col)[0] for row in range(len(self.values))]

    def where(self, row: int, col: int) -> str:
        return f"{self.name}!{cell(row, col)}"

    def error(self, row: int, col: int, message: str):
        return at(self.name, cell(row, col), message)

    def is_blank(self, row: int, col: int) -> bool:
        value, _kind = self.get(row, col)
        return value is None or (isinstance(value, str) and value == "")

    def is_formula(self, row: int, col: int) -> bool:
        """True for a formula cell; one that lost its reference (#REF!) is refused."""
        value, kind = self.get(row, col)
        if kind != "f":
            return False
        if "#REF!" in str(value):
            raise self.error(
                row,
                col,
                "the formula refers to a deleted cell (#REF!); restore it or type a number.",
            )
        return True

    def saved_result(self, row: int, col: int) -> float | str | None:
        """What a formula cell's tool saved as its result: a number, an error value
        ("#N/A"), or None when it saved none (a tool that does not calculate)."""
        try:
            cached = self.values[row][col]
        except IndexError:
            return None
        if isinstance(cached, int | float) and not isinstance(cached, bool):
            return float(cached)
        return self.errors.get(_COLUMNS[col] + self._rows[row])

    def _refuse(self, row: int, col: int, value, kind, wanted: str):
        if kind == "e":
            return self.error(row, col, f"the cell holds the error {value}; type {wanted} instead.")
        if kind == "f":
            return self.error(row, col, f"a formula is not allowed here; type {wanted}.")
        return self.error(row, col, f"{_show(value)} is not {wanted}.")

    def number(self, row: int, col: int) -> float | None:
        """A typed, finite number, or None for a blank cell. A formula is taken by the value
        its tool computed, and a number stored as text by its digits, each with a note;
        a formula saved without its value (a tool that does not calculate) is refused."""
        value, kind = self.get(row, col)
        if value is None or value == "":
            return None
        if kind == "f":
            value, kind = self._computed(row, col), "computed"
        elif kind == "s":
            value, kind = self._digits(row, col, value), "text"
        if isinstance(value, int | float) and not isinstance(value, bool):
            if not math.isfinite(value):
                raise self.error(row, col, f"{value!r} is not a finite number.")
            if kind != "n":
                self._note(row, col, kind, value)
            return float(value)
        raise self._refuse(row, col, value, kind, "a number")

    def _computed(self, row: int, col: int) -> float:
        """The value a formula's tool saved with it; refused when there is none."""
        try:
            cached = self.values[row][col]
        except IndexError:
            cached = ""
        if isinstance(cached, int | float) and not isinstance(cached, bool):
            return cached
        raise self.error(
            row,
            col,
            "a formula is not allowed here and its value was not saved with it "
            "(the tool that saved the file does not calculate); type a number.",
        )

    def _digits(self, row: int, col: int, text: str) -> float:
        """A number stored as text ("2.6", "1,250.5", "8 %"); other text is refused."""
        try:
            reading = read_number(text)
        except NumberError:
            reading = None
        if reading is None:
            raise self.error(row, col, f"{_show(text)} is not a number.")
        return reading.value

    def _note(self, row: int, col: int, kind: str, value: float) -> None:
        how = "the formula's computed value" if kind == "computed" else "text read as a number"
        self.notes.append((cell(row, col), f"{how}, {number(value, 10)}, was taken"))

    def integer(self, row: int, col: int) -> int | None:
        value = self.number(row, col)
        if value is None:
            return None
        if not value.is_integer():
            raise self.error(row, col, f"{value!r} is not a whole number.")
        return int(value)

    def text(self, row: int, col: int) -> str:
        """Text as typed; a number typed into a text cell is taken as its digits."""
        value, kind = self.get(row, col)
        if value is None:
            return ""
        if kind in ("e", "f"):
            raise self._refuse(row, col, value, kind, "text")
        if isinstance(value, bool):
            return "yes" if value else "no"
        if isinstance(value, dt.datetime | dt.date):
            return value.date().isoformat() if isinstance(value, dt.datetime) else value.isoformat()
        if isinstance(value, int | float):
            return str(int(value)) if float(value).is_integer() else repr(value)
        if not isinstance(value, str):  # a time of day or a duration
            return str(value)
        if len(value) > CELL_LIMIT:
            raise self.error(
                row,
                col,
                f"the text is {len(value):,} characters long; Excel keeps at most {CELL_LIMIT:,}.",
            )
        return value

    def date_text(self, row: int, col: int) -> str:
        """A date as text (2024, 2024-06, 2024-06-30). A date a spreadsheet turned into its
        serial number (45731, in a General cell) is unambiguous beyond the four-digit years,
        so it is read as the date it stands for, with a note."""
        value, kind = self.get(row, col)
        is_serial = kind == "n" and not isinstance(value, bool) and float(value).is_integer()
        if is_serial and FIRST_SERIAL <= value <= LAST_SERIAL:
            day = (EPOCH + dt.timedelta(days=int(value))).isoformat()
            self.notes.append((cell(row, col), f"the date serial {int(value)} was taken as {day}"))
            return day
        return self.text(row, col)

    def flag(self, row: int, col: int) -> bool:
        """A yes/no cell: "yes", "y", "true", "x" or TRUE mean yes; blank means no."""
        text = self.text(row, col).strip().casefold()
        if text in ("", "no", "n", "false"):
            return False
        if text in ("yes", "y", "true", "x"):
            return True
        raise self.error(row, col, f"{_show(text)} is not yes or no.")


def _show(value) -> str:
    text = str(value)
    return repr(text if len(text) <= 40 else text[:37] + "...")
