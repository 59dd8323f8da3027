"""The back-solve dialog: last-year targets for one or several CAGR series of a dimension,
solved together, with the resulting rates shown before anything changes.

The targets are the numbers the analyst will see (reconciled); the core's `BackSolve`
finds the rates. The preview runs the same command on a copy of the project, so what the
dialog shows is exactly what OK applies, or the sentence that says why it cannot be done.
It back-solves the measure the table shows (`MeasureReading`): the volume's rates on a
volume page.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from workbench.core.commands import BackSolve
from workbench.core.document import Document
from workbench.core.errors import ModelError
from workbench.core.project import TOTAL
from workbench.gui import locale_numbers
from workbench.gui.measures import MeasureReading
from workbench.gui.segments.parsing import read_value


@dataclass(frozen=True)
class Target:
    """One CAGR series the dialog offers: its id, name, shown last-year value and rate."""

    series_id: str
    name: str
    shown: float
    rate: float


def targets_of(reading: MeasureReading, scenario_id: str, series_id: str) -> list[Target]:
    """The series a back-solve from `series_id` may aim at together: the CAGR series of
    its dimension (the total alone for the total)."""
    p = reading.project
    result = reading.result(scenario_id)
    last = p.metadata.last_year
    ids = [TOTAL] if series_id == TOTAL else list(p.dimension_of(series_id).member_ids())
    return [
        Target(s, p.series_name(s), result.value(s, last), p.growth_of(scenario_id, s).rate)
        for s in ids
        if p.growth_of(scenario_id, s).method == "cagr"
    ]


def preview(reading: MeasureReading, scenario_id: str, targets: dict[str, float]):
    """The rates a back-solve would set, by series, or the sentence refusing it."""
    trial = Document(reading.document.project.copy())
    try:
        trial.execute(reading.command(BackSolve(scenario_id, targets)))
    except ModelError as refusal:
        return str(refusal)
    solved = MeasureReading(trial, reading.measure).project
    return {s: solved.growth_of(scenario_id, s).rate for s in targets}


class BackSolveDialog(QDialog):
    """Targets per series; the resulting rates (or the refusal) update as one types."""

    def __init__(self, parent: QWidget | None, reading: MeasureReading, scenario_id: str,
                 series_id: str) -> None:
        super().__init__(parent)
        self.reading, self.scenario_id = reading, scenario_id
        last = reading.project.metadata.last_year
        self.setWindowTitle(f"Back-solve CAGR ({reading.label.lower()})")
        self.targets = targets_of(reading, scenario_id, series_id)
        self.fields: dict[str, QLineEdit] = {}
        self.rates: dict[str, QLabel] = {}
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(
            f"Type the {last} values you want to see ({reading.title}); "
            "the CAGRs are set so the shown numbers land on them. Leave a row blank to keep "
            "its rate."
        ))
        layout.addLayout(self._grid(series_id, last))
        self.status = QLabel("")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.solved: dict[str, float] = {}
        self.refresh()

    def _grid(self, series_id: str, last: int) -> QGridLayout:
        grid = QGridLayout()
        for col, title in enumerate(("Series", f"Shown {last}", f"Target {last}", "CAGR")):
            grid.addWidget(QLabel(f"<b>{title}</b>"), 0, col)
        for row, t in enumerate(self.targets, start=1):
            field = QLineEdit(locale_numbers.plain(t.shown, 6) if t.series_id == series_id else "")
            field.textChanged.connect(self.refresh)
            self.fields[t.series_id] = field
            self.rates[t.series_id] = QLabel(locale_numbers.percent(t.rate))
            grid.addWidget(QLabel(t.name), row, 0)
            grid.addWidget(QLabel(locale_numbers.amount(t.shown)), row, 1)
            grid.addWidget(field, row, 2)
            grid.addWidget(self.rates[t.series_id], row, 3)
        if series_id in self.fields:
            self.fields[series_id].setFocus()
        return grid

    def typed(self) -> dict[str, float]:
        """The targets typed so far; ModelError names a cell that is not a number."""
        out = {}
        for t in self.targets:
            value = read_value(self.fields[t.series_id].text(), f"{t.name}, target")
            if value is not None:
                out[t.series_id] = value
        return out

    def refresh(self) -> None:
        """Preview the rates for what is typed; OK only when there is something to solve."""
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        try:
            typed = self.typed()
        except ModelError as exc:
            typed, result = {}, str(exc)
        else:
            result = preview(self.reading, self.scenario_id, typed) if typed else {}
        rates = result if isinstance(result, dict) else {}
        for t in self.targets:
            rate = rates.get(t.series_id, t.rate)
            changed = t.series_id in rates
            self.rates[t.series_id].setText(
                f"{locale_numbers.percent(t.rate)} → {locale_numbers.percent(rate)}"
                if changed else locale_numbers.percent(rate)
            )
        self.status.setText(result if isinstance(result, str) else "")
        self.solved = typed if rates else {}
        ok.setEnabled(bool(self.solved))

