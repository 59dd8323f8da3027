"""A number typed into a top-down forecast cell shows exactly as typed: in the table, in the
chart and in the saved file, and it stays so after unrelated edits (a fresh machine: empty
HOME and XDG folders)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from workbench.core.commands import SetGrowth
from workbench.core.project import Growth
from workbench.gui.page import PageKey
from workbench.gui.segments import SegmentPage
from workbench.store import open_project

from .test_keyboard import click, index_of, press, type_text

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def fresh_machine(tmp_path, monkeypatch):
    for name in ("HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"):
        folder = tmp_path / name.lower()
        folder.mkdir()
        monkeypatch.setenv(name, str(folder))


def test_typing_6_5_into_a_forecast_cell_shows_6_50_everywhere(
    qtbot, fresh_machine, window, dialogs, tmp_path
):
    assert window.bridge.document.project.mode == "top_down"
    window.resize(1600, 1000)
    window.activateWindow()
    qtbot.waitActive(window)
    page = window.show_page(PageKey(SegmentPage, "technology"))
    qtbot.wait(10)
    click(qtbot, page, "mini-program", 2028)
    assert QApplication.focusWidget() is page.table
    type_text(qtbot, "6.5")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: ("base", "mini-program", 2028) in page.bridge.document.project.pins)
    document = page.bridge.document
    assert document.project.pins[("base", "mini-program", 2028)] == 6.5
    assert page.model.data(index_of(page, "mini-program", 2028)) == "6.50"
    line = next(s for s in page.chart.series if s.name == "Mini Program Short Drama")
    assert line.values[2028 - 2019] == 6.5
    # Short Video takes the rest of the 2028 total, so the two still add up to it.
    result = document.result("base")
    assert result.value("short-video", 2028) == pytest.approx(result.value("total", 2028) - 6.5)

    document.execute(SetGrowth("base", "total", Growth("cagr", 0.25)))  # an unrelated edit
    qtbot.wait(10)
    assert page.model.data(index_of(page, "mini-program", 2028)) == "6.50"

    path = tmp_path / "typed.mwp"
    dialogs.queue("ask_save_path", str(path))
    press(qtbot, Qt.Key.Key_S, CTRL)
    qtbot.waitUntil(path.exists)
    saved = open_project(path)
    assert saved.project.pins[("base", "mini-program", 2028)] == 6.5
    assert saved.result("base").value("mini-program", 2028) == 6.5
