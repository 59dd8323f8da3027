"""Cell comments and the project's cell notes: the export shows every note as a comment on
its cell (a history cell's source after it), and a comment a colleague leaves on an input
cell comes back as that cell's note; a comment elsewhere is listed as not taken."""

from __future__ import annotations

import openpyxl
import pytest
from openpyxl.comments import Comment

from workbench.core.commands.values import SetNote
from workbench.core.sample import sample_document
from workbench.excel import ExcelError, read_workbook

HISTORY_2023, FORECAST_2027 = 3 + 2023 - 2019, 3 + 2027 - 2019
SOURCE = (
    "Source: Analyst: Illustrative assumption: segment splits, years without a published "
    "figure and forecast assumptions (analyst assumption)"
)


def _noted():
    document = sample_document()
    document.execute(SetNote("", "tiktok", 2023, "Restated in the 2024 report."))
    document.execute(SetNote("optimistic", "kwai", 2027, "Launch in Brazil.\nNot yet priced."))
    return document


def _block_row(ws, xl, scenario_id: str, series_id: str) -> int:
    return xl.row_of(ws, series_id, start=xl.row_of(ws, scenario_id))


def test_notes_are_exported_as_comments_on_their_cells(exported, xl):
    document = _noted()
    ws = openpyxl.load_workbook(exported(document))["Application"]
    history = ws.cell(_block_row(ws, xl, "base", "tiktok"), HISTORY_2023).comment
    forecast = ws.cell(_block_row(ws, xl, "optimistic", "kwai"), FORECAST_2027).comment
    assert document.project.history_sources[("tiktok", 2023)] == "src-assumption"
    assert history.text == f"Restated in the 2024 report.\n\n{SOURCE}"
    assert forecast.text == "Launch in Brazil.\nNot yet priced."
    assert ws.cell(_block_row(ws, xl, "base", "kwai"), FORECAST_2027).comment is None


def test_notes_as_comments_survive_a_libreoffice_save(exported, libreoffice, xl):
    document = _noted()
    before = xl.dump(document)
    plan = read_workbook(libreoffice(exported(document)), document)
    assert plan.summary_lines() == []
    document.execute(plan.command)
    assert xl.dump(document) == before


def test_comments_a_colleague_leaves_on_input_cells_become_notes(exported, xl, tmp_path):
    document = sample_document(volume=False)  # the summary lines of a value-only import
    path = exported(document)
    cells = {}

    def comment(book):
        ws = book["Application"]
        for key, row, col, words in (
            ("history", _block_row(ws, xl, "base", "wechat"), HISTORY_2023, "From the filing."),
            ("forecast", _block_row(ws, xl, "pessimistic", "kwai"), FORECAST_2027, "Ban risk."),
            ("cagr", _block_row(ws, xl, "base", "kwai"), 3 + 2031 - 2019 + 2, "Too high?"),
        ):
            ws.cell(row, col).comment = Comment(words, "Ann")
            cells[key] = f"Application!{ws.cell(row, col).coordinate}"
        assumptions = book["Assumptions"]
        row = next(
            r
            for r in range(4, assumptions.max_row + 1)
            if assumptions.cell(r, 1).value == "base" and assumptions.cell(r, 2).value == "total"
        )
        assumptions.cell(row, 9 + 2028 - 2025).comment = Comment("Per the deck.", "Ann")
        cells["assumption"] = f"Assumptions!{assumptions.cell(row, 9 + 2028 - 2025).coordinate}"

    plan = read_workbook(xl.edit(path, tmp_path / "commented.xlsx", comment), document)
    lines = plan.summary_lines()
    assert f"Note: WeChat, history, 2023 set to 'From the filing.' ({cells['history']})" in lines
    assert f"Note: Kwai, Pessimistic, 2027 set to 'Ban risk.' ({cells['forecast']})" in lines
    assert (
        f"Note: Total market, Base, 2028 set to 'Per the deck.' ({cells['assumption']})" in lines
    )
    assert (
        "Not taken: the comment on this cell is not kept: a note belongs on an input cell of a "
        "value sheet, or on a year's rate or manual value on Assumptions "
        f"({cells['cagr']})" in lines
    )
    document.execute(plan.command)
    notes = document.project.notes
    assert notes[("", "wechat", 2023)] == "From the filing."
    assert notes[("pessimistic", "kwai", 2027)] == "Ban risk."
    assert notes[("base", "total", 2028)] == "Per the deck."


