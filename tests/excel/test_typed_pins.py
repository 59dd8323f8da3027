"""A number typed over a segment's forecast cell in the workbook is a pin that shows as typed;
holds and the pins they wrote come back from the workbook exactly."""

from __future__ import annotations

from workbench.cli import main
from workbench.core.commands import SetHold, SpreadTotal
from workbench.core.sample import sample_document
from workbench.excel import read_workbook
from workbench.store import open_project, save_project

FORECAST_2028 = 3 + 2028 - 2019  # 1-based column of 2028 on a value sheet (A id, B name)


def test_a_number_typed_over_a_segment_row_imports_as_a_pin_and_show_prints_it(
    exported, xl, tmp_path, capsys
):
    document = sample_document()
    project_file = tmp_path / "sample.mwp"
    save_project(document, project_file)
    region = document.project.dimension("region")
    first = region.members[0]

    def type_over(book) -> None:
        ws = book["Region"]
        ws.cell(xl.row_of(ws, first.id), FORECAST_2028).value = 3.0

    edited = xl.edit(exported(document), tmp_path / "edited.xlsx", type_over)
    assert main(["import", str(edited), str(project_file)]) == 0
    capsys.readouterr()
    reopened = open_project(project_file)
    assert reopened.project.pins[("base", first.id, 2028)] == 3.0
    assert reopened.result("base").value(first.id, 2028) == 3.0
    assert main(["show", str(project_file), "--scenario", "base"]) == 0
    out = capsys.readouterr().out
    row = next(line for line in out.splitlines() if line.startswith(first.name))
    assert "3.00" in row.split()


def test_hold_and_spread_pins_keep_their_marks_through_the_workbook(exported, xl):
    document = sample_document()
    document.execute(SetHold("tiktok", 2028, True))
    document.execute(SpreadTotal(2029, 30.0, "base"))
    before = xl.dump(document)
    copy = sample_document()
    plan = read_workbook(exported(document), copy)
    copy.execute(plan.command)
    assert xl.dump(copy) == before
    assert copy.project.pin_marks[("base", "tiktok", 2028)] == "hold"


def test_typing_over_a_holds_pin_makes_it_the_analysts(exported, xl, tmp_path):
    document = sample_document()
    document.execute(SetHold("tiktok", 2028, True))

    def type_over(book) -> None:
        ws = book["Application"]
        ws.cell(xl.row_of(ws, "tiktok"), FORECAST_2028).value = 6.5

    edited = xl.edit(exported(document), tmp_path / "edited.xlsx", type_over)
    document.execute(read_workbook(edited, document).command)
    assert document.project.pins[("base", "tiktok", 2028)] == 6.5
    assert ("base", "tiktok", 2028) not in document.project.pin_marks
    assert document.result("base").value("tiktok", 2028) == 6.5
