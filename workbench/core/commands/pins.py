"""Pins and holds: the fixed segments of reconciliation (docs/forecast-semantics.md §3, §5).

A pin is a typed forecast number; it shows exactly as typed. A hold keeps a cell as it
is: on a forecast cell it writes, in every scenario, the number that scenario shows as that
scenario's pin, marked as the hold's (a pin the analyst typed stays as it is), so the cell
never jumps when it is held; releasing the hold removes only those pins. Pins written by
an edit rather than typed carry a mark in `Project.pin_marks`; every command that drops a
pin drops its mark with it through `unpin`.
"""

from __future__ import annotations

import math

from workbench.core.commands.base import Command, finite, forecast_year, where
from workbench.core.engine import compute_scenario
from workbench.core.errors import ModelError
from workbench.core.fields import Field
from workbench.core.project import TOTAL, Project
from workbench.core.transaction import Transaction


def unpin(tx: Transaction, key: tuple[str, str, int]) -> None:
    """Remove a pin and its mark."""
    tx.delete(Field.PINS, key)
    tx.delete(Field.PIN_MARKS, key)


def write_pin(tx: Transaction, key: tuple[str, str, int], value: float, mark: str | None) -> None:
    """Set a pin; `mark` None is the analyst's own pin (any earlier mark goes)."""
    tx.set(Field.PINS, key, value)
    if mark is None:
        tx.delete(Field.PIN_MARKS, key)
    else:
        tx.set(Field.PIN_MARKS, key, mark)


def pin_holds(tx: Transaction, scenario_id: str, cells: list[tuple[str, int]]) -> None:
    """Write the hold's pin of each held forecast cell in one scenario: the number it shows.

    Cells that already have a pin keep it. All shown numbers are read before any is
    written, so the order of the cells does not matter.
    """
    p = tx.project
    todo = [(s, y) for s, y in cells if (scenario_id, s, y) not in p.pins]
    if not todo:
        return
    result = compute_scenario(p, scenario_id)
    shown = {(s, y): result.value(s, y) for s, y in todo}
    for (series_id, year), value in shown.items():
        if math.isfinite(value):
            write_pin(tx, (scenario_id, series_id, year), value, "hold")


def held_forecast_cells(p: Project) -> list[tuple[str, int]]:
    return sorted((s, y) for s, y in p.holds if y > p.metadata.base_year)


class SetPin(Command):
    """Type a forecast value that overrides the method for that year; None unpins.

    A typed number is always the analyst's pin: it replaces a hold's or a spread's pin on
    the same cell and shows exactly as typed.
    """

    def __init__(self, scenario_id: str, series_id: str, year: int, value: float | None) -> None:
        self.scenario_id, self.series_id, self.year = scenario_id, series_id, year
        self.value = value
        self.text = "Pin value" if value is not None else "Unpin value"

    def run(self, tx: Transaction) -> None:
        p = tx.project
        p.scenario(self.scenario_id)
        p.check_series(self.series_id)
        at = where(p, self.scenario_id, self.series_id, self.year)
        forecast_year(p, self.year, f"Pin of {at}")
        key = (self.scenario_id, self.series_id, self.year)
        if self.value is None:
            unpin(tx, key)
            return
        if self.series_id == TOTAL and p.mode == "bottom_up":
            raise ModelError(
                "In bottom-up mode the total is the sum of its segments and cannot be "
                f"pinned ({at})."
            )
        write_pin(tx, key, finite(self.value, f"The pinned value of {at}"), None)


class SetHold(Command):
    """Hold a cell in every scenario: spreading, scaling and reconciliation leave it as it is.

    On a forecast cell the hold writes each scenario's shown number as that scenario's
    pin; releasing it removes only the pins it wrote.
    """

    def __init__(self, series_id: str, year: int, held: bool) -> None:
        self.series_id, self.year, self.held = series_id, year, held
        self.text = "Hold value" if held else "Release value"

    def run(self, tx: Transaction) -> None:
        p = tx.project
        p.check_series(self.series_id)
        if self.series_id == TOTAL:
            raise ModelError("The total cannot be held; hold its segments instead.")
        if self.year not in p.metadata.years:
            raise ModelError(
                f"Hold of {p.series_name(self.series_id)}: {self.year} is outside the "
                "project's years."
            )
        cell = (self.series_id, self.year)
        forecast = self.year > p.metadata.base_year
        if self.held:
            if cell in p.holds:
                return
            if forecast:
                for scenario in p.scenarios:
                    pin_holds(tx, scenario.id, [cell])
            tx.set(Field.HOLDS, cell, True)
            return
        tx.delete(Field.HOLDS, cell)
        for scenario in p.scenarios if forecast else ():
            key = (scenario.id, *cell)
            if p.pin_marks.get(key) == "hold":
                unpin(tx, key)
