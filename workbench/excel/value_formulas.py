"""The formulas of the value sheets, as the XML text between <f> and </f>.

They reproduce docs/forecast-semantics.md and the engine's treatment of blanks (each growth
method's formula comes from its entry in the registry): a blank input (history, a manual
value, K or r of an S-curve) is no number, so everything computed from it is #N/A in Excel,
just as it is NaN (shown blank) in the engine. Excel would otherwise count a blank as 0 and
show a forecast the engine does not. So every formula that reads a typed cell which may be
blank reads it through `typed()`; formulas reading other formulas need not, because the
#N/A flows on by itself (SUM included).

Formulas survive a colleague's sort or inserted rows (docs/workbook.md): a formula reads
another row only by that row's id (INDEX/MATCH on the id column, within its block), or a
row that no sort moves (the block's header, total, scale rows) with the row fixed ("C$5").
Its own row it reads relatively, which a sort keeps right because a sorted formula moves
with its row. Assumptions are found by their key column ("scenario|series"). Every
forecast year of a row has the same formula (its references shifted by a column), and the
years a CAGR or an S-curve spans come from the header's year cells, not typed numbers.

Sheet names and ids come XML-escaped (see `sheet_prefix`, `text`); everything else in these
formulas is plain ASCII that needs no escaping.
"""

from __future__ import annotations

from functools import lru_cache

from workbench.core.methods import method as growth_method
from workbench.core.methods.base import FormulaCells, blank_is_na
from workbench.core.project import Metadata
from workbench.excel.assumptions import assumption_key, growth_cell, key_col
from workbench.excel.layout import ASSUMPTIONS, ID_COL, quoted
from workbench.excel.sheet_xml import column_letters, formula_xml


def sheet_prefix(sheet: str) -> str:
    """`'Sheet name'!`, escaped for XML, to put before a cell reference."""
    return formula_xml(quoted(sheet)) + "!"


typed = blank_is_na
"""A typed cell's value, or #N/A where it is blank (the engine's NaN)."""


@lru_cache(maxsize=65536)
def text(value: str) -> str:
    """A text literal ("tiktok"), quotes doubled, escaped for XML (remembered: a large
    export writes the same ids hundreds of thousands of times)."""
    return formula_xml('"' + value.replace('"', '""') + '"')


def at(col: int, row: int) -> str:
    """A relative reference to the 0-based (row, col): the formula's own row."""
    return f"{column_letters(col)}{row + 1}"


def at_row(col: int, row: int) -> str:
    """A reference to the 0-based (row, col) with the row fixed ("C$5"): a row no sort
    moves, read from any row."""
    return f"{column_letters(col)}${row + 1}"


def rows_span(col: int, first: int, last: int) -> str:
    """The rows first..last (0-based) of a column, fixed ("C$8:C$11")."""
    return f"{at_row(col, first)}:{at_row(col, last)}"


class Block:
    """A scenario block's rows (0-based, header to last row) on its sheet; `find` reads a
    row of it by id, wherever a sort or an insert has put that row. `prefix` is the sheet
    prefix for reading the block from another sheet ('' on its own sheet)."""

    def __init__(self, header: int, last: int, prefix: str = "") -> None:
        self.header, self.last, self.prefix = header, last, prefix
        letter = column_letters(ID_COL)
        self._ids = f"{prefix}${letter}${header + 1}:${letter}${last + 1}"
        self._columns: dict[tuple[int, bool], str] = {}

    def find(self, col: int, row_id: str, fixed_col: bool = False) -> str:
        return self.match(col, text(row_id), fixed_col)

    def match(self, col: int, key: str, fixed_col: bool = False) -> str:
        """The cell of column `col` in the row whose id is what the expression `key`
        gives (a cell holding an id, say)."""
        values = self._columns.get((col, fixed_col))
        if values is None:
            letter = ("$" if fixed_col else "") + column_letters(col)
            values = f"{self.prefix}{letter}${self.header + 1}:{letter}${self.last + 1}"
            self._columns[(col, fixed_col)] = values
        return f"INDEX({values},MATCH({key},{self._ids},0))"

    def year(self, col: int) -> str:
        """The year of a column, from the block's header row."""
        return at_row(col, self.header)


