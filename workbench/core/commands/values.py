"""Edits of numbers: history, growth assumptions, cell sources and notes, rate shifts."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from workbench.core.commands.base import (
    Command,
    finite,
    forecast_year,
    growth_rate,
    history_year,
    where,
)
from workbench.core.errors import ModelError
from workbench.core.fields import Field
from workbench.core.methods import method
from workbench.core.methods.base import Check
from workbench.core.project import Growth, Project
from workbench.core.transaction import Transaction
from workbench.numbers import number, percent


class SetHistory(Command):
    """Type a history value; None clears the cell (and its source)."""

    def __init__(self, series_id: str, year: int, value: float | None) -> None:
        self.series_id, self.year, self.value = series_id, year, value
        self.text = "Set history value"

    def run(self, tx: Transaction) -> None:
        p = tx.project
        p.check_series(self.series_id)
        history_year(p, self.year, f"History of {p.series_name(self.series_id)}")
        key = (self.series_id, self.year)
        if self.value is None:
            tx.delete(Field.HISTORY, key)
            tx.delete(Field.HISTORY_SOURCES, key)
        else:
            tx.set(Field.HISTORY, key, finite(self.value, f"History of {where(p, None, *key)}"))


class SetHistorySource(Command):
    """Cite a source for a history cell; None removes the citation."""

    def __init__(self, series_id: str, year: int, source_id: str | None) -> None:
        self.series_id, self.year, self.source_id = series_id, year, source_id
        self.text = "Set source"

    def run(self, tx: Transaction) -> None:
        p = tx.project
        p.check_series(self.series_id)
        history_year(p, self.year, f"Source of {p.series_name(self.series_id)}")
        key = (self.series_id, self.year)
        if self.source_id is None:
            tx.delete(Field.HISTORY_SOURCES, key)
        else:
            p.entity("sources", self.source_id)
            tx.set(Field.HISTORY_SOURCES, key, self.source_id)


class SetGrowth(Command):
    """Set a series' growth method and parameters in one scenario."""

    def __init__(self, scenario_id: str, series_id: str, growth: Growth) -> None:
        self.scenario_id, self.series_id, self.growth = scenario_id, series_id, growth
        self.text = "Set growth"

    def run(self, tx: Transaction) -> None:
        p = tx.project
        p.scenario(self.scenario_id)
        p.check_series(self.series_id)
        check_growth(p, self.scenario_id, self.series_id, self.growth)
        tx.set(Field.GROWTH, (self.scenario_id, self.series_id), self.growth)


def check_growth(p: Project, scenario_id: str, series_id: str, g: Growth) -> None:
    """Every parameter of `g` in range, named by cell when it is not.

    Parameters of the other methods are kept (see `Growth`) and so are checked too: a
    non-finite K on a CAGR series would still end up in the file and the dump.
    """
    at = where(p, scenario_id, series_id)
    if not isinstance(g, Growth):
        raise ModelError(f"The growth of {at} must be a growth assumption; got {g!r}.")
    if not isinstance(g.rates, dict) or not isinstance(g.values, dict):
        raise ModelError(f"The growth of {at} needs its rates and values by year.")
    for label, value in (("saturation level K", g.k), ("S-curve rate r", g.r)):
        if value is not None:
            finite(value, f"The {label} of {at}")
    growth_rate(g.rate, f"The CAGR of {at}")
    for year, rate in g.rates.items():
        forecast_year(p, year, f"Growth by year of {at}")
        growth_rate(rate, f"The {year} growth of {at}")
    for year, value in g.values.items():
        forecast_year(p, year, f"Manual values of {at}")
        finite(value, f"The {year} value of {at}")
    base = p.metadata.base_year
    check = Check(
        g, at, p.history.get((series_id, base)), base, p.metadata.forecast_years, True,
        number, percent,
    )
    refused = next((e for e in method(g.method).problems(check) if e.severity == "error"), None)
    if refused is not None:
        raise ModelError(refused.message)


class SetNote(Command):
    """Write the analyst's note on a cell; scenario "" for a history cell; "" removes it."""

    def __init__(self, scenario_id: str, series_id: str, year: int, text: str) -> None:
        self.key = (scenario_id, series_id, year)
        self.note = text
        self.text = "Edit note"

    def run(self, tx: Transaction) -> None:
        p = tx.project
        scenario_id, series_id, year = self.key
        p.check_series(series_id)
        if scenario_id:
            p.scenario(scenario_id)
            forecast_year(p, year, f"Note on {where(p, scenario_id, series_id)}")
        else:
            history_year(p, year, f"Note on {p.series_name(series_id)}")
        if not isinstance(self.note, str):
            raise ModelError(f"A note must be text; got {self.note!r}.")
        if self.note.strip():
            tx.set(Field.NOTES, self.key, self.note)
        else:
            tx.delete(Field.NOTES, self.key)


class ShiftGrowth(Command):
    """Add `points` (0.01 = one point) to every growth rate of a scenario.

    The rates are the parameters each method writes in % (a CAGR, the rates of growth by
    year); methods without one (S-curve, manual) stay.
    """

    def __init__(self, scenario_id: str, points: float) -> None:
        self.scenario_id, self.points = scenario_id, points
        self.text = "Shift growth rates"

    def run(self, tx: Transaction) -> None:
        p = tx.project
        scenario = p.scenario(self.scenario_id)
        points = finite(self.points, f"The shift of {scenario.name}")
        for series_id in p.series_ids():
            g = p.growth_of(self.scenario_id, series_id)
            rates = [q for q in method(g.method).parameters if q.style == "percent"]
            if not rates:
                continue
            moves: dict[str, Any] = {q.field: _shifted(getattr(g, q.field), points) for q in rates}
            shifted = replace(g, **moves)
            moved = [getattr(shifted, q.field) for q in rates]
            if any(rate <= -1.0 for r in moved for rate in _numbers(r)):  # the only way
                check_growth(p, self.scenario_id, series_id, shifted)  # a shift can go wrong
            tx.set(Field.GROWTH, (self.scenario_id, series_id), shifted)


def _shifted(rate: float | dict[int, float], points: float) -> float | dict[int, float]:
    if isinstance(rate, dict):
        return {y: r + points for y, r in rate.items()}
    return rate + points


def _numbers(rate: float | dict[int, float]) -> list[float]:
    return list(rate.values()) if isinstance(rate, dict) else [rate]
