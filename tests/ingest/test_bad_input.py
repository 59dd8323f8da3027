"""Bad foreign input: one sentence naming the file and the cell, and nothing changed."""

from __future__ import annotations

import zipfile
from dataclasses import fields

import pytest
from openpyxl import Workbook

from tests.ingest import corpus
from workbench.cli import main
from workbench.ingest import IngestError, Mapping, plan
from workbench.ingest.mapping import KINDS


def _book(path, rows):
    book = Workbook()
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


def test_a_file_with_no_numeric_table_says_what_was_looked_for(tmp_path):
    path = _book(tmp_path / "words.xlsx", [["Notes"], ["Nothing to see", "here"]])
    with pytest.raises(IngestError, match=r"words\.xlsx: no table of numbers by year"):
        plan(path)


def test_a_total_that_is_not_the_sum_is_refused_in_bottom_up(tmp_path):
    rows = [["Region", 2019, 2020, 2021], ["A", 1, 2, 3], ["B", 1, 1, 1], ["Total", 2, 3, 9]]
    path = _book(tmp_path / "t.xlsx", rows)
    with pytest.raises(IngestError, match=r"t\.xlsx, Sheet!A4: the total is not the sum.*2021"):
        plan(path, Mapping(mode="bottom_up"))
    assert plan(path).resolved.mode == "top_down"  # by default, it is simply top-down


def test_years_out_of_order_name_the_cell(tmp_path):
    path = _book(tmp_path / "y.xlsx", [["Region", 2019, 2020, 2022, 2021], ["A", 1, 2, 3, 4]])
    expected = r"Sheet!E1: the years are out of order \(2021 after 2022\)"
    with pytest.raises(IngestError, match=expected):
        plan(path)


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ([2019, 2021, 2020, 2022], r"Sheet!D1: the years are out of order \(2020 after 2021\)"),
        ([2022, 2020, 2021, 2019], r"Sheet!D1: the years are out of order \(2021 after 2020\)"),
        ([2019, 2020, 2020, 2021], r"Sheet!D1: the year 2020 appears twice \(also at C1\)"),
        ([2021, 2020, 2020, 2019], r"Sheet!D1: the year 2020 appears twice \(also at C1\)"),
    ],
)
def test_shuffled_or_repeated_years_name_the_cells_and_change_nothing(
    tmp_path, capsys, header, expected
):
    path = _book(tmp_path / "y.xlsx", [["Region", *header], ["A", 1, 2, 3, 4]])
    with pytest.raises(IngestError, match=expected):
        plan(path)
    target = tmp_path / "p.mwp"
    assert main(["import-table", str(path), str(target)]) == 2
    assert len(capsys.readouterr().err.strip().splitlines()) == 1
    assert not target.exists()


def test_falling_years_with_forecast_marks_read_as_rising_ones(tmp_path):
    rows = [["Region", "2026F", "2025E", 2024, 2023, 2022], ["A", 8, 7, 6, 5, 4],
            ["B", 4, 3, 2, 1, 0.5]]  # fmt: skip
    made = plan(_book(tmp_path / "f.xlsx", rows))
    project = made.result()
    assert made.resolved.table.years == [2022, 2023, 2024, 2025, 2026]
    assert (project.metadata.first_year, project.metadata.base_year) == (2022, 2024)
    a = next(m.id for d in project.dimensions for m in d.members if m.name == "A")
    assert [project.history[(a, y)] for y in (2022, 2023, 2024)] == [4, 5, 6]
    base = project.scenarios[0].id
    assert (project.pins[(base, a, 2025)], project.pins[(base, a, 2026)]) == (7, 8)
    assert project.notes[(base, a, 2026)].endswith("Sheet!B2.")


def test_duplicate_segment_names_name_both_cells(tmp_path):
    rows = [["Region", 2019, 2020, 2021], ["China", 1, 2, 3], ["china ", 1, 1, 1]]
    path = _book(tmp_path / "d.xlsx", rows)
    expected = r"Sheet!A3: the segment 'china' appears twice \(also at A2\)"
    with pytest.raises(IngestError, match=expected):
        plan(path)
    assert plan(path, Mapping(skip=["china"])).result()  # one option away


def test_a_percent_table_is_not_taken_for_market_sizes(tmp_path):
    rows = [["Share (%)", 2019, 2020, 2021], ["A", 0.4, 0.5, 0.6], ["B", 0.6, 0.5, 0.4]]
    with pytest.raises(IngestError, match="percentages"):
        plan(_book(tmp_path / "p.xlsx", rows))


def test_a_far_cell_is_refused_before_any_grid_is_allocated(tmp_path):
    path = tmp_path / "far.xlsx"
    book = Workbook()
    book.active["A1"] = "Region"
    book.active["XFD1048576"] = 1
    book.save(path)
    with pytest.raises(IngestError, match=r"far\.xlsx, Sheet!A1: the sheet's cells"):
        plan(path)


def test_a_zip_that_is_not_a_workbook_is_refused(tmp_path):
    path = tmp_path / "z.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "hi")
    with pytest.raises(IngestError, match=r"z\.xlsx: this zip is not an Excel workbook"):
        plan(path)


def test_currency_mismatch_asks_for_a_rate(tmp_path, capsys):
    sample = tmp_path / "s.mwp"
    assert main(["new-sample", str(sample)]) == 0
    rows = [["Revenue (CNY billion)"], ["Region", 2019, 2020, 2021], ["Europe", 1, 2, 3]]
    path = _book(tmp_path / "cny.xlsx", rows)
    before = sample.read_bytes()
    assert main(["import-table", str(path), str(sample)]) == 2
    err = capsys.readouterr().err
    assert "the table is in CNY and the project in USD; give a conversion rate" in err
    assert sample.read_bytes() == before


