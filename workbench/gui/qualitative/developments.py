"""A company's developments timeline: dated events, filtered by kind and year, sortable.

Rows are the company's `Development` entities; the kind and the source are chosen from
drop-downs, the date is ISO text (2024, 2024-06, 2024-06-30) so it sorts as it reads.
"""

from __future__ import annotations

import datetime
from dataclasses import replace

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from workbench.core.commands import AddEntity, Batch, RemoveEntity
from workbench.core.entities import DEVELOPMENT_KINDS, Development
from workbench.core.fields import Field
from workbench.core.project import new_id
from workbench.gui.bridge import DocumentBridge
from workbench.gui.qualitative.delegates import ChoiceDelegate
from workbench.gui.qualitative.editing import build_entity
from workbench.gui.qualitative.table_model import ID_ROLE, Column, EntityTableModel, field_column

ALL = ""
KIND_LABELS = {"m&a": "M&A"}


def kind_label(kind: str) -> str:
    return KIND_LABELS.get(kind, kind.capitalize())


def _source_label(project, development: Development) -> str:
    if development.source_id is None:
        return ""
    return next((s.label() for s in project.sources if s.id == development.source_id), "")


COLUMNS = [
    field_column("Date", "date"),
    Column("Kind", lambda _p, d: kind_label(d.kind), lambda d, v: replace(d, kind=v),
           value=lambda d: d.kind),
    field_column("Development", "text", tooltip=True),
    Column("Source", _source_label, lambda d, v: replace(d, source_id=v or None),
           value=lambda d: d.source_id or ""),
]


class DevelopmentsPanel(QWidget):
    def __init__(self, bridge: DocumentBridge, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bridge = bridge
        self.company_id: str | None = None
        self.kind_filter = QComboBox()
        self.kind_filter.addItem("All kinds", ALL)
        for kind in DEVELOPMENT_KINDS:
            self.kind_filter.addItem(kind_label(kind), kind)
        self.year_filter = QComboBox()
        self.model = EntityTableModel(bridge, "developments", COLUMNS, self._accept,
                                      depends=("sources",), parent=self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.kind_filter.currentIndexChanged.connect(self._refilter)
        self.year_filter.currentIndexChanged.connect(self._refilter)
        self.table = self._make_table()
        self.add_button = QPushButton("Add development")
        self.add_button.clicked.connect(self.add_development)
        self.remove_button = QPushButton("Remove")
        self.remove_button.clicked.connect(self.remove_selected)
        self._lay_out()
        bridge.changed.connect(self._on_changed)

    def _make_table(self) -> QTableView:
        table = QTableView()
        table.setModel(self.proxy)
        table.setSortingEnabled(True)
        table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setWordWrap(False)
        table.verticalHeader().hide()
        table.setItemDelegateForColumn(1, ChoiceDelegate(
            lambda: [(k, kind_label(k)) for k in DEVELOPMENT_KINDS], table))
        table.setItemDelegateForColumn(3, ChoiceDelegate(self._source_choices, table))
        header = table.horizontalHeader()
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        table.setColumnWidth(0, 90)
        table.setColumnWidth(1, 100)
        table.setColumnWidth(3, 200)
        return table

    def _lay_out(self) -> None:
        bar = QHBoxLayout()
        bar.addWidget(QLabel("Kind"))
        bar.addWidget(self.kind_filter)
        bar.addWidget(QLabel("Year"))
        bar.addWidget(self.year_filter)
        bar.addStretch(1)
        bar.addWidget(self.add_button)
        bar.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table)

    def _source_choices(self) -> list[tuple[str, str]]:
        return [("", "(none)")] + [(s.id, s.label()) for s in self.bridge.document.project.sources]

    # -- which rows -----------------------------------------------------------------------

    def show_company(self, company_id: str | None) -> None:
        self.company_id = company_id
        self._fill_years()
        self.model.reload()
        self.setEnabled(company_id is not None)

    def _accept(self, development: Development) -> bool:
        if development.company_id != self.company_id:
            return False
        kind, year = self.kind_filter.currentData(), self.year_filter.currentData()
        return (not kind or development.kind == kind) and (
            not year or development.date.startswith(year))

    def _fill_years(self) -> None:
        """Offer the years that occur in this company's timeline, newest first."""
        chosen = self.year_filter.currentData() or ALL
        years = sorted({
            d.date[:4] for d in self.bridge.document.project.developments
            if d.company_id == self.company_id and d.date
        }, reverse=True)
        self.year_filter.blockSignals(True)
        self.year_filter.clear()
        self.year_filter.addItem("All years", ALL)
        for year in years:
            self.year_filter.addItem(year, year)
        self.year_filter.setCurrentIndex(max(0, self.year_filter.findData(chosen)))
        self.year_filter.blockSignals(False)
        if (self.year_filter.currentData() or ALL) != chosen:
            self.model.reload()

    def _on_changed(self, change) -> None:
        if change.touches(Field.DEVELOPMENTS):
            self._fill_years()

    def _refilter(self) -> None:
        self.model.reload()

    # -- edits ----------------------------------------------------------------------------

    def add_development(self) -> None:
        """A new dated entry at the top of the timeline, its text open for typing."""
        project = self.bridge.document.project
        development = build_entity(
            self.bridge, Development, id=new_id(project, "dev"), company_id=self.company_id,
            date=datetime.date.today().isoformat(), kind=self.kind_filter.currentData() or "other",
            text="")
        if development is None or not self.bridge.execute(AddEntity("developments", development)):
            return
        self.year_filter.setCurrentIndex(0)
        row = self.model.row_of(development.id)
        index = self.proxy.mapFromSource(self.model.index(row, 2))
        self.table.setCurrentIndex(index)
        self.table.edit(index)

    def selected_ids(self) -> list[str]:
        rows = self.table.selectionModel().selectedRows()
        return [self.proxy.data(index, ID_ROLE) for index in rows]

    def remove_selected(self) -> None:
        removals = [RemoveEntity("developments", i) for i in self.selected_ids()]
        if removals:
            self.bridge.execute(Batch("Remove developments", removals))
