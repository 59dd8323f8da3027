"""The user's locale on top of the one number format: a German desktop, typed by a person.

Starts from an empty HOME and XDG folders (a fresh machine); the locale is switched for
the test and put back after it.
"""

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QApplication

from workbench.core.project import TOTAL
from workbench.core.sample import sample_document
from workbench.gui import locale_numbers
from workbench.gui.bridge import DocumentBridge
from workbench.gui.qualitative.dossier import Dossier

from .conftest import cell, shown


@pytest.fixture
def german(monkeypatch, tmp_path):
    for name in ("HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(name, str(tmp_path / name.lower()))
    before = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.German, QLocale.Country.Germany))
    locale_numbers.notation.cache_clear()
    yield
    QLocale.setDefault(before)
    locale_numbers.notation.cache_clear()


def focused():
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


def type_into(qtbot, page, index, text: str) -> None:
    """A click on the cell, then the keys, to whatever widget has the focus."""
    page.table.scrollTo(index)
    rect = page.table.visualRect(index)
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.keyClick(focused(), text[0])  # typing opens the editor, as in Excel
    qtbot.keyClicks(focused(), text[1:])
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    qtbot.wait(20)  # the delegate commits on the next event loop turn


def test_a_german_desktop_shows_and_reads_decimal_commas(german, qtbot, page, bridge, errors):
    page.show()
    page.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page)
    assert locale_numbers.notation().decimal == ","
    type_into(qtbot, page, cell(page, "Beta", "2021"), "1234,5")
    assert bridge.document.project.history[("b", 2021)] == 1234.5
    assert shown(page, "Beta", "2021") == "1.234,50"
    type_into(qtbot, page, cell(page, "Total market", "Rate"), "12,5")
    assert bridge.document.project.growth_of("base", TOTAL).rate == pytest.approx(0.125)
    assert shown(page, "Total market", "Rate") == "12,5 %"
    type_into(qtbot, page, cell(page, "Alpha", "2021"), "7.5")
    assert errors == [
        "'7.5' is not a number (Alpha, 2021); type a number such as 1.234,5 or −3,5."
    ]
    assert bridge.document.project.history[("a", 2021)] == 7.0


def test_a_share_typed_with_a_decimal_point_on_a_german_desktop(german, qtbot):
    bridge = DocumentBridge(sample_document())
    dossier = Dossier(bridge)
    qtbot.addWidget(dossier)
    dossier.show_company("co-simei")
    dossier.show()
    dossier.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dossier)
    model, table = dossier.shares_model, dossier.shares_table
    index = model.index(model.years().index(2024), 0)
    rect = table.visualRect(index)
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.keyClick(focused(), Qt.Key.Key_F2)
    editor = focused()
    qtbot.keyClicks(editor, "18.2")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.wait(20)
    assert bridge.document.project.entity("companies", "co-simei").shares == {
        2024: pytest.approx(0.182)
    }
    assert index.data() == "18,2 %"


def test_a_copy_within_the_table_keeps_every_digit_on_a_german_desktop(german, qtbot, page,
                                                                        bridge):
    page.show()
    page.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page)
    type_into(qtbot, page, cell(page, "Alpha", "2020"), "1234,5678901234")
    for label, key in (("2020", Qt.Key.Key_C), ("2021", Qt.Key.Key_V)):
        rect = page.table.visualRect(cell(page, "Alpha", label))
        qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.keyClick(focused(), key, Qt.KeyboardModifier.ControlModifier)
    assert bridge.document.project.history[("a", 2021)] == 1234.5678901234
    assert shown(page, "Alpha", "2021") == "1.234,57"
