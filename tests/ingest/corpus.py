"""A corpus of foreign layouts, written fresh into a folder by each test that needs one.

Each layout is the kind of file an analyst is handed: vendor exports with title rows and
footnotes, statistics-office CSVs, their own models with SUM rows. Every layout carries
the same market (two segments, a total; or two dimensions) so the tests can state, by
hand, what each one must import as.
"""

from __future__ import annotations

import csv
import itertools
from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.utils import get_column_letter

YEARS = list(range(2019, 2025))
CHINA = [1.0, 1.5, 2.0, 3.0, 4.5, 6.0]
NORTH_AMERICA = [0.5, 0.75, 1.25, 1.5, 2.0, 2.5]
TOTAL = [a + b for a, b in zip(CHINA, NORTH_AMERICA, strict=True)]
ROWS = {"China": CHINA, "North America": NORTH_AMERICA}


def _book(path: Path, rows: list[list], merge: list[str] = ()) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = "Data"
    for row in rows:
        sheet.append(row)
    for cells in merge:
        sheet.merge_cells(cells)
    book.save(path)
    return path


def _csv(path: Path, rows: list[list], delimiter: str = ",", encoding: str = "utf-8") -> Path:
    with open(path, "w", newline="", encoding=encoding) as fh:
        csv.writer(fh, delimiter=delimiter).writerows(rows)
    return path


def _across(title: list[list] = (), total: str | None = "Total") -> list[list]:
    rows = [*title, ["Region", *YEARS]]
    rows += [[name, *values] for name, values in ROWS.items()]
    if total is not None:
        rows.append([total, *TOTAL])
    return rows


def years_across_total_label(folder: Path) -> Path:
    return _book(folder / "across.xlsx", _across())


def sum_formula_total(folder: Path) -> Path:
    """The total row is labelled 'Market' (not a total word) and holds SUM formulas."""
    rows = _across(total=None)
    last = len(rows)
    sums = [f"=SUM({get_column_letter(c)}2:{get_column_letter(c)}{last})" for c in range(2, 8)]
    rows.append(["Market", *sums])
    return _book(folder / "sums.xlsx", rows)


def years_down(folder: Path) -> Path:
    rows = [["Year", *ROWS, "Total"]]
    rows += [[y, c, n, t] for y, c, n, t in zip(YEARS, CHINA, NORTH_AMERICA, TOTAL, strict=True)]
    return _book(folder / "down.xlsx", rows)


def long_csv(folder: Path) -> Path:
    rows = [["region", "year", "value"]]
    for name, values in ROWS.items():
        rows += [[name, y, v] for y, v in zip(YEARS, values, strict=True)]
    return _csv(folder / "long.csv", rows)


def title_rows_and_footnotes(folder: Path) -> Path:
    title = [["Micro drama revenue by region"], ["USD million"], []]
    rows = _across(title)
    rows = [r if i < 3 else [r[0], *[v * 1000 if isinstance(v, float) else v for v in r[1:]]]
            for i, r in enumerate(rows)]
    rows += [[], ["Source: Example Research, 2025."], ["Note: 2024 is preliminary."]]
    return _book(folder / "titled.xlsx", rows)


def merged_header(folder: Path) -> Path:
    rows = [["Market size (USD bn)", *([None] * 6)], *_across()]
    return _book(folder / "merged.xlsx", rows, merge=["A1:G1"])


def unit_in_title(folder: Path) -> Path:
    rows = _across([["Revenue, US$ bn"]])
    return _book(folder / "unit-title.xlsx", rows)


def thousands_separators(folder: Path) -> Path:
    rows = [["Region", *YEARS]]
    for name, values in ROWS.items():
        rows.append([name, *[f"{v * 1000:,.1f}" for v in values]])
    rows.append(["Total", *[f"{v * 1000:,.1f}" for v in TOTAL]])
    return _csv(folder / "thousands.csv", [["Revenue (USD thousand)"], *rows])


def semicolon_decimal_comma(folder: Path) -> Path:
    rows = [["Region", *YEARS]]
    for name, values in {**ROWS, "Total": TOTAL}.items():
        rows.append([name, *[f"{v:.2f}".replace(".", ",") for v in values]])
    return _csv(folder / "semicolon.csv", rows, delimiter=";", encoding="cp1252")


def two_tables(folder: Path) -> Path:
    """Value by region, then (after two blank rows) growth in % by region."""
    rows = _across([["Table 1: revenue, USD bn"]])
    rows += [[], [], ["Table 2: viewers, millions"], ["Region", *YEARS]]
    rows += [["China", *[v * 100 for v in CHINA]]]
    rows += [["North America", *[v * 10 for v in NORTH_AMERICA]]]
    return _book(folder / "two.xlsx", rows)


def blank_separated_groups(folder: Path) -> Path:
    """A total, then two blocks under headings, separated by blank rows."""
    rows = [["USD bn", *YEARS], ["Total market", *TOTAL], [], ["By region"]]
    rows += [[name, *values] for name, values in ROWS.items()]
    rows += [[], ["By technology"], ["Apps", *[v * 0.6 for v in TOTAL]],
             ["Mini programs", *[v * 0.4 for v in TOTAL]]]
    return _book(folder / "groups.xlsx", rows)


