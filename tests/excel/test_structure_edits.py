"""Segments and scenarios a colleague adds or removes in the workbook: each is one clear
summary line, and applying it gives the project the app's own command would."""

from __future__ import annotations

from dataclasses import replace

import pytest

from workbench.core.commands import SetHold, SetNote, SetPin
from workbench.core.commands.measures import OnMeasure
from workbench.core.commands.structure import AddScenario, RemoveMember, RemoveScenario
from workbench.core.dump import dump_json
from workbench.core.measures import VOLUME
from workbench.core.sample import sample_document
from workbench.excel import ExcelError, read_workbook
from workbench.excel.assumptions import RATE_COL
from workbench.numbers import amount

HISTORY_2019 = 3
RATE = RATE_COL + 1


def _rows(ws, value, col: int = 1) -> list[int]:
    return [r for r in range(1, ws.max_row + 1) if ws.cell(r, col).value == value]


def _as_the_app_does(document, command, xl) -> None:
    """The imported project is the sample after the app's own `command`."""
    app = sample_document()
    app.execute(command)
    assert xl.dump(document) == xl.dump(app)


def _import(document, path):
    plan = read_workbook(path, document)
    document.execute(plan.command)
    return plan


def _add_on_about(book, scenario_id: str, name: str) -> str:
    """A scenario row on About, below Pessimistic; its name cell's coordinate."""
    about = book["About"]
    row = _rows(about, "pessimistic")[0] + 1
    about.insert_rows(row)
    about.cell(row, 1).value, about.cell(row, 2).value = scenario_id, name
    return about.cell(row, 2).coordinate


def test_deleting_a_segment_row_removes_the_segment_as_the_app_does(exported, xl, tmp_path):
    document = sample_document()
    path = exported(document)

    def delete_others(book):
        ws = book["Application"]
        ws.delete_rows(_rows(ws, "others")[0])
        # formulas that read the deleted row, as LibreOffice leaves them
        for row in _rows(ws, "share:others")[:1]:
            for col in range(HISTORY_2019, HISTORY_2019 + 13):
                ws.cell(row, col).value = "=#REF!/C$5"

    plan = _import(document, xl.edit(path, tmp_path / "deleted.xlsx", delete_others))
    lines = plan.summary_lines()
    assert lines[0] == "Segment: 'Others' removed with all its numbers and notes (Application)"
    assert not any(line.startswith(("History:", "Assumption:", "Pin:")) for line in lines)
    assert (
        "Company: 'SIMEI' segments changed from 'mini-program; others; asia-pacific' to "
        "'mini-program; asia-pacific' (Companies!J8)" in lines
    )
    _as_the_app_does(document, RemoveMember("others"), xl)


def test_a_row_with_a_name_and_no_id_adds_a_segment_with_its_history(exported, xl, tmp_path):
    document = sample_document()
    path = exported(document)
    where = []

    def add_snack(book):
        ws = book["Application"]
        row = _rows(ws, "others")[0] + 1
        ws.insert_rows(row)
        ws.cell(row, 2).value = "Snack dramas"
        for col in range(HISTORY_2019, HISTORY_2019 + 6):
            ws.cell(row, col).value = 0.01 * (col - 2)
        where.append(ws.cell(row, 2).coordinate)

    plan = _import(document, xl.edit(path, tmp_path / "added.xlsx", add_snack))
    assert plan.summary_lines()[0] == f"Segment: 'Snack dramas' added (Application!{where[0]})"
    snack = next(
        m for m in document.project.dimension("application").members if m.name == "Snack dramas"
    )
    assert document.project.history[(snack.id, 2024)] == pytest.approx(0.06)


