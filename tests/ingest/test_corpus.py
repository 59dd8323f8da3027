"""Every layout of the corpus imports as the same market, by default (or one option)."""

from __future__ import annotations

import datetime

import pytest
from openpyxl import Workbook

from tests.ingest import corpus
from workbench.core.project import TOTAL
from workbench.ingest import Mapping, plan

# layout → (number in the source per model number, dimension name, mapping options)
EXPECTED = {
    "years across, Total label": (1, "Region", {}),
    "SUM formula total": (1, "Region", {}),
    "years down": (1, "Segment", {}),
    "long CSV": (1, "Region", {}),
    "title rows and footnotes (USD million)": (1000, "Region", {}),
    "merged header cells": (1, "Region", {}),
    "unit in the title": (1, "Region", {}),
    "thousands separators (USD thousand)": (1000, "Region", {}),
    "semicolon CSV with decimal commas (cp1252)": (1, "Region", {}),
    "two tables on one sheet": (1, "Region", {}),
    "blank separator rows between blocks": (1, "Region", {}),
    "marked years (FY, E, F)": (1, "Region", {}),
    "labels indented, CAGR column": (1, "Region", {}),
    "two tables side by side": (1, "Region", {}),
    "Actual / Forecast banner over the years": (1, "Region", {}),
    "unit column, growth rows and a subtotal": (1, "Region", {}),
    "years descending across": (1, "Region", {}),
    "years descending down (CSV)": (1, "Segment", {}),
    "hidden rows and columns": (1, "Region", {}),
    "a percent-formatted memo row": (1, "Region", {}),
}


def test_the_corpus_has_every_layout_of_the_brief():
    assert len(corpus.LAYOUTS) >= 12 and set(EXPECTED) == set(corpus.LAYOUTS)


@pytest.mark.parametrize("layout", sorted(corpus.LAYOUTS))
def test_layout_imports_history_of_every_segment_and_the_total(layout, tmp_path):
    factor, dimension_name, options = EXPECTED[layout]
    path = corpus.LAYOUTS[layout](tmp_path)
    project = plan(path, Mapping(**options)).result()
    dim = next(d for d in project.dimensions if d.name == dimension_name)
    members = {m.name: m.id for m in dim.members}
    assert list(members) == ["China", "North America"]
    base = project.metadata.base_year
    for name, values in corpus.ROWS.items():
        for year, value in zip(corpus.YEARS, values, strict=True):
            if year <= base:
                assert project.history[(members[name], year)] == pytest.approx(value * factor)
    for year, value in zip(corpus.YEARS, corpus.TOTAL, strict=True):
        if year <= base and layout != "long CSV":
            assert project.history[(TOTAL, year)] == pytest.approx(value * factor)


def test_sum_formulas_mark_the_total_row_whatever_its_label(tmp_path):
    made = plan(corpus.sum_formula_total(tmp_path))
    assert made.resolved.total.label == "Market"
    assert made.resolved.total.total_by == "formula"


def test_a_unit_in_the_title_sets_the_new_projects_unit(tmp_path):
    assert plan(corpus.title_rows_and_footnotes(tmp_path)).result().metadata.unit == "USD millions"
    assert plan(corpus.unit_in_title(tmp_path)).result().metadata.unit == "USD billions"


def test_footnotes_are_not_rows(tmp_path):
    made = plan(corpus.title_rows_and_footnotes(tmp_path))
    assert made.resolved.table.footnotes == [
        "Source: Example Research, 2025.", "Note: 2024 is preliminary."
    ]
    assert made.resolved.table.title == "Micro drama revenue by region — USD million"


def test_the_second_table_of_a_sheet_is_one_option_away(tmp_path):
    made = plan(corpus.two_tables(tmp_path), Mapping(table=2))
    project = made.result()
    china = next(m.id for d in project.dimensions for m in d.members if m.name == "China")
    assert project.history[(china, 2019)] == pytest.approx(100.0)
    assert project.metadata.unit == "millions"


def test_blocks_under_headings_become_dimensions_and_bottom_up_from_the_first(tmp_path):
    project = plan(corpus.blank_separated_groups(tmp_path)).result()
    assert [d.name for d in project.dimensions] == ["Region", "Technology"]
    assert [m.name for m in project.dimensions[1].members] == ["Apps", "Mini programs"]
    assert project.mode == "bottom_up" and project.primary_dimension == project.dimensions[0].id


def test_a_forecast_banner_marks_its_years(tmp_path):
    meta = plan(corpus.forecast_banner(tmp_path)).result().metadata
    assert (meta.base_year, meta.last_year) == (2021, 2024)


def test_marked_years_are_forecast_pins_and_history_ends_before_them(tmp_path):
    made = plan(corpus.marked_years(tmp_path))
    project = made.result()
    meta = project.metadata
    assert (meta.first_year, meta.base_year, meta.last_year) == (2019, 2021, 2024)
    china = project.dimensions[0].members[0].id
    base = project.scenarios[0].id
    assert project.pins[(base, china, 2023)] == pytest.approx(4.5)
    assert (base, TOTAL, 2023) not in project.pins  # bottom-up: the total is the sum
    assert any("Forecast: " in line and "pins in Base" in line for line in made.summary)


def test_short_fiscal_years_are_a_header(tmp_path):
    # FY21..FY25E is how vendors label fiscal years; a bare 21 stays a number.
    path = tmp_path / "fy.csv"
    path.write_text("Segment,FY21,FY22,FY'23,FY24,FY25E\nA,1,2,3,4,5\nB,2,3,4,5,6\n")
    table = plan(path).resolved.table
    assert table.years == [2021, 2022, 2023, 2024, 2025]
    assert table.forecast_marked == {2025}


