"""Back-solve: set CAGRs so that the shown last-year numbers land on targets.

The analyst sees reconciled numbers, so the targets are shown numbers
(docs/forecast-semantics.md §6). For targets t_i on a set S of one dimension's segments,
with F the fixed segments and O the other free ones, the projections that reconcile onto
the targets are

    p_i = t_i × Σ_O p / (total − Σ_F p − Σ_S t)

(p_i = t_i where nothing is scaled: the total, bottom-up primary segments), and each
CAGR follows from its p_i and the value its chain starts from. A pin on another segment
continues its chain from pin ÷ scale, and that scale moves with S's earlier years, so
the solve is repeated on the new forecast until every target is hit.
"""

from __future__ import annotations

import math
from dataclasses import replace

from workbench.core.commands.base import Command, finite, where
from workbench.core.engine import ScenarioResult, compute_scenario
from workbench.core.errors import ModelError
from workbench.core.fields import Field
from workbench.core.project import TOTAL, Project
from workbench.core.transaction import Transaction
from workbench.numbers import number

_TOLERANCE = 1e-11
_ROUNDS = 60


class BackSolve(Command):
    """Set the CAGR of each target series so its shown last-year number is the target.

    All targets belong to one dimension (or are the total alone) and are solved together.
    """

    def __init__(self, scenario_id: str, targets: dict[str, float]) -> None:
        self.scenario_id, self.targets = scenario_id, dict(targets)
        self.text = "Back-solve CAGR"

    def run(self, tx: Transaction) -> None:
        p = tx.project
        p.scenario(self.scenario_id)
        targets = self._checked(p)
        dim = _dimension(p, targets)
        for _ in range(_ROUNDS):
            result = compute_scenario(p, self.scenario_id)
            shown = {s: result.value(s, p.metadata.last_year) for s in targets}
            if all(_hit(shown[s], t) for s, t in targets.items()):
                return
            for series_id, projection in _projections(p, result, dim, targets).items():
                self._set_rate(tx, result, dim, series_id, projection)
        raise ModelError(
            f"The targets of {self._names(p, targets)} in {p.metadata.last_year} could not "
            "be reached; pins on other segments keep moving them."
        )

    def _checked(self, p: Project) -> dict[str, float]:
        if not self.targets:
            raise ModelError("Back-solving needs at least one target.")
        last = p.metadata.last_year
        out = {}
        for series_id, target in self.targets.items():
            p.check_series(series_id)
            at = where(p, self.scenario_id, series_id)
            growth = p.growth_of(self.scenario_id, series_id)
            if growth.method != "cagr":
                raise ModelError(f"Back-solving needs a CAGR series; {at} uses {growth.method}.")
            if series_id == TOTAL and p.mode == "bottom_up":
                raise ModelError(
                    "In bottom-up mode the total is the sum of its segments; "
                    f"back-solve them ({at})."
                )
            value = finite(target, f"The target of {at}")
            if value <= 0:
                raise ModelError(f"Back-solving {at} needs a positive target; got {value:g}.")
            if (self.scenario_id, series_id, last) in p.pins or (series_id, last) in p.holds:
                raise ModelError(f"{at} is pinned or held in {last}; release it to back-solve.")
            out[series_id] = value
        return out

    def _set_rate(self, tx, result: ScenarioResult, dim, series_id: str, projection: float):
        p = tx.project
        at = where(p, self.scenario_id, series_id)
        start, value = _chain_start(p, result, dim, series_id)
        if not (value is not None and value > 0 and projection > 0):
            raise ModelError(f"Back-solving {at} needs a positive {start} value to grow from.")
        rate = (projection / value) ** (1.0 / (p.metadata.last_year - start)) - 1.0
        if not math.isfinite(rate):
            raise ModelError(f"The target of {at} needs a growth rate beyond any number.")
        growth = p.growth_of(self.scenario_id, series_id)
        tx.set(Field.GROWTH, (self.scenario_id, series_id), replace(growth, rate=rate))

    def _names(self, p: Project, targets) -> str:
        return ", ".join(p.series_name(s) for s in targets)


class BackSolveCagr(BackSolve):
    """Back-solve one series: its shown last-year number lands on `target`."""

    def __init__(self, scenario_id: str, series_id: str, target: float) -> None:
        super().__init__(scenario_id, {series_id: target})
        self.series_id, self.target = series_id, target


def _hit(shown: float, target: float) -> bool:
    return math.isclose(shown, target, rel_tol=_TOLERANCE)


def _dimension(p: Project, targets: dict[str, float]):
    """The dimension whose free segments are scaled, or None where nothing is scaled."""
    if TOTAL in targets:
        if len(targets) > 1:
            raise ModelError("Back-solve the total on its own, not together with segments.")
        return None
    dims = {p.dimension_of(s).id for s in targets}
    if len(dims) > 1:
        raise ModelError("Back-solve targets must all be segments of one dimension.")
    dim = p.dimension(dims.pop())
    return None if p.mode == "bottom_up" and dim.id == p.primary_dimension else dim


def _projections(p: Project, result: ScenarioResult, dim, targets) -> dict[str, float]:
    """The last-year projection of each target series that reconciles onto its target."""
    if dim is None:
        return dict(targets)
    last = p.metadata.last_year
    total = result.value(TOTAL, last)
    free = [m for m in dim.member_ids() if m not in targets and not result.is_fixed(m, last)]
    fixed_sum = sum(
        result.projected_value(m, last) for m in dim.member_ids() if result.is_fixed(m, last)
    )
    others = sum(result.projected_value(m, last) for m in free)
    aimed = sum(targets.values())
    left = total - fixed_sum
    names = ", ".join(p.series_name(s) for s in targets)
    if not free:
        if not _hit(aimed, left):
            raise ModelError(
                f"Every other segment of {dim.name} is pinned or held in {last}, so the "
                f"targets of {names} must add up to {number(left, 6)} (the total "
                f"less the fixed segments); they add up to {number(aimed, 6)}."
            )
        return dict(targets)
    room = left - aimed
    if not (room > 0 and others > 0 and math.isfinite(room * others)):
        raise ModelError(
            f"The targets of {names} add up to {number(aimed, 6)}, which leaves "
            f"{number(room, 6)} of the {last} total {number(total, 6)} for the "
            f"other free segments of {dim.name}; they need a positive share."
        )
    return {s: t * others / room for s, t in targets.items()}


def _chain_start(p: Project, result: ScenarioResult, dim, series_id: str):
    """The year and value the series' chain grows from to the last year: the last pin
    before it as a projection (pin ÷ that year's scale), or the base-year value."""
    last = p.metadata.last_year
    key = (result.scenario_id, series_id)
    pinned = [y for y in p.metadata.forecast_years if y < last and (*key, y) in p.pins]
    if not pinned:
        base = p.metadata.base_year
        return base, p.history.get((series_id, base))
    year = max(pinned)
    scale = 1.0 if dim is None else result.scale(dim.id, year)
    usable = math.isfinite(scale) and scale != 0
    return year, p.pins[(*key, year)] / (scale if usable else 1.0)
