"""A titled table of entities with Add and Remove: drivers, challenges, trends, questions.

New entities get a placeholder title ("New trend") and open for typing at once, so
adding needs no dialog; removing is undoable, so it needs no confirmation.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from workbench.core.commands import AddEntity, RemoveEntity
from workbench.core.project import Project
from workbench.gui.qualitative.heatmap import RatingDelegate
from workbench.gui.qualitative.table_model import ID_ROLE, EntityTableModel

MakeEntity = Callable[[Project], Any]


def entity_table(model: EntityTableModel) -> QTableView:
    """A row-selecting table; ratings edit with a 1–5 box; rows drag when the model allows."""
    table = QTableView()
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(24)
    table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    if model.movable:
        table.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        table.setDefaultDropAction(Qt.DropAction.MoveAction)
        table.setDragDropOverwriteMode(False)
    delegate = RatingDelegate(table)
    for column, spec in enumerate(model.columns):
        if spec.rating:
            table.setItemDelegateForColumn(column, delegate)
            table.setColumnWidth(column, 64)
    return table


class EntityList(QWidget):
    def __init__(
        self,
        model: EntityTableModel,
        heading: str,
        noun: str,
        make_entity: MakeEntity,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.model, self.bridge, self._make_entity = model, model.bridge, make_entity
        self.table = entity_table(model)
        self.add_button = QPushButton(f"Add {noun}")
        self.add_button.clicked.connect(self.add)
        self.remove_button = QPushButton("Remove")
        self.remove_button.clicked.connect(self.remove_selected)
        bar = QHBoxLayout()
        title = QLabel(heading)
        title.setWordWrap(True)  # narrow windows wrap it rather than widen the page
        bar.addWidget(title, 1)
        bar.addWidget(self.add_button)
        bar.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.table)

    def selected_id(self) -> str | None:
        index = self.table.currentIndex()
        return self.model.data(index, ID_ROLE) if index.isValid() else None

    def select(self, entity_id: str) -> None:
        self.table.setCurrentIndex(self.model.index(self.model.row_of(entity_id), 0))

    def add(self) -> None:
        entity = self._make_entity(self.bridge.document.project)
        if self.bridge.execute(AddEntity(self.model.collection, entity)):
            self.select(entity.id)
            self.table.edit(self.table.currentIndex())

    def remove_selected(self) -> None:
        entity_id = self.selected_id()
        if entity_id is not None:
            self.bridge.execute(RemoveEntity(self.model.collection, entity_id))
