"""The S-curve (logistic): growth that slows as the market nears its saturation level K.

v[y] = K / (1 + ((K − v0) / v0) · e^(−r · (y − base_year))), in closed form from the
base-year value v0; K must exceed v0 (otherwise the curve falls or divides by zero).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace

import numpy as np

from workbench.core.methods.base import (
    Check,
    Explanation,
    FormulaCells,
    GrowthMethod,
    Parameter,
    Problem,
    ProjectionInput,
    Seed,
    column_of,
    unless_blank,
)

K = Parameter("k", "K", "saturation level K", "the series' unit", "number", column="k")
R = Parameter("r", "r", "rate r", "per year", "plain", column="r")


def curve_inputs(growths: Sequence, inputs: ProjectionInput) -> tuple[np.ndarray, ...]:
    """K, r and v0 of a group of curves as column vectors (NaN where K or r is blank)."""
    k, r = column_of(g.k for g in growths), column_of(g.r for g in growths)
    return k, r, inputs.v0[:, None]


def curve_words(formula: str, e: Explanation) -> str:
    """`formula` with the values of K, r, t and v0 that the cell used."""
    g = e.growth
    return (
        f"{formula} with K = {e.param(g.k)}, r = {e.param(g.r)}, t = {e.year - e.base_year}, "
        f"v0 = {e.number(e.v0)}"
    )


def _values(growths: Sequence, inputs: ProjectionInput) -> np.ndarray:
    k, r, v0 = curve_inputs(growths, inputs)
    return k / (1.0 + ((k - v0) / v0) * np.exp(-r * inputs.steps))


def _formula(c: FormulaCells) -> str:
    k, r = c.inputs["k"], c.inputs["r"]
    return unless_blank((k, r), f"{k}/(1+(({k}-{c.base})/{c.base})*EXP(-{r}*{c.step}))")


def complete(check: Check, name: str, code: str) -> Iterator[Problem]:
    """K and r typed and finite, and (when editing) a base-year value to start from."""
    g = check.growth
    if g.k is None or g.r is None or not (np.isfinite(g.k) and np.isfinite(g.r)):
        yield Problem(
            "error", code, f"The {name} of {check.at} needs a finite saturation level K and rate r."
        )
    elif check.v0 is None and check.editing:
        yield Problem(
            "error",
            "missing_base",
            f"The {name} of {check.at} needs a {check.base_year} (base-year) value first.",
            check.base_year,
        )


def positive_base(check: Check, name: str, code: str) -> Iterator[Problem]:
    """A curve grows from a positive base-year value: from 0 it stays 0 forever, from a
    negative one it runs through a pole."""
    v0 = check.v0
    if v0 is not None and np.isfinite(v0) and not v0 > 0:
        yield Problem(
            "error",
            code,
            f"The {name} of {check.at} starts from its {check.base_year} value "
            f"{check.number(v0)}; it needs a positive base-year value (from 0 it stays 0, "
            "below 0 it runs through a pole).",
            check.base_year,
        )


def _k_above_base(check: Check) -> Iterator[Problem]:
    g, v0 = check.growth, check.v0
    if g.k is not None and np.isfinite(g.k) and v0 is not None and not g.k > v0:
        yield Problem(
            "error",
            "s_curve_k",
            f"The saturation level K = {check.number(g.k)} of "
            f"{check.at} must exceed its {check.base_year} value {check.number(v0)}.",
            check.base_year,
        )


def seed_curve(growth, seed: Seed):
    """Twice the base-year value as K and r = 0.5: visible and editable at once."""
    if growth.k is not None and growth.r is not None:
        return growth
    k = growth.k or (2.0 * seed.v0 if seed.v0 else None)
    return replace(growth, k=k, r=growth.r or 0.5)


S_CURVE = GrowthMethod(
    code="s_curve",
    label="S-curve",
    noun="S-curve",
    summary=(
        "v[y] = K / (1 + ((K − v0)/v0) · e^(−r·(y − base year))): logistic growth from the "
        "base-year value v0 towards the saturation level K, which must exceed v0."
    ),
    parameters=(K, R),
    project=_values,
    explain=lambda e: curve_words("S-curve: K / (1 + ((K − v0)/v0)·e^(−r·t))", e),
    formula=_formula,
    rules=[
        lambda check: complete(check, "S-curve", "s_curve_incomplete"),
        lambda check: positive_base(check, "S-curve", "s_curve_base"),
        _k_above_base,
    ],
    seed=seed_curve,
)