@pytest.mark.parametrize("layout", ["years across, Total label", "long CSV"])
def test_cli_refusals_leave_the_project_byte_identical(layout, tmp_path, capsys):
    sample = tmp_path / "s.mwp"
    assert main(["new-sample", str(sample)]) == 0
    before = sample.read_bytes()
    path = corpus.LAYOUTS[layout](tmp_path)
    assert main(["import-table", str(path), str(sample), "--scenario", "Nope"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "There is no scenario 'Nope'" in err[0]
    assert sample.read_bytes() == before


def test_numbers_typed_with_percent_signs_are_not_taken_for_market_sizes(tmp_path):
    # No unit in any header, but every figure says "%": shares, not sizes.
    path = tmp_path / "shares.csv"
    path.write_text("Segment,2020,2021,2022\nA,10%,20%,30%\nB,90%,80%,70%\n")
    with pytest.raises(IngestError, match=r"shares\.csv, shares!B1: the table holds percentages"):
        plan(path)
    assert plan(path, Mapping(unit="%")).result()  # stating the unit takes them as they are


def test_two_values_for_one_segment_and_year_in_long_format_are_refused(tmp_path):
    # A long file with a column this reader does not split by (two units, say) repeats
    # (segment, year): keeping the first number silently would hide the second.
    path = tmp_path / "long.csv"
    path.write_text("segment,year,value\nA,2019,1\nA,2020,2\nA,2020,3\nA,2021,4\nB,2019,1\n"
                    "B,2020,2\nB,2021,3\n")
    expected = r"long\.csv, long!C4: a second value for 'A' in 2020 \(the first is at C3\)"
    with pytest.raises(IngestError, match=expected):
        plan(path)


def test_a_repeated_identical_long_row_is_harmless(tmp_path):
    path = tmp_path / "long.csv"
    path.write_text("segment,year,value\nA,2019,1\nA,2020,2\nA,2020,2\nA,2021,4\n")
    assert plan(path).resolved.table.rows[0].values == {2019: 1.0, 2020: 2.0, 2021: 4.0}


def test_a_password_protected_workbook_says_so(tmp_path):
    # An .xlsx saved with a password is an OLE file whose directory names the streams
    # EncryptionInfo and EncryptedPackage; it was called "damaged".
    path = tmp_path / "locked.xlsx"
    directory = "EncryptionInfo".encode("utf-16-le").ljust(64, b"\0")
    directory += "EncryptedPackage".encode("utf-16-le").ljust(64, b"\0")
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 1528 + directory * 4)
    with pytest.raises(IngestError, match=r"^locked\.xlsx: the workbook is password-protected"):
        plan(path)


def test_a_hidden_helper_sheet_is_not_the_default_table(tmp_path):
    book = Workbook()
    helper = book.active
    helper.title = "calc"
    for row in (["Helper", 2019, 2020, 2021], ["p", 9, 9, 9], ["q", 9, 9, 9]):
        helper.append(row)
    helper.sheet_state = "hidden"
    market = book.create_sheet("Market")
    for row in (["Region", 2019, 2020, 2021], ["EU", 1, 2, 3], ["US", 4, 5, 6]):
        market.append(row)
    book.active = 1
    book.save(tmp_path / "h.xlsx")
    assert plan(tmp_path / "h.xlsx").resolved.table.sheet == "Market"
    assert plan(tmp_path / "h.xlsx", Mapping(sheet="calc")).resolved.table.sheet == "calc"


@pytest.mark.parametrize(
    ("choices", "expected"),
    [
        ('{"members": ["a"]}', "the choice 'members' must be an object of texts"),
        ('{"base_year": "2021"}', "the choice 'base_year' must be a whole number"),
        ('{"rate": {"abc": 1}}', "the choice 'rate' must be a number, or an object of year: "
                                 "number"),
        ('{"skip": [1]}', "the choice 'skip' must be a list of texts"),
    ],
)
def test_a_hand_edited_mapping_of_the_wrong_kind_is_one_sentence(
    tmp_path, capsys, choices, expected
):
    # These crashed with "unexpected error (AttributeError)" and exit 3.
    (tmp_path / "m.json").write_text(choices)
    (tmp_path / "t.csv").write_text("Region,2019,2020,2021\nA,1,2,3\n")
    argv = ["import-table", "--dry-run", "--mapping", str(tmp_path / "m.json")]
    assert main([*argv, str(tmp_path / "t.csv"), str(tmp_path / "p.mwp")]) == 2
    error = capsys.readouterr().err
    assert error.startswith(f"workbench: m.json: {expected}; got ")
    assert error.count("\n") == 1
    assert not (tmp_path / "p.mwp").exists()


def test_every_mapping_choice_has_a_kind():
    assert set(KINDS) == {f.name for f in fields(Mapping)}


def test_a_project_file_or_binary_text_is_one_sentence_not_a_crash(tmp_path, capsys):
    # Both crashed with "unexpected error (Error): new-line character seen…", exit 3.
    project = tmp_path / "mine.mwp"
    assert main(["new-sample", str(project)]) == 0
    with pytest.raises(IngestError, match=r"^mine\.mwp: this is a project file, not a foreign"):
        plan(project)
    odd = tmp_path / "odd.csv"
    odd.write_bytes(b"Region,2019,2020\nA\r,1,2\x00\n")
    with pytest.raises(IngestError, match=r"^odd\.csv: line \d+ cannot be read as CSV text"):
        plan(odd)
