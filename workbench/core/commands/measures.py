"""Commands of the measures: add or remove the volume, set its unit, and edit a measure.

Every value command (history, growth, pins, holds, spread, back-solve, notes…) edits the
volume too when wrapped in `OnMeasure`: it runs against the volume's view of the project
and its writes are logged under the volume's fields, so undo, redo, the document's caches
and the store all see a volume edit as such, and an edit to volume never touches value.
"""

from __future__ import annotations

from collections.abc import Callable

from workbench.core.commands.base import Command, name
from workbench.core.errors import ModelError
from workbench.core.fields import Field
from workbench.core.measures import (
    PRICE,
    VALUE,
    VOLUME,
    VOLUME_FIELDS,
    measure,
    typed_measures,
    view,
)
from workbench.core.project import MeasureInputs
from workbench.core.transaction import Transaction


class OnMeasure(Command):
    """`command` applied to one typed measure's inputs (value: the command itself)."""

    def __init__(self, measure_id: str, command: Command) -> None:
        self.measure_id = measure(measure_id).id
        self.command = command
        label = measure(measure_id).label.lower()
        self.text = command.text if measure_id == VALUE else f"{command.text} ({label})"

    def run(self, tx: Transaction) -> None:
        if self.measure_id == VALUE:
            self.command.run(tx)
            return
        if self.measure_id == PRICE:
            raise ModelError(
                "The average price is computed as value ÷ volume; type the value or the "
                "volume instead."
            )
        sub = Transaction(view(tx.project, VOLUME))
        try:
            self.command.run(sub)
            tx.adopt(sub, VOLUME_FIELDS)
        except BaseException:
            sub.undo()
            raise


class _Step(Command):
    """A function of a transaction, as a command (the part of an edit `OnMeasure` runs)."""

    def __init__(self, step: Callable[[Transaction], None]) -> None:
        self.step = step

    def run(self, tx: Transaction) -> None:
        self.step(tx)


def on_every_measure(tx: Transaction, step: Callable[[Transaction], None]) -> None:
    """Run `step` on the inputs of every typed measure the project has, each on its view.

    A structure edit deletes, copies or clips the inputs that hang on what it changes
    (a removed segment's history, a copied scenario's pins, years outside a new range);
    it writes that part once, as `step`, and every measure gets it, so no volume input
    is ever left pointing at a series, scenario or year the project no longer has. Call
    it after the structure itself has changed: each view is taken at that moment.
    """
    for measure_id in typed_measures(tx.project):
        OnMeasure(measure_id, _Step(step)).run(tx)


class AddVolume(Command):
    """Give the project a volume measure (empty: no history, default assumptions)."""

    def __init__(self, unit: str) -> None:
        self.unit = unit
        self.text = "Add Volume Measure"

    def run(self, tx: Transaction) -> None:
        unit = name(self.unit, "The volume's unit")
        if tx.project.volume is not None:
            raise ModelError("This project already has a volume measure.")
        tx.replace(Field.VOLUME, MeasureInputs(unit=unit))


class RemoveVolume(Command):
    """Remove the volume measure with all its inputs (undo brings them back)."""

    text = "Remove Volume Measure"

    def run(self, tx: Transaction) -> None:
        if tx.project.volume is None:
            raise ModelError("This project has no volume measure to remove.")
        tx.replace(Field.VOLUME, None)


class SetVolumeUnit(Command):
    """Rename the volume's unit; numbers stay as typed (a unit is a label, not a rescale)."""

    def __init__(self, unit: str) -> None:
        self.unit = unit
        self.text = "Set Volume Unit"

    def run(self, tx: Transaction) -> None:
        unit = name(self.unit, "The volume's unit")
        if tx.project.volume is None:
            raise ModelError("This project has no volume measure; add one first.")
        tx.replace(Field.VOLUME_UNIT, unit)
