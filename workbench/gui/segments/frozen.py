"""The frozen columns: names and growth assumptions stay in view while the years scroll.

A second, narrow view of the same model and selection is laid over the table's left edge
(the approach of Qt's "Frozen Column" example). It shows only the leading columns the
layout freezes (name, method, rate), scrolls vertically with the table and follows its
column widths and row heights; the table itself scrolls by pixels so that the cells
sliding under the overlay stay reachable.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

_EDGE = "#c9d1db"


class FrozenColumn(QTableView):
    """The first `count()` columns of `table`'s model, drawn over the table; `table` owns
    it. `count` is asked again whenever the model's columns change."""

    def __init__(self, table: QTableView, delegate, count: Callable[[], int]) -> None:
        super().__init__(table)
        self.table, self.count = table, count
        self.setModel(table.model())
        self.setSelectionModel(table.selectionModel())
        self.setItemDelegate(delegate)
        # The table takes the keyboard for both views. The proxy alone is enough: Qt 6
        # passes a focus policy set here on to the proxy, so NoFocus would be the table's.
        self.setFocusProxy(table)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.setEditTriggers(table.editTriggers())
        self.setSelectionMode(table.selectionMode())
        self.setWordWrap(False)
        self.setPalette(table.palette())
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(table.verticalHeader().defaultSectionSize())
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header.setHighlightSections(False)
        header.setStyleSheet(table.horizontalHeader().styleSheet())
        header.setDefaultAlignment(table.horizontalHeader().defaultAlignment())
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setStyleSheet(f"QTableView {{ border: none; border-right: 1px solid {_EDGE}; }}")
        table.viewport().stackUnder(self)
        self._connect()
        self.show_first_column_only()
        self.show()

    def _connect(self) -> None:
        table = self.table
        table.horizontalHeader().sectionResized.connect(self._column_resized)
        table.verticalHeader().sectionResized.connect(
            lambda row, _old, new: self.setRowHeight(row, new))
        self.verticalScrollBar().valueChanged.connect(table.verticalScrollBar().setValue)
        table.verticalScrollBar().valueChanged.connect(self.verticalScrollBar().setValue)
        model = table.model()
        model.modelReset.connect(self.show_first_column_only)
        model.columnsInserted.connect(self.show_first_column_only)

    def show_first_column_only(self) -> None:
        """Hide every column but the frozen ones (again after the model's columns change)."""
        frozen = self.count()
        for column in range(self.model().columnCount()):
            self.setColumnHidden(column, column >= frozen)
        for column in range(frozen):
            self.setColumnWidth(column, self.table.columnWidth(column))
        self.sync_geometry()

    def width_covered(self) -> int:
        """Pixels of the table's viewport the overlay covers (its frozen columns)."""
        return sum(self.table.columnWidth(c) for c in range(self.count()))

    def sync_geometry(self) -> None:
        """Cover exactly the table's frozen columns, header included."""
        table = self.table
        header_height = table.horizontalHeader().height()
        self.horizontalHeader().setFixedHeight(header_height)
        self.setGeometry(
            table.viewport().x(),
            table.frameWidth(),
            self.width_covered() + 1,
            table.viewport().height() + header_height,
        )

    def _column_resized(self, column: int, _old: int, new: int) -> None:
        if column < self.count():
            self.setColumnWidth(column, new)
            self.sync_geometry()
