"""A company's developments timeline: dated events, filtered by kind and year, sortable.

Rows are the company's `Development` entities; the kind and the source are chosen from
drop-downs, the date is ISO text (2024, 2024-06, 2024-06-30) so it sorts as it reads.
"""

from __future__ import annotations

from collections.abc import Callable
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
from workbench.core.entities import DEVELOPMENT_KINDS, Development, Source
from workbench.core.errors import ModelError
from workbench.core.fields import Field
from workbench.core.project import new_id
from workbench.gui import dialogs
from workbench.gui.bridge import DocumentBridge
from workbench.gui.qualitative.delegates import ChoiceDelegate
from workbench.gui.qualitative.editing import build_entity
from workbench.gui.qualitative.table_model import ID_ROLE, Column, EntityTableModel, field_column
from workbench.gui.source_form import NEW_SOURCE, ask_source

ALL = ""
NO_SOURCE = "(no source)"
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

    def add_development(self) -> bool:
        """Ask for the date, kind, text and source of a new entry (a new source can be
        made on the way), then add it, with its new source, as one undoable step."""
        project = self.bridge.document.project
        kinds = {kind_label(k): k for k in DEVELOPMENT_KINDS}
        sources = {s.label(): s.id for s in project.sources}
        kind = kind_label(self.kind_filter.currentData() or "other")
        fields = [
            dialogs.Field("date", "Date", placeholder="2024, 2024-06 or 2024-06-30"),
            dialogs.Field("kind", "Kind", "choice", kind, tuple(kinds)),
            dialogs.Field("text", "What happened", "multiline"),
            dialogs.Field("source", "Source", "choice", NO_SOURCE,
                          (NO_SOURCE, *sources, NEW_SOURCE)),
        ]

        def entity(values: dict, source_id: str | None) -> Development:
            return Development(new_id(project, "dev"), self.company_id or "", values["date"],
                               kinds[values["kind"]], values["text"].strip(), source_id)

        values = dialogs.ask_form(self, "Add development", fields,
                                  check=lambda v: _missing(v) or _refusal(lambda: entity(v, None)))
        if values is None:
            return False
        commands = []
        source_id = sources.get(values["source"])
        if values["source"] == NEW_SOURCE:
            typed = ask_source(self, None)
            source = typed and build_entity(self.bridge, Source, id=new_id(project, "src"),
                                            **typed)
            if not source:
                return False
            commands.append(AddEntity("sources", source))
            source_id = source.id
        development = build_entity(self.bridge, lambda: entity(values, source_id))
        if development is None:
            return False
        commands.append(AddEntity("developments", development))
        return self.bridge.execute(Batch("Add development", commands))

    def selected_ids(self) -> list[str]:
        rows = self.table.selectionModel().selectedRows()
        return [self.proxy.data(index, ID_ROLE) for index in rows]

    def remove_selected(self) -> None:
        removals = [RemoveEntity("developments", i) for i in self.selected_ids()]
        if removals:
            self.bridge.execute(Batch("Remove developments", removals))


def _missing(values: dict) -> str | None:
    """A new development needs its date and its text (no silent "today", no blank row)."""
    if not values["date"].strip():
        return "Give the date of the development: 2024, 2024-06 or 2024-06-30."
    if not values["text"].strip():
        return "Say what happened."
    return None


def _refusal(make: Callable[[], object]) -> str | None:
    """What the entity's own checks say about the form's values, or None."""
    try:
        make()
    except ModelError as exc:
        return str(exc)
    return None