def test_a_scenario_added_on_about_with_one_assumption_row(exported, xl, tmp_path):
    """The colleague adds 'Stress' on About and copies one Assumptions row (TikTok's Base
    row with 2 % instead); every other series grows as in Base."""
    document = sample_document()
    path = exported(document)
    where = []

    def add_stress(book):
        where.append(_add_on_about(book, "stress", "Stress"))
        ws = book["Assumptions"]
        base = next(r for r in _rows(ws, "tiktok", 2) if ws.cell(r, 1).value == "base")
        new = ws.max_row + 1
        for col in range(1, ws.max_column + 1):
            ws.cell(new, col).value = ws.cell(base, col).value
        ws.cell(new, 1).value, ws.cell(new, RATE).value = "stress", 0.02

    plan = _import(document, xl.edit(path, tmp_path / "stress.xlsx", add_stress))
    assert plan.summary_lines()[:2] == [
        f"Scenario: 'Stress' added (About!{where[0]})",
        "Taken: the new scenario 'Stress' starts as a copy of 'Base', as Add Scenario in "
        "the app does: the assumptions of the 10 series without an Assumptions row",
    ]
    p = document.project
    assert [s.name for s in p.scenarios] == ["Base", "Optimistic", "Pessimistic", "Stress"]
    assert p.growth_of("stress", "tiktok") == replace(p.growth_of("base", "tiktok"), rate=0.02)
    assert p.growth_of("stress", "kwai") == p.growth_of("base", "kwai")
    base, stress = document.result("base"), document.result("stress")
    assert stress.projected_value("tiktok", 2025) == pytest.approx(
        p.history[("tiktok", 2024)] * 1.02, rel=1e-12
    )
    assert stress.projected_value("kwai", 2025) == base.projected_value("kwai", 2025)


def _pinned_and_held():
    """The sample with pins, pin notes and a hold in both measures (the hold writes each
    scenario's shown number as a pin marked "hold")."""
    document = sample_document()
    for command in (
        SetPin("base", "tiktok", 2027, 4.25),
        SetNote("base", "tiktok", 2027, "Guidance from the earnings call."),
        SetHold("kwai", 2029, True),
        OnMeasure(VOLUME, SetPin("base", "wechat", 2028, 41.5)),
        OnMeasure(VOLUME, SetHold("europe", 2030, True)),
    ):
        document.execute(command)
    return document


def test_a_scenario_added_on_about_is_the_apps_add_scenario_in_both_measures(
    exported, xl, tmp_path
):
    """A row on About only: the new scenario gets the first scenario's assumptions, pins
    (the hold's pins with their mark) and notes in the value and the volume, exactly as
    Add Scenario copying Base does in the app."""
    document = _pinned_and_held()
    path = exported(document)
    book = xl.edit(path, tmp_path / "stress.xlsx", lambda b: _add_on_about(b, "stress", "Stress"))
    plan = _import(document, book)
    app = _pinned_and_held()
    app.execute(AddScenario("Stress", copy_from="base", scenario_id="stress"))
    assert xl.dump(document) == xl.dump(app)
    p = document.project
    assert p.pins[("stress", "tiktok", 2027)] == 4.25
    assert p.pin_marks[("stress", "kwai", 2029)] == "hold"
    assert p.volume.pins[("stress", "wechat", 2028)] == 41.5
    assert p.volume.pin_marks[("stress", "europe", 2030)] == "hold"
    assert plan.summary_lines()[1:3] == [
        "Taken: the new scenario 'Stress' starts as a copy of 'Base', as Add Scenario in the "
        "app does: the assumptions of the 11 series without an Assumptions row; 2 pins "
        "outside the blocks the workbook has of it; 1 cell note",
        "Taken: the new scenario 'Stress' (volume) starts as a copy of 'Base', as Add "
        "Scenario in the app does: the assumptions of the 11 series without an Assumptions "
        "row; 2 pins outside the blocks the workbook has of it",
    ]


def test_a_new_scenario_without_volume_sheets_gets_the_volume_the_app_would_give(
    exported, xl, tmp_path
):
    """The colleague deletes the volume's sheets and adds a scenario: the kept volume
    still gets the new scenario's assumptions and pins from the core's command."""
    document = _pinned_and_held()
    path = exported(document)

    def add_without_volume(book):
        _add_on_about(book, "stress", "Stress")
        for name in [n for n in book.sheetnames if n.endswith(("(volume)", "(price)"))]:
            del book[name]

    _import(document, xl.edit(path, tmp_path / "no-volume.xlsx", add_without_volume))
    app = _pinned_and_held()
    app.execute(AddScenario("Stress", copy_from="base", scenario_id="stress"))
    assert xl.dump(document) == xl.dump(app)


