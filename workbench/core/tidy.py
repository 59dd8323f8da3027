"""The whole model as one tidy pandas DataFrame, for notebook users and quick analysis.

One row per measure × scenario × series × year, columns `COLUMNS`: the reconciled number
the tables show (in the measure's unit), and whether the cell is an input (history, typed
manual values), computed or pinned. The value's rows come first, then the volume's and
the average price's (always "computed") when the project has a volume, so
`df[df.measure == "value"]` is the frame of a value-only project. History is shared by all
scenarios, so its rows repeat in each one, which makes `df[df.scenario == "base"]` a
complete picture of a scenario. Text columns use pandas' string dtype (not categoricals)
so that filtering and grouping behave as a notebook user expects; the frame is built from
whole arrays, never row by row.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from workbench.core.document import Document
from workbench.core.measures import PRICE, measures_of, view
from workbench.core.methods import method
from workbench.core.project import TOTAL, Project

COLUMNS = ["measure", "scenario", "series", "dimension", "year", "value", "kind"]
KINDS = np.array(["input", "computed", "pinned"], dtype=object)
_INPUT, _COMPUTED, _PINNED = range(3)


def tidy(document: Document) -> pd.DataFrame:
    """Every number of every measure and scenario; `dimension` is missing (NA) for the
    total."""
    measures = measures_of(document.project)
    return pd.concat([_measure_frame(document, m) for m in measures], ignore_index=True)


def _measure_frame(document: Document, measure: str) -> pd.DataFrame:
    """One measure's rows, scenario by scenario."""
    p = document.project
    series = p.series_ids()
    years = np.arange(p.metadata.first_year, p.metadata.last_year + 1)
    dimensions = np.array([None] + [d.id for d in p.dimensions for _m in d.members], dtype=object)
    scenarios = [s.id for s in p.scenarios]
    cells = len(series) * len(years)
    values = [document.result(s, measure).values.ravel() for s in scenarios]
    if measure == PRICE:
        kinds = [np.full(cells, _COMPUTED, dtype=np.int8) for _s in scenarios]
    else:
        inputs = view(p, measure)
        kinds = [_kinds(inputs, s, series, years).ravel() for s in scenarios]
    n = len(scenarios)
    return pd.DataFrame(
        {
            "measure": np.full(cells * n, measure, dtype=object),
            "scenario": np.repeat(np.array(scenarios, dtype=object), cells),
            "series": np.tile(np.repeat(np.array(series, dtype=object), len(years)), n),
            "dimension": np.tile(np.repeat(dimensions, len(years)), n),
            "year": np.tile(years, len(series) * n),
            "value": np.concatenate(values) if values else np.empty(0),
            "kind": KINDS[np.concatenate(kinds)] if kinds else np.empty(0, dtype=object),
        },
        columns=COLUMNS,
    )


def _kinds(p: Project, scenario_id: str, series: list[str], years: np.ndarray) -> np.ndarray:
    """A (series × years) matrix of indices into KINDS for one scenario."""
    meta = p.metadata
    out = np.full((len(series), len(years)), _COMPUTED, dtype=np.int8)
    out[:, : meta.base_year - meta.first_year + 1] = _INPUT
    forecast = slice(meta.base_year - meta.first_year + 1, None)
    row = {s: i for i, s in enumerate(series)}
    for i, series_id in enumerate(series):
        if method(p.growth_of(scenario_id, series_id).method).typed:
            out[i, forecast] = _INPUT
    if p.mode == "bottom_up":
        out[row[TOTAL], forecast] = _COMPUTED
    for (scn, series_id, year), _value in p.pins.items():
        if scn == scenario_id and series_id in row and meta.base_year < year <= meta.last_year:
            out[row[series_id], year - meta.first_year] = _PINNED
    return out
