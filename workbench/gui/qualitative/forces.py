"""Five Forces: each force's rating (1 weak – 5 strong) and rationale, and a radar chart."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView, QLabel, QSplitter, QVBoxLayout, QWidget

from workbench.core.entities import FORCE_NAMES
from workbench.core.fields import Field
from workbench.core.transaction import Change
from workbench.gui.bridge import DocumentBridge
from workbench.gui.page import Page
from workbench.gui.qualitative.editing import update_entity
from workbench.gui.qualitative.entity_list import entity_table
from workbench.gui.qualitative.fields import MarkdownEditor
from workbench.gui.qualitative.radar import RadarChart
from workbench.gui.qualitative.table_model import (
    ID_ROLE,
    Column,
    EntityTableModel,
    field_column,
    rating_column,
)

COLUMNS = [
    Column("Force", lambda _p, f: f.name),
    rating_column("Rating", "rating"),
    field_column("Rationale", "rationale", tooltip=True),
]
SHORT_NAMES = {
    "rivalry": "Rivalry",
    "new_entrants": "New entrants",
    "substitutes": "Substitutes",
    "buyer_power": "Buyer power",
    "supplier_power": "Supplier power",
}


class FiveForcesPage(Page):
    title = "Five Forces"

    def __init__(self, bridge: DocumentBridge, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bridge = bridge
        self.model = EntityTableModel(bridge, "forces", COLUMNS, parent=self)
        self.table = entity_table(self.model)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.rationale = MarkdownEditor("Why this force is weak or strong")
        self.rationale.committed.connect(self._commit_rationale)
        self.radar = RadarChart()
        self.table.selectionModel().currentRowChanged.connect(self._load_rationale)
        self._lay_out()
        self.follow(bridge)
        self.reload()

    def _lay_out(self) -> None:
        left = QWidget()
        box = QVBoxLayout(left)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(QLabel("<b>Porter's five forces</b> <span style='color:#666'>— rating 1 "
                             "(weak) to 5 (strong)</span>"))
        self.table.setFixedHeight(self.table.horizontalHeader().sizeHint().height() + 5 * 24 + 4)
        box.addWidget(self.table)
        self.rationale_label = QLabel()
        box.addWidget(self.rationale_label)
        box.addWidget(self.rationale, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.radar)
        splitter.setSizes([600, 600])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

    def selected_id(self) -> str | None:
        index = self.table.currentIndex()
        return self.model.data(index, ID_ROLE) if index.isValid() else None

    def reload(self) -> None:
        forces = self.bridge.document.project.forces
        self.radar.show_ratings([SHORT_NAMES[f.id] for f in forces], [f.rating for f in forces])
        if self.selected_id() is None and forces:
            self.table.setCurrentIndex(self.model.index(0, 0))
        self._load_rationale()

    def refresh(self, change: Change) -> None:
        if change.touches(Field.FORCES):
            self.reload()

    def _load_rationale(self, *_args) -> None:
        force_id = self.selected_id()
        force = None if force_id is None else self.bridge.document.project.entity("forces",
                                                                                  force_id)
        self.rationale_label.setText(f"<b>Rationale: {FORCE_NAMES[force_id]}</b>"
                                     if force_id else "<b>Rationale</b>")
        self.rationale.set_value(force.rationale if force else "")
        self.rationale.setEnabled(force is not None)

    def _commit_rationale(self, text: str) -> None:
        force_id = self.selected_id()
        if force_id is not None and not update_entity(self.bridge, "forces", force_id,
                                                      rationale=text):
            self._load_rationale()
