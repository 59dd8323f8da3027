"""An assessment as a table: one row per criterion, one column per segment of its dimension.

Column 0 is the criterion's name (editable: a rename keeps the criterion's id); the other
cells are ratings 1–5 shown as a heat map, with the analyst's note as the tooltip and a
marker. An empty cell is "not rated"; typing a rating or clearing it is one edit.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from workbench.core.entities import Assessment, Criterion, Rating
from workbench.core.errors import ModelError
from workbench.core.fields import Field
from workbench.core.project import Member
from workbench.core.transaction import Change
from workbench.gui.bridge import DocumentBridge
from workbench.gui.qualitative.editing import update_entity
from workbench.gui.qualitative.heatmap import rating_color, rating_text_color

Index = QModelIndex | QPersistentModelIndex
NOTE_ROLE = Qt.ItemDataRole.UserRole + 1


class AssessmentModel(QAbstractTableModel):
    def __init__(self, bridge: DocumentBridge, parent=None) -> None:
        super().__init__(parent)
        self.bridge = bridge
        self.assessment_id: str | None = None
        self._criteria: tuple[Criterion, ...] = ()
        self._members: tuple[Member, ...] = ()
        bridge.changed.connect(self._on_changed)

    def assessment(self) -> Assessment | None:
        project = self.bridge.document.project
        return next((a for a in project.assessments if a.id == self.assessment_id), None)

    def show_assessment(self, assessment_id: str | None) -> None:
        self.beginResetModel()
        self.assessment_id = assessment_id
        self._criteria, self._members = self._shape()
        self.endResetModel()

    def _shape(self) -> tuple[tuple[Criterion, ...], tuple[Member, ...]]:
        assessment = self.assessment()
        if assessment is None:
            return (), ()
        try:
            members = self.bridge.document.project.dimension(assessment.dimension_id).members
        except ModelError:
            members = ()
        return assessment.criteria, members

    def _on_changed(self, change: Change) -> None:
        if not change.touches(Field.ASSESSMENTS, Field.DIMENSIONS):
            return
        if self._shape() != (self._criteria, self._members):
            self.show_assessment(self.assessment_id if self.assessment() else None)
        elif self._criteria and self._members:
            last = self.index(len(self._criteria) - 1, len(self._members))
            self.dataChanged.emit(self.index(0, 0), last)

    def criterion(self, row: int) -> Criterion:
        return self._criteria[row]

    def member(self, column: int) -> Member:
        return self._members[column - 1]

    def rating(self, index: Index) -> Rating | None:
        assessment = self.assessment()
        if assessment is None or index.column() == 0:
            return None
        key = (self._criteria[index.row()].id, self.member(index.column()).id)
        return assessment.cells.get(key)

    # -- reading --------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._criteria)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self.assessment_id is None else 1 + len(self._members)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        if section == 0:
            return "Criterion"
        return self._members[section - 1].name if 0 < section <= len(self._members) else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if index.column() == 0:
            name = self._criteria[index.row()].name
            return name if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole) else None
        rating = self.rating(index)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return "" if rating is None else rating.score
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignCenter
        if rating is None:
            return None
        if role == Qt.ItemDataRole.BackgroundRole:
            return rating_color(rating.score)
        if role == Qt.ItemDataRole.ForegroundRole:
            return rating_text_color(rating.score)
        if role in (Qt.ItemDataRole.ToolTipRole, NOTE_ROLE):
            return rating.note or None
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable

    # -- editing --------------------------------------------------------------------------

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        assessment = self.assessment()
        if role != Qt.ItemDataRole.EditRole or assessment is None or not index.isValid():
            return False
        if index.column() == 0:
            return self.rename_criterion(index.row(), str(value))
        rating = self.rating(index)
        if value in ("", None):
            return self._set_cell(index, None)
        try:
            score = int(value)
            updated = replace(rating, score=score) if rating else Rating(score)
        except (ValueError, ModelError) as exc:
            message = str(exc) if isinstance(exc, ModelError) else (
                f"An assessment rating must be a whole number from 1 to 5; got {value!r}.")
            self.bridge.error.emit(message)
            return False
        return self._set_cell(index, updated)

    def set_note(self, index: Index, note: str) -> bool:
        rating = self.rating(index)
        if rating is None:
            self.bridge.error.emit("Rate the cell before writing a note for it.")
            return False
        return self._set_cell(index, replace(rating, note=note))

    def _set_cell(self, index: Index, rating: Rating | None) -> bool:
        assessment = self.assessment()
        key = (self._criteria[index.row()].id, self.member(index.column()).id)
        cells = dict(assessment.cells)
        if rating is None:
            cells.pop(key, None)
        else:
            cells[key] = rating
        return update_entity(self.bridge, "assessments", assessment.id, cells=cells)

    def rename_criterion(self, row: int, name: str) -> bool:
        if not name.strip():
            self.bridge.error.emit("A criterion's name must not be empty.")
            return False
        assessment = self.assessment()
        criteria = tuple(replace(c, name=name.strip()) if i == row else c
                         for i, c in enumerate(assessment.criteria))
        return update_entity(self.bridge, "assessments", assessment.id, criteria=criteria)
