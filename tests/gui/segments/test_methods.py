"""Every growth method of the registry, picked in the Method column as a person would.

The column's editor lists the registry's labels; picking one switches the series to it,
seeded so the forecast does not go blank, and exactly that method's parameter columns
become editable.
"""

import math

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox

from workbench.core.commands import SetGrowth
from workbench.core.methods import REGISTERED, labels
from workbench.core.project import Growth

from .conftest import cell, shown


def _start_from_another_method(bridge, code: str) -> None:
    other = Growth("manual", values={2023: 10.0, 2024: 11.0, 2025: 12.0})
    if code == "manual":
        other = Growth("cagr", 0.1)
    bridge.document.execute(SetGrowth("base", "a", other))


def _pick(qtbot, page, index, label: str) -> None:
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()
    qtbot.waitActive(page)
    page.table.setFocus()  # where the page puts it when it is opened
    page.table.scrollTo(index)
    rect = page.table.visualRect(index)
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.table)
    assert page.table.currentIndex() == index
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F2)
    combo = QApplication.focusWidget()
    assert isinstance(combo, QComboBox)
    assert [combo.itemText(i) for i in range(combo.count())] == list(labels().values())
    qtbot.keyClicks(combo, label)
    assert combo.currentText() == label
    qtbot.keyClick(combo, Qt.Key.Key_Return)


@pytest.mark.parametrize("grows", REGISTERED, ids=lambda m: m.code)
def test_picking_each_method_switches_the_series_seeded(qtbot, page, bridge, grows):
    _start_from_another_method(bridge, grows.code)
    _pick(qtbot, page, cell(page, "Alpha", "Method"), grows.label)
    qtbot.waitUntil(lambda: bridge.document.project.growth_of("base", "a").method == grows.code)
    assert shown(page, "Alpha", "Method") == grows.label
    result = bridge.document.result("base")
    for year in (2023, 2024, 2025):
        assert math.isfinite(result.projected_value("a", year)), year
    for kind, label in (("rate", "Rate"), ("k", "K"), ("r", "r")):
        param = grows.parameter(kind)
        editable = bool(page.model.flags(cell(page, "Alpha", label)) & Qt.ItemFlag.ItemIsEditable)
        assert editable == (param is not None and not param.by_year), kind
    bridge.undo()
    assert bridge.document.project.growth_of("base", "a").method != grows.code
