"""The formulas of the value sheets, as the XML text between <f> and </f>.

They reproduce docs/forecast-semantics.md and the engine's treatment of blanks (each growth method's
formula comes from its entry in the registry): a blank input (history, a manual value,
K or r of an S-curve) is no number, so everything computed from it is
#N/A in Excel, just as it is NaN (shown blank) in the engine. Excel would otherwise count
a blank as 0 and show a forecast the engine does not. So every formula that reads a typed
cell which may be blank reads it through `typed()`; formulas reading other formulas need
not, because the #N/A flows on by itself (SUM included).

Sheet names come XML-escaped and quoted (see `sheet_prefix`); everything else in these
formulas is plain ASCII that needs no escaping.
"""

from __future__ import annotations

from workbench.core.methods import method as growth_method
from workbench.core.methods.base import FormulaCells, blank_is_na
from workbench.core.project import Metadata
from workbench.excel.assumptions import growth_cell
from workbench.excel.layout import ASSUMPTIONS, quoted
from workbench.excel.sheet_xml import column_letters, formula_xml


def sheet_prefix(sheet: str) -> str:
    """`'Sheet name'!`, escaped for XML, to put before a cell reference."""
    return formula_xml(quoted(sheet)) + "!"


typed = blank_is_na
"""A typed cell's value, or #N/A where it is blank (the engine's NaN)."""


def growth_ratio(start: str, end: str, periods: int) -> str:
    """CAGR = (end/start)^(1/periods) - 1, #N/A where the engine's `growth_ratio` is NaN
    (a blank, a start at or below zero, a negative end)."""
    return f"IF(AND(ISNUMBER({end}),{start}>0,{end}>=0),({end}/{start})^(1/{periods})-1,NA())"


class MethodFormulas:
    """The forecast formulas of one series for its growth method, as the method's entry in
    the registry builds them, reading the inputs on its row of the Assumptions sheet
    (`arow`, 1-based)."""

    def __init__(
        self, method: str, arow: int, meta: Metadata, assumptions: str = ASSUMPTIONS
    ) -> None:
        self.method = growth_method(method)
        self.arow = arow
        self.meta = meta
        self.prefix = sheet_prefix(assumptions)

    def formula(self, j: int, prev: str, base: str) -> str:
        """Forecast year j (0-based) from the previous year's cell `prev` and the base
        year's cell `base`."""
        year = self.meta.base_year + 1 + j
        inputs = {p.field: self._input(p.field, p.by_year, year) for p in self.method.parameters}
        return self.method.formula(FormulaCells(prev, base, j + 1, inputs))

    def _input(self, field: str, by_year: bool, year: int) -> str:
        """A fixed input is `$C$7`; a year's input keeps its column relative, `C$7`."""
        col = column_letters(growth_cell(self.meta, self.arow - 1, field, year))
        return f"{self.prefix}{'' if by_year else '$'}{col}${self.arow}"
