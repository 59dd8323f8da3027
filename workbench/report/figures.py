"""The figures a report prints, all computed by the core, and how they are written.

Builders never compute a forecast, a share or a CAGR themselves: values come from the
engine's result, CAGRs and shares from `workbench.core.derived`, headline sentences from
`workbench.core.insights`. Every printed number goes through `number` (in a sentence),
`amount` (in a table) or `percent` here, which are the project's one number formatter
(`workbench.numbers`), so the report writes numbers exactly as the app does.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from workbench import numbers
from workbench.core.derived import cagr_rows, share_rows
from workbench.core.document import Document
from workbench.core.engine import ScenarioResult
from workbench.core.insights import Insight, figure
from workbench.core.measures import PRICE, VALUE, inputs_of, measure, price_unit, unit_of
from workbench.core.project import TOTAL, Dimension, Metadata, Project


def number(value: float) -> str:
    """A market value in a sentence: four significant digits ("8.504", "30.9")."""
    return numbers.number(value)


def amount(value: float) -> str:
    """A market value in a table: two decimals, more below 1 ("8.50", "0.0553")."""
    return numbers.amount(value)


def percent(value: float) -> str:
    """A ratio (CAGR, share) as the report prints it: 0.2412 → "24.1 %"."""
    return numbers.percent(value)


def cagr_periods(meta: Metadata) -> tuple[tuple[int, int], tuple[int, int]]:
    """The history and forecast CAGR periods: first → base year, first forecast → last year.

    The forecast period starts at the first forecast year ("2025–2031", the seed's
    convention for the headline, tables and insights alike).
    """
    return (meta.first_year, meta.base_year), (meta.base_year + 1, meta.last_year)


def period_label(period: tuple[int, int]) -> str:
    return f"{period[0]}–{period[1]}"


@dataclass(frozen=True)
class SeriesFigures:
    """One series in one scenario: its values by year, both CAGRs and its last-year share."""

    series_id: str
    name: str
    values: np.ndarray
    history_cagr: float
    forecast_cagr: float
    share_base: float
    share_last: float


class Figures:
    """One scenario's figures of one measure for the report, computed once and shared by
    every chapter; `of(measure)` gives the same scenario's figures of another measure."""

    def __init__(self, document: Document, scenario_id: str, measure_id: str = VALUE) -> None:
        self.document = document
        self.project: Project = document.project
        self.meta = self.project.metadata
        self.scenario_id = scenario_id
        self.measure = measure_id
        self.scenario_name = self.project.scenario(scenario_id).name
        self.result: ScenarioResult = document.result(scenario_id, measure_id)
        self.history_period, self.forecast_period = cagr_periods(self.meta)
        self._history_cagrs = cagr_rows(self.result, *self.history_period)
        self._forecast_cagrs = cagr_rows(self.result, *self.forecast_period)
        self._names = {TOTAL: "Total market"} | {
            m.id: m.name for d in self.project.dimensions for m in d.members
        }
        self._measures: dict[str, Figures] = {measure_id: self}

    def of(self, measure_id: str) -> Figures:
        """This scenario's figures of another measure (made once)."""
        found = self._measures.get(measure_id)
        if found is None:
            found = Figures(self.document, self.scenario_id, measure_id)
            found._measures = self._measures
            self._measures[measure_id] = found
        return found

    @property
    def unit(self) -> str:
        return unit_of(self.project, self.measure)

    @property
    def label(self) -> str:
        """The measure in a title: "value", "volume", "average price"."""
        return measure(self.measure).label.lower()

    @property
    def tag(self) -> str:
        """", volume" after a table's or chart's subject once the project has a volume
        (so every title names its measure); nothing for a value-only project."""
        return f", {self.label}" if self.project.volume is not None else ""

    @property
    def additive(self) -> bool:
        """Whether segments add up to the total (shares make sense): not for a price."""
        return self.measure != PRICE

    @property
    def sources(self):
        """The history cells' sources of this measure (the price has none: it is derived)."""
        if self.measure == PRICE:
            return None
        return inputs_of(self.project, self.measure).history_sources

    @property
    def price_explanation(self) -> str:
        """"value ÷ volume × 1,000": how the price is computed (for a project with a volume)."""
        return price_unit(self.project).explanation

    def money(self, value: float) -> str:
        """A value with its unit as the core's sentences say it ("USD 8.504 billion")."""
        return numbers.money(value, self.unit)

    def value(self, series_id: str, year: int) -> float:
        return self.result.value(series_id, year)

    def series(self, series_id: str) -> SeriesFigures:
        row = self.result.row[series_id]
        shares = self._shares([series_id])[0] if self.additive else np.full(
            self.result.values.shape[1], np.nan)
        return SeriesFigures(
            series_id,
            self._names[series_id],
            self.result.values[row],
            float(self._history_cagrs[row]),
            float(self._forecast_cagrs[row]),
            float(shares[self.result.col(self.meta.base_year)]),
            float(shares[self.result.col(self.meta.last_year)]),
        )

    def dimension(self, dim: Dimension) -> list[SeriesFigures]:
        return [self.series(m) for m in dim.member_ids()]

    def _shares(self, series_ids: list[str]) -> np.ndarray:
        return share_rows(self.result, series_ids)

    def insight(self, kind: str, *args: str, period: tuple[int, int] | None = None) -> Insight:
        """A core insight of this measure; the period defaults to the forecast CAGR period."""
        a, b = period or self.forecast_period
        return self.key_figure(kind, *args, str(a), str(b))

    def key_figure(self, kind: str, *args: str) -> Insight:
        """A core insight of this measure with its arguments exactly as given (no period
        added)."""
        tail = [] if self.measure == VALUE else [self.measure]
        return figure(self.document, self.scenario_id, ":".join([kind, *args, *tail]))

    def has_numbers(self, dim: Dimension | None = None) -> bool:
        """Whether the measure has any number at all (a volume just added has none), or
        any in one dimension's segments (a volume imported by region has none by
        technology)."""
        if dim is None:
            return bool(np.isfinite(self.result.values).any())
        rows = [self.result.row[m] for m in dim.member_ids()]
        return bool(np.isfinite(self.result.values[rows]).any())

    def fastest(self, dim: Dimension, count: int = 3) -> list[SeriesFigures]:
        """The dimension's fastest-growing segments over the forecast period, fastest first."""
        ranked = [s for s in self.dimension(dim) if math.isfinite(s.forecast_cagr)]
        ranked.sort(key=lambda s: -s.forecast_cagr)
        return ranked[:count]

    def value_added(self, series_id: str) -> float:
        """Value added from the base year to the last year (the opportunity map's y)."""
        return self.value(series_id, self.meta.last_year) - self.value(
            series_id, self.meta.base_year
        )
