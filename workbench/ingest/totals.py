"""Which row of a foreign table is the total, and whether the segments add up to it.

Published tables round: a total of 10.0 over segments 3.33, 3.33 and 3.33 is exact for
the publisher. So "adds up" means within half a unit of the last printed digit per row
added, and the same tolerance decides later whether the model is bottom-up (the
segments are the market) or top-down (the total has its own figures).
"""

from __future__ import annotations

import math
import re

from workbench.ingest.grid import Grid, cell_position
from workbench.ingest.tables import Row, Table

# Eurostat's aggregates (EU27_2020, EA20) stand for the whole of the countries listed.
_TOTAL = re.compile(
    r"^(?:grand\s+total|total\b.*|.*\btotal|all\b.*|global(?:\s+market)?|"
    r"world(?:wide)?(?:\s+market)?|overall(?:\s+market)?|whole\s+market|sum|"
    r"(?:EU|EA)\d{2}(?:_\d{4})?)$",
    re.I,
)
_SUM = re.compile(r"^\s*=?\s*(?:_xlfn\.)?(?:SUM|SUBTOTAL|AGGREGATE)\s*\(", re.I)


def is_total_label(label: str) -> bool:
    return bool(_TOTAL.match(label.strip()))


_GRAND = re.compile(r"^(?:grand\s+total|total|total\s+market(?:\s+size)?|market\s+total|"
                    r"global(?:\s+(?:total|market))?|world(?:wide)?(?:\s+total)?)$", re.I)
_DERIVED = re.compile(
    r"(?:\bgrowth\b|\by/y\b|\byoy\b|%\s*change|\bcagr\b|\bshare\b|^memo\b|^of\s+which\b|"
    r"^o/w\b|^thereof\b|^\s*%)",
    re.I,
)


def set_aside(table: Table) -> None:
    """Rows that are no segment: growth rates, shares, memo and 'of which' lines, and rows of
    percentages in a table of sizes (a whole table of percentages is refused later)."""
    sizes = not (table.unit and table.unit.percent)
    for row in table.rows:
        if _DERIVED.search(row.label):
            row.set_aside = "a growth, share or memo row"
        elif row.percent and sizes:
            row.set_aside = "percentages: rates or shares, not sizes"


def mark_total(table: Table, grid: Grid | None = None) -> None:
    """Mark the table's total row: by label, then by SUM formulas, then by the sum itself.

    Of several rows labelled as totals, the grand total is the one named plainly (Total,
    Grand total, World) or else the last; the others are subtotals and set aside.
    """
    set_aside(table)
    labelled = [r for r in table.rows if not r.set_aside and is_total_label(r.label)]
    if labelled:
        plain = [r for r in labelled if _GRAND.match(r.label.strip())]
        total = plain[0] if plain else labelled[-1]
        total.total_by = "label"
        for row in labelled:
            if row is not total:
                row.set_aside = "a subtotal"
        if grid is not None and _sum_formulas(total, grid):
            _fill_uncached(total, table)
        return
    if grid is not None:
        for row in table.rows:
            if _sum_formulas(row, grid):
                row.total_by = "formula"
                _fill_uncached(row, table)
                return
    kept = [r for r in table.rows if not r.set_aside]
    for row in (kept[0], kept[-1]) if len(kept) >= 3 else ():
        if any(
            adds_up(g, row, table.years) and exceeds(g, row, table.years)
            for g in _groups_without(table, row)
        ):
            row.total_by = "sum"
            return


def _fill_uncached(total: Row, table: Table) -> None:
    """A SUM cell saved without its result (openpyxl writes none) is the sum it names."""
    others = [r for r in table.rows if r is not total and not r.set_aside]
    for year, value in total.values.items():
        parts = [r.values.get(year) for r in others]
        if value is None and parts and None not in parts:
            total.values[year] = float(sum(parts))


def _groups_without(table: Table, total: Row) -> list[list[Row]]:
    """The other rows, group by group (each dimension under its heading adds up alone)."""
    groups: dict[str, list[Row]] = {}
    for row in table.rows:
        if row is not total and not row.set_aside:
            groups.setdefault(row.group, []).append(row)
    return list(groups.values())


def _sum_formulas(row: Row, grid: Grid) -> bool:
    formulas = [_formula_at(grid, address) for address in row.cells.values()]
    hits = sum(bool(_SUM.match(f)) for f in formulas if f)
    return hits > 0 and hits >= len(formulas) / 2


def _formula_at(grid: Grid, address: str) -> str:
    return grid.sheet.formulas.get(cell_position(address), "")


def decimals(value: float) -> int:
    """Digits after the point as the number was printed (0.15 → 2; 1e-05 → 5)."""
    text = repr(float(value))
    if "e" in text:
        mantissa, exponent = text.split("e")
        digits = len(mantissa.split(".")[1].rstrip("0")) if "." in mantissa else 0
        return max(0, digits - int(exponent))
    return len(text.split(".")[1].rstrip("0"))


MAX_PLACES = 6


def places(rows: list[Row]) -> int:
    """The finest printed digit among the rows' numbers (at most 6 places)."""
    finest = 0
    for row in rows:
        for value in row.values.values():
            if value is not None and value != round(value, finest):
                finest = max(finest, min(MAX_PLACES, decimals(value)))
                if finest == MAX_PLACES:
                    return finest
    return finest


def tolerance(numbers: list[float], digits: int) -> float:
    """Half a unit of the finest printed digit, once per number added."""
    return 0.5 * 10.0**-digits * len(numbers) + 1e-9 * max(map(abs, numbers), default=0)


def adds_up(rows: list[Row], total: Row, years: list[int]) -> bool:
    """True when, in every year both have numbers, the rows add up to the total."""
    compared = 0
    digits = places([*rows, total])
    for year in years:
        expected = total.values.get(year)
        parts = [r.values.get(year) for r in rows]
        if expected is None or any(v is None for v in parts):
            continue
        compared += 1
        if abs(math.fsum(parts) - expected) > tolerance([*parts, expected], digits):
            return False
    return compared > 0


def exceeds(rows: list[Row], total: Row, years: list[int]) -> bool:
    """True when the total is above its largest row by more than rounding in some year.

    An unlabelled row is taken as the total only then: three regions of 0.01 each add
    up "within rounding" whichever of them is called the total, and a first segment must
    not vanish into a total it merely equals.
    """
    digits = places([*rows, total])
    for year in years:
        expected = total.values.get(year)
        parts = [r.values.get(year) for r in rows]
        if expected is None or any(v is None for v in parts) or not parts:
            continue
        if expected - max(parts) > tolerance([expected, max(parts)], digits):
            return True
    return False


def worst_gap(rows: list[Row], total: Row, years: list[int]) -> tuple[int, float] | None:
    """The year and amount (Σ rows − total) where the rows are furthest from the total."""
    worst = None
    for year in years:
        expected = total.values.get(year)
        parts = [r.values.get(year) for r in rows]
        if expected is None or any(v is None for v in parts):
            continue
        gap = sum(parts) - expected
        if worst is None or abs(gap) > abs(worst[1]):
            worst = (year, gap)
    return worst
