"""The inspector dock: everything about what the current page has selected, in words.

For a cell: which series, scenario, year and measure; the number with its unit; whether
it is an input, computed, pinned or held; the formula that produced it; its source; and
the analyst's note, editable here (saving a note is an ordinary undoable edit of that
measure). An average price cell shows the division that makes it, and has no note. For
a company, driver, challenge or trend: its sources, segments and notes (`entity_card`).
The main window folds the dock away on pages that select neither.
"""

from __future__ import annotations

import math

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDockWidget,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from workbench.core.commands import SetNote
from workbench.core.errors import ModelError
from workbench.core.explain import explain_cell
from workbench.core.measures import measures_of, price_unit
from workbench.core.project import Project
from workbench.core.reconcile_words import explain_rate
from workbench.gui.bridge import DocumentBridge
from workbench.gui.entity_card import entity_card
from workbench.gui.locale_numbers import number
from workbench.gui.measures import MeasureReading
from workbench.gui.page import CellTarget, EntityTarget, Target

Cell = tuple
"""(scenario id, series id, year[, measure id]), as segment pages emit it (`CellTarget`)."""

ROWS = ("Cell", "Number", "State", "Formula", "Growth", "Source")


class InspectorDock(QDockWidget):
    def __init__(self, bridge: DocumentBridge, parent: QWidget | None = None) -> None:
        super().__init__("Inspector", parent)
        self.setObjectName("inspector")
        self.bridge = bridge
        self.cell: CellTarget | None = None
        self.entity: EntityTarget | None = None
        self.labels = {name: _value_label() for name in ROWS}
        self.note = QPlainTextEdit()
        self.note.setPlaceholderText("A note on this cell (why this number, what to check).")
        self.note.setMaximumHeight(110)
        self.save_note = QPushButton("Save note")
        self.save_note.clicked.connect(self._save_note)
        body = QWidget()
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        for name in ROWS:
            form.addRow(f"<b>{name}</b>", self.labels[name])
        layout = QVBoxLayout(body)
        layout.addLayout(form)
        layout.addWidget(QLabel("<b>Note</b>"))
        layout.addWidget(self.note)
        layout.addWidget(self.save_note, 0, Qt.AlignmentFlag.AlignRight)
        layout.addStretch(1)
        self.card = _value_label()
        self.card.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.card.setOpenExternalLinks(True)
        self.card.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.card.setContentsMargins(8, 4, 8, 4)
        # Long source titles wrap in the dock's width instead of widening the dock.
        self.card.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.bodies = QStackedWidget()
        self.bodies.addWidget(body)
        self.bodies.addWidget(self.card)
        self.bodies.setMinimumWidth(220)
        self.setWidget(self.bodies)
        bridge.changed.connect(lambda _change: self.refresh())
        bridge.document_replaced.connect(lambda: self.inspect(None))
        self.show_cell(None)

    def inspect(self, subject: Target | None) -> None:
        """Show what the current page inspects: a cell, an entity, or nothing."""
        self.cell = subject if isinstance(subject, CellTarget) else None
        self.entity = subject if isinstance(subject, EntityTarget) else None
        self.refresh()

    def show_cell(self, cell: Cell | None) -> None:
        """Inspect (scenario, series, year[, measure]); None: nothing."""
        self.inspect(CellTarget(*cell) if cell is not None else None)

    def refresh(self) -> None:
        if self.entity is not None:
            self.card.setText(entity_card(self.bridge.document.project, self.entity))
            self.bodies.setCurrentWidget(self.card)
            return
        self.bodies.setCurrentIndex(0)
        text = describe(self.bridge, self.cell)
        for name in ROWS:
            self.labels[name].setText(text.get(name, ""))
        reading = self._reading()
        noted = reading is not None and reading.typed
        project = reading.project if noted else None
        self.note.setPlainText(
            project.notes.get(_note_key(project, self.cell), "") if project else ""
        )
        self.note.setEnabled(noted)
        self.save_note.setEnabled(noted)

    def _reading(self) -> MeasureReading | None:
        """The selected cell's measure of the document (None: no cell, or a measure the
        project no longer has)."""
        if self.cell is None:
            return None
        if self.cell.measure not in measures_of(self.bridge.document.project):
            return None
        return MeasureReading(self.bridge.document, self.cell.measure)

    def _save_note(self) -> None:
        reading = self._reading()
        if reading is not None and reading.typed:
            key = _note_key(reading.project, self.cell)
            self.bridge.execute(reading.command(SetNote(*key, self.note.toPlainText())))


def _value_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def _note_key(project: Project, cell: CellTarget) -> tuple[str, str, int]:
    """Notes on history cells are shared by every scenario (scenario "")."""
    scenario_id, series_id, year, _measure = cell
    return ("" if year <= project.metadata.base_year else scenario_id, series_id, year)


def describe(bridge: DocumentBridge, cell: Cell | None) -> dict[str, str]:
    """The inspector's rows for `cell`, as text (the words come from core.explain)."""
    if cell is None:
        return {"Cell": "Select a cell in a table to see where its number comes from."}
    scenario_id, series_id, year, measure_id = CellTarget(*cell)
    document = bridge.document
    project = document.project
    try:
        reading = MeasureReading(document, measure_id)
        value = reading.result(scenario_id).value(series_id, year)
        name = f"{project.series_name(series_id)} · {project.scenario(scenario_id).name} · {year}"
        if len(measures_of(project)) > 1:
            name += f" · {reading.label}"
        info = explain_cell(document, scenario_id, series_id, year, measure_id)
        if not reading.typed:
            return _derived(reading, name, value, info.formula)
    except ModelError:  # the cell went away (a removal, the undo of an addition)
        return {"Cell": "The selected cell no longer exists."}
    state = info.state + (" · held (spreading and scaling leave it)" if info.held else "")
    source = info.source
    return {
        "Cell": name,
        "Number": _amount(value, reading.unit),
        "State": state,
        "Formula": info.formula,
        "Growth": explain_rate(reading, scenario_id, series_id) or "—",
        "Source": "—"
        if source is None
        else source.label() + (f" — {source.url}" if source.url else ""),
    }


def _derived(reading: MeasureReading, name: str, value: float, formula: str) -> dict[str, str]:
    """The rows of an average price cell: the division is its formula; no growth, no
    source (the value's and the volume's cells have theirs)."""
    shown = price_unit(reading.document.project).amount(value) if math.isfinite(value) else ""
    return {"Cell": name, "Number": shown or "blank",
            "State": "derived (value ÷ volume; never typed)", "Formula": formula,
            "Growth": "—", "Source": "—"}


def _amount(value: float, unit: str) -> str:
    return f"{number(value)} {unit}" if math.isfinite(value) else "blank"
