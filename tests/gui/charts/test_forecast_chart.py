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


def test_stacked_columns_add_up_and_share_columns_reach_100(chart):
    bands = [ChartSeries("a", [1.0] * 13), ChartSeries("b", [3.0] * 12 + [np.nan])]
    chart.show_series(YEARS, BASE, bands, mode="columns", title="Sizes")
    assert chart.mode == "columns" and chart.column_tops() == [4.0] * 12 + [1.0]
    chart.show_series(YEARS, BASE, bands, mode="share")
    assert chart.column_tops() == pytest.approx([100.0] * 13)
    plot = chart.plot_widget().getPlotItem()
    assert plot.getAxis("left").labelText == "% of the total"
    assert plot.vb.viewRange()[1] == [0.0, 100.0]


def test_pins_are_marked_and_the_title_names_what_is_shown(chart):
    pinned = ChartSeries("a", list(np.arange(13) + 1.0), pins=(2026, 2030))
    chart.show_series(YEARS, BASE, [pinned, ChartSeries("b", [1.0] * 13)], unit="USD bn",
                      title="Region: market size, USD bn · Base scenario")
    assert chart.pinned_points() == [("a", [(2026.0, 8.0), (2030.0, 12.0)]), ("b", [])]
    assert "Base scenario" in chart.plot_widget().getPlotItem().titleLabel.text


def test_the_first_series_is_drawn_on_top_so_a_copy_does_not_hide_it(chart):
    same = [1.0] * 13
    chart.show_series(YEARS, BASE, [ChartSeries("Base", same), ChartSeries("Copy", same)])
    (base, _), (copy, _) = chart.plot_items()
    assert base.zValue() > copy.zValue()


def test_a_chart_is_copied_as_an_image_and_saved_as_png_or_svg(chart, tmp_path, monkeypatch):
    from PySide6.QtGui import QGuiApplication

    from workbench.gui import dialogs

    chart.show_series(YEARS, BASE, _series(2))
    QGuiApplication.clipboard().clear()
    chart.copy_to_clipboard()
    image = QGuiApplication.clipboard().image()
    assert not image.isNull() and image.width() > 100
    answers = iter([str(tmp_path / "c.png"), str(tmp_path / "c.svg"), ""])
    monkeypatch.setattr(dialogs, "ask_save_path", lambda *_args: next(answers))
    assert chart.save_as() and chart.save_as() and not chart.save_as()
    assert (tmp_path / "c.png").read_bytes()[:4] == b"\x89PNG"
    assert b"<svg" in (tmp_path / "c.svg").read_bytes()[:400]