def test_a_copied_block_of_a_new_scenario_says_its_own_pins(exported, xl, tmp_path):
    """Optimistic's Application block copied under the new id: that sheet's pins are the
    block's (no TikTok 2027 pin, which only Base has; Kwai's 2029 pin is Optimistic's
    number, no longer the hold's), the other sheets' and the volume's are the app's copy
    of Base, and so is the cell note."""
    document = _pinned_and_held()
    path = exported(document)

    def add_with_block(book):
        _add_on_about(book, "stress", "Stress")
        ws = book["Application"]
        start, end = _rows(ws, "optimistic")[0], _rows(ws, "pessimistic")[0]
        top = ws.max_row + 2
        for offset in range(end - start):
            for col in range(1, ws.max_column + 1):
                ws.cell(top + offset, col).value = ws.cell(start + offset, col).value
        ws.cell(top, 1).value = "stress"

    _import(document, xl.edit(path, tmp_path / "block.xlsx", add_with_block))
    p = document.project
    assert ("stress", "tiktok", 2027) not in p.pins
    assert p.pins[("stress", "kwai", 2029)] == p.pins[("optimistic", "kwai", 2029)]
    assert p.pins[("stress", "kwai", 2029)] != p.pins[("base", "kwai", 2029)]
    assert ("stress", "kwai", 2029) not in p.pin_marks
    assert p.volume.pins[("stress", "wechat", 2028)] == 41.5
    assert p.volume.pin_marks[("stress", "europe", 2030)] == "hold"
    assert p.notes[("stress", "tiktok", 2027)] == "Guidance from the earnings call."


def test_deleting_a_scenario_row_on_about_removes_it_and_passes_over_its_blocks(
    exported, xl, tmp_path
):
    document = sample_document()
    path = exported(document)

    def drop_pessimistic(book):
        about = book["About"]
        about.delete_rows(_rows(about, "pessimistic")[0])
        # a number typed in the dropped scenario's block must not land in another's
        ws = book["Application"]
        block = _rows(ws, "pessimistic")[0]
        tiktok = next(r for r in _rows(ws, "tiktok") if r > block)
        ws.cell(tiktok, HISTORY_2019 + 8).value = 99.0

    plan = _import(document, xl.edit(path, tmp_path / "dropped.xlsx", drop_pessimistic))
    assert (
        plan.summary_lines()[0] == "Scenario: 'Pessimistic' removed with all its numbers and notes"
    )
    _as_the_app_does(document, RemoveScenario("pessimistic"), xl)


def test_a_block_headed_by_an_unknown_scenario_is_refused_at_its_id(exported, xl, tmp_path):
    document = sample_document()
    before = dump_json(document)
    path = exported(document)
    where = []

    def rename_block(book):
        ws = book["Total market"]
        row = _rows(ws, "pessimistic")[0]
        ws.cell(row, 1).value = "stress"
        where.append(ws.cell(row, 1).coordinate)

    with pytest.raises(ExcelError) as refused:
        read_workbook(xl.edit(path, tmp_path / "unknown.xlsx", rename_block), document)
    assert str(refused.value).startswith(f"Total market!{where[0]}: 'stress' heads a block")
    assert dump_json(document) == before


def test_a_new_scenario_with_a_copied_block_is_read_and_compared(
    exported, libreoffice, xl, tmp_path
):
    """The colleague adds 'Stress' on About and copies the Optimistic block of the Total
    market sheet below the last one under the new id; LibreOffice recalculates. The block
    is read, and its numbers (Optimistic's, copied) are compared with what the app
    computes for Stress, which grows as Base."""
    document = sample_document()
    path = exported(document)
    where = []

    def add_with_block(book):
        _add_on_about(book, "stress", "Stress")
        ws = book["Total market"]
        start, top = _rows(ws, "optimistic")[0], ws.max_row + 2
        for offset in range(2):  # the block's header and its total row
            for col in range(1, ws.max_column + 1):
                ws.cell(top + offset, col).value = ws.cell(start + offset, col).value
        ws.cell(top, 1).value = "stress"
        where.append(f"Total market!{ws.cell(top + 1, HISTORY_2019 + 2031 - 2019).coordinate}")

    plan = _import(document, libreoffice(xl.edit(path, tmp_path / "block.xlsx", add_with_block)))
    assert plan.summary_lines()[0].startswith("Scenario: 'Stress' added (About!")
    stress, optimistic = document.result("stress"), document.result("optimistic")
    assert stress.value("total", 2031) == document.result("base").value("total", 2031)
    noted = {f"{n.sheet}!{n.cell}": n.text for n in plan.notes if n.kind == "Disagrees"}
    assert noted[where[0]] == (
        f"Total market, Stress, 2031: the workbook shows "
        f"{amount(optimistic.value('total', 2031))}, the app computes "
        f"{amount(stress.value('total', 2031))}"
    )
