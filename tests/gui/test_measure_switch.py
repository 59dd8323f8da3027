"""Value, volume and the average price in the app, driven as an analyst drives it.

The project is the sample with a volume in "million paid subscriptions" whose history is
3 × the value's (`tests/core/test_measures.py::with_volume`), so every history price is
1,000 × value ÷ (3 × value) = 333.33 USD per paid subscription, and the volume's growth is
the default (CAGR 0 %), so its forecast stays at the 2024 total. Clicks go to the widgets
with the mouse, keys to `QApplication.focusWidget()`; every test starts on a fresh HOME.
"""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

from tests.core.test_measures import with_volume
from workbench.core.dump import dump_json
from workbench.core.project import TOTAL
from workbench.gui.page import CellTarget, PageKey
from workbench.gui.pages.overview import OverviewPage
from workbench.gui.pages.scenarios import ScenariosPage
from workbench.gui.segments import SegmentPage

CTRL, ALT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.AltModifier
UNIT = "million paid subscriptions"


pytestmark = pytest.mark.usefixtures("fresh_home")


@pytest.fixture
def window(qtbot, make_window):
    main = make_window(with_volume(UNIT), (1600, 1000))
    main.activateWindow()
    qtbot.waitActive(main)
    return main


def page_of(qtbot, window, ident: str) -> SegmentPage:
    page = window.show_page(PageKey(SegmentPage, ident))
    qtbot.wait(10)
    return page


def index_of(page, series_id: str, column: int | str):
    model = page.model
    row = next(i for i, r in enumerate(model.layout.rows) if r.is_series and r.key == series_id)
    col = next(i for i, c in enumerate(model.layout.columns) if column in (c.year, c.kind))
    return model.index(row, col)


def click(qtbot, page, series_id: str, column: int | str) -> None:
    """A mouse click on the cell; assumption columns are clicked on the frozen overlay."""
    index = index_of(page, series_id, column)
    frozen = page.table.frozen
    view = frozen if index.column() < frozen.count() else page.table
    page.table.scrollTo(index)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                     pos=view.visualRect(index).center())


