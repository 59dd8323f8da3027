"""Forecast charts shared by every page that plots values by year."""

from workbench.gui.charts.forecast_chart import ForecastChart
from workbench.gui.charts.series import PALETTE, ChartSeries

__all__ = ["PALETTE", "ChartSeries", "ForecastChart"]
