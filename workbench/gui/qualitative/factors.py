"""Drivers & Challenges: one table each, impacts as a heat map, reorder by dragging.

Both tables show rows of the one `factors` collection (filtered by kind); a drag becomes
one `MoveEntity` in that collection, so the order a report lists them in is the order
saved and exported.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QSplitter, QVBoxLayout, QWidget

from workbench.core.entities import Factor
from workbench.core.project import Project, new_id
from workbench.gui.bridge import DocumentBridge
from workbench.gui.page import EntityTarget, Page, Target
from workbench.gui.qualitative.editing import segment_names, source_names, unique_name
from workbench.gui.qualitative.entity_list import EntityList
from workbench.gui.qualitative.linked import LinkedDetail
from workbench.gui.qualitative.table_model import (
    Column,
    EntityTableModel,
    field_column,
    rating_column,
)

COLUMNS = [
    field_column("Title", "title", tooltip=True),
    rating_column("Short", "impact_short"),
    rating_column("Medium", "impact_medium"),
    rating_column("Long", "impact_long"),
    Column("Segments", lambda p, f: segment_names(p, f.segments), tooltip=True),
    Column("Sources", lambda p, f: source_names(p, f.source_ids), tooltip=True),
]
PLURAL = {"driver": "Drivers", "challenge": "Challenges"}


def factor_list(bridge: DocumentBridge, kind: str) -> EntityList:
    """The drivers (or the challenges) as a reorderable list with Add and Remove."""

    def make(project: Project) -> Factor:
        title = unique_name({f.title for f in project.factors}, f"New {kind}")
        return Factor(new_id(project, kind), kind, title)

    model = EntityTableModel(bridge, "factors", COLUMNS, lambda f: f.kind == kind,
                             depends=("dimensions", "sources"), movable=True)
    heading = (f"<b>{PLURAL[kind]}</b> <span style='color:#666'>— impact 1 (low) to 5 (high)"
               " in the short, medium and long term; drag rows to reorder</span>")
    panel = EntityList(model, heading, kind, make)
    model.setParent(panel)
    panel.table.setColumnWidth(4, 230)
    panel.table.setColumnWidth(5, 170)
    return panel


class DriversChallengesPage(Page):
    title = "Drivers & Challenges"
    inspects = True

    def __init__(self, bridge: DocumentBridge, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bridge = bridge
        self.drivers = factor_list(bridge, "driver")
        self.challenges = factor_list(bridge, "challenge")
        self.detail = LinkedDetail(bridge, "factors")
        for panel in (self.drivers, self.challenges):
            panel.table.selectionModel().currentRowChanged.connect(
                lambda *_args, p=panel: self._show(p))
        splitter = QSplitter(Qt.Orientation.Vertical)
        for widget in (self.drivers, self.challenges, self.detail):
            splitter.addWidget(widget)
        splitter.setSizes([250, 250, 300])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self.follow(bridge)
        if self.drivers.model.rowCount():
            self.drivers.select(self.drivers.model.entity(0).id)

    # -- the page contract ----------------------------------------------------------------

    @classmethod
    def shows(cls, project: Project, target: Target) -> str | None:
        factor = isinstance(target, EntityTarget) and target.collection == "factors"
        return "" if factor else None

    def show_target(self, target: Target) -> None:
        factor = self.bridge.document.project.entity("factors", target.entity_id)
        (self.drivers if factor.kind == "driver" else self.challenges).select(factor.id)

    def reload(self) -> None:
        self.detail.show_entity(None)

    def inspection(self) -> EntityTarget | None:
        factor_id = self.detail.entity_id
        return EntityTarget("factors", factor_id) if factor_id else None

    def _show(self, panel: EntityList) -> None:
        """One detail panel for both tables: picking a row in one un-picks the other."""
        factor_id = panel.selected_id()
        if factor_id is None:
            return
        other = self.challenges if panel is self.drivers else self.drivers
        other.table.setCurrentIndex(QModelIndex())
        self.detail.show_entity(factor_id)
        self.inspected.emit(self.inspection())