def press(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    focus = QApplication.focusWidget()
    assert focus is not None, "nothing has the keyboard focus"
    qtbot.keyClick(focus, key, modifier)


def enter(qtbot) -> None:
    """Return commits the editor on the next turn of the event loop (Qt queues it)."""
    press(qtbot, Qt.Key.Key_Return)
    qtbot.wait(20)


def type_text(qtbot, text: str) -> None:
    for character in text:
        press(qtbot, character)


def pick(qtbot, page, measure: str) -> None:
    qtbot.mouseClick(page.measure_switch.buttons[measure], Qt.MouseButton.LeftButton)


def test_a_click_switches_the_page_and_every_other_page_of_the_window(qtbot, window):
    tech = page_of(qtbot, window, "technology")
    assert tech.measure_switch.isVisible() and tech.model.measure == "value"
    pick(qtbot, tech, "volume")
    assert tech.model.measure == "volume"
    volume = window.bridge.document.project.volume.history[("short-video", 2022)]
    assert tech.model.data(index_of(tech, "short-video", 2022)) == f"{volume:,.2f}"
    assert tech.model.headerData(0, Qt.Orientation.Horizontal) == f"Volume\n{UNIT}"
    assert "<b>Volume</b>, million paid subscriptions" in tech._caption.text()
    application = page_of(qtbot, window, "application")  # built after the switch
    assert application.model.measure == "volume"
    assert application.measure_switch.buttons["volume"].isChecked()
    pick(qtbot, application, "value")
    assert page_of(qtbot, window, "technology").model.measure == "value"


def test_the_keyboard_reaches_the_switch_and_the_arrows_move_it(qtbot, window):
    """Alt+S then Right at a typist's pace: the choice moves and stays once the event loop
    has run (the label's mnemonic used to click its buddy 100 ms later, which put the
    switch back on Value after a quick arrow)."""
    tech = page_of(qtbot, window, "technology")
    click(qtbot, tech, "short-video", 2022)
    assert QApplication.focusWidget() is tech.table
    press(qtbot, Qt.Key.Key_S, ALT)
    assert QApplication.focusWidget() is tech.measure_switch.buttons["value"]
    press(qtbot, Qt.Key.Key_Right)
    qtbot.wait(300)
    assert QApplication.focusWidget() is tech.measure_switch.buttons["volume"]
    assert tech.measure_switch.buttons["volume"].isChecked()
    assert window.bridge.measure.picked == "volume" and tech.model.measure == "volume"
    press(qtbot, Qt.Key.Key_Right)
    qtbot.wait(300)
    assert tech.model.measure == "price"
    assert QApplication.focusWidget() is tech.measure_switch.buttons["price"]
    press(qtbot, Qt.Key.Key_Right)  # the last measure: the choice stays
    press(qtbot, Qt.Key.Key_Left)
    qtbot.wait(300)
    assert tech.model.measure == "volume"
    assert QApplication.focusWidget() is tech.measure_switch.buttons["volume"]


def test_alt_s_on_a_volume_page_focuses_volume_and_changes_nothing(qtbot, window):
    tech = page_of(qtbot, window, "technology")
    pick(qtbot, tech, "volume")
    click(qtbot, tech, "short-video", 2022)
    press(qtbot, Qt.Key.Key_S, ALT)
    qtbot.wait(300)
    assert QApplication.focusWidget() is tech.measure_switch.buttons["volume"]
    assert tech.model.measure == "volume"
    press(qtbot, Qt.Key.Key_Left)
    qtbot.wait(300)
    assert tech.model.measure == "value"


def test_a_typed_volume_changes_the_volume_alone_and_ctrl_z_restores_it(qtbot, window):
    document = window.bridge.document
    before = dump_json(document)
    value_history = document.project.history[("short-video", 2022)]
    value_forecast = document.result("base").values.copy()
    tech = page_of(qtbot, window, "technology")
    pick(qtbot, tech, "volume")
    click(qtbot, tech, "short-video", 2022)
    type_text(qtbot, "12.5")
    enter(qtbot)
    assert document.project.volume.history[("short-video", 2022)] == 12.5
    assert document.project.history[("short-video", 2022)] == value_history
    np.testing.assert_array_equal(document.result("base").values, value_forecast)
    assert tech.model.data(index_of(tech, "short-video", 2022)) == "12.50"
    assert document.undo_text == "Set history value (volume)"
    press(qtbot, Qt.Key.Key_Z, CTRL)
    assert dump_json(document) == before
    press(qtbot, Qt.Key.Key_Y, CTRL)
    assert document.project.volume.history[("short-video", 2022)] == 12.5


def test_a_rate_typed_in_the_frozen_column_grows_the_volume(qtbot, window):
    document = window.bridge.document
    value_growth = document.project.growth_of("base", "short-video")
    tech = page_of(qtbot, window, "technology")
    pick(qtbot, tech, "volume")
    click(qtbot, tech, "short-video", "rate")
    type_text(qtbot, "7")
    enter(qtbot)
    assert document.project.volume.growth[("base", "short-video")].rate == pytest.approx(0.07)
    assert document.project.growth_of("base", "short-video") == value_growth
    press(qtbot, Qt.Key.Key_Z, CTRL)
    assert ("base", "short-video") not in document.project.volume.growth


def test_delete_and_paste_on_a_volume_page_edit_the_volume(qtbot, window):
    document = window.bridge.document
    volume, value = document.project.volume.history, document.project.history
    kwai_value = value[("kwai", 2020)]
    app = page_of(qtbot, window, "application")
    pick(qtbot, app, "volume")
    click(qtbot, app, "kwai", 2020)
    press(qtbot, Qt.Key.Key_Delete)
    assert ("kwai", 2020) not in document.project.volume.history
    assert value[("kwai", 2020)] == kwai_value
    click(qtbot, app, "tiktok", 2019)
    press(qtbot, Qt.Key.Key_C, CTRL)
    click(qtbot, app, "others", 2019)
    press(qtbot, Qt.Key.Key_V, CTRL)
    volume = document.project.volume.history
    assert volume[("others", 2019)] == volume[("tiktok", 2019)]
    assert value[("others", 2019)] != volume[("tiktok", 2019)]
    assert document.undo_text.endswith("(volume)")  # one step, on the volume


def test_the_price_page_refuses_typing_with_one_status_message(qtbot, window, dialogs):
    document = window.bridge.document
    before, undo = dump_json(document), document.undo_text
    tech = page_of(qtbot, window, "technology")
    pick(qtbot, tech, "price")
    assert tech.model.data(index_of(tech, "short-video", 2022)) == "333.33"
    click(qtbot, tech, "short-video", 2022)
    type_text(qtbot, "5")
    assert QApplication.focusWidget() is tech.table  # no editor opened
    message = window.statusBar().currentMessage()
    assert message.startswith("The average price is computed (value ÷ volume × 1,000)")
    window.statusBar().clearMessage()
    press(qtbot, Qt.Key.Key_Delete)
    assert window.statusBar().currentMessage() == message
    window.statusBar().clearMessage()
    index = index_of(tech, "short-video", 2023)
    qtbot.mouseDClick(tech.table.viewport(), Qt.MouseButton.LeftButton,
                      pos=tech.table.visualRect(index).center())
    assert window.statusBar().currentMessage() == message
    assert dump_json(document) == before and document.undo_text == undo
    assert dialogs.errors == []


def test_the_inspector_shows_the_division_of_a_price_cell(qtbot, window):
    document = window.bridge.document
    tech = page_of(qtbot, window, "technology")
    pick(qtbot, tech, "price")
    click(qtbot, tech, "short-video", 2022)
    labels = window.inspector.labels
    value = document.project.history[("short-video", 2022)]
    assert labels["Number"].text() == "USD 333.3 per paid subscription"  # 1,000 ÷ 3
    assert labels["Formula"].text() == (
        f"USD 333.3 per paid subscription = {value:.4g} USD billions ÷ "
        f"{3 * value:.4g} {UNIT} × 1,000")
    assert not window.inspector.note.isEnabled()


def test_a_note_and_a_hold_on_a_volume_cell_are_the_volumes(qtbot, window):
    document = window.bridge.document
    tech = page_of(qtbot, window, "technology")
    pick(qtbot, tech, "volume")
    click(qtbot, tech, "short-video", 2022)
    assert "Volume" in window.inspector.labels["Cell"].text()
    window.inspector.note.setPlainText("Counted per platform subscription")
    qtbot.mouseClick(window.inspector.save_note, Qt.MouseButton.LeftButton)
    assert document.project.volume.notes[("", "short-video", 2022)] == (
        "Counted per platform subscription")
    assert ("", "short-video", 2022) not in document.project.notes
    menu = tech.context_menu(index_of(tech, "short-video", 2022))
    next(a for a in menu.actions() if a.text() == "Hold value").trigger()
    assert ("short-video", 2022) in document.project.volume.holds
    assert ("short-video", 2022) not in document.project.holds


def test_back_solve_on_a_volume_page_sets_the_volumes_rate(qtbot, window, type_backsolve_target):
    document = window.bridge.document
    value_before = document.result("base").values.copy()
    tech = page_of(qtbot, window, "technology")
    pick(qtbot, tech, "volume")
    # Top-down with a flat volume total: Short Video's free share must grow to land on 13.
    target = 13.0

    type_backsolve_target("short-video", "13")
    menu = tech.context_menu(index_of(tech, "short-video", 2030))
    next(a for a in menu.actions() if a.text().startswith("Back-solve")).trigger()
    assert document.result("base", "volume").value("short-video", 2031) == pytest.approx(target)
    assert document.project.volume.growth[("base", "short-video")].rate > 0
    np.testing.assert_array_equal(document.result("base").values, value_before)


def test_chart_titles_and_axes_name_the_measure_and_its_unit(qtbot, window):
    tech = page_of(qtbot, window, "technology")
    pick(qtbot, tech, "volume")
    assert tech.chart.title == f"Technology: volume, {UNIT} · Base scenario"
    pick(qtbot, tech, "price")
    assert tech.chart.title == (
        "Technology: average price, USD per paid subscription · Base scenario")
    assert tech.chart.plot_widget().getPlotItem().getAxis("left").labelText == (
        "USD per paid subscription")
    total = page_of(qtbot, window, "total")
    assert total.chart.title == (
        "Total market by scenario: average price, USD per paid subscription")
    pick(qtbot, total, "volume")
    scenarios = window.show_page(PageKey(ScenariosPage))
    qtbot.waitUntil(lambda: scenarios.chart.title.endswith(UNIT))
    assert scenarios.chart.title == f"Total market by scenario: volume, {UNIT}"
    assert scenarios.comparison.measure.text() == f"Volume, {UNIT}"
    overview = window.show_page(PageKey(OverviewPage))
    qtbot.waitUntil(lambda: overview.chart.title.endswith(UNIT))


def test_the_overview_shows_both_measures_and_the_price_trend(qtbot, window):
    document = window.bridge.document
    overview = window.show_page(PageKey(OverviewPage))
    qtbot.wait(10)
    lines = [label.text() for label in overview.findChildren(QLabel, "card-line")]
    volume_2024 = 3 * document.project.history[(TOTAL, 2024)]
    value_2031 = document.result("base").value(TOTAL, 2031)
    assert f"Volume {volume_2024:,.2f}" in lines
    assert "Price 333.33" in lines
    assert f"Volume {volume_2024:,.2f} · 0.0 %" in lines  # flat volume: CAGR 0
    price_2031 = 1000 * value_2031 / volume_2024
    price_rate = (value_2031 / document.result("base").value(TOTAL, 2025)) ** (1 / 6) - 1
    assert f"Price {price_2031:,.2f} · {100 * price_rate:.1f} %" in lines
    assert UNIT in overview._subtitle.text()


def test_scenarios_shift_the_shown_measures_rates(qtbot, window):
    document = window.bridge.document
    value_growth = dict(document.project.growth)
    scenarios = window.show_page(PageKey(ScenariosPage))
    qtbot.mouseClick(_switch(scenarios).buttons["volume"], Qt.MouseButton.LeftButton)
    scenarios.table.selectRow(1)  # Optimistic
    scenarios.points.setValue(2.0)
    qtbot.mouseClick(scenarios.shift_button, Qt.MouseButton.LeftButton)
    assert document.project.volume.growth[("optimistic", TOTAL)].rate == pytest.approx(0.02)
    assert document.project.growth == value_growth
    qtbot.mouseClick(_switch(scenarios).buttons["price"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not scenarios.shift_button.isEnabled())


def _switch(page):
    from workbench.gui.measure_switch import MeasureSwitch

    return page.findChild(MeasureSwitch)


def test_a_cell_target_of_the_volume_opens_its_page_in_volume(qtbot, window):
    window.navigate_to(CellTarget("base", "tiktok", 2022, "volume"))
    page = window.current_page()
    assert page.model.measure == "volume"
    assert window.inspector.cell == CellTarget("base", "tiktok", 2022, "volume")


def test_a_volume_finding_opens_its_cell_in_volume(qtbot, window):
    """Validation's finding about the volume ("Volume: …") goes to the volume page."""
    from workbench.core.commands import SetHistory
    from workbench.core.commands.measures import OnMeasure

    window.bridge.execute(OnMeasure("volume", SetHistory("tiktok", 2022, 900.0)))
    overview = window.show_page(PageKey(OverviewPage))
    overview.redraw()
    items = [overview.findings.item(i) for i in range(overview.findings.count())]
    item = next(i for i in items if "Volume" in i.text() and "Application" in i.text())
    overview.findings.scrollToItem(item)
    qtbot.mouseClick(overview.findings.viewport(), Qt.MouseButton.LeftButton,
                     pos=overview.findings.visualItemRect(item).center())
    press(qtbot, Qt.Key.Key_Return)  # "Double-click or press Enter to open the page"
    page = window.current_page()
    assert isinstance(page, SegmentPage) and page.dimension_id == "application"
    assert page.model.measure == "volume"


def test_the_sources_page_lists_volume_cells_and_opens_them_in_volume(qtbot, window):
    from workbench.core.commands import SetHistorySource
    from workbench.core.commands.measures import OnMeasure
    from workbench.gui.pages.sources import uses_of

    project = window.bridge.document.project
    source = project.sources[0].id
    window.bridge.execute(OnMeasure("volume", SetHistorySource("tiktok", 2022, source)))
    window.bridge.execute(OnMeasure("volume", SetHistorySource("tiktok", 2023, source)))
    volume_uses = [(label, target) for label, target in uses_of(project, source)
                   if label.startswith("Volume history")]
    assert volume_uses == [("Volume history · TikTok · 2022–2023",
                            CellTarget("", "tiktok", 2022, "volume"))]
    window.navigate_to(volume_uses[0][1])
    assert window.current_page().model.measure == "volume"
