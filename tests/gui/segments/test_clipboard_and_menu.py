"""Copy, paste and Delete as in a spreadsheet; the right-click menu's edits."""

import pytest
from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt
from PySide6.QtGui import QGuiApplication

from workbench.core.dump import dump_json
from workbench.core.project import TOTAL
from workbench.gui import dialogs
from workbench.gui.segments.table_model import HELD_ROLE, STATE_ROLE

from .conftest import cell, shown

BLOCK = "20\t24\t30\t33\n12\t14\t18\t19\n8\t10\t12\t14\n"


def select(page, top_left, bottom_right):
    selection = QItemSelection(top_left, bottom_right)
    flags = QItemSelectionModel.SelectionFlag.ClearAndSelect
    page.table.selectionModel().select(selection, flags)
    current = QItemSelectionModel.SelectionFlag.NoUpdate
    page.table.selectionModel().setCurrentIndex(top_left, current)


def action(menu, text):
    return next(a for a in menu.actions() if a.text() == text)


def test_paste_a_3x4_block_is_one_undo_step(page, bridge):
    before = dump_json(bridge.document)
    start = cell(page, "Total market", "2020")
    select(page, start, start)
    QGuiApplication.clipboard().setText(BLOCK)
    assert page.table.paste_clipboard()
    p = bridge.document.project
    assert [p.history[("a", y)] for y in (2020, 2021, 2022)] == [12.0, 14.0, 18.0]
    assert p.history[(TOTAL, 2022)] == 30.0
    assert p.pins[("base", TOTAL, 2023)] == 33.0 and p.pins[("base", "b", 2023)] == 14.0
    assert shown(page, "Alpha", "2023F") == "19.00"
    assert bridge.document.undo_text == "Paste"
    bridge.undo()
    assert dump_json(bridge.document) == before
    assert not bridge.document.can_undo


def test_a_paste_with_one_bad_cell_is_refused_whole(page, bridge, errors):
    before = dump_json(bridge.document)
    start = cell(page, "Alpha", "2020")
    select(page, start, start)
    assert not page.table.paste_text("1\t2\n3\tabc\n")
    assert "'abc' is not a number (Beta, 2021)" in errors[-1]
    assert dump_json(bridge.document) == before


def test_a_paste_onto_computed_or_outside_cells_is_refused(page, bridge, errors):
    start = cell(page, "Beta", "2020")
    select(page, start, start)
    assert not page.table.paste_text("1\n2\n")  # the second row is the gap row
    assert "computed" in errors[-1]
    corner = cell(page, "Alpha", "r")
    select(page, corner, corner)
    assert not page.table.paste_text("1\t2\n")
    assert "does not fit" in errors[-1]
    assert not bridge.document.can_undo


def test_copy_writes_the_selection_as_tab_separated_display_values(page):
    select(page, cell(page, "Alpha", "2021"), cell(page, "Beta", "2023F"))
    page.table.copy_selection()
    assert QGuiApplication.clipboard().text() == "7.00\t9.00\t9.90\n5.00\t6.00\t6.60\n"


def test_delete_clears_typed_values_in_the_selection(qtbot, page, bridge):
    select(page, cell(page, "Alpha", "2020"), cell(page, "Alpha", "2021"))
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    p = bridge.document.project
    assert ("a", 2020) not in p.history and ("a", 2021) not in p.history
    assert shown(page, "Alpha", "2020") == "–"
    assert bridge.document.undo_text == "Clear cells"


def test_pin_and_unpin_via_the_context_menu(page, bridge):
    index = cell(page, "Beta", "2024F")
    action(page.context_menu(index), "Pin value").trigger()
    assert bridge.document.project.pins[("base", "b", 2024)] == pytest.approx(7.26)
    assert index.data(STATE_ROLE) == "pinned"
    action(page.context_menu(index), "Unpin value").trigger()
    assert not bridge.document.project.pins
    assert index.data(STATE_ROLE) == "computed"


def test_hold_and_release_via_the_context_menu(page, bridge):
    index = cell(page, "Alpha", "2022")
    action(page.context_menu(index), "Hold value").trigger()
    assert ("a", 2022) in bridge.document.project.holds
    assert index.data(HELD_ROLE) is True
    # A held segment keeps its value when the total is spread: Beta takes the change.
    page.model.setData(cell(page, "Total market", "2022"), "20")
    assert bridge.document.project.history[("b", 2022)] == pytest.approx(11.0)
    action(page.context_menu(index), "Release value").trigger()
    assert ("a", 2022) not in bridge.document.project.holds


def test_source_note_and_back_solve_through_the_dialogs(
    monkeypatch, page, bridge, type_backsolve_target
):
    monkeypatch.setattr(dialogs, "ask_item", lambda *a: 1)
    monkeypatch.setattr(dialogs, "ask_text", lambda *a: "Checked with the publisher")
    action(page.context_menu(cell(page, "Alpha", "2021")), "Set source…").trigger()
    action(page.context_menu(cell(page, "Alpha", "2021")), "Edit note…").trigger()
    p = bridge.document.project
    assert p.history_sources[("a", 2021)] == "src-1"
    assert p.notes[("", "a", 2021)] == "Checked with the publisher"
    type_backsolve_target("a", "15.84")
    menu = page.context_menu(cell(page, "Alpha", "2024F"))
    action(menu, "Back-solve CAGR from a target…").trigger()
    # 2025: total 15 × 1.1³ = 19.965, Beta free at 6 × 1.1³ = 7.986. To show 15.84, Alpha
    # must project 15.84 × 7.986 / (19.965 − 15.84); 9 × (1 + g)³ = that.
    projection = 15.84 * 7.986 / (19.965 - 15.84)
    assert p.growth_of("base", "a").rate == pytest.approx((projection / 9) ** (1 / 3) - 1)
    assert bridge.document.result("base").value("a", 2025) == pytest.approx(15.84)


def test_scale_history_to_total_via_the_context_menu(page, bridge):
    bridge.document.project.history[(TOTAL, 2021)] = 24.0
    action(page.context_menu(cell(page, "Beta", "2021")), "Scale history to total").trigger()
    assert bridge.document.project.history[("a", 2021)] == pytest.approx(14.0)
    assert bridge.document.project.history[("b", 2021)] == pytest.approx(10.0)
