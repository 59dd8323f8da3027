"""Shapes from a tester's pass with real-world files: a statistics office's CSV with a unit
column and an aggregate row, a long export with codes beside names, a broker's model with
growth rows under every segment, and imports into the sample that overwrite or stop short."""

from __future__ import annotations

import csv
import itertools

import pytest
from openpyxl import Workbook

from workbench.core.project import TOTAL
from workbench.core.sample import sample_project
from workbench.ingest import Mapping, plan


def _csv(path, rows):
    with open(path, "w", newline="") as fh:
        csv.writer(fh).writerows(rows)
    return path


@pytest.fixture
def eurostat(tmp_path):
    return _csv(tmp_path / "estat.csv", [
        ["freq", "unit", "geo\\TIME_PERIOD", "2019", "2020", "2021", "2022"],
        ["A", "MIO_EUR", "DE", "1290.1", "1402.7", "1511.0", "1622.5 p"],
        ["A", "MIO_EUR", "FR", "951.4", ":", "1010.2", "1066.3"],
        ["A", "MIO_EUR", "EU27_2020", "4700.1", "4802.2", "5010.9", "5288.0 p"],
    ])


def test_a_statistics_office_csv_takes_its_unit_column_and_aggregate_row(eurostat):
    made = plan(eurostat)
    table = made.resolved.table
    assert table.unit.label() == "EUR millions"  # from the constant MIO_EUR column
    assert table.total.label == "EU27_2020" and table.total.total_by == "label"
    assert made.resolved.mode == "top_down"  # two countries do not make the EU
    project = made.result()
    assert [d.name for d in project.dimensions] == ["Geo"]  # not "Geo\TIME_PERIOD"
    assert [m.name for m in project.dimensions[0].members] == ["DE", "FR"]
    assert project.history[(TOTAL, 2022)] == 5288.0
    assert ("fr", 2020) not in project.history  # ":" is Eurostat's "not available"
    assert "Blank in the source, left blank: 1 cell." in made.summary


@pytest.mark.parametrize(("first", "words"), [(2018, "2018 lies"), (2017, "2017–2018 lie")])
def test_years_before_the_projects_are_named_in_a_sentence(tmp_path, first, words):
    years = list(range(first, 2022))
    path = _csv(tmp_path / "t.csv", [["Region", *years], ["Europe", *[1.0] * len(years)]])
    made = plan(path, Mapping(), sample_project())
    assert f"Not taken: {words} outside the project's years (2019–2031)." in made.summary


def test_a_long_export_with_codes_beside_names_has_one_dimension_of_names(tmp_path):
    rows = [["LOCATION", "Country", "MEASURE", "TIME", "Value"]]
    for code, name, values in (("USA", "United States", [410.2, 455.0, 503.7]),
                               ("GBR", "United Kingdom", [60.3, 66.1, 71.0]),
                               ("JPN", "Japan", [120.5, 118.9, 125.2])):
        years = zip((2020, 2021, 2022), values, strict=True)
        rows += [[code, name, "MLN_USD", year, v] for year, v in years]
    project = plan(_csv(tmp_path / "oecd.csv", rows)).result()
    assert [d.name for d in project.dimensions] == ["Country"]  # was one per country
    members = {m.name: m.id for m in project.dimensions[0].members}
    assert list(members) == ["United States", "United Kingdom", "Japan"]
    assert project.history[(members["Japan"], 2021)] == 118.9
    assert project.metadata.unit == "USD millions"


def test_a_long_export_keeps_a_real_grouping_of_as_many_values_as_segments(tmp_path):
    # Two regions by two measures: the measure column is no spelling of the region's.
    rows = [["region", "measure", "year", "value"]]
    for region in ("North", "South"):
        for measure in ("Apps", "Web"):
            rows += [[region, measure, y, 1.0] for y in (2020, 2021, 2022)]
    blocks = plan(_csv(tmp_path / "two.csv", rows)).resolved.blocks
    assert sorted(len(b.rows) for b in blocks) == [2, 2]


def test_a_label_repeated_under_every_segment_is_left_out_once_naming_its_cells(tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(["XYZ Securities — market model"])
    sheet.append(["(RMB mn)"])
    sheet.append(["", "2021A", "2022A", "2023A", "2024E", "2025E"])
    for name, values in (("Paid", [1200, 3100, 26000, 35000, 42000]),
                         ("Ads", [500, 1500, 11000, 15500, 20000])):
        sheet.append([name, *values])
        sheet.append(["  YoY", None, *[b / a - 1 for a, b in itertools.pairwise(values)]])
    sheet.append(["Total", 1700, 4600, 37000, 50500, 62000])
    book.save(tmp_path / "broker.xlsx")
    made = plan(tmp_path / "broker.xlsx")
    assert ("Left out: 'YoY' (A5, A7; a growth, share or memo row; map it to take it)."
            in made.summary)
    assert made.resolved.unit.currency == "CNY" and made.resolved.base_year == 2023


def test_numbers_that_replace_the_projects_own_are_counted(tmp_path):
    path = _csv(tmp_path / "t.csv", [["Region", 2022, 2023, 2024], ["Total", 9.0, 9.5, 10.0]])
    project = sample_project()
    kept = project.history[(TOTAL, 2024)]
    made = plan(path, Mapping(total=""), project)  # "Total" as a segment: nothing replaced
    assert not any("replace" in line for line in made.summary)
    made = plan(path, Mapping(), project)
    assert "History: 3 numbers (2022–2024); 3 of them replace numbers already in the project." in (
        made.summary)
    assert made.result().history[(TOTAL, 2024)] == 10.0 != kept


def test_a_table_that_stops_before_the_base_year_says_what_that_means(tmp_path):
    path = _csv(tmp_path / "t.csv", [["Region", 2020, 2021, 2022], ["Mars", 1, 2, 3]])
    made = plan(path, Mapping(), sample_project())
    assert ("The table stops before the project's base year 2024: a segment without a 2024 "
            "number has no forecast until one is typed.") in made.summary


def test_a_dry_run_needs_no_project_file_and_a_real_run_asks_for_one(eurostat, capsys):
    from workbench.cli import main

    assert main(["import-table", str(eurostat), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "Geo (new dimension): 2 segments" in out and out.endswith("nothing was changed.\n")
    assert main(["import-table", str(eurostat)]) == 2
    assert capsys.readouterr().err == (
        "workbench: Name the project file to import into (or look first: --dry-run).\n")
    assert sorted(p.name for p in eurostat.parent.iterdir()) == ["estat.csv"]
