"""Every page at 1024×700, the smallest window the app supports, measured with the fonts.

A label, button or card whose text is wider than the widget shows a cut word ("30.9C",
"Shift all grow"); a chart whose year labels overlap or lose the first or last year is
unreadable. The walk shows each page of the sample in turn and measures what is on
screen. Text cut on purpose (an elided cell) must carry a tooltip with the whole text.
"""

from __future__ import annotations

import itertools

import pyqtgraph as pg
import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QFontMetrics, QTextDocument
from PySide6.QtWidgets import QAbstractButton, QLabel, QScrollArea

from workbench.gui.charts import ForecastChart
from workbench.gui.qualitative.radar import RadarChart

SIZE = (1024, 700)


def _shown(widget) -> bool:
    return widget.isVisible() and not widget.visibleRegion().isEmpty()


def _text_width(label: QLabel) -> float:
    """The width the label's text needs on one line (rich text laid out as Qt does)."""
    text = label.text()
    if label.buddy() is not None:  # "Mea&sure" shows as "Measure", the s underlined
        text = text.replace("&&", "\0").replace("&", "").replace("\0", "&")
    if label.textFormat() == Qt.TextFormat.PlainText or "<" not in text:
        metrics = QFontMetrics(label.font())
        return max(metrics.horizontalAdvance(line) for line in text.split("\n"))
    document = QTextDocument()
    document.setDefaultFont(label.font())
    document.setHtml(text)
    document.setDocumentMargin(0)
    return document.idealWidth()


def cut_labels(window) -> list[str]:
    cut = []
    for label in window.findChildren(QLabel):
        if not _shown(label) or not label.text().strip() or label.toolTip():
            continue
        room = label.contentsRect().width() - 2 * label.margin()
        if label.wordWrap():
            needed = label.heightForWidth(label.contentsRect().width())
            if needed > label.contentsRect().height() + 2:
                cut.append(f"label {label.text()[:40]!r}: {needed} px high in "
                           f"{label.contentsRect().height()}")
        elif _text_width(label) > room + 1:
            cut.append(f"label {label.text()[:40]!r}: {_text_width(label):.0f} px in {room}")
    return cut


def cut_buttons(window) -> list[str]:
    cut = []
    for button in window.findChildren(QAbstractButton):
        if not _shown(button) or not button.text() or button.toolTip() == button.text():
            continue
        needed = QFontMetrics(button.font()).horizontalAdvance(button.text().replace("&", ""))
        if needed + 8 > button.width():
            cut.append(f"button {button.text()!r}: {needed} px of text in {button.width()}")
    return cut


def chart_problems(window) -> list[str]:
    problems = []
    for chart in window.findChildren(ForecastChart):
        if not _shown(chart) or not chart.series:
            continue
        plot = chart.plot_widget().getPlotItem()
        axis = plot.getAxis("bottom")
        ticks, years = chart.year_labels(), chart.years
        if ticks[0] != years[0] or ticks[-1] != years[-1]:
            problems.append(f"chart {chart.series[0].name!r}: year labels {ticks}")
        width = QFontMetrics(axis.font()).horizontalAdvance(str(years[-1]))
        xs = [plot.vb.mapViewToScene(QPointF(t, 0)).x() for t in ticks]
        if any(b - a < width + 4 for a, b in itertools.pairwise(xs)):
            problems.append(f"chart {chart.series[0].name!r}: year labels overlap")
        scene = chart.plot_widget().sceneRect()
        if xs[0] - width / 2 < scene.left() or xs[-1] + width / 2 > scene.right():
            problems.append(f"chart {chart.series[0].name!r}: an end year leaves the chart")
    return problems


def radar_problems(window) -> list[str]:
    problems = []
    for radar in window.findChildren(RadarChart):
        if not _shown(radar):
            continue
        scene = radar.sceneRect()
        for item in radar.getPlotItem().items:
            if isinstance(item, pg.TextItem):
                box = item.mapRectToScene(item.boundingRect())
                if not scene.contains(box):
                    problems.append(f"radar label {item.toPlainText()!r} is cut")
    return problems


@pytest.fixture
def small_window(qtbot, window):
    window.resize(*SIZE)
    qtbot.wait(20)
    return window


def test_every_page_fits_1024_by_700_with_no_text_cut(qtbot, small_window):
    window = small_window
    problems = []
    for key in window.navigator.page_keys():
        window.show_page(key)
        qtbot.wait(30)
        host = window.stack.currentWidget()
        assert isinstance(host, QScrollArea)
        name = window.navigator.currentItem().text()

        def fits(host=host) -> bool:
            bars = (host.horizontalScrollBar(), host.verticalScrollBar())
            return not any(bar.isVisible() for bar in bars)

        try:  # the inspector folding away settles within a few event-loop turns
            qtbot.waitUntil(fits, timeout=1000)
        except AssertionError:
            problems.append(f"{name}: the page does not fit and scrolls")
        found = (cut_labels(window) + cut_buttons(window) + chart_problems(window)
                 + radar_problems(window))
        problems += [f"{name}: {p}" for p in found]
    assert window.width() <= SIZE[0]
    assert problems == []


def test_the_measure_sees_a_cut_label_and_button(qtbot):
    """The probes above can fail: a too-narrow label and button are reported."""
    from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

    box = QWidget()
    row = QHBoxLayout(box)
    label, button = QLabel("30.90"), QPushButton("Shift all growth rates")
    label.setStyleSheet("font-size: 17pt;")
    for widget in (label, button):
        widget.setFixedWidth(40)
        row.addWidget(widget)
    qtbot.addWidget(box)
    box.show()
    qtbot.waitExposed(box)
    assert [p.split(":")[0] for p in cut_labels(box) + cut_buttons(box)] == [
        "label '30.90'", "button 'Shift all growth rates'"]
    label.setToolTip("30.90")  # elided on purpose, with the whole text in a tooltip
    assert cut_labels(box) == []


def test_every_market_page_fits_in_every_measure(qtbot, make_window):
    """With a volume, the measure switch joins the header of every market page; each page
    still fits at 1024×700 in value, volume and average price, nothing cut."""
    from tests.core.test_measures import with_volume
    from workbench.gui.measure_switch import MeasureSwitch

    window = make_window(with_volume("million paid subscriptions"))
    window.resize(*SIZE)
    qtbot.wait(20)
    problems = []
    for measure in ("value", "volume", "price"):
        window.bridge.measure.pick(measure)
        for key in window.navigator.page_keys():
            page = window.show_page(key)
            if page.findChild(MeasureSwitch) is None:
                continue
            qtbot.wait(30)
            host = window.stack.currentWidget()
            name = f"{window.navigator.currentItem().text()} ({measure})"

            def fits(host=host) -> bool:
                bars = (host.horizontalScrollBar(), host.verticalScrollBar())
                return not any(bar.isVisible() for bar in bars)

            try:
                qtbot.waitUntil(fits, timeout=1000)
            except AssertionError:
                problems.append(f"{name}: the page does not fit and scrolls")
            found = cut_labels(window) + cut_buttons(window) + chart_problems(window)
            problems += [f"{name}: {p}" for p in found]
    assert problems == []
