"""Key Questions on a project with a volume: volume and price insights listed beside the
value's, inserted with a click, rendered live and following a volume edit."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from workbench.core.commands import SetGrowth
from workbench.core.commands.measures import OnMeasure
from workbench.core.measures import PRICE, VOLUME
from workbench.core.project import Growth
from workbench.core.sample import sample_document
from workbench.gui.bridge import DocumentBridge
from workbench.gui.qualitative.questions import KeyQuestionsPage


def _cagr(result, series_id, a=2025, b=2031) -> float:
    return (result.value(series_id, b) / result.value(series_id, a)) ** (1 / (b - a)) - 1


def test_a_volume_figure_is_inserted_by_clicks_and_follows_a_volume_edit(qtbot):
    bridge = DocumentBridge(sample_document(volume=True))
    page = KeyQuestionsPage(bridge)
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    qtbot.waitExposed(page)
    page.questions.select("q3")
    # The volume's and the price's insights are listed with the measure and unit named.
    trend = page.insight_item("price_trend")
    assert trend is not None and "per paid subscription" in trend.text(0)
    price = bridge.document.result("base", PRICE)
    assert f"{_cagr(price, 'total') * 100:.1f} % a year" in trend.text(0)
    # Click into the answer, Ctrl+End; click the fastest-by-volume insight, then Insert.
    page.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page)
    qtbot.mouseClick(page.answer.viewport(), Qt.MouseButton.LeftButton,
                     pos=page.answer.viewport().rect().center())
    assert QApplication.focusWidget() is page.answer
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_End,
                   Qt.KeyboardModifier.ControlModifier)
    item = page.insight_item("fastest:technology:volume")
    page.insight_list.scrollToItem(item)
    rect = page.insight_list.visualItemRect(item)
    qtbot.mouseClick(page.insight_list.viewport(), Qt.MouseButton.LeftButton,
                     pos=rect.center())
    assert page.insight_list.currentItem() is item
    qtbot.mouseClick(page.insert_button, Qt.MouseButton.LeftButton)
    answer = bridge.document.project.entity("key_questions", "q3").answer
    assert answer.endswith("{{fastest:technology:volume}}")
    volume = bridge.document.result("base", VOLUME)
    rate = _cagr(volume, "mini-program")
    assert f"Mini Program Short Drama ({rate * 100:.1f} % CAGR 2025–2031 by volume)" in (
        page.rendered.toPlainText()
    )
    # A volume edit: Short Video now grows fastest by volume, and the answer says so.
    assert bridge.execute(OnMeasure(VOLUME, SetGrowth("base", "short-video",
                                                      Growth("cagr", 0.5))))
    qtbot.waitUntil(lambda: "Short Video Short Drama (" in page.rendered.toPlainText()
                    and "by volume)" in page.rendered.toPlainText())
    bridge.undo()
    qtbot.waitUntil(lambda: "Mini Program Short Drama (" in page.rendered.toPlainText())
