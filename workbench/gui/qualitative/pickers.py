"""Checkable lists for the links an entity holds: the segments it plays in, its sources.

Checking a box is one edit of the whole tuple of ids, committed at once; the order of
the tuple follows the project (dimension and member order, source order), so the same
choice always stores the same value.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QTreeWidget, QTreeWidgetItem, QWidget

from workbench.core.project import Project

Group = tuple[str | None, Sequence[tuple[str, str]]]
"""A heading (None for none) and its (id, label) items."""

_ID = Qt.ItemDataRole.UserRole


class CheckList(QTreeWidget):
    committed = Signal(tuple)
    """The checked ids, in list order, after the user ticks or unticks a box."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setHeaderHidden(True)
        self.setRootIsDecorated(False)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setUniformRowHeights(True)
        self._loading = False
        self.itemChanged.connect(self._on_item_changed)

    def set_groups(self, groups: Iterable[Group], checked: Iterable[str]) -> None:
        chosen = set(checked)
        self._loading = True
        try:
            self.clear()
            for heading, items in groups:
                parent = self.invisibleRootItem()
                if heading is not None:
                    parent = QTreeWidgetItem(self, [heading])
                    parent.setFlags(Qt.ItemFlag.ItemIsEnabled)
                    font = parent.font(0)
                    font.setBold(True)
                    parent.setFont(0, font)
                for item_id, label in items:
                    self._add_item(parent, item_id, label, item_id in chosen)
            self.expandAll()
        finally:
            self._loading = False

    def _add_item(self, parent: QTreeWidgetItem, item_id: str, label: str, on: bool) -> None:
        item = QTreeWidgetItem(parent, [label])
        item.setData(0, _ID, item_id)
        item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(0, Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    def items(self) -> list[QTreeWidgetItem]:
        out = []
        for i in range(self.topLevelItemCount()):
            top = self.topLevelItem(i)
            if top.data(0, _ID) is not None:
                out.append(top)
            out.extend(top.child(j) for j in range(top.childCount()))
        return out

    def item_for(self, item_id: str) -> QTreeWidgetItem:
        return next(item for item in self.items() if item.data(0, _ID) == item_id)

    def checked_ids(self) -> tuple[str, ...]:
        return tuple(
            item.data(0, _ID) for item in self.items()
            if item.checkState(0) == Qt.CheckState.Checked
        )

    def _on_item_changed(self, item: QTreeWidgetItem, _column: int) -> None:
        if not self._loading and item.data(0, _ID) is not None:
            self.committed.emit(self.checked_ids())


class SegmentPicker(CheckList):
    """The segments of every dimension, grouped under the dimension's name."""

    def load(self, project: Project, checked: Iterable[str]) -> None:
        groups = [(d.name, [(m.id, m.name) for m in d.members]) for d in project.dimensions]
        self.set_groups(groups, checked)


class SourcePicker(CheckList):
    def load(self, project: Project, checked: Iterable[str]) -> None:
        self.set_groups([(None, [(s.id, s.label()) for s in project.sources])], checked)
