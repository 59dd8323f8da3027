"""Typed and pasted text → core commands: what a cell means when someone writes into it.

A history cell sets history; the total's history spreads to the segments
(docs/forecast-semantics.md §5); a forecast cell pins (or, for a manual series, is the
value; for a growth-by-year series a percentage is that year's rate). The assumption
columns set the growth method and its parameters. A plan collects the edits of one
keystroke, a paste or a Delete and turns them into ONE command, so each is one undo step,
and it refuses the whole plan on the first cell that does not parse or cannot be edited.
"""

from __future__ import annotations

import math
from dataclasses import replace

from workbench.core.commands import (
    Batch,
    Command,
    RenameMember,
    SetGrowth,
    SetHistory,
    SetPin,
    SpreadTotal,
)
from workbench.core.engine import ScenarioResult
from workbench.core.errors import ModelError
from workbench.core.methods import labels, method, named
from workbench.core.methods.base import Seed
from workbench.core.project import TOTAL, Growth, Project
from workbench.gui.segments.layout import Column, Row
from workbench.gui.segments.parsing import read_cell, read_rate, read_value

_READERS = {
    "percent": read_rate,
    "number": read_value,
    "plain": lambda text, where: read_cell(text, where)[0],
}
"""How an assumption cell reads what is typed, by the parameter's style in the registry."""


def editable(project: Project, scenario_id: str, row: Row, column: Column) -> bool:
    """Whether a person may type into this cell (the flags and the paste agree on it)."""
    if not row.is_series:
        return False
    if column.kind == "name":
        return row.kind == "segment"
    locked_total = row.key == TOTAL and project.mode == "bottom_up"
    if column.kind == "year":
        return not (column.forecast and locked_total)
    if column.kind not in ("method", "rate", "k", "r") or locked_total:
        return False
    if column.kind == "method":
        return True
    param = method(project.growth_of(scenario_id, row.key).method).parameter(column.kind)
    return param is not None and not param.by_year


class EditPlan:
    """The commands for a set of cell edits in one scenario, applied as one step."""

    def __init__(self, project: Project, scenario_id: str, result: ScenarioResult) -> None:
        self.project, self.scenario_id, self.result = project, scenario_id, result
        self._commands: list[Command] = []
        self._growth: dict[str, Growth] = {}

    def add(self, row: Row, column: Column, text: str) -> None:
        """Plan writing `text` into the cell; raises ModelError when it cannot be."""
        where = f"{row.label}, {column.label}"
        if not editable(self.project, self.scenario_id, row, column):
            raise ModelError(f"The cell {where} is computed and cannot be typed into.")
        if column.kind == "name":
            self._commands.append(RenameMember(row.key, text))
        elif column.kind == "year" and not column.forecast:
            self._history(row, column.year, read_value(text, where))
        elif column.kind == "year":
            self._forecast(row, column.year, text, where)
        else:
            self._assumption(row.key, column.kind, text, where)

    def command(self, text: str) -> Command | None:
        """One command for everything planned (None when nothing was planned)."""
        growth = [SetGrowth(self.scenario_id, s, g) for s, g in self._growth.items()]
        commands = self._commands + growth
        if not commands:
            return None
        return commands[0] if len(commands) == 1 else Batch(text, commands)

    # -- cells ----------------------------------------------------------------------------

    def _history(self, row: Row, year: int, value: float | None) -> None:
        if row.key == TOTAL and value is not None:
            self._commands.append(SpreadTotal(year, value))
        else:
            self._commands.append(SetHistory(row.key, year, value))

    def _forecast(self, row: Row, year: int, text: str, where: str) -> None:
        value, percent = read_cell(text, where)
        growth = self._growth_of(row.key)
        grows = method(growth.method)
        pinned = (self.scenario_id, row.key, year) in self.project.pins
        yearly = grows.yearly_rate()
        if percent and yearly is not None:
            rates = {**getattr(growth, yearly.field), year: value}
            self._growth[row.key] = replace(growth, **{yearly.field: rates})
        elif percent:
            read_value(text, where)  # refuses: only a rate-by-year cell takes a percentage
        elif grows.typed and not pinned:
            values = {y: v for y, v in growth.values.items() if y != year}
            if value is not None:
                values[year] = value
            self._growth[row.key] = replace(growth, values=values)
        elif row.key == TOTAL and value is not None:
            self._commands.append(SpreadTotal(year, value, self.scenario_id))
        else:
            self._commands.append(SetPin(self.scenario_id, row.key, year, value))

    def _assumption(self, series_id: str, kind: str, text: str, where: str) -> None:
        growth = self._growth_of(series_id)
        if kind == "method":
            growth = self._switched(series_id, growth, text, where)
        else:
            param = method(growth.method).parameter(kind)
            value = _required(_READERS[param.style](text, where), where)
            growth = replace(growth, **{param.field: value})
        self._growth[series_id] = growth

    def _growth_of(self, series_id: str) -> Growth:
        planned = self._growth.get(series_id)
        return planned or self.project.growth_of(self.scenario_id, series_id)

    def _switched(self, series_id: str, growth: Growth, text: str, where: str) -> Growth:
        """A new method, seeded by its registry entry so that the forecast does not jump to
        blanks (growth by year starts from the CAGR in every year, manual from today's
        values, a curve from twice the base-year value); all visible and editable at once.
        """
        code = named(text)
        if code is None:
            choices = ", ".join(labels().values())
            raise ModelError(f"{text.strip()!r} is not a growth method ({where}); use {choices}.")
        years = self.project.metadata.forecast_years
        row = self.result.values[self.result.row[series_id]]
        current = {y: float(row[self.result.col(y)]) for y in years}
        seed = Seed(
            self.project.history.get((series_id, self.project.metadata.base_year)),
            years,
            {y: v for y, v in current.items() if math.isfinite(v)},
        )
        return replace(method(code).seeded(growth, seed), method=code)


def _required(value: float | None, where: str) -> float:
    if value is None:
        raise ModelError(f"{where} cannot be empty; type a number.")
    return value
