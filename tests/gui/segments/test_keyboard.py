"""The year table under the keyboard, driven as an analyst drives it.

Every test clicks a cell with the mouse (on the table's viewport, at the cell's rectangle)
and then sends keys to whatever widget has the focus, `QApplication.focusWidget()`; no
test calls the model or the view's methods in place of a key. The window is the real main
window, so the Edit menu's shortcuts compete for the keys as they do for a user.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from workbench.core.dump import dump_json
from workbench.gui.page import PageKey
from workbench.gui.segments import SegmentPage

CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier


@pytest.fixture(autouse=True)
def fresh_home(tmp_path, monkeypatch):
    """A fresh machine: empty HOME and XDG folders, before the window is made."""
    for variable in ("HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(variable, str(tmp_path / "fresh" / variable.lower()))


@pytest.fixture
def app_page(qtbot, window):
    """The Application page of the sample, in a window large enough to see 2019–2024."""
    window.resize(1600, 1000)
    window.activateWindow()
    qtbot.waitActive(window)
    page = window.show_page(PageKey(SegmentPage, "application"))
    qtbot.wait(10)
    return page


def index_of(page, series_id: str, year: int):
    model = page.model
    row = next(i for i, r in enumerate(model.layout.rows) if r.is_series and r.key == series_id)
    column = next(i for i, c in enumerate(model.layout.columns) if c.year == year)
    return model.index(row, column)


def click(qtbot, page, series_id: str, year: int, modifier=Qt.KeyboardModifier.NoModifier):
    index = index_of(page, series_id, year)
    page.table.scrollTo(index)
    centre = page.table.visualRect(index).center()
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, modifier, centre)


def press(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    """One key press, delivered to the widget that has the keyboard focus."""
    focus = QApplication.focusWidget()
    assert focus is not None, "nothing has the keyboard focus"
    qtbot.keyClick(focus, key, modifier)


def type_text(qtbot, text: str) -> None:
    for character in text:
        press(qtbot, character)


def history(page, series_id: str, year: int) -> float | None:
    return page.bridge.document.project.history.get((series_id, year))


def test_a_click_gives_the_table_the_keyboard(qtbot, app_page):
    click(qtbot, app_page, "kwai", 2020)
    assert QApplication.focusWidget() is app_page.table
    assert app_page.table.currentIndex() == index_of(app_page, "kwai", 2020)


def test_click_then_type_edits_and_enter_moves_down(qtbot, app_page):
    click(qtbot, app_page, "kwai", 2020)
    type_text(qtbot, "0.125")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.wait(20)
    assert history(app_page, "kwai", 2020) == 0.125
    assert app_page.table.currentIndex() == index_of(app_page, "wechat", 2020)


def test_f2_edits_the_current_value_and_tab_moves_right(qtbot, app_page):
    click(qtbot, app_page, "tiktok", 2021)
    press(qtbot, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert editor is not app_page.table and float(editor.text().replace(",", "")) > 0
    press(qtbot, Qt.Key.Key_A, CTRL)
    type_text(qtbot, "2.5")
    press(qtbot, Qt.Key.Key_Tab)
    qtbot.wait(20)
    assert history(app_page, "tiktok", 2021) == 2.5
    assert app_page.table.currentIndex() == index_of(app_page, "tiktok", 2022)


def test_arrows_move_and_shift_arrows_extend_the_selection(qtbot, app_page):
    click(qtbot, app_page, "tiktok", 2019)
    press(qtbot, Qt.Key.Key_Right)
    press(qtbot, Qt.Key.Key_Down)
    assert app_page.table.currentIndex() == index_of(app_page, "kwai", 2020)
    press(qtbot, Qt.Key.Key_Right, SHIFT)
    press(qtbot, Qt.Key.Key_Down, SHIFT)
    selected = {(i.row(), i.column()) for i in app_page.table.selectedIndexes()}
    corners = index_of(app_page, "kwai", 2020), index_of(app_page, "wechat", 2021)
    assert selected == {(r, c) for r in (corners[0].row(), corners[1].row())
                        for c in (corners[0].column(), corners[1].column())}


def test_delete_clears_the_selected_inputs(qtbot, app_page):
    click(qtbot, app_page, "kwai", 2019)
    press(qtbot, Qt.Key.Key_Right, SHIFT)
    press(qtbot, Qt.Key.Key_Delete)
    assert history(app_page, "kwai", 2019) is None and history(app_page, "kwai", 2020) is None
    assert app_page.bridge.document.undo_text == "Clear cells"


def test_copy_a_3x4_range_and_paste_it_elsewhere(qtbot, app_page, window):
    click(qtbot, app_page, "tiktok", 2019)
    click(qtbot, app_page, "wechat", 2022, SHIFT)
    QGuiApplication.clipboard().clear()
    press(qtbot, Qt.Key.Key_C, CTRL)
    text = QGuiApplication.clipboard().text()
    lines = text.rstrip("\n").split("\n")
    assert len(lines) == 3 and all(len(line.split("\t")) == 4 for line in lines)
    shown = [[float(v.replace(",", "")) for v in line.split("\t")] for line in lines]
    source = [[history(app_page, s, y) for y in range(2019, 2023)]
              for s in ("tiktok", "kwai", "wechat")]
    assert shown == [[pytest.approx(v, abs=0.005) for v in row] for row in source]
    region = window.show_page(PageKey(SegmentPage, "region"))
    click(qtbot, region, "north-america", 2019)
    press(qtbot, Qt.Key.Key_V, CTRL)
    pasted = [[history(region, s, y) for y in range(2019, 2023)]
              for s in ("north-america", "europe", "asia-pacific")]
    assert pasted == source  # the full numbers, not the two decimals on screen
    assert region.bridge.document.undo_text == "Paste"


def test_undo_with_ctrl_z_and_redo_with_ctrl_y_and_ctrl_shift_z(qtbot, app_page):
    before = dump_json(app_page.bridge.document)
    click(qtbot, app_page, "kwai", 2020)
    type_text(qtbot, "7")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.wait(20)
    after = dump_json(app_page.bridge.document)
    assert history(app_page, "kwai", 2020) == 7.0
    press(qtbot, Qt.Key.Key_Z, CTRL)
    assert dump_json(app_page.bridge.document) == before
    press(qtbot, Qt.Key.Key_Y, CTRL)
    assert dump_json(app_page.bridge.document) == after
    press(qtbot, Qt.Key.Key_Z, CTRL)
    press(qtbot, Qt.Key.Key_Z, CTRL | SHIFT)
    assert dump_json(app_page.bridge.document) == after


def test_edit_menu_copy_and_paste_act_on_the_clicked_table(qtbot, app_page, window):
    click(qtbot, app_page, "tiktok", 2019)
    QGuiApplication.clipboard().clear()
    window.actions.copy.trigger()
    value = QGuiApplication.clipboard().text().strip()
    assert float(value.replace(",", "")) == pytest.approx(history(app_page, "tiktok", 2019),
                                                          abs=0.005)
    click(qtbot, app_page, "others", 2019)
    window.actions.paste.trigger()
    assert history(app_page, "others", 2019) == history(app_page, "tiktok", 2019)


def test_cut_clears_the_inputs_and_paste_puts_them_back(qtbot, app_page):
    values = [history(app_page, "kwai", y) for y in (2019, 2020)]
    click(qtbot, app_page, "kwai", 2019)
    press(qtbot, Qt.Key.Key_Right, SHIFT)
    press(qtbot, Qt.Key.Key_X, CTRL)
    assert history(app_page, "kwai", 2019) is None and history(app_page, "kwai", 2020) is None
    click(qtbot, app_page, "kwai", 2019)
    press(qtbot, Qt.Key.Key_V, CTRL)
    assert [history(app_page, "kwai", y) for y in (2019, 2020)] == pytest.approx(values,
                                                                              abs=0.005)


def test_a_click_on_a_frozen_name_gives_the_table_the_keyboard(qtbot, app_page):
    frozen = app_page.table.frozen
    index = index_of(app_page, "wechat", 2019).siblingAtColumn(0)
    qtbot.mouseClick(frozen.viewport(), Qt.MouseButton.LeftButton,
                     pos=frozen.visualRect(index).center())
    assert QApplication.focusWidget() is app_page.table
    press(qtbot, Qt.Key.Key_Right)
    assert app_page.table.currentIndex().column() == 1
