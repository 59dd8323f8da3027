"""Our xlsxwriter classes: exact numbers, value-sheet rows rendered in bulk, fast chart caches.

A large project's value sheets hold most of a workbook's ~840,000 cells, nearly all of them
formulas. Going through xlsxwriter's per-cell API (argument decoding, dimension checks, a
tuple per cell, then escaping and attribute lists per cell when the file is written) was
two thirds of the export. So the value sheets render the run of year cells of a row as XML
text themselves (`RowCells`) and hand the worksheet one string per row; the worksheet
writes it in place of those cells. Everything else (styles, strings, charts, packaging)
stays xlsxwriter's.
"""

from __future__ import annotations

import math
from typing import NamedTuple
from xml.sax.saxutils import escape

import xlsxwriter
from xlsxwriter.chart_line import ChartLine
from xlsxwriter.utility import xl_col_to_name
from xlsxwriter.worksheet import Worksheet

_LETTERS = [xl_col_to_name(col) for col in range(16384)]
"""Column letters by index, for building cell references without a function call."""


def number_text(value: float) -> str:
    """A number with all its digits (the shortest text that reads back as the same double)."""
    return repr(float(value))


class RawCells(NamedTuple):
    """A run of a row's cells, already XML; xlsxwriter stores it in place of one cell."""

    xml: str
    format: None = None


_RUN_END = RawCells("")
"""Marks a run's last column, so that the sheet's dimensions and row spans include it."""


class ExactWorksheet(Worksheet):
    """A worksheet that writes every number with all its digits, and formulas as given.

    Our formulas use only arithmetic and a few classic functions, so xlsxwriter's ~30
    regular-expression passes per formula (renaming newer Excel functions) are skipped.
    """

    def write_cells(self, row: int, cells: RowCells) -> None:
        """Store a rendered run of cells; no other cell may be written inside its columns."""
        if not cells.parts:
            return
        self._check_dimensions(row, cells.first)
        self._check_dimensions(row, cells.last)
        stored = self.table[row]
        stored[cells.first] = RawCells("".join(cells.parts))
        if cells.last != cells.first:
            stored[cells.last] = _RUN_END

    def _write_cell(self, row: int, col: int, cell) -> None:
        if cell.__class__ is RawCells:
            self.fh.write(cell.xml)
        else:
            super()._write_cell(row, col, cell)

    def _prepare_formula(self, formula, expand_future_functions=False):
        return formula[1:] if formula.startswith("=") else formula

    def _xml_number_element(self, number, attributes=()) -> None:
        attr = "".join(f' {k}="{self._escape_attributes(v)}"' for k, v in attributes)
        self.fh.write(f"<c{attr}><v>{number_text(number)}</v></c>")


class ExactLineChart(ChartLine):
    """A line chart whose cached points are written with one format call each.

    The cache (the numbers a reader shows before it recalculates) of a chart with 200 lines
    of 31 years is 12,400 points; xlsxwriter's generic tag writer took seconds for them.
    """

    def _write_num_cache(self, data) -> None:
        data = data or []
        points = "".join(
            f'<c:pt idx="{i}"><c:v>{_point(token)}</c:v></c:pt>'
            for i, token in enumerate(data)
            if token is not None
        )
        self.fh.write(
            f'<c:numCache><c:formatCode>General</c:formatCode><c:ptCount val="{len(data)}"/>'
            f"{points}</c:numCache>"
        )


def _point(token) -> str:
    """A cached chart value as xlsxwriter writes it: numbers as given, anything else 0."""
    if isinstance(token, str):
        try:
            float(token)
        except ValueError:
            return "0"
        return escape(token)
    return number_text(token)


class ExactWorkbook(xlsxwriter.Workbook):
    """A workbook of `ExactWorksheet`s whose line charts are `ExactLineChart`s."""

    worksheet_class = ExactWorksheet

    def add_chart(self, options):
        chart = super().add_chart(options)
        if type(chart) is ChartLine:
            chart.__class__ = ExactLineChart  # same state, a faster cache writer
        return chart


class RowCells:
    """The cells of one row, rendered as XML in column order (see ExactWorksheet.write_cells).

    Formulas are given as XML text already: callers escape sheet names once per sheet, not
    once per cell. A value that is not a finite number is cached as #N/A, like the engine's
    blank; None caches an empty result.
    """

    __slots__ = ("first", "last", "parts", "suffix")

    def __init__(self, row: int) -> None:
        self.suffix = str(row + 1)
        self.parts: list[str] = []
        self.first = self.last = -1

    def _ref(self, col: int) -> str:
        if self.first < 0:
            self.first = col
        self.last = col
        return _LETTERS[col] + self.suffix

    def formula(self, col: int, formula_xml: str, style: int, value: float | None) -> None:
        ref = self._ref(col)
        if value is None:
            self.parts.append(f'<c r="{ref}" s="{style}"><f>{formula_xml}</f><v></v></c>')
        elif math.isfinite(value):
            self.parts.append(f'<c r="{ref}" s="{style}"><f>{formula_xml}</f><v>{value!r}</v></c>')
        else:
            self.parts.append(f'<c r="{ref}" s="{style}" t="e"><f>{formula_xml}</f><v>#N/A</v></c>')

    def blank_formula(self, col: int, formula_xml: str, style: int) -> None:
        """A formula whose result is the empty text "" (a cell that shows nothing)."""
        ref = self._ref(col)
        self.parts.append(f'<c r="{ref}" s="{style}" t="str"><f>{formula_xml}</f><v></v></c>')

    def number(self, col: int, value: float | None, style: int) -> None:
        """A typed number, or a styled blank input cell for None."""
        ref = self._ref(col)
        if value is None:
            self.parts.append(f'<c r="{ref}" s="{style}"/>')
        elif not math.isfinite(value):  # as xlsxwriter's nan_inf_to_errors would write it
            self.parts.append(f'<c r="{ref}" s="{style}" t="e"><f>NA()</f><v>#N/A</v></c>')
        else:
            self.parts.append(f'<c r="{ref}" s="{style}"><v>{number_text(value)}</v></c>')


def column_letters(col: int) -> str:
    return _LETTERS[col]


def formula_xml(formula: str) -> str:
    """A formula's text as it goes between <f> and </f> (no leading "=")."""
    return escape(formula)
