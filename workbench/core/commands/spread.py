"""Spreading a total to its segments and scaling a dimension's history to the total.

Both rest on one rule, `distribute`: fixed segments keep their values and the others share
what is left in proportion to their current values, evenly when those are all zero.
"""

from __future__ import annotations

from collections.abc import Iterable

from workbench.core.commands.base import Command, finite, forecast_year, history_year
from workbench.core.commands.pins import unpin, write_pin
from workbench.core.engine import compute_scenario
from workbench.core.errors import ModelError
from workbench.core.fields import Field
from workbench.core.project import TOTAL, Project
from workbench.core.transaction import Transaction
from workbench.numbers import number


def distribute(
    current: dict[str, float], held: set[str], target: float, what: str
) -> dict[str, float]:
    """New values for `current` that add up to `target`, leaving `held` keys unchanged.

    `held` are the fixed keys: held cells, and in forecast years pinned ones too.
    """
    free = [k for k in current if k not in held]
    remaining = target - sum(v for k, v in current.items() if k in held)
    if not free:
        if abs(remaining) > 1e-12 * max(1.0, abs(target)):
            raise ModelError(
                f"Every segment of {what} is pinned or held, so its total cannot change."
            )
        return dict(current)
    if remaining < 0 <= target:
        raise ModelError(
            f"The pinned and held segments of {what} already add up to more than "
            f"{number(target)}."
        )
    free_sum = sum(current[k] for k in free)
    out = dict(current)
    for k in free:
        out[k] = current[k] * (remaining / free_sum) if free_sum else remaining / len(free)
    return out


class SpreadTotal(Command):
    """Type a total and spread the change to segments (docs/forecast-semantics.md §5).

    History years: the total's input is set and every listed dimension's segments are
    spread to it, held segments keeping theirs. Forecast years, top-down: the total is
    pinned and reconciliation shares it among the free segments (held and pinned ones keep
    their numbers; refused where they add up to more than the target). Bottom-up: the
    primary dimension's free segments are pinned so that with the fixed ones they add up to
    the target; those pins are marked as the spread's, so the next spread of that year
    treats them as free and replaces them.
    """

    def __init__(
        self,
        year: int,
        target: float,
        scenario_id: str | None = None,
        dimension_ids: Iterable[str] | None = None,
    ) -> None:
        self.year, self.target, self.scenario_id = year, target, scenario_id
        self.dimension_ids = None if dimension_ids is None else list(dimension_ids)
        self.text = "Spread total"

    def run(self, tx: Transaction) -> None:
        p = tx.project
        if not isinstance(self.year, int) or self.year not in p.metadata.years:
            raise ModelError(f"Spread total: {self.year!r} is not one of the project's years.")
        target = finite(self.target, f"The {self.year} total")
        if self.year <= p.metadata.base_year:
            history_year(p, self.year, "Spread total")
            tx.set(Field.HISTORY, (TOTAL, self.year), target)
            dims = self.dimension_ids or [d.id for d in p.dimensions]
            for dim_id in dims:
                _spread_history(tx, dim_id, self.year, target)
            return
        forecast_year(p, self.year, "Spread total")
        if self.scenario_id is None:
            raise ModelError(f"Spreading a {self.year} forecast total needs a scenario.")
        scenario_id = p.scenario(self.scenario_id).id
        if p.mode == "top_down":
            self._pin_total(tx, scenario_id, target)
        else:
            self._pin_primary(tx, scenario_id, target)

    def _fixed(self, p: Project, scenario_id: str, member_ids) -> set[str]:
        """Held, or pinned by anything but a spread (a spread's pins count as free)."""
        return {
            m
            for m in member_ids
            if (m, self.year) in p.holds
            or (
                (scenario_id, m, self.year) in p.pins
                and p.pin_marks.get((scenario_id, m, self.year)) != "spread"
            )
        }

    def _pin_total(self, tx: Transaction, scenario_id: str, target: float) -> None:
        p = tx.project
        result = compute_scenario(p, scenario_id)
        for dim in p.dimensions:
            fixed = self._fixed(p, scenario_id, dim.member_ids())
            held = sum(result.projected_value(m, self.year) for m in fixed)
            if fixed and held > target * (1 + 1e-12) + 1e-12:
                raise ModelError(
                    f"The pinned and held segments of {dim.name} already add up to "
                    f"{number(held)} in {self.year}, more than {number(target)}."
                )
        for key, mark in list(p.pin_marks.items()):
            if mark == "spread" and key[0] == scenario_id and key[2] == self.year:
                unpin(tx, key)
        write_pin(tx, (scenario_id, TOTAL, self.year), target, None)

    def _pin_primary(self, tx: Transaction, scenario_id: str, target: float) -> None:
        p = tx.project
        result = compute_scenario(p, scenario_id)
        dim = p.dimension(p.primary_dimension)
        current = {m: result.projected_value(m, self.year) for m in dim.member_ids()}
        fixed = self._fixed(p, scenario_id, current)
        spread = distribute(current, fixed, target, f"{dim.name} in {self.year}")
        for member_id, value in spread.items():
            if member_id not in fixed:
                write_pin(tx, (scenario_id, member_id, self.year), value, "spread")


def _spread_history(tx: Transaction, dimension_id: str, year: int, target: float) -> None:
    p = tx.project
    dim = p.dimension(dimension_id)
    current = {m: p.history.get((m, year), 0.0) for m in dim.member_ids()}
    held = {m for m in current if (m, year) in p.holds}
    for member_id, value in distribute(current, held, target, f"{dim.name} in {year}").items():
        if member_id not in held:
            tx.set(Field.HISTORY, (member_id, year), value)


class ScaleHistoryToTotal(Command):
    """Make a dimension's history add up to the total's history, year by year (holds kept)."""

    def __init__(self, dimension_id: str, years: Iterable[int] | None = None) -> None:
        self.dimension_id = dimension_id
        self.years = None if years is None else list(years)
        self.text = "Scale history to total"

    def run(self, tx: Transaction) -> None:
        p: Project = tx.project
        p.dimension(self.dimension_id)
        for year in self.years or list(p.metadata.history_years):
            history_year(p, year, "Scale history to total")
            total = p.history.get((TOTAL, year))
            if total is not None:
                _spread_history(tx, self.dimension_id, year, total)
