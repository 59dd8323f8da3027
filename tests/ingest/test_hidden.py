"""Hidden rows and columns of an xlsx sheet: left out by default, named in the summary,
taken when asked (a mapping choice, a command-line option)."""

from __future__ import annotations

import json

import pytest
from openpyxl import load_workbook

from tests.ingest import corpus
from workbench.cli import main
from workbench.ingest import IngestError, Mapping, plan, tables_in
from workbench.ingest.sheets import read_sheets


@pytest.fixture
def hidden(tmp_path):
    return corpus.hidden_rows_and_columns(tmp_path)


def test_the_sheet_says_which_rows_and_columns_are_hidden(hidden):
    marks = read_sheets(hidden)[0].marks
    assert marks.hidden_rows == {2, 3} and marks.hidden_columns == {7, 8}


def test_hidden_rows_and_columns_are_left_out_and_named(hidden):
    made = plan(hidden)
    table = made.resolved.table
    assert [r.label for r in table.rows] == ["China", "North America", "Total"]
    assert table.years == corpus.YEARS
    assert "2 hidden rows left out: 3, 4 (include hidden rows and columns to take them)." in (
        made.summary)
    assert "2 hidden columns left out: H, I (include hidden rows and columns to take them)." in (
        made.summary)
    assert made.resolved.mode == "bottom_up"  # the visible segments add up to the total
    project = made.result()
    assert project.metadata.base_year == 2024 and not project.pins  # no hidden 2025–2026


def test_the_cells_keep_their_sheet_addresses_around_hidden_lines(hidden):
    table = plan(hidden).resolved.table
    north_america = table.rows[1]
    assert north_america.address == "A5" and north_america.cells[2019] == "B5"
    assert table.rows[2].cells[2024] == "G6"


def test_included_on_request_they_are_read_like_any_row(hidden):
    made = plan(hidden, Mapping(include_hidden=True))
    table = made.resolved.table
    assert [r.label for r in table.rows] == [
        "China", "Working: China adj.", "Old scenario: China", "North America", "Total"]
    assert table.years == [*corpus.YEARS, 2025, 2026]
    assert "2 hidden rows taken like the others (as chosen): 3, 4." in made.summary
    assert made.resolved.mode == "top_down"  # the hidden rows break the sum, as they would
    assert table.rows[2].cells[2026] == "I4"
    project = made.result()
    assert project.metadata.base_year == 2025
    assert project.pins[(project.scenarios[0].id, "china", 2026)] == 8.0


def test_a_table_without_hidden_lines_says_nothing_of_them(tmp_path):
    made = plan(corpus.years_across_total_label(tmp_path))
    assert not any("hidden" in line for line in made.summary)


def test_a_hidden_header_row_hides_the_table_until_asked(tmp_path):
    path = corpus.years_across_total_label(tmp_path)
    book = load_workbook(path)
    book.active.row_dimensions[1].hidden = True
    book.save(path)
    assert tables_in(path) == []
    assert len(tables_in(path, include_hidden=True)) == 1
    with pytest.raises(IngestError, match=r"value\); 1 hidden row or column was not looked "
                       r"at \(include hidden rows and columns to look there too\)\.$"):
        plan(path)
    assert plan(path, Mapping(include_hidden=True)).resolved.table.years == corpus.YEARS


def test_the_command_line_option_and_the_mapping_file_carry_the_choice(
    hidden, tmp_path, capsys
):
    saved = tmp_path / "m.json"
    args = ["import-table", str(hidden), str(tmp_path / "p.mwp"), "--dry-run"]
    assert main([*args, "--include-hidden", "--save-mapping", str(saved)]) == 0
    out = capsys.readouterr().out
    assert "2 hidden rows taken like the others (as chosen): 3, 4." in out
    assert json.loads(saved.read_text())["include_hidden"] is True
    assert Mapping.load(saved).include_hidden is True
    assert main([*args, "--mapping", str(saved)]) == 0
    assert "Old scenario: China" in capsys.readouterr().out
    assert main(args) == 0
    assert "2 hidden rows left out: 3, 4" in capsys.readouterr().out
    Mapping().save(saved)
    assert "include_hidden" not in saved.read_text()


def test_a_hand_written_include_hidden_must_be_true_or_false(tmp_path, capsys):
    (tmp_path / "m.json").write_text('{"include_hidden": "yes"}')
    (tmp_path / "t.csv").write_text("Region,2019,2020,2021\nA,1,2,3\n")
    argv = ["import-table", "--dry-run", "--mapping", str(tmp_path / "m.json")]
    assert main([*argv, str(tmp_path / "t.csv"), str(tmp_path / "p.mwp")]) == 2
    assert "the choice 'include_hidden' must be true or false; got 'yes'" in (
        capsys.readouterr().err)


def test_empty_hidden_lines_next_to_a_table_are_not_named(tmp_path):
    """A hidden row under the table and a hidden column after it, both empty: nothing is
    left out, so the summary says nothing of them."""
    path = corpus.years_across_total_label(tmp_path)
    book = load_workbook(path)
    book.active.row_dimensions[5].hidden = True
    book.active.column_dimensions["H"].hidden = True
    book.save(path)
    marks = read_sheets(path)[0].marks
    assert 4 in marks.hidden_rows and 7 in marks.hidden_columns
    made = plan(path)
    assert made.resolved.table.years == corpus.YEARS
    assert not any("hidden" in line for line in made.summary)
