"""Manual: the analyst types each forecast year's value; a blank year stays blank."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import numpy as np

from workbench.core.methods.base import (
    Explanation,
    GrowthMethod,
    Parameter,
    ProjectionInput,
    Seed,
    blank_is_na,
    values_by_year,
)

VALUES = Parameter(
    "values", "v_y", "value of each year", "the series' unit", "number", by_year=True, low=0.0,
    exclusive=False,
)


def _values(growths: Sequence, inputs: ProjectionInput) -> np.ndarray:
    return values_by_year([g.values for g in growths], inputs.years, np.nan)


def _words(e: Explanation) -> str:
    return "Typed (manual method)" if e.state == "input" else "Blank: no value typed (manual)"


def _seed(growth, seed: Seed):
    """Starts from the values the series shows now."""
    return growth if growth.values else replace(growth, values=dict(seed.current))


MANUAL = GrowthMethod(
    code="manual",
    label="Manual",
    noun="manual values",
    summary="v[y] typed for each forecast year; a year left blank has no value.",
    parameters=(VALUES,),
    project=_values,
    explain=_words,
    formula=lambda c: blank_is_na(c.inputs["values"]),
    seed=_seed,
    needs_base=False,
    typed=True,
)
