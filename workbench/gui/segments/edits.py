"""Typed and pasted text → core commands: what a cell means when someone writes into it.

A history cell sets history; the total's history spreads to the segments (DESIGN §2); a
forecast cell pins (or, for a manual series, is the value; for a growth-by-year series a
percentage is that year's rate). The assumption columns set the growth method and its
parameters. A plan collects the edits of one keystroke, a paste or a Delete and turns them
into ONE command, so each is one undo step, and it refuses the whole plan on the first
cell that does not parse or cannot be edited.
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
from workbench.core.project import TOTAL, Growth, Project
from workbench.gui.segments.layout import METHOD_LABELS, Column, Row
from workbench.gui.segments.parsing import read_cell, read_rate, read_value

_METHODS_BY_LABEL = {label.casefold(): method for method, label in METHOD_LABELS.items()}
_METHODS_BY_LABEL.update({m.replace("_", " "): m for m in METHOD_LABELS})
_METHODS_BY_LABEL.update({m: m for m in METHOD_LABELS})


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
    method = project.growth_of(scenario_id, row.key).method
    return {"method": True, "rate": method == "cagr", "k": method == "s_curve",
            "r": method == "s_curve"}[column.kind]


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
        pinned = (self.scenario_id, row.key, year) in self.project.pins
        if percent and growth.method == "growth_by_year":
            self._growth[row.key] = replace(growth, rates={**growth.rates, year: value})
        elif percent:
            read_value(text, where)  # refuses: only growth-by-year cells take a percentage
        elif growth.method == "manual" and not pinned:
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
        elif kind == "rate":
            growth = replace(growth, rate=_required(read_rate(text, where), where))
        elif kind == "k":
            growth = replace(growth, k=_required(read_value(text, where), where))
        else:
            growth = replace(growth, r=_required(read_cell(text, where)[0], where))
        self._growth[series_id] = growth

    def _growth_of(self, series_id: str) -> Growth:
        planned = self._growth.get(series_id)
        return planned or self.project.growth_of(self.scenario_id, series_id)

    def _switched(self, series_id: str, growth: Growth, text: str, where: str) -> Growth:
        """A new method, seeded so that the forecast does not jump to blanks.

        Growth by year starts from the CAGR in every year, manual from today's values, and
        an S-curve from twice the base-year value with r = 0.5; all are visible and editable
        at once.
        """
        method = _METHODS_BY_LABEL.get(text.strip().casefold())
        if method is None:
            choices = ", ".join(METHOD_LABELS.values())
            raise ModelError(f"{text.strip()!r} is not a growth method ({where}); use {choices}.")
        years = self.project.metadata.forecast_years
        if method == "growth_by_year" and not growth.rates:
            growth = replace(growth, rates=dict.fromkeys(years, growth.rate))
        elif method == "manual" and not growth.values:
            row = self.result.values[self.result.row[series_id]]
            current = {y: float(row[self.result.col(y)]) for y in years}
            growth = replace(growth, values={y: v for y, v in current.items() if math.isfinite(v)})
        elif method == "s_curve" and (growth.k is None or growth.r is None):
            v0 = self.project.history.get((series_id, self.project.metadata.base_year))
            growth = replace(growth, k=growth.k or (2.0 * v0 if v0 else None), r=growth.r or 0.5)
        return replace(growth, method=method)


def _required(value: float | None, where: str) -> float:
    if value is None:
        raise ModelError(f"{where} cannot be empty; type a number.")
    return value
