"""Many cells in one edit: what a foreign table brings (history, pins, citations, notes).

Typing a cell is one command per cell; an import of a hundred thousand cells as as many
commands would check and log each on its own, with a look-up per message. `SetCells`
checks every key and number as a whole first (series ids against a set, years against
the project's ranges, numbers finite), names the first bad cell in the analyst's words,
and only then writes each field in one bulk step, so it is one undoable edit that is
applied whole or not at all.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from workbench.core.commands.base import Command, forecast_year, history_year, where
from workbench.core.errors import ModelError
from workbench.core.fields import Field
from workbench.core.project import TOTAL, Project
from workbench.core.transaction import Transaction

HistoryKey = tuple[str, int]
ScenarioKey = tuple[str, str, int]


class SetCells(Command):
    """History values, their sources, pins and cell notes, all checked, then all written.

    Keys are those of the project's fields: history and its sources by (series, year);
    pins by (scenario, series, year); notes by (scenario, series, year) with scenario ""
    for history cells.
    """

    def __init__(
        self,
        text: str,
        history: Mapping[HistoryKey, float] | None = None,
        sources: Mapping[HistoryKey, str] | None = None,
        pins: Mapping[ScenarioKey, float] | None = None,
        notes: Mapping[ScenarioKey, str] | None = None,
    ) -> None:
        self.text = text
        self.history, self.sources = dict(history or {}), dict(sources or {})
        self.pins, self.notes = dict(pins or {}), dict(notes or {})

    def run(self, tx: Transaction) -> None:
        p = tx.project
        self._check(p)
        for field, items in ((Field.HISTORY, self.history), (Field.HISTORY_SOURCES, self.sources),
                             (Field.PINS, self.pins), (Field.NOTES, self.notes)):  # fmt: skip
            if items:
                tx.update(field, items)

    def _check(self, p: Project) -> None:
        series = set(p.series_ids())
        scenarios = {s.id for s in p.scenarios}
        history_years, forecast_years = p.metadata.history_years, p.metadata.forecast_years
        for keys, values in ((self.history, True), (self.sources, False)):
            for series_id, year in keys:
                _check_series(p, series, series_id)
                if year not in history_years:
                    history_year(p, year, f"History of {p.series_name(series_id)}")
            if values:
                _check_numbers(p, self.history, lambda k: where(p, None, *k))
        sources = {s.id for s in p.sources}
        for source_id in set(self.sources.values()) - sources:
            p.entity("sources", source_id)
        for scenario_id, series_id, year in [*self.pins, *self.notes]:
            _check_series(p, series, series_id)
            if scenario_id and scenario_id not in scenarios:
                p.scenario(scenario_id)
            wanted = forecast_years if scenario_id else history_years
            if year not in wanted:
                check = forecast_year if scenario_id else history_year
                check(p, year, f"A cell of {p.series_name(series_id)}")
        _check_numbers(p, self.pins, lambda k: where(p, *k))
        if p.mode == "bottom_up" and any(key[1] == TOTAL for key in self.pins):
            raise ModelError(
                "In bottom-up mode the total is the sum of its segments and cannot be pinned."
            )
        if not all(isinstance(n, str) for n in self.notes.values()):
            raise ModelError("A note must be text.")


def _check_series(p: Project, series: set[str], series_id: str) -> None:
    if series_id not in series:
        p.check_series(series_id)  # raises the usual sentence


def _check_numbers(p: Project, values: Mapping, named) -> None:
    for key, value in values.items():
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ModelError(f"{named(key)} must be a number; got {value!r}.")
        if not math.isfinite(value):
            raise ModelError(f"{named(key)} must be a finite number; got {value!r}.")
