"""Reconciliation with fixed segments (docs/forecast-semantics.md §4).

Per dimension and forecast year, F are the fixed segments (pinned in the scenario or held
that year) and R the free ones. A fixed segment shows exactly its projection (the typed or
held number); a free one shows p × (total − Σ_F p) / Σ_R p. Where that cannot be done the
projections stay as they are and the year gets a reason code, which validation turns into
a sentence naming dimension, year and reason. The engine also reports, per dimension and
year, the unreconciled gap (Σ projected − total, before scaling) and the scale factor.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

REASONS = {
    0: "",
    1: "every segment is pinned or held, and they do not add up to the total",
    2: "the free segments add up to 0, so there is nothing to scale",
    3: "a segment or the total has no value",
    4: "the pinned and held segments add up to more than the total",
    5: "the free segments nearly cancel out, so the scale would be huge",
    6: "the free segments add up to a negative number, so scaling would flip their signs",
}
"""Why a dimension could not be reconciled in a year, by the code `Reconciled.reasons` holds."""

NEAR_ZERO = 1e-6
"""|Σ_R p| below this fraction of what is left to share counts as a near-zero denominator."""

TOLERANCE = 1e-9
"""|total − Σ fixed| within this fraction of the total (or of 1) counts as exactly met."""


@dataclass(frozen=True, eq=False)
class Reconciled:
    """One dimension's forecast columns after reconciliation.

    `values` are the shown numbers (segments × years); `scale` the factor the free segments
    got per year (NaN where reconciliation was impossible); `gap` Σ projected − total;
    `reasons` a code of `REASONS` per year (0: reconciled).
    """

    values: np.ndarray
    scale: np.ndarray
    gap: np.ndarray
    reasons: np.ndarray


def reconcile_block(projected: np.ndarray, fixed: np.ndarray, total: np.ndarray) -> Reconciled:
    """Reconcile one dimension (segments × forecast years) to `total` (per year).

    `fixed` marks the fixed cells. Every step is element-wise over the whole block, so a
    dimension of a thousand segments costs a handful of numpy calls.
    """
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        fixed_sum = np.where(fixed, projected, 0.0).sum(axis=0)
        free_sum = np.where(fixed, 0.0, projected).sum(axis=0)
        gap = projected.sum(axis=0) - total
        left = total - fixed_sum
        scale = left / free_sum
    n_free = (~fixed).sum(axis=0)
    off = np.abs(left) > TOLERANCE * np.maximum(np.abs(total), 1.0)
    trivial = ~off & ((n_free == 0) | (free_sum == 0))
    reasons = np.zeros(total.shape, dtype=np.int8)
    reasons[(free_sum > 0) & (free_sum < NEAR_ZERO * np.abs(left))] = 5
    reasons[(free_sum < 0) & off] = 6
    reasons[(left < 0) & off] = 4
    reasons[(free_sum == 0) & off] = 2
    reasons[(n_free == 0) & off] = 1
    reasons[trivial] = 0
    reasons[~(np.isfinite(projected).all(axis=0) & np.isfinite(total))] = 3
    ok = reasons == 0
    scale = np.where(trivial, 1.0, np.where(ok, scale, np.nan))
    values = np.where(fixed | ~ok, projected, projected * np.where(ok, scale, 1.0))
    return Reconciled(values, scale, gap, reasons)
