"""A long title (the measure, its unit and the scenario) takes a second line in a narrow
chart, after its " · " (or its ": "), a third after its ": " in a narrower one, and only
when fewer lines do not fit beside the legend: a wider title stretches the plot past the
chart's edge and cuts the legend off (the Technology page at 1024 × 700 did, in price)."""

import pytest

from workbench.gui.charts import ChartSeries, ForecastChart

YEARS = list(range(2019, 2032))
TITLE = "Technology: average price, USD per paid subscription · Base scenario"
NAMES = ("Short Video Short Drama", "Mini Program Short Drama")


@pytest.fixture
def chart(qtbot):
    widget = ForecastChart()
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def draw(qtbot, chart, width: int, title: str = TITLE) -> str:
    chart.resize(width, 360)
    series = [ChartSeries(name, [float(i + 1)] * len(YEARS)) for i, name in enumerate(NAMES)]
    chart.show_series(YEARS, 2024, series, unit="USD per paid subscription", title=title)
    qtbot.wait(20)
    return chart.plot_widget().getPlotItem().titleLabel.text


def legend_inside(chart) -> bool:
    view = chart.plot_widget()
    box = chart.legend().mapRectToScene(chart.legend().boundingRect())
    return box.right() <= view.viewport().width() + 1


def test_a_narrow_chart_breaks_the_title_in_two(qtbot, chart):
    assert draw(qtbot, chart, 720) == (
        "Technology: average price, USD per paid subscription<br>Base scenario")
    assert chart.title == TITLE  # what the chart shows is still named in one line
    assert legend_inside(chart)


def test_a_narrower_chart_breaks_it_in_three_and_the_legend_stays_whole(qtbot, chart):
    assert draw(qtbot, chart, 560) == (
        "Technology:<br>average price, USD per paid subscription<br>Base scenario")
    assert legend_inside(chart)
    title = chart.plot_widget().getPlotItem().titleLabel
    assert title.mapRectToScene(title.boundingRect()).top() >= 0  # no line cut at the top
    chart.resize(1400, 360)  # wider again: one line, the plot back within the chart
    qtbot.wait(20)
    assert chart.plot_widget().getPlotItem().titleLabel.text == TITLE
    assert legend_inside(chart)


def test_a_wide_chart_keeps_the_title_on_one_line(qtbot, chart):
    assert draw(qtbot, chart, 1400) == TITLE
    assert legend_inside(chart)


def test_a_title_without_a_scenario_breaks_after_its_colon(qtbot, chart):
    title = "Total market by scenario: average price, USD per paid subscription"
    assert draw(qtbot, chart, 620, title) == (
        "Total market by scenario:<br>average price, USD per paid subscription")
    assert legend_inside(chart)
    chart.resize(1400, 360)  # wider again: one line
    qtbot.wait(20)
    assert chart.plot_widget().getPlotItem().titleLabel.text == title
