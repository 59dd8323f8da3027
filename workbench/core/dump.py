"""The canonical dump: the whole project, inputs and computed values, as stable JSON.

Same project, same bytes: this is what round-trip laws compare (file save/open, workbook
export/import) and what analysts diff. Order follows the model (dimension, member and
scenario order; years ascending), floats are written with Python's shortest exact repr,
and every series has its growth written out even where the default applies.

The value's inputs and forecast stand at the top level, as they did before measures, so a
value-only project dumps byte for byte as it always has. A project with a volume adds, at
the end, "volume" (its unit, its inputs in the value's layout and its forecast) and
"price" (its unit, factor and the derived values of every scenario).
"""

from __future__ import annotations

import json
import math
from dataclasses import fields, is_dataclass
from typing import Any

from workbench.core.document import Document
from workbench.core.measures import PRICE, VALUE, VOLUME, price_unit, view
from workbench.core.project import ENTITY_COLLECTIONS, Project

DUMP_FORMAT = "market-workbench-dump"
DUMP_VERSION = 1


def _number(value: float | None) -> float | None:
    return None if value is None or not math.isfinite(value) else float(value)


def _entity(entity) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for f in fields(entity):
        value = getattr(entity, f.name)
        if f.name == "cells":
            value = [
                {"criterion": c, "member": m, "score": r.score, "note": r.note}
                for (c, m), r in sorted(value.items())
            ]
        elif isinstance(value, dict):
            value = {str(k): _number(v) for k, v in sorted(value.items())}
        elif isinstance(value, tuple):
            value = [_entity(v) if is_dataclass(v) else v for v in value]
        out[f.name] = value
    return out


def _by_series_year(project: Project, mapping: dict, convert=lambda v: v) -> dict:
    out: dict[str, dict[str, Any]] = {}
    for series_id in project.series_ids():
        years = {
            str(year): convert(mapping[(series_id, year)])
            for year in project.metadata.years
            if (series_id, year) in mapping
        }
        if years:
            out[series_id] = years
    return out


def _by_scenario(project: Project, mapping: dict, convert=lambda v: v) -> dict:
    out: dict[str, dict] = {}
    for scenario in [None, *project.scenarios]:
        scenario_id = "" if scenario is None else scenario.id
        sub = {(s, y): v for (scn, s, y), v in mapping.items() if scn == scenario_id}
        nested = _by_series_year(project, sub, convert)
        if nested:
            out[scenario_id] = nested
    return out


def _growth(project: Project, scenario_id: str, series_id: str) -> dict[str, Any]:
    """Numbers as floats, so that equal assumptions (a rate of 0 or 0.0) dump the same."""
    g = project.growth_of(scenario_id, series_id)
    return {
        "method": g.method,
        "rate": _number(g.rate),
        "rates": {str(y): _number(r) for y, r in sorted(g.rates.items())},
        "k": _number(g.k),
        "r": _number(g.r),
        "values": {str(y): _number(v) for y, v in sorted(g.values.items())},
    }


def dump(document: Document) -> dict[str, Any]:
    """The canonical dump as plain data (see `dump_json` for the bytes)."""
    p = document.project
    out: dict[str, Any] = {
        "format": DUMP_FORMAT,
        "version": DUMP_VERSION,
        "metadata": {f.name: getattr(p.metadata, f.name) for f in fields(p.metadata)},
        "mode": p.mode,
        "primary_dimension": p.primary_dimension,
        "dimensions": [_entity(d) for d in p.dimensions],
        "scenarios": [_entity(s) for s in p.scenarios],
        **_inputs(p),
    }
    for collection in ENTITY_COLLECTIONS:
        out[collection] = [_entity(e) for e in getattr(p, collection)]
    out["forecast"] = _forecast(document, VALUE)
    if p.volume is not None:
        shown = view(p, VOLUME)
        out[VOLUME] = {
            "unit": p.volume.unit,
            **_inputs(shown),
            "forecast": _forecast(document, VOLUME),
        }
        unit = price_unit(p)
        out[PRICE] = {
            "unit": unit.text,
            "factor": unit.factor,
            "forecast": _forecast(document, PRICE, gaps=False),
        }
    return out


def _inputs(p: Project) -> dict[str, Any]:
    """One typed measure's inputs, from its view of the project."""
    return {
        "history": _by_series_year(p, p.history, _number),
        "history_sources": _by_series_year(p, p.history_sources),
        "holds": [[s, y] for s, y in sorted(p.holds, key=_hold_order(p))],
        "notes": _by_scenario(p, p.notes),
        "assumptions": {
            s.id: {series: _growth(p, s.id, series) for series in p.series_ids()}
            for s in p.scenarios
        },
        "pins": _by_scenario(p, p.pins, _number),
        "pin_marks": _by_scenario(p, p.pin_marks),
    }


def _hold_order(project: Project):
    order = {s: i for i, s in enumerate(project.series_ids())}
    return lambda key: (order.get(key[0], len(order)), key[1])


def _forecast(document: Document, measure: str, gaps: bool = True) -> dict[str, Any]:
    """Each scenario's shown values of a measure and, for a reconciled one, its gaps."""
    out: dict[str, Any] = {}
    for scenario_id, result in document.results(measure).items():
        out[scenario_id] = {
            "values": {
                s: [_number(v) for v in result.values[i]] for i, s in enumerate(result.series)
            },
        }
        if gaps:
            out[scenario_id]["gaps"] = {
                d: [_number(v) for v in gap] for d, gap in result.gaps.items()
            }
    return out


def dump_json(document: Document) -> str:
    """Canonical JSON text: same project, same bytes."""
    return json.dumps(dump(document), ensure_ascii=False, indent=1, allow_nan=False) + "\n"
