"""Trends: what is changing in the market, with the segments it touches and its sources."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSplitter, QVBoxLayout, QWidget

from workbench.core.entities import Trend
from workbench.core.project import Project, new_id
from workbench.gui.bridge import DocumentBridge
from workbench.gui.page import EntityTarget, Page, Target
from workbench.gui.qualitative.editing import segment_names, source_names, unique_name
from workbench.gui.qualitative.entity_list import EntityList
from workbench.gui.qualitative.linked import LinkedDetail
from workbench.gui.qualitative.table_model import Column, EntityTableModel, field_column

COLUMNS = [
    field_column("Trend", "title", tooltip=True),
    Column("Segments", lambda p, t: segment_names(p, t.segments), tooltip=True),
    Column("Sources", lambda p, t: source_names(p, t.source_ids), tooltip=True),
]


def new_trend(project: Project) -> Trend:
    return Trend(new_id(project, "trend"), unique_name({t.title for t in project.trends},
                                                       "New trend"))


class TrendsPage(Page):
    title = "Trends"
    inspects = True

    def __init__(self, bridge: DocumentBridge, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bridge = bridge
        self.model = EntityTableModel(bridge, "trends", COLUMNS, depends=("dimensions", "sources"),
                                      movable=True, parent=self)
        heading = "<b>Trends</b> <span style='color:#666'>— drag rows to reorder</span>"
        self.trends = EntityList(self.model, heading, "trend", new_trend)
        self.trends.table.setColumnWidth(1, 320)
        self.trends.table.setColumnWidth(2, 200)
        self.detail = LinkedDetail(bridge, "trends")
        self.trends.table.selectionModel().currentRowChanged.connect(self._show)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.trends)
        splitter.addWidget(self.detail)
        splitter.setSizes([300, 400])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self.follow(bridge)
        if self.model.rowCount():
            self.trends.select(self.model.entity(0).id)

    @classmethod
    def shows(cls, project: Project, target: Target) -> str | None:
        trend = isinstance(target, EntityTarget) and target.collection == "trends"
        return "" if trend else None

    def show_target(self, target: Target) -> None:
        self.trends.select(target.entity_id)

    def reload(self) -> None:
        self.detail.show_entity(None)

    def inspection(self) -> EntityTarget | None:
        trend_id = self.detail.entity_id
        return EntityTarget("trends", trend_id) if trend_id else None

    def _show(self, *_args) -> None:
        self.detail.show_entity(self.trends.selected_id())
        self.inspected.emit(self.inspection())
