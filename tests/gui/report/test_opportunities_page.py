"""The Opportunities page: the report's opportunity map in the app, live with the model,
the scenario switch and the window's measure. Driven as a person: a click in the navigator
and on the measure switch, keys to the focused widget.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from workbench.core.commands import SetGrowth
from workbench.core.commands.measures import OnMeasure
from workbench.core.project import Growth
from workbench.core.sample import sample_document
from workbench.gui.pages.opportunities import OpportunitiesPage


def open_by_click(qtbot, window, title: str):
    navigator = window.navigator
    item = next(navigator.item(i) for i in range(navigator.count())
                if navigator.item(i).text() == title)
    qtbot.mouseClick(navigator.viewport(), Qt.MouseButton.LeftButton,
                     pos=navigator.visualItemRect(item).center())
    return window.current_page()


def expected_points(document, scenario_id: str, dimension_id: str, measure: str = "value"):
    """(name, CAGR 2025–2031 in %, amount added 2024–2031) from the engine, by hand."""
    result = document.result(scenario_id, measure)
    dim = document.project.dimension(dimension_id)
    out = {}
    for m in dim.members:
        v = result.value
        cagr = (v(m.id, 2031) / v(m.id, 2025)) ** (1 / 6) - 1
        out[m.name] = (cagr * 100, v(m.id, 2031) - v(m.id, 2024))
    return out


def shown_points(page: OpportunitiesPage):
    x, y = page.scatter.getData()
    names = [p.data() for p in page.scatter.points()]
    return {n: (float(a), float(b)) for n, a, b in zip(names, x, y, strict=True)}


def assert_points(page, document, scenario_id, dimension_id, measure="value"):
    want = expected_points(document, scenario_id, dimension_id, measure)
    got = shown_points(page)
    assert set(got) == set(want)
    for name, (x, y) in want.items():
        assert got[name][0] == pytest.approx(x, rel=1e-9)
        assert got[name][1] == pytest.approx(y, rel=1e-9)


def test_the_map_follows_the_scenario_switch_and_each_edit(qtbot, window):
    page = open_by_click(qtbot, window, "Opportunities")
    assert isinstance(page, OpportunitiesPage)
    document = window.bridge.document
    assert_points(page, document, "base", "technology")
    assert page.summary.text().startswith("The largest opportunities by Technology, 2024–2031")

    qtbot.mouseClick(page.scenario_box, Qt.MouseButton.LeftButton)
    QApplication.sendEvent(page.scenario_box.view(), _key(Qt.Key.Key_Down))
    QApplication.sendEvent(page.scenario_box.view(), _key(Qt.Key.Key_Return))
    qtbot.waitUntil(lambda: page.scenario_box.currentData() == "optimistic")
    assert_points(page, document, "optimistic", "technology")

    page.dimension_box.setFocus()
    QApplication.sendEvent(QApplication.focusWidget(), _key(Qt.Key.Key_End))
    assert page.dimension_box.currentData() == "region"
    assert_points(page, document, "optimistic", "region")
    assert page.table.rowCount() == 4
    assert page.table.item(0, 0).text() == "Asia Pacific"

    window.bridge.execute(SetGrowth("optimistic", "europe", Growth("cagr", 0.9)))
    qtbot.waitUntil(lambda: shown_points(page)["Europe"][0] > 80, timeout=3000)
    assert_points(page, document, "optimistic", "region")


def _key(key) -> QKeyEvent:
    return QKeyEvent(QEvent.Type.KeyPress, key, Qt.KeyboardModifier.NoModifier)


def test_the_map_by_volume_and_no_map_for_the_price_from_a_fresh_home(qtbot, fresh_home,
                                                                        window):
    document = window.bridge.document
    page = open_by_click(qtbot, window, "Opportunities")
    switch = page.measure_switch
    assert switch.isVisible()
    qtbot.mouseClick(switch.buttons["volume"], Qt.MouseButton.LeftButton)
    assert page.measure == "volume"
    assert_points(page, document, "base", "technology", "volume")
    # the sample's volume: Mini Program Short Drama adds the most subscriptions
    volume = document.result("base", "volume").value
    added = volume("mini-program", 2031) - volume("mini-program", 2024)
    assert page.table.item(0, 0).text() == "Mini Program Short Drama"
    assert page.table.item(0, 2).text() == f"{added:,.2f}"
    assert page.table.horizontalHeaderItem(2).text() == "Volume added 2024–2031"
    left = page.plot.getAxis("left").labelText
    assert left == "Volume added 2024–2031<br>(million paid subscriptions)"
    assert page.plot.getAxis("bottom").labelText == "Forecast CAGR of volume 2025–2031 (%)"
    assert page.summary.text().startswith("The largest opportunities by Technology by volume")
    assert "million paid subscriptions" in page.summary.text()
    assert "its share of the market's volume" in page.explanation.text()

    value_map = expected_points(document, "base", "technology")
    # Short Video's volume at 50 % a year: about 22.6 % once scaled to the volume's total
    window.bridge.execute(OnMeasure("volume", SetGrowth("base", "short-video",
                                                        Growth("cagr", 0.5))))
    qtbot.waitUntil(lambda: shown_points(page)["Short Video Short Drama"][0] > 20,
                    timeout=3000)
    assert_points(page, document, "base", "technology", "volume")
    assert expected_points(document, "base", "technology") == value_map

    qtbot.mouseClick(switch.buttons["price"], Qt.MouseButton.LeftButton)
    assert page.explanation.text() == (  # the report's refusal, one sentence
        "An average price has no opportunity map: prices do not add up across segments; "
        "choose the value or the volume.")
    assert not page.plot.isVisible() and not page.table.isVisible()
    assert not page.controls.isVisible() and page.points == []
    qtbot.mouseClick(page.explanation, Qt.MouseButton.LeftButton)
    QApplication.sendEvent(page, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_S,
                                           Qt.KeyboardModifier.AltModifier, "s"))
    assert QApplication.focusWidget() is switch.buttons["price"]
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Left)
    qtbot.wait(200)
    assert page.measure == "volume" and page.plot.isVisible()
    assert_points(page, document, "base", "technology", "volume")


def test_a_value_only_project_has_no_switch_and_maps_the_value(qtbot, make_window):
    window = make_window(sample_document(volume=False))
    page = open_by_click(qtbot, window, "Opportunities")
    assert not page.measure_switch.isVisible()
    window.bridge.measure.pick("volume")  # a choice made on another project
    assert page.measure == "value"
    assert_points(page, window.bridge.document, "base", "technology")
    assert page.table.horizontalHeaderItem(2).text() == "Value added 2024–2031"