def marked_years(folder: Path) -> Path:
    header = ["Region", "FY2019", "FY2020", "FY2021", "2022E", "2023F", "2024F"]
    rows = [header, *[[n, *v] for n, v in ROWS.items()], ["Total", *TOTAL]]
    return _book(folder / "marked.xlsx", rows)


def cagr_column_and_indent(folder: Path) -> Path:
    """Labels in column B (A blank) and a CAGR column after the years."""
    rows = [[None, "Region", *YEARS, "CAGR 2019–2024"]]
    for name, values in {**ROWS, "Total": TOTAL}.items():
        rows.append([None, name, *values, (values[-1] / values[0]) ** 0.2 - 1])
    return _book(folder / "indented.xlsx", rows)


def side_by_side(folder: Path) -> Path:
    left = _across()
    right = [["Region", *YEARS]] + [[n, *[v * 2 for v in vals]] for n, vals in ROWS.items()]
    right += [[None] * 7]
    rows = [[*a, None, *b] for a, b in zip(left, right, strict=True)]
    return _book(folder / "side.xlsx", rows)


def subtotals_growth_and_units(folder: Path) -> Path:
    """A unit column between labels and years, a growth row, a subtotal and the total."""
    rows = [["Region", "Unit", *YEARS]]
    for name, values in ROWS.items():
        rows.append([name, "USD bn", *values])
        growth = [None] + [b / a - 1 for a, b in itertools.pairwise(values)]
        rows.append(["  y/y growth", "%", *growth])
    rows.append(["Total Asia (memo)", "USD bn", *CHINA])
    rows.append(["Total", "USD bn", *TOTAL])
    return _book(folder / "subtotals.xlsx", rows)


def forecast_banner(folder: Path) -> Path:
    """'Actual' over 2019–2021 and 'Forecast' over 2022–2024, merged, above the years."""
    rows = [[None, "Actual", None, None, "Forecast", None, None], *_across()]
    return _book(folder / "banner.xlsx", rows, merge=["B1:D1", "E1:G1"])


def descending_across(folder: Path) -> Path:
    """The newest year first (2024 … 2019), as some vendors and ministries print them."""
    rows = [["Region", *reversed(YEARS)]]
    for name, values in {**ROWS, "Total": TOTAL}.items():
        rows.append([name, *reversed(values)])
    return _book(folder / "descending.xlsx", rows)


def descending_down(folder: Path) -> Path:
    """Years down the rows, the newest first."""
    rows = [["Year", *ROWS, "Total"]]
    columns = zip(YEARS, CHINA, NORTH_AMERICA, TOTAL, strict=True)
    rows += [list(r) for r in reversed(list(columns))]
    return _csv(folder / "descending-down.csv", rows)


def hidden_rows_and_columns(folder: Path) -> Path:
    """An analyst's own sheet: a hidden working row and an old scenario's row between the
    segments (rows 3 and 4), and two hidden years of an old forecast (columns H and I)."""
    rows = [["Region", *YEARS, 2025, 2026], ["China", *CHINA, 7.0, 8.0],
            ["Working: China adj.", *[0.1] * 8], ["Old scenario: China", *[9.0] * 8],
            ["North America", *NORTH_AMERICA, 3.0, 3.5], ["Total", *TOTAL, 10.0, 11.5]]
    path = _book(folder / "hidden.xlsx", rows)
    book = load_workbook(path)
    sheet = book.active
    for row in (3, 4):
        sheet.row_dimensions[row].hidden = True
    for col in ("H", "I"):
        sheet.column_dimensions[col].hidden = True
    book.save(path)
    return path


def percent_formatted_row(folder: Path) -> Path:
    """A margin row stored as fractions (0.12) but formatted as percentages ("12.0%"); its
    label says nothing of growth or shares."""
    rows = [*_across(), ["Operating margin", *[0.12, 0.1, 0.14, 0.15, 0.13, 0.16]]]
    path = _book(folder / "margin.xlsx", rows)
    book = load_workbook(path)
    for cell in book.active[len(rows)][1:]:
        cell.number_format = "0.0%"
    book.save(path)
    return path


LAYOUTS = {
    "years across, Total label": years_across_total_label,
    "SUM formula total": sum_formula_total,
    "years down": years_down,
    "long CSV": long_csv,
    "title rows and footnotes (USD million)": title_rows_and_footnotes,
    "merged header cells": merged_header,
    "unit in the title": unit_in_title,
    "thousands separators (USD thousand)": thousands_separators,
    "semicolon CSV with decimal commas (cp1252)": semicolon_decimal_comma,
    "two tables on one sheet": two_tables,
    "blank separator rows between blocks": blank_separated_groups,
    "marked years (FY, E, F)": marked_years,
    "labels indented, CAGR column": cagr_column_and_indent,
    "two tables side by side": side_by_side,
    "Actual / Forecast banner over the years": forecast_banner,
    "unit column, growth rows and a subtotal": subtotals_growth_and_units,
    "years descending across": descending_across,
    "years descending down (CSV)": descending_down,
    "hidden rows and columns": hidden_rows_and_columns,
    "a percent-formatted memo row": percent_formatted_row,
}
