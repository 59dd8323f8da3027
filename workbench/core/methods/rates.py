"""The two chained methods, which grow last year's value by a rate: CAGR and growth by year.

Both continue from a pin (the engine chains their factors), both move when a scenario's
rates are shifted, and both refuse a rate at or below -100 %, which would make the market
vanish or turn negative.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace
from operator import attrgetter

import numpy as np

from workbench.core.methods.base import (
    Check,
    Explanation,
    GrowthMethod,
    Parameter,
    Problem,
    ProjectionInput,
    Seed,
    values_by_year,
)

RATE = Parameter(
    "rate", "g", "CAGR", "fraction per year (0.05 = 5 %)", "percent", column="rate", low=-1.0
)
RATES = Parameter(
    "rates",
    "g_y",
    "growth rate of each year",
    "fraction per year (0.05 = 5 %)",
    "percent",
    column="rate",
    by_year=True,
    low=-1.0,
)


def _too_low(check: Check, rates: dict[int, float]) -> Iterator[Problem]:
    low = [y for y, r in rates.items() if not RATE.admits(r)]
    if low:
        yield Problem(
            "error",
            "growth_too_low",
            f"The growth of {check.at} in {low[0]} is "
            f"{check.percent(rates[low[0]])}; it must be above -100 %.",
            low[0],
        )


# -- CAGR ------------------------------------------------------------------------------------


def _cagr_factors(growths: Sequence, inputs: ProjectionInput) -> np.ndarray:
    """A CAGR's row is one repeated factor 1 + g."""
    rates = np.fromiter(map(attrgetter("rate"), growths), float, len(growths))
    return np.repeat((1.0 + rates)[:, None], len(inputs.years), axis=1)


def _cagr_words(e: Explanation) -> str:
    return f"{e.year} = {e.year - 1} × (1 + {e.percent(e.growth.rate)}) (CAGR)"


def _cagr_rule(check: Check) -> Iterator[Problem]:
    if not RATE.admits(check.growth.rate) and check.forecast_years:
        yield from _too_low(check, {check.forecast_years[0]: check.growth.rate})


CAGR = GrowthMethod(
    code="cagr",
    label="CAGR",
    noun="CAGR",
    summary="v[y] = v[y−1] × (1 + g): one growth rate g for every forecast year.",
    parameters=(RATE,),
    project=_cagr_factors,
    explain=_cagr_words,
    formula=lambda c: f"{c.prev}*(1+{c.inputs['rate']})",
    rules=[_cagr_rule],
    chained=True,
)


# -- growth by year --------------------------------------------------------------------------


def _yearly_factors(growths: Sequence, inputs: ProjectionInput) -> np.ndarray:
    """1 + g_y per year; a year without a rate grows by 0 %."""
    return 1.0 + values_by_year([g.rates for g in growths], inputs.years, 0.0)


def _yearly_words(e: Explanation) -> str:
    rates = e.growth.rates
    if e.year not in rates:
        return f"{e.year} = {e.year - 1} × (1 + 0.0 %) (growth by year; no rate typed)"
    return f"{e.year} = {e.year - 1} × (1 + {e.percent(rates[e.year])}) (growth by year)"


def _yearly_rule(check: Check) -> Iterator[Problem]:
    rates = check.growth.rates
    missing = [y for y in check.forecast_years if y not in rates]
    if missing:
        yield Problem(
            "warning",
            "missing_growth_rates",
            f"The growth by year of {check.at} has no rate for "
            f"{', '.join(map(str, missing))}; 0 % is used.",
            missing[0],
        )
    yield from _too_low(check, {y: rates[y] for y in check.forecast_years if y in rates})


def _yearly_seed(growth, seed: Seed):
    """Starts from the CAGR in every year, so the forecast does not move on switching."""
    if growth.rates:
        return growth
    return replace(growth, rates=dict.fromkeys(seed.years, growth.rate))


GROWTH_BY_YEAR = GrowthMethod(
    code="growth_by_year",
    label="Growth by year",
    noun="growth by year",
    summary="v[y] = v[y−1] × (1 + g_y): a growth rate per forecast year (0 % where blank).",
    parameters=(RATES,),
    project=_yearly_factors,
    explain=_yearly_words,
    formula=lambda c: f"{c.prev}*(1+{c.inputs['rates']})",
    rules=[_yearly_rule],
    seed=_yearly_seed,
    chained=True,
)