def growth_ratio(start: str, end: str, periods: str) -> str:
    """CAGR = (end/start)^(1/periods) - 1, #N/A where the engine's `growth_ratio` is NaN
    (a blank, a start at or below zero, a negative end)."""
    return f"IF(AND(ISNUMBER({end}),{start}>0,{end}>=0),({end}/{start})^(1/({periods}))-1,NA())"


def pinned(pin: str, otherwise: str) -> str:
    """The pin where its cell holds a number, else `otherwise`."""
    return f"IF(ISNUMBER({pin}),{pin},{otherwise})"


def unscaled(value: str, factor: str) -> str:
    """`value` ÷ a year's scale, as the engine continues a chain after a pin: ÷ 1 where the
    scale has no number or is 0."""
    return f"{value}/IF(ISNUMBER({factor}),IF({factor}=0,1,{factor}),1)"


def scaled(value: str, factor: str) -> str:
    """A free segment's projection times its dimension's scale, where it has one."""
    return f"IF(ISNUMBER({factor}),{value}*{factor},{value})"


class MethodFormulas:
    """The forecast formulas of one series for its growth method, as the method's entry in
    the registry builds them, reading the inputs on the series' row of the Assumptions
    sheet (the measure's: `assumptions`), found by its key whatever the order of that
    sheet's rows. `keys` is (scenario id, series id)."""

    def __init__(
        self, keys: tuple[str, str], meta: Metadata, method: str, assumptions: str = ASSUMPTIONS
    ) -> None:
        self.method = growth_method(method)
        self.meta = meta
        self.prefix = sheet_prefix(assumptions)
        key = column_letters(key_col(meta))
        self._row = f"MATCH({text(assumption_key(*keys))},{self.prefix}${key}:${key},0)"

    def formula(self, year: int, prev: str, base: str, step: str) -> str:
        """Forecast `year` from the previous year's value `prev`, the base year's `base`
        and `step`, the years since the base year (formula text, all three)."""
        inputs = {p.field: self._input(p.field, p.by_year, year) for p in self.method.parameters}
        return self.method.formula(FormulaCells(prev, base, step, inputs))

    def _input(self, field: str, by_year: bool, year: int) -> str:
        """A fixed input's column is fixed ($F:$F); a year's input column moves with the
        year (I:I), so every year of a row has the same formula."""
        letter = column_letters(growth_cell(self.meta, 0, field, year))
        column = f"{letter}:{letter}" if by_year else f"${letter}:${letter}"
        return f"INDEX({self.prefix}{column},{self._row})"


def scale_formula(total: str, span: str, pins: str, held: list[str], tol: tuple[str, ...]) -> str:
    """The free segments' scale, (total − Σ fixed) / Σ free, or #N/A wherever the engine
    (`core.reconcile`) finds reconciliation impossible; 1 where nothing needs scaling.

    The fixed segments are those with a number in their pin row (`pins`, the pin rows'
    span), so a pin a colleague types changes the scale, plus the `held` projections of
    held cells that have no pin (each counted as fixed: a held projection is a number or
    #N/A, which COUNT skips as the engine's reconciliation fails there anyway). `tol` is
    (tolerance, near-zero) as named constants."""
    tolerance, near_zero = tol
    extra = "".join(f"+{h}" for h in held)
    fixed_sum, count = f"(SUM({pins}){extra})", f"COUNT({pins}{''.join(f',{h}' for h in held)})"
    left, free = f"({total}-{fixed_sum})", f"(SUM({span})-{fixed_sum})"
    off = f"ABS({left})>{tolerance}*MAX(ABS({total}),1)"
    near = f"AND({free}>0,{free}<{near_zero}*ABS({left}))"
    ratio = f"{left}/{free}"
    some_free = (
        f"IF({off},IF(OR({free}<=0,{left}<0,{near}),NA(),{ratio}),"
        f"IF({free}=0,1,IF({near},NA(),{ratio})))"
    )
    return f"IF({count}>=ROWS({pins}),IF({off},NA(),1),{some_free})"