def test_a_comment_and_a_cell_notes_row_that_disagree_are_refused(exported, xl, tmp_path):
    document = _noted()
    path = exported(document)
    where = []

    def disagree(book):
        ws = book["Application"]
        cell = ws.cell(_block_row(ws, xl, "optimistic", "kwai"), FORECAST_2027)
        cell.comment = Comment("Launch in Mexico.", "Ann")
        where.append(f"Application!{cell.coordinate}")
        notes = book["Cell notes"]
        row = next(
            r
            for r in range(4, notes.max_row + 1)
            if [notes.cell(r, c).value for c in (1, 2, 4)] == ["optimistic", "kwai", 2027]
        )
        notes.cell(row, 7).value = "Launch in Chile."

    with pytest.raises(ExcelError) as refused:
        read_workbook(xl.edit(path, tmp_path / "both.xlsx", disagree), document)
    assert str(refused.value).startswith(
        f"{where[0]}: this comment and the Cell notes sheet (row "
    )


def test_a_comment_saved_by_libreoffice_becomes_a_note(exported, libreoffice, xl, tmp_path):
    document = sample_document()
    path = exported(document)

    def comment(book):
        ws = book["Application"]
        cell = ws.cell(_block_row(ws, xl, "optimistic", "wechat"), FORECAST_2027)
        cell.comment = Comment("Mini-games bundle.\nSecond line.", "Ann")

    saved = libreoffice(xl.edit(path, tmp_path / "lo-comment.xlsx", comment))
    plan = read_workbook(saved, document)
    document.execute(plan.command)
    assert document.project.notes[("optimistic", "wechat", 2027)] == (
        "Mini-games bundle.\nSecond line."
    )


def test_a_comment_on_a_force_is_its_rationale_when_that_is_blank(exported, xl, tmp_path):
    document = sample_document()
    path = exported(document)
    cells = []

    def comment(book):
        ws = book["Five Forces"]
        blank, full = xl.row_of(ws, "new_entrants"), xl.row_of(ws, "rivalry")
        ws.cell(blank, 4).value = None
        ws.cell(blank, 2).comment = Comment("Studios are entering fast.", "Ann")
        ws.cell(full, 2).comment = Comment("Fewer players than it seems.", "Ann")
        cells.append(f"Five Forces!B{full}")

    plan = read_workbook(xl.edit(path, tmp_path / "forces.xlsx", comment), document)
    assert (
        "Not taken: the comment on this cell is not kept: the Rationale already says "
        f"something else; edit it there ({cells[0]})" in plan.summary_lines()
    )
    document.execute(plan.command)
    forces = {f.id: f.rationale for f in document.project.forces}
    assert forces["new_entrants"] == "Studios are entering fast."
    assert forces["rivalry"] == sample_document().project.entity("forces", "rivalry").rationale


def test_a_note_with_a_control_character_comes_back_as_it_was(tmp_path):
    """The workbook's XML escapes it (`_x0006_`); reading the comment undoes that, as
    spreadsheets do, so the note is unchanged and the import has nothing to apply."""
    from workbench.core.commands import SetNote
    from workbench.core.sample import sample_document
    from workbench.excel import export_workbook, read_workbook

    document = sample_document(volume=False)
    document.execute(SetNote("", "total", 2020, "plain\x06text and a literal _x0041_"))
    path = tmp_path / "notes.xlsx"
    export_workbook(document, path)
    plan = read_workbook(path, document)
    assert [c for c in plan.changes if c.kind == "Note"] == []
