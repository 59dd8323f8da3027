"""Which measure the window shows, and the document as that one measure reads it.

A project with a volume is shown in three measures (value, volume, average price); every
market page shows one of them at a time, the one chosen in its header (`MeasureChoice`,
one per window, so switching on one page switches them all). Pages read numbers and write
edits through a `MeasureReading`: its `project` is the measure's view (the volume's inputs
where the value's stand), its `result` the measure's forecast, and `command` wraps an edit
in `OnMeasure` so it lands on the measure shown; the core's words for a rate's notice and
for reconciliation work on it unchanged (`explain_cell` takes the measure itself). The
average price is derived: its pages read the value's structure, and nothing on them can be
typed.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from workbench.core.commands import Command
from workbench.core.commands.measures import OnMeasure
from workbench.core.document import Document
from workbench.core.engine import ScenarioResult
from workbench.core.fields import MEASURE_INPUTS, Field
from workbench.core.measures import (
    PRICE,
    VALUE,
    VOLUME_FIELDS,
    field_of,
    measure,
    measures_of,
    unit_of,
    view,
)
from workbench.core.project import Project
from workbench.core.transaction import Change


class MeasureChoice(QObject):
    """The measure a window's market pages show; `chosen` fires with its id on a switch.

    It keeps what the analyst picked even while the project has no volume (then every page
    shows the value), so removing and restoring the volume by undo comes back to it.
    """

    chosen = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.picked = VALUE

    def shown(self, project: Project) -> str:
        """The measure to show for `project`: the one picked, if the project has it."""
        return self.picked if self.picked in measures_of(project) else VALUE

    def pick(self, measure_id: str, quietly: bool = False) -> None:
        """Show `measure_id`; `quietly` for a document about to replace the current one
        (every page and switch rebuilds for it then, in this measure)."""
        measure(measure_id)
        if measure_id != self.picked:
            self.picked = measure_id
            if not quietly:
                self.chosen.emit(measure_id)


class MeasureReading:
    """One measure of a document: its view of the project, forecasts, unit and edits."""

    def __init__(self, document: Document, measure_id: str) -> None:
        self.document, self.measure = document, measure(measure_id).id
        self.typed = measure(measure_id).typed
        structure = document.project
        self.project = view(structure, measure_id) if self.typed else structure
        """The measure's inputs where the value's stand (price: the value's structure)."""

    @property
    def label(self) -> str:
        return measure(self.measure).label

    @property
    def unit(self) -> str:
        return unit_of(self.document.project, self.measure)

    @property
    def title(self) -> str:
        """"Volume, million paid subscriptions": the measure and its unit, for headers."""
        return f"{self.label}, {self.unit}"

    def result(self, scenario_id: str) -> ScenarioResult:
        return self.document.result(scenario_id, self.measure)

    def command(self, command: Command) -> Command:
        """`command` as an edit of this measure's inputs (the value's: the command itself;
        the price has none: the core refuses it with its sentence)."""
        return command if self.measure == VALUE else OnMeasure(self.measure, command)

    def field(self, value_field: Field) -> Field:
        """Where this measure keeps one of the value's input fields."""
        return field_of(self.measure, value_field) if self.typed else value_field

    def concerns(self, change: Change) -> bool:
        """Whether `change` can move anything this measure shows: an edit of the other
        typed measure's inputs alone cannot (the price follows both)."""
        if self.measure == PRICE:
            return True
        other = set(VOLUME_FIELDS.values()) if self.measure == VALUE else set(MEASURE_INPUTS)
        return not change.fields <= other

