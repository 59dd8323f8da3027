"""The forecast chart draws what it is given, in the product's conventions, and exports it."""

import numpy as np
import pytest
from PySide6.QtCore import Qt

from workbench.gui.charts import PALETTE, ChartSeries, ForecastChart

YEARS = list(range(2019, 2032))
BASE = 2024


@pytest.fixture
def chart(qtbot):
    widget = ForecastChart()
    widget.resize(800, 400)
    qtbot.addWidget(widget)
    return widget


def _series(n: int) -> list[ChartSeries]:
    return [ChartSeries(f"S{i}", [float(i + 1)] * len(YEARS)) for i in range(n)]


def test_one_solid_history_and_one_dashed_forecast_line_per_series(chart):
    chart.show_series(YEARS, BASE, _series(3), unit="USD billions")
    items = chart.plot_items()
    assert len(items) == len(chart.series) == 3
    for history, forecast in items:
        assert history.opts["pen"].style() == Qt.PenStyle.SolidLine
        dashed = forecast.opts["pen"]
        assert dashed.style() in (Qt.PenStyle.DashLine, Qt.PenStyle.CustomDashLine)
        assert dashed.dashPattern()
        x_hist, _ = history.getData()
        x_fc, _ = forecast.getData()
        assert list(x_hist) == YEARS[:6]
        # The dashed line starts at the base year so the two halves join.
        assert list(x_fc) == YEARS[5:]


def test_palette_colours_unless_a_series_brings_its_own(chart):
    own = ChartSeries("b", [2.0] * 13, "#123456")
    chart.show_series(YEARS, BASE, [ChartSeries("a", [1.0] * 13), own])
    (a, _), (b, _) = chart.plot_items()
    assert a.opts["pen"].color().name().lower() == PALETTE[0].lower()
    assert b.opts["pen"].color().name() == "#123456"


def test_redraw_with_the_same_shape_reuses_items_and_new_values_show(chart):
    chart.show_series(YEARS, BASE, _series(2))
    before = chart.plot_items()
    chart.show_series(YEARS, BASE, [ChartSeries("S0", [5.0] * 13), ChartSeries("S1", [6.0] * 13)])
    after = chart.plot_items()
    assert [h for h, _ in after] == [h for h, _ in before]
    assert after[1][1].getData()[1][-1] == 6.0


def test_a_different_series_list_rebuilds(chart):
    chart.show_series(YEARS, BASE, _series(2))
    chart.show_series(YEARS, BASE, _series(5))
    assert len(chart.plot_items()) == 5


def test_stacked_bands_sit_on_each_other(chart):
    bands = [ChartSeries("a", [1.0] * 13), ChartSeries("b", [2.0] * 13)]
    chart.show_series(YEARS, BASE, bands, stacked=True)
    assert chart.stacked
    (_, top_a), (_, top_b) = chart.plot_items()
    assert top_a.getData()[1][-1] == 1.0
    assert top_b.getData()[1][-1] == 3.0


def test_gaps_stay_gaps(chart):
    values = [np.nan, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0, 11.0, 12.0]
    chart.show_series(YEARS, BASE, [ChartSeries("a", values)])
    history, _ = chart.plot_items()[0]
    assert np.isnan(history.getData()[1][0])


def test_readout_names_year_and_each_value(chart):
    chart.show_series(YEARS, BASE, [ChartSeries("Total", list(np.arange(13) + 1.0))], unit="USD bn")
    text = chart.readout_at(2027)
    assert "2027" in text and "forecast" in text
    assert "Total 9.00" in text and "USD bn" in text
    assert "forecast" not in chart.readout_at(2020)


def test_png_and_svg_exports_write_files(chart, tmp_path):
    chart.show_series(YEARS, BASE, _series(2), unit="USD billions")
    png, svg = tmp_path / "c.png", tmp_path / "c.svg"
    chart.export_png(png, width=600)
    chart.export_svg(svg)
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    text = svg.read_text()
    assert text.lstrip().startswith("<?xml") and "<svg" in text and "S0, S1" in text


def test_the_legend_sits_right_of_the_plot_never_over_the_bands(qtbot, chart):
    chart.show()
    qtbot.waitExposed(chart)
    bands = [ChartSeries(f"Segment with a long name {i}", [float(i + 1)] * 13) for i in range(10)]
    chart.show_series(YEARS, BASE, bands, stacked=True)
    plot = chart.plot_widget().getPlotItem()
    legend = chart.legend()
    assert [label.text for _, label in legend.items] == [s.name for s in bands]
    plot_right = lambda: plot.vb.sceneBoundingRect().right()  # noqa: E731
    qtbot.waitUntil(lambda: legend.sceneBoundingRect().left() >= plot_right())
    assert legend.sceneBoundingRect().width() > 100
    assert legend.sceneBoundingRect().right() <= chart.plot_widget().sceneRect().right() + 1


def test_the_value_axis_ends_on_a_round_number_a_small_edit_does_not_move(chart):
    chart.show_series(YEARS, BASE, [ChartSeries("Total", [41.0] * 13)])
    plot = chart.plot_widget().getPlotItem()
    assert plot.viewRange()[1] == pytest.approx([0.0, 50.0])
    chart.show_series(YEARS, BASE, [ChartSeries("Total", [41.5] * 13)])
    assert plot.viewRange()[1] == pytest.approx([0.0, 50.0])
    chart.show_series(YEARS, BASE, [ChartSeries("Total", [-3.0] + [9.0] * 12)])
    assert plot.viewRange()[1] == pytest.approx([-3.5, 10.0])
