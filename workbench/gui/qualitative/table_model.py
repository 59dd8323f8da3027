"""One table model for every entity list: columns are small declarations, not subclasses.

A page says which collection, which rows (e.g. only drivers), and its columns: how a cell
reads and, if editable, which entity an edit produces. Edits become one `UpdateEntity`;
a drag inside the table becomes one `MoveEntity`. The model rebuilds from the project on
every change that touches its fields, which for lists of this size (hundreds of rows)
is instant and keeps it exactly in step with undo and redo.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from workbench.core.commands import MoveEntity, UpdateEntity
from workbench.core.errors import ModelError
from workbench.core.project import Project
from workbench.core.transaction import Change
from workbench.gui.bridge import DocumentBridge
from workbench.gui.qualitative.heatmap import rating_color, rating_text_color

ENTITY_MIME = "application/x-workbench-entity-id"
ID_ROLE = Qt.ItemDataRole.UserRole
Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column:
    """How one column reads (`text`) and, if editable, what an edit makes (`edit`)."""

    header: str
    text: Callable[[Project, Any], str]
    edit: Callable[[Any, Any], Any] | None = None
    value: Callable[[Any], Any] | None = None
    rating: bool = False
    tooltip: bool = False


def field_column(header: str, name: str, editable: bool = True, tooltip: bool = False) -> Column:
    """A column showing one text field of the entity, edited in place."""
    return Column(
        header,
        lambda _p, e: getattr(e, name),
        (lambda e, v: replace(e, **{name: str(v)})) if editable else None,
        tooltip=tooltip,
    )


def rating_column(header: str, name: str) -> Column:
    return Column(
        header,
        lambda _p, e: str(getattr(e, name)),
        lambda e, v: replace(e, **{name: int(v)}),
        value=lambda e: getattr(e, name),
        rating=True,
    )


class EntityTableModel(QAbstractTableModel):
    def __init__(
        self,
        bridge: DocumentBridge,
        collection: str,
        columns: list[Column],
        accept: Callable[[Any], bool] | None = None,
        depends: Iterable[str] = (),
        movable: bool = False,
        parent=None,
    ) -> None:
        super().__init__(parent)
        self.bridge, self.collection, self.columns = bridge, collection, columns
        self.movable = movable
        self._accept = accept or (lambda _e: True)
        self._depends = frozenset({collection, *depends})
        self._rows: list[Any] = self._current_rows()
        bridge.changed.connect(self._on_changed)
        bridge.document_replaced.connect(self.reload)

    # -- rows -----------------------------------------------------------------------------

    @property
    def project(self) -> Project:
        return self.bridge.document.project

    def _current_rows(self) -> list[Any]:
        return [e for e in getattr(self.project, self.collection) if self._accept(e)]

    def entity(self, row: int) -> Any:
        return self._rows[row]

    def row_of(self, entity_id: str) -> int:
        return next((i for i, e in enumerate(self._rows) if e.id == entity_id), -1)

    def set_accept(self, accept: Callable[[Any], bool]) -> None:
        self._accept = accept
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        self._rows = self._current_rows()
        self.endResetModel()

    def _on_changed(self, change: Change) -> None:
        if not change.touches(*self._depends):
            return
        rows = self._current_rows()
        if [e.id for e in rows] != [e.id for e in self._rows]:
            self.beginResetModel()
            self._rows = rows
            self.endResetModel()
        elif rows:
            self._rows = rows
            last = self.index(len(rows) - 1, len(self.columns) - 1)
            self.dataChanged.emit(self.index(0, 0), last)

    # -- reading --------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
            return self.columns[section].header
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        entity, column = self._rows[index.row()], self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(self.project, entity).replace("\n", " ")
        if role == Qt.ItemDataRole.EditRole:
            return column.value(entity) if column.value else column.text(self.project, entity)
        if role == ID_ROLE:
            return entity.id
        if role == Qt.ItemDataRole.ToolTipRole and column.tooltip:
            return column.text(self.project, entity) or None
        if column.rating:
            return self._rating_role(column.value(entity), role)
        return None

    @staticmethod
    def _rating_role(rating: int, role: int) -> Any:
        if role == Qt.ItemDataRole.BackgroundRole:
            return rating_color(rating)
        if role == Qt.ItemDataRole.ForegroundRole:
            return rating_text_color(rating)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignCenter
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled if self.movable else Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.columns[index.column()].edit is not None:
            flags |= Qt.ItemFlag.ItemIsEditable
        if self.movable:
            flags |= Qt.ItemFlag.ItemIsDragEnabled
        return flags

    # -- editing --------------------------------------------------------------------------

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        column = self.columns[index.column()]
        if role != Qt.ItemDataRole.EditRole or column.edit is None:
            return False
        entity = self._rows[index.row()]
        try:
            updated = column.edit(entity, value)
        except (ModelError, ValueError) as exc:
            self.bridge.error.emit(str(exc))
            return False
        if updated == entity:
            return False
        return self.bridge.execute(UpdateEntity(self.collection, updated))

    # -- drag to reorder ------------------------------------------------------------------

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [ENTITY_MIME]

    def mimeData(self, indexes) -> QMimeData:
        data = QMimeData()
        rows = sorted({i.row() for i in indexes if i.isValid()})
        if rows:
            data.setData(ENTITY_MIME, QByteArray(self._rows[rows[0]].id.encode()))
        return data

    def dropMimeData(self, data: QMimeData, action, row: int, column: int, parent: Index) -> bool:
        if not self.movable or not data.hasFormat(ENTITY_MIME):
            return False
        if row < 0:
            row = parent.row() if parent.isValid() else len(self._rows)
        return self.move(bytes(data.data(ENTITY_MIME).data()).decode(), row)

    def move(self, entity_id: str, row: int) -> bool:
        """Put the entity before visible row `row` (or last), as one `MoveEntity`."""
        index = move_index(getattr(self.project, self.collection), self._rows, entity_id, row)
        if index is None:
            return False
        return self.bridge.execute(MoveEntity(self.collection, entity_id, index))


def move_index(items: list, rows: list, entity_id: str, row: int) -> int | None:
    """Where `MoveEntity` must put the entity in the whole collection so that it lands
    before visible row `row` of a filtered view (drivers among factors, say)."""
    rest = [e for e in items if e.id != entity_id]
    others = [e for e in rows if e.id != entity_id]
    if not others:
        return None
    before = [e for e in rows[:row] if e.id != entity_id]
    if len(before) == len(others):
        return rest.index(others[-1]) + 1
    return rest.index(others[len(before)])
