"""The inspector dock: everything about what the current page has selected, in words.

For a cell: which series, scenario and year; the value; whether it is an input, computed,
pinned or held; the formula that produced it; its source; and the analyst's note,
editable here (saving a note is an ordinary undoable edit). For a company, driver,
challenge or trend: its sources, segments and notes (`entity_card`). The main window
folds the dock away on pages that select neither.
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
from workbench.core.project import Project
from workbench.core.reconcile_words import explain_rate
from workbench.gui.bridge import DocumentBridge
from workbench.gui.entity_card import entity_card
from workbench.gui.locale_numbers import number
from workbench.gui.page import CellTarget, EntityTarget, Target

Cell = tuple[str, str, int]
"""(scenario id, series id, year), as segment pages emit it."""

ROWS = ("Cell", "Value", "State", "Formula", "Growth", "Source")


class InspectorDock(QDockWidget):
    def __init__(self, bridge: DocumentBridge, parent: QWidget | None = None) -> None:
        super().__init__("Inspector", parent)
        self.setObjectName("inspector")
        self.bridge = bridge
        self.cell: Cell | None = None
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
        project = self.bridge.document.project
        self.note.setPlainText(
            project.notes.get(_note_key(project, self.cell), "") if self.cell else ""
        )
        self.note.setEnabled(self.cell is not None)
        self.save_note.setEnabled(self.cell is not None)

    def _save_note(self) -> None:
        if self.cell is not None:
            key = _note_key(self.bridge.document.project, self.cell)
            self.bridge.execute(SetNote(*key, self.note.toPlainText()))


def _value_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def _note_key(project: Project, cell: Cell) -> Cell:
    """Notes on history cells are shared by every scenario (scenario "")."""
    scenario_id, series_id, year = cell
    return ("" if year <= project.metadata.base_year else scenario_id, series_id, year)


def describe(bridge: DocumentBridge, cell: Cell | None) -> dict[str, str]:
    """The inspector's rows for `cell`, as text (the words come from core.explain)."""
    if cell is None:
        return {"Cell": "Select a cell in a table to see where its number comes from."}
    scenario_id, series_id, year = cell
    document = bridge.document
    project = document.project
    try:
        info = explain_cell(document, scenario_id, series_id, year)
        value = document.result(scenario_id).value(series_id, year)
        name = f"{project.series_name(series_id)} · {project.scenario(scenario_id).name} · {year}"
    except ModelError:  # the cell went away (a removal, the undo of an addition)
        return {"Cell": "The selected cell no longer exists."}
    state = info.state + (" · held (spreading and scaling leave it)" if info.held else "")
    source = info.source
    return {
        "Cell": name,
        "Value": f"{number(value)} {project.metadata.unit}"
        if math.isfinite(value)
        else "blank",
        "State": state,
        "Formula": info.formula,
        "Growth": explain_rate(document, scenario_id, series_id) or "—",
        "Source": "—"
        if source is None
        else source.label() + (f" — {source.url}" if source.url else ""),
    }
