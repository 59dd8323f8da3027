"""The frozen name column: segment names stay in view while the years scroll sideways.

A second, narrow view of the same model and selection is laid over the table's left edge
(the approach of Qt's "Frozen Column" example). It shows only the first column, scrolls
vertically with the table and follows its column width and row heights; the table itself
scrolls by pixels so that the cells sliding under the overlay stay reachable.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

_EDGE = "#c9d1db"


class FrozenColumn(QTableView):
    """Column 0 of `table`'s model, drawn over the table; `table` owns it."""

    def __init__(self, table: QTableView, delegate) -> None:
        super().__init__(table)
        self.table = table
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
        """Hide every column but the first (again after the model's columns change)."""
        for column in range(self.model().columnCount()):
            self.setColumnHidden(column, column != 0)
        self.setColumnWidth(0, self.table.columnWidth(0))
        self.sync_geometry()

    def sync_geometry(self) -> None:
        """Cover exactly the table's first column, header included."""
        table = self.table
        header_height = table.horizontalHeader().height()
        self.horizontalHeader().setFixedHeight(header_height)
        self.setGeometry(
            table.viewport().x(),
            table.frameWidth(),
            table.columnWidth(0) + 1,
            table.viewport().height() + header_height,
        )

    def _column_resized(self, column: int, _old: int, new: int) -> None:
        if column == 0:
            self.setColumnWidth(0, new)
            self.sync_geometry()