def test_numbers_with_footnote_markers_are_numbers(tmp_path):
    # "12.3*" and "7¹" are figures with a footnote, not blanks; "(15)" stays a negative.
    path = tmp_path / "notes.csv"
    path.write_text("Segment,2020,2021,2022\nNorth,12.3*,7¹,(15)\nSouth,20 (1),21,22\n")
    project = plan(path).result()
    ids = {m.name: m.id for d in project.dimensions for m in d.members}
    assert project.history[(ids["North"], 2020)] == 12.3
    assert project.history[(ids["North"], 2021)] == 7.0
    assert project.history[(ids["North"], 2022)] == -15.0
    assert project.history[(ids["South"], 2020)] == 20.0


def test_a_total_labelled_row_of_sum_formulas_saved_without_results_is_their_sum(tmp_path):
    # openpyxl and many generators save formulas without cached results: the "Total" row
    # must still be the sum, so the table is bottom-up and its forecast pins survive.
    book = Workbook()
    sheet = book.active
    sheet.append(["Segment", 2022, 2023, "2024E", "2025E"])
    sheet.append(["Total", "=SUM(B3:B4)", "=SUM(C3:C4)", "=SUM(D3:D4)", "=SUM(E3:E4)"])
    sheet.append(["Hardware", 10, 11, 12, 13])
    sheet.append(["Software", 20, 21, 22, 23])
    book.save(tmp_path / "vendor.xlsx")
    made = plan(tmp_path / "vendor.xlsx")
    assert made.resolved.mode == "bottom_up"
    project = made.result()
    assert project.history[(TOTAL, 2022)] == 30.0
    assert project.history[(TOTAL, 2023)] == 32.0
    hardware = project.dimensions[0].members[0].id
    assert project.pins[(project.scenarios[0].id, hardware, 2025)] == 13.0


def test_a_world_bank_csv_takes_names_not_codes_and_no_row_is_a_dimension(tmp_path):
    # World Development Indicators: name, code, indicator, indicator code, then years.
    # Each country's name beside its code is not a heading of a one-row dimension.
    path = tmp_path / "API_NY.GDP.csv"
    path.write_text(
        '"Data Source","World Development Indicators",\n\n'
        '"Country Name","Country Code","Indicator Name","Indicator Code","2019","2020","2021",\n'
        '"Germany","DEU","GDP (current US$)","NY.GDP.MKTP.CD","3.9","3.8","4.2",\n'
        '"France","FRA","GDP (current US$)","NY.GDP.MKTP.CD","2.7","2.6","2.9",\n'
    )
    project = plan(path).result()
    assert [(d.name, [m.name for m in d.members]) for d in project.dimensions] == [
        ("Country Name", ["Germany", "France"])
    ]
    assert project.history[(project.dimensions[0].members[1].id, 2021)] == 2.9


@pytest.mark.parametrize(
    "text",
    [
        "Region,2019,2020,2021\nNA,1,2,3\nEU,2,3,4\nX,3,4,5\n",
        "region,year,value\nNA,2019,1\nNA,2020,2\nNA,2021,3\nEU,2019,2\nEU,2020,3\nEU,2021,4\n"
        "X,2019,3\nX,2020,4\nX,2021,5\n",
    ],
    ids=["years across", "long"],
)
def test_na_and_x_are_segment_names_where_a_label_stands(tmp_path, text):
    # "NA" is North America and "X" a platform: among numbers they mean 'no number', but
    # as a row label they are names (they were refused, or silently dropped in long files).
    path = tmp_path / "regions.csv"
    path.write_text(text)
    project = plan(path).result()
    assert [m.name for m in project.dimensions[0].members] == ["NA", "EU", "X"]
    assert project.history[(project.dimensions[0].members[0].id, 2021)] == 3.0


def test_a_header_of_year_end_dates_is_a_header_of_years(tmp_path):
    # Vendor and terminal exports label columns 31/12/2019, 31/12/2020, … as dates.
    book = Workbook()
    book.active.append(["Segment", *(datetime.date(y, 12, 31) for y in (2019, 2020, 2021))])
    book.active.append(["A", 1, 2, 3])
    book.active.append(["B", 2, 3, 4])
    book.save(tmp_path / "dates.xlsx")
    table = plan(tmp_path / "dates.xlsx").resolved.table
    assert table.years == [2019, 2020, 2021]
    assert [row.values for row in table.rows][1] == {2019: 2.0, 2020: 3.0, 2021: 4.0}


def test_eurostat_flags_after_numbers_keep_the_number(tmp_path):
    # Eurostat's tables write "1234.5 p" (provisional), "980 e" (estimated), "12 bep";
    # such figures were left blank. "7 bn" is not a flag and stays text.
    path = tmp_path / "estat.tsv"
    path.write_text("geo\\time\t2019\t2020\t2021\nDE\t1234.5 p\t980 e\t12 bep\nFR\t1\t2\t7 bn\n")
    rows = plan(path).resolved.table.rows
    assert rows[0].values == {2019: 1234.5, 2020: 980.0, 2021: 12.0}
    assert rows[1].values == {2019: 1.0, 2020: 2.0, 2021: None}


def test_without_a_total_row_the_totals_history_is_the_sum_of_the_segments(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("Segment,2020,2021,2022\nA,1,2,3\nB,4,5,6.25\n")
    project = plan(path).result()
    assert project.mode == "bottom_up"
    assert [project.history[(TOTAL, y)] for y in (2020, 2021, 2022)] == [5.0, 7.0, 9.25]
    assert project.notes[("", TOTAL, 2022)] == "The sum of the segments imported from t.csv."
