"""The formulas of the value sheets, as the XML text between <f> and </f>.

They reproduce DESIGN.md §3 and the engine's treatment of blanks: a blank input (history,
a manual value, K or r of an S-curve) is no number, so everything computed from it is
#N/A in Excel, just as it is NaN (shown blank) in the engine. Excel would otherwise count
a blank as 0 and show a forecast the engine does not. So every formula that reads a typed
cell which may be blank reads it through `typed()`; formulas reading other formulas need
not, because the #N/A flows on by itself (SUM included).

Sheet names come XML-escaped and quoted (see `sheet_prefix`); everything else in these
formulas is plain ASCII that needs no escaping.
"""

from __future__ import annotations

from workbench.core.project import Metadata
from workbench.excel.assumptions import K_COL, R_COL, RATE_COL, RATES_COL0, manual_col
from workbench.excel.layout import ASSUMPTIONS, quoted
from workbench.excel.sheet_xml import column_letters, formula_xml

ASSUMPTIONS_PREFIX = formula_xml(quoted(ASSUMPTIONS)) + "!"


def sheet_prefix(sheet: str) -> str:
    """`'Sheet name'!`, escaped for XML, to put before a cell reference."""
    return formula_xml(quoted(sheet)) + "!"


def typed(ref: str) -> str:
    """A typed cell's value, or #N/A where it is blank (the engine's NaN)."""
    return f"IF(ISBLANK({ref}),NA(),{ref})"


def growth_ratio(start: str, end: str, periods: int) -> str:
    """CAGR = (end/start)^(1/periods) - 1, #N/A where the engine's `growth_ratio` is NaN
    (a blank, a start at or below zero, a negative end)."""
    return f"IF(AND(ISNUMBER({end}),{start}>0,{end}>=0),({end}/{start})^(1/{periods})-1,NA())"


class MethodFormulas:
    """The forecast formulas of one series for its growth method (DESIGN.md §3), reading
    the inputs on its row of the Assumptions sheet (`arow`, 1-based)."""

    def __init__(self, method: str, arow: int, meta: Metadata) -> None:
        self.method = method
        self.arow = arow
        self.manual0 = manual_col(meta, 0)
        self.rate = f"{ASSUMPTIONS_PREFIX}${column_letters(RATE_COL)}${arow}"
        self.k = f"{ASSUMPTIONS_PREFIX}${column_letters(K_COL)}${arow}"
        self.r = f"{ASSUMPTIONS_PREFIX}${column_letters(R_COL)}${arow}"

    def formula(self, j: int, prev: str, base: str) -> str:
        """Forecast year j (0-based) from the previous year's cell `prev` and the base
        year's cell `base`."""
        if self.method == "cagr":
            return f"{prev}*(1+{self.rate})"
        if self.method == "growth_by_year":
            rate = f"{ASSUMPTIONS_PREFIX}{column_letters(RATES_COL0 + j)}${self.arow}"
            return f"{prev}*(1+{rate})"
        if self.method == "s_curve":
            k, r = self.k, self.r
            curve = f"{k}/(1+(({k}-{base})/{base})*EXP(-{r}*{j + 1}))"
            return f"IF(OR(ISBLANK({k}),ISBLANK({r})),NA(),{curve})"
        return typed(f"{ASSUMPTIONS_PREFIX}{column_letters(self.manual0 + j)}${self.arow}")
