"""Numbers stored as fractions but shown as percentages (0.05 formatted "5 %") are rates
or shares, as if typed "5%": a table of them is refused, a row of them set aside."""

from __future__ import annotations

import pytest
from openpyxl import Workbook

from tests.ingest import corpus
from workbench.ingest import IngestError, Mapping, plan
from workbench.ingest.sheets import read_sheets


def _growth_book(path, number_format="0%"):
    book = Workbook()
    sheet = book.active
    sheet.title = "Growth"
    for row in (["Revenue growth by region"], ["Region", 2021, 2022, 2023, 2024],
                ["China", 0.05, 0.07, 0.06, 0.04], ["Europe", 0.02, 0.03, 0.01, 0.02]):
        sheet.append(row)
    for line in sheet.iter_rows(min_row=3, min_col=2):
        for cell in line:
            cell.number_format = number_format
    book.save(path)
    return path


@pytest.mark.parametrize("number_format", ["0%", "0.00%", "0.0%;[Red]-0.0%"])
def test_a_table_of_percent_formatted_rates_is_refused_as_rates_not_sizes(
    tmp_path, number_format
):
    path = _growth_book(tmp_path / "growth.xlsx", number_format)
    with pytest.raises(IngestError, match=(
        r"^growth\.xlsx, Growth!B2: the table holds percentages \(shares or growth rates\), "
        r"not market sizes; choose a table of values or state its unit\.$"
    )):
        plan(path)
    assert plan(path, Mapping(unit="%")).result()  # stated as they are, they come in


def test_a_literal_percent_sign_in_quotes_is_not_a_percent_format(tmp_path):
    # "0.0\"%\"" shows a % after the number without multiplying by 100: not a percentage.
    path = _growth_book(tmp_path / "literal.xlsx", '0.0"%"')
    assert read_sheets(path)[0].marks.percent_cells == frozenset()


def test_a_percent_formatted_row_in_a_table_of_sizes_is_set_aside(tmp_path):
    made = plan(corpus.percent_formatted_row(tmp_path))
    margin = next(r for r in made.resolved.table.rows if r.label == "Operating margin")
    assert margin.percent and margin.set_aside == "percentages: rates or shares, not sizes"
    assert made.resolved.table.unit is None  # the sizes are not taken for percentages
    assert ("Left out: 'Operating margin' (percentages: rates or shares, not sizes; map it "
            "to take it).") in made.summary
    assert made.resolved.mode == "bottom_up"
    taken = plan(corpus.percent_formatted_row(tmp_path),
                 Mapping(members={"Operating margin": "Operating margin"}))
    assert any(r.label == "Operating margin" for b in taken.resolved.blocks for r in b.rows)


def test_the_sheet_marks_name_the_percent_cells(tmp_path):
    marks = read_sheets(corpus.percent_formatted_row(tmp_path))[0].marks
    assert marks.percent_cells == {(4, c) for c in range(1, 7)}


def test_a_long_table_of_percentages_is_refused_as_rates(tmp_path):
    path = tmp_path / "growth.csv"
    path.write_text("region,year,growth\nA,2020,5%\nA,2021,6%\nA,2022,7%\nB,2020,1%\n"
                    "B,2021,2%\nB,2022,3%\n")
    with pytest.raises(IngestError, match=r"^growth\.csv, growth!B1: the table holds percentages"):
        plan(path)
