"""The live document: a project, its undo history, its cached forecasts, its listeners.

Every layer above works through a `Document`: the GUI executes commands and listens for
changes, the store asks what changed since the last save, the excel import applies one
batch. Forecasts are cached per measure and scenario and dropped only for the measures and
scenarios an edit touched, which is what keeps an edit on a large project within a few
milliseconds.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import count
from typing import Any

import numpy as np

from workbench.core.commands.base import Command
from workbench.core.engine import (
    ScenarioResult,
    compute_measures,
    derived_result,
    history_matrix,
)
from workbench.core.fields import MEASURE_INPUTS, Field
from workbench.core.measures import (
    PRICE,
    VALUE,
    VOLUME,
    VOLUME_FIELDS,
    price_unit,
    price_values,
    typed_measures,
    view,
)
from workbench.core.project import Project
from workbench.core.transaction import WHOLE, Change, Transaction

Listener = Callable[[Change], None]
_state_ids = count(1)


class Document:
    def __init__(self, project: Project, undo_limit: int = 1000) -> None:
        self.project = project
        self.undo_limit = undo_limit
        self._undo: list[tuple[str, Transaction, int]] = []
        self._redo: list[tuple[str, Transaction, int]] = []
        self._listeners: list[Listener] = []
        self._forecasts: dict[str, _Forecasts] = {}
        self._layout = _layout(project)
        self._saved_state = 0
        self._dirty: dict[Field, Any] = {}

    # -- editing --------------------------------------------------------------------------

    def execute(self, command: Command) -> Change | None:
        """Apply `command` as one undoable step; on any error nothing has changed.

        Returns None when the command changed nothing (no undo step is made).
        """
        tx = Transaction(self.project)
        try:
            command.run(tx)
        except BaseException:
            tx.undo()
            raise
        if not tx:
            return None
        self._undo.append((command.text, tx, next(_state_ids)))
        del self._undo[: max(0, len(self._undo) - self.undo_limit)]
        self._redo.clear()
        return self._changed(tx.change(command.text))

    def undo(self) -> Change | None:
        if not self._undo:
            return None
        entry = self._undo.pop()
        entry[1].undo()
        self._redo.append(entry)
        return self._changed(entry[1].change(f"Undo {entry[0]}"))

    def redo(self) -> Change | None:
        if not self._redo:
            return None
        entry = self._redo.pop()
        entry[1].redo()
        self._undo.append(entry)
        return self._changed(entry[1].change(f"Redo {entry[0]}"))

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)

    @property
    def undo_text(self) -> str:
        return self._undo[-1][0] if self._undo else ""

    @property
    def redo_text(self) -> str:
        return self._redo[-1][0] if self._redo else ""

    # -- listening ------------------------------------------------------------------------

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Call `listener(change)` after every edit, undo and redo; returns an unsubscribe."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener)

    def _changed(self, change: Change) -> Change:
        self._invalidate(change)
        for field, keys in change.keys.items():
            known = self._dirty.get(field)
            if keys is WHOLE or known is WHOLE:
                self._dirty[field] = WHOLE
            else:
                self._dirty[field] = (known or frozenset()) | keys
        for listener in list(self._listeners):
            listener(change)
        return change

    # -- forecasts ------------------------------------------------------------------------

    def result(self, scenario_id: str, measure: str = VALUE) -> ScenarioResult:
        """The scenario's forecast of a measure, computed on first use after an edit that
        affects it; the average price is derived from the value's and the volume's.

        Every typed measure whose forecast of the scenario is missing too is computed in
        the same pass (`engine.compute_measures`): after opening a file or a structure
        edit both are needed, and together they cost less than one after the other.
        """
        if measure == PRICE:
            return self._price(scenario_id)
        cached = self._cache(measure).results.get(scenario_id)
        if cached is not None:
            return cached
        self.project.scenario(scenario_id)
        missing = [
            m for m in typed_measures(self.project) if scenario_id not in self._cache(m).results
        ]
        views = [view(self.project, m) for m in missing]
        caches = [self._cache(m) for m in missing]
        for cache, shown in zip(caches, views, strict=True):
            if cache.history is None:
                cache.history = history_matrix(shown)
        computed = compute_measures(views, scenario_id, [c.history for c in caches])
        for cache, result in zip(caches, computed, strict=True):
            cache.results[scenario_id] = result
        return self._cache(measure).results[scenario_id]

    def results(self, measure: str = VALUE) -> dict[str, ScenarioResult]:
        return {s.id: self.result(s.id, measure) for s in self.project.scenarios}

    def _cache(self, measure: str) -> _Forecasts:
        view(self.project, measure)  # refuses an unknown measure, or a volume not there
        cache = self._forecasts.get(measure)
        if cache is None:
            cache = self._forecasts[measure] = _Forecasts()
        return cache

    def _price(self, scenario_id: str) -> ScenarioResult:
        """Prices are kept while the two forecasts they divide are the very same."""
        value, volume = self.result(scenario_id), self.result(scenario_id, VOLUME)
        prices = self._cache(VOLUME).prices
        cached = prices.get(scenario_id)
        if cached is None or cached[0] is not value or cached[1] is not volume:
            factor = price_unit(self.project).factor
            price = derived_result(value, price_values(value.values, volume.values, factor))
            cached = prices[scenario_id] = (value, volume, price)
        return cached[2]

    def _invalidate(self, change: Change) -> None:
        """Drop only the forecasts that `change` can affect, measure by measure.

        Names (of segments, dimensions, scenarios, the project) are no part of a forecast,
        so a rename keeps every cached result; a change of the layout (years, the ids and
        order of series) or of the mode recomputes every scenario from scratch; a history
        edit patches the cached history matrix and recomputes every scenario; a hold fixes
        its cell in every scenario; growth and pins recompute their own scenario. A volume
        edit never drops a value forecast; prices follow both.
        """
        layout = _layout(self.project)
        relaid = layout != self._layout or change.touches(Field.MODE, Field.PRIMARY_DIMENSION)
        self._layout = layout
        if change.touches(Field.VOLUME, Field.VOLUME_UNIT):
            self._forecasts.pop(VOLUME, None)
        live = {s.id for s in self.project.scenarios}
        for measure, cache in self._forecasts.items():
            shown = view(self.project, measure)
            cache.invalidate(shown, change, relaid, live, measure == VOLUME)


    # -- saving ---------------------------------------------------------------------------

    @property
    def state(self) -> int:
        """An id of the current state: equal ids mean equal projects."""
        return self._undo[-1][2] if self._undo else 0

    @property
    def is_modified(self) -> bool:
        return self.state != self._saved_state

    def dirty(self) -> dict[Field, Any]:
        """Changed keys per field since the last `mark_saved` (or WHOLE), for the store."""
        return dict(self._dirty)

    def mark_saved(self) -> None:
        self._saved_state = self.state
        self._dirty = {}

    def mark_unsaved(self) -> None:
        """For a document that has no file yet (a new project, a recovered one)."""
        self._saved_state = -1


class _Forecasts:
    """One measure's cached forecasts: its history matrix and each scenario's result, and,
    on the volume's, each scenario's derived prices."""

    def __init__(self) -> None:
        self.history: np.ndarray | None = None
        self.results: dict[str, ScenarioResult] = {}
        self.prices: dict[str, tuple[ScenarioResult, ScenarioResult, ScenarioResult]] = {}

    def invalidate(
        self, shown: Project, change: Change, relaid: bool, live: set[str], volume: bool
    ) -> None:
        mine = VOLUME_FIELDS if volume else {f: f for f in MEASURE_INPUTS}
        keyed = [change.keys.get(mine[f], frozenset()) for f in (Field.GROWTH, Field.PINS)]
        history = change.keys.get(mine[Field.HISTORY], frozenset())
        if relaid or any(keys is WHOLE for keys in [*keyed, history]):
            self.history = None
            self.results.clear()
            return
        if history:
            self._patch_history(shown, history)
            self.results.clear()
        if change.touches(mine[Field.HOLDS]):
            self.results.clear()
        for scenario_id in {key[0] for keys in keyed for key in keys}:
            self.results.pop(scenario_id, None)
        for scenario_id in [s for s in self.results if s not in live]:
            del self.results[scenario_id]

    def _patch_history(self, shown: Project, keys: frozenset) -> None:
        """Write the changed history cells into the cached matrix (same rule as the engine)."""
        if self.history is None:
            return
        meta = shown.metadata
        row = {s: i for i, s in enumerate(shown.series_ids())}
        for series_id, year in keys:
            i = row.get(series_id)
            if i is not None and meta.first_year <= year <= meta.base_year:
                value = shown.history.get((series_id, year), np.nan)
                self.history[i, year - meta.first_year] = value


def _layout(project: Project) -> tuple:
    """What a forecast's shape depends on: the years and the ids and order of the series."""
    meta = project.metadata
    dims = tuple((d.id, d.member_ids()) for d in project.dimensions)
    return meta.first_year, meta.base_year, meta.last_year, dims
