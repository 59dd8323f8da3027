"""The Gompertz curve: S-shaped growth towards a saturation level K, slow to start and
slower still to finish (its inflection comes at K / e, not at K / 2 as the S-curve's).

v[y] = K · exp(ln(v0 / K) · e^(−r · (y − base_year))), in closed form from the base-year
value v0. It needs K > 0 and v0 > 0 (the logarithm); K below v0 is a decline towards K.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import numpy as np

from workbench.core.methods.base import (
    Check,
    FormulaCells,
    GrowthMethod,
    Parameter,
    Problem,
    ProjectionInput,
    unless_blank,
)
from workbench.core.methods.s_curve import complete, curve_inputs, curve_words, seed_curve

K = Parameter("k", "K", "saturation level K", "the series' unit", "number", column="k", low=0.0)
R = Parameter("r", "r", "rate r", "per year", "plain", column="r", low=0.0)


def _values(growths: Sequence, inputs: ProjectionInput) -> np.ndarray:
    k, r, v0 = curve_inputs(growths, inputs)
    return k * np.exp(np.log(v0 / k) * np.exp(-r * inputs.steps))


def _formula(c: FormulaCells) -> str:
    k, r = c.inputs["k"], c.inputs["r"]
    return unless_blank((k, r), f"{k}*EXP(LN({c.base}/{k})*EXP(-{r}*{c.step}))")


def _positive(check: Check) -> Iterator[Problem]:
    """K and the base-year value must be above zero: the curve takes ln(v0 / K); r too, or
    e^(−r·t) grows without bound and the curve runs away from K (to 0 or to infinity)."""
    g, v0 = check.growth, check.v0
    if g.k is not None and np.isfinite(g.k) and not K.admits(g.k):
        yield Problem(
            "error",
            "gompertz_k",
            f"The saturation level K = {check.number(g.k)} of the Gompertz curve of "
            f"{check.at} must be above 0.",
        )
    if g.r is not None and np.isfinite(g.r) and not R.admits(g.r):
        yield Problem(
            "error",
            "gompertz_r",
            f"The rate r = {check.number(g.r)} of the Gompertz curve of {check.at} must be "
            "above 0 (the speed at which it approaches K).",
        )
    if v0 is not None and not v0 > 0:
        yield Problem(
            "error",
            "gompertz_base",
            f"The Gompertz curve of {check.at} needs a {check.base_year} value above 0; "
            f"it is {check.number(v0)}.",
            check.base_year,
        )


GOMPERTZ = GrowthMethod(
    code="gompertz",
    label="Gompertz",
    noun="Gompertz curve",
    summary=(
        "v[y] = K · exp(ln(v0/K) · e^(−r·(y − base year))): S-shaped growth from the "
        "base-year value v0 towards the saturation level K, both above 0."
    ),
    parameters=(K, R),
    project=_values,
    explain=lambda e: curve_words("Gompertz: K · e^(ln(v0/K)·e^(−r·t))", e),
    formula=_formula,
    rules=[lambda check: complete(check, "Gompertz curve", "gompertz_incomplete"), _positive],
    seed=seed_curve,
)
