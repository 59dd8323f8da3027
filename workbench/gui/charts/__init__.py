"""Forecast charts shared by every page that plots values by year."""

from workbench.gui.charts.forecast_chart import ForecastChart
from workbench.gui.charts.series import MODES, PALETTE, ChartSeries

__all__ = ["MODES", "PALETTE", "ChartSeries", "ForecastChart"]
