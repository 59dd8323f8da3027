"""The engine's figure for every cell a report table prints, worked out in the test.

A cell is checked by its column header: a year is the engine's value of the row's series
that year; "CAGR a–b" is (v[b]/v[a])^(1/(b-a)) - 1 from the engine's values; "Share y" is
v[y]/total[y]; "Value added a–b" is v[b] - v[a]; "Growth on previous year" is v[y]/v[y-1]-1.
The printed text is parsed and compared at the precision it is printed with.
"""

from __future__ import annotations

import math
import re

from workbench.core.project import TOTAL

NUMBER = re.compile(r"^-?[\d,]*\.?\d+( %)?$")


def parse(text: str) -> tuple[float, int, bool]:
    """(value, decimals printed, is a percentage) of a printed number."""
    percent = text.endswith("%")
    digits = text.replace(" %", "").replace(",", "")
    decimals = len(digits.split(".")[1]) if "." in digits else 0
    return float(digits), decimals, percent


def agrees(printed: str, expected: float) -> bool:
    """The printed text equals `expected` rounded to the printed number of decimals."""
    if not math.isfinite(expected):
        return printed == "–"
    value, decimals, percent = parse(printed)
    if percent:
        expected *= 100.0
    return abs(round(expected, decimals) - value) <= 0.5001 * 10**-decimals


def series_by_name(project) -> dict[str, str]:
    names = {"Total market": TOTAL}
    names.update((m.name, m.id) for d in project.dimensions for m in d.members)
    return names


def expected(result, header: str, series: str) -> float | None:
    """The engine's figure for a column header, or None for a column that is not a figure."""
    v = result.value
    if re.fullmatch(r"\d{4}", header):
        return v(series, int(header))
    match = re.fullmatch(r"CAGR (\d{4})–(\d{4})", header.split(" (")[0])
    if match:
        a, b = map(int, match.groups())
        start, end = v(series, a), v(series, b)
        return (end / start) ** (1 / (b - a)) - 1 if start > 0 and end >= 0 else math.nan
    match = re.fullmatch(r"Share (\d{4})", header)
    if match:
        year = int(match.group(1))
        return v(series, year) / v(TOTAL, year)
    match = re.fullmatch(r"Value added (\d{4})–(\d{4})", header)
    if match:
        a, b = map(int, match.groups())
        return v(series, b) - v(series, a)
    return None


def check_table(rows: list[list[str]], result, project) -> int:
    """Assert every figure of a segments-by-column table; returns how many were checked."""
    names = series_by_name(project)
    header, checked = rows[0], 0
    for row in rows[1:]:
        series = names.get(row[0])
        if series is None:
            continue
        for head, cell in zip(header[1:], row[1:], strict=True):
            want = expected(result, head, series)
            if want is None:
                continue
            assert agrees(cell, want), f"{row[0]} / {head}: printed {cell}, engine {want}"
            checked += 1
    return checked
