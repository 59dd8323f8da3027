"""The whole model as one tidy pandas DataFrame, for notebook users and quick analysis.

One row per scenario × series × year, columns `COLUMNS`: the reconciled value the
tables show, and whether the cell is an input (history, typed manual values), computed
or pinned. History is shared by all scenarios, so its rows repeat in each one, which
makes `df[df.scenario == "base"]` a complete picture of a scenario. Text columns use
pandas' string dtype (not categoricals) so that filtering and grouping behave as a
notebook user expects; the frame is built from whole arrays, never row by row.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from workbench.core.document import Document
from workbench.core.methods import method
from workbench.core.project import TOTAL, Project

COLUMNS = ["scenario", "series", "dimension", "year", "value", "kind"]
KINDS = np.array(["input", "computed", "pinned"], dtype=object)
_INPUT, _COMPUTED, _PINNED = range(3)


def tidy(document: Document) -> pd.DataFrame:
    """Every value of every scenario; `dimension` is missing (NA) for the total."""
    p = document.project
    series = p.series_ids()
    years = np.arange(p.metadata.first_year, p.metadata.last_year + 1)
    dimensions = np.array([None] + [d.id for d in p.dimensions for _m in d.members], dtype=object)
    scenarios = [s.id for s in p.scenarios]
    cells = len(series) * len(years)
    values = [document.result(s).values.ravel() for s in scenarios]
    kinds = [_kinds(p, s, series, years).ravel() for s in scenarios]
    n = len(scenarios)
    return pd.DataFrame(
        {
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
