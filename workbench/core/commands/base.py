"""What every edit is: a command that checks its input, then writes through a transaction.

Commands check against the project as it is when they run (inside a batch, after the
batch's earlier commands), raise `ModelError` with one sentence naming what and where, and
only then write. Undo and redo come from the transaction's log, not from the command.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from workbench.core.errors import ModelError
from workbench.core.project import Project, new_id
from workbench.core.transaction import Transaction
from workbench.numbers import percent


class Command:
    """An edit; `text` names it in menus ("Undo <text>")."""

    text = "Edit"

    def run(self, tx: Transaction) -> None:
        raise NotImplementedError


class Batch(Command):
    """Several commands as one undoable step (a paste, an import, a spread)."""

    def __init__(self, text: str, commands: Sequence[Command]) -> None:
        self.text = text
        self.commands = list(commands)

    def run(self, tx: Transaction) -> None:
        for command in self.commands:
            command.run(tx)


# -- checks shared by the commands ----------------------------------------------------------


def finite(value: float, what: str) -> float:
    """A real, finite number, or a ModelError naming `what`."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ModelError(f"{what} must be a number; got {value!r}.")
    if not math.isfinite(value):
        raise ModelError(f"{what} must be a finite number; got {value!r}.")
    return float(value)


def growth_rate(value: float, what: str) -> float:
    rate = finite(value, what)
    if rate <= -1.0:
        raise ModelError(f"{what} must be above -100 %; got {percent(rate)}.")
    return rate


def history_year(project: Project, year: int, what: str) -> int:
    meta = project.metadata
    if not isinstance(year, int) or not meta.first_year <= year <= meta.base_year:
        raise ModelError(
            f"{what}: {year} is not a history year ({meta.first_year}–{meta.base_year})."
        )
    return year


def forecast_year(project: Project, year: int, what: str) -> int:
    meta = project.metadata
    if not isinstance(year, int) or not meta.base_year < year <= meta.last_year:
        raise ModelError(
            f"{what}: {year} is not a forecast year ({meta.base_year + 1}–{meta.last_year})."
        )
    return year


def placed(items: list, item, index: int | None, what: str) -> list:
    """A new list with `item` inserted at `index` (clamped; None is the end)."""
    if index is None:
        return [*items, item]
    if isinstance(index, bool) or not isinstance(index, int):
        raise ModelError(f"The position of {what} must be a whole number; got {index!r}.")
    index = max(0, min(index, len(items)))
    return [*items[:index], item, *items[index:]]


def fresh_id(project: Project, wanted: str | None, prefix: str) -> str:
    """`wanted` when it is a usable new id, a generated one when it is None."""
    return new_id(project, prefix) if wanted is None else unused_id(project, wanted)


def unused_id(project: Project, wanted: str) -> str:
    """`wanted`, refused when it is not text or already names something in the project."""
    if not isinstance(wanted, str) or not wanted.strip():
        raise ModelError(f"An id must be non-empty text; got {wanted!r}.")
    if wanted in project.all_ids():
        raise ModelError(f"The id {wanted!r} is already in use.")
    return wanted


def name(value: str, what: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ModelError(f"{what} must not be empty.")
    return value.strip()


def where(
    project: Project, scenario_id: str | None, series_id: str, year: int | None = None
) -> str:
    """'TikTok, Base, 2027': the cell a message is about, in the analyst's words."""
    parts = [project.series_name(series_id)]
    if scenario_id is not None:
        parts.append(project.scenario(scenario_id).name)
    if year is not None:
        parts.append(str(year))
    return ", ".join(parts)
