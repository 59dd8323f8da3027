"""The Opportunities page: the report's opportunity map in the app, live with the model and
the scenario switch. Driven as a person: a click in the navigator, keys on the combo box.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from workbench.core.commands import SetGrowth
from workbench.core.project import Growth
from workbench.gui.pages.opportunities import OpportunitiesPage


def open_by_click(qtbot, window, title: str):
    navigator = window.navigator
    item = next(navigator.item(i) for i in range(navigator.count())
                if navigator.item(i).text() == title)
    qtbot.mouseClick(navigator.viewport(), Qt.MouseButton.LeftButton,
                     pos=navigator.visualItemRect(item).center())
    return window.current_page()


def expected_points(document, scenario_id: str, dimension_id: str):
    """(name, CAGR 2025–2031 in %, value added 2024–2031) from the engine, by hand."""
    result = document.result(scenario_id)
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


def assert_points(page, document, scenario_id, dimension_id):
    want = expected_points(document, scenario_id, dimension_id)
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
