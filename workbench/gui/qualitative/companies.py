"""The Companies page: a searchable, sortable list of companies beside the selected dossier.

Add, rename (in the list or the dossier), merge a duplicate into the selected company,
delete with confirmation; every one is a single undoable command.
"""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QMenu,
    QPushButton,
    QSplitter,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from workbench.core.commands import AddEntity, MergeCompanies, RemoveEntity
from workbench.core.entities import Company, Development
from workbench.core.fields import Field
from workbench.core.project import Project, new_id
from workbench.core.transaction import Change
from workbench.gui import dialogs
from workbench.gui.bridge import DocumentBridge
from workbench.gui.charts import ForecastChart
from workbench.gui.page import EntityTarget, Page, Target
from workbench.gui.qualitative.developments import kind_label
from workbench.gui.qualitative.dossier import Dossier
from workbench.gui.qualitative.editing import segment_names, unique_name
from workbench.gui.qualitative.table_model import ID_ROLE, Column, EntityTableModel, field_column


def latest_developments(project: Project) -> dict[str, Development]:
    """Each company's most recent development (by date; the later entry wins a tie)."""
    latest: dict[str, Development] = {}
    for development in project.developments:
        known = latest.get(development.company_id)
        if known is None or development.date >= known.date:
            latest[development.company_id] = development
    return latest


class CompaniesPage(Page):
    title = "Companies"
    inspects = True

    def __init__(self, bridge: DocumentBridge, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bridge = bridge
        self._latest = latest_developments(bridge.document.project)
        # Before the table's model: its "Latest development" column reads `_latest`.
        bridge.changed.connect(self.refresh)
        self.model = EntityTableModel(bridge, "companies", self._columns(),
                                      depends=("developments", "dimensions"), parent=self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search companies…")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.proxy.setFilterFixedString)
        self.table = self._make_table()
        self.dossier = Dossier(bridge)
        self.add_button = QPushButton("Add company")
        self.add_button.clicked.connect(self.add_company)
        self.merge_button = QToolButton()
        self.merge_button.setText("Merge duplicate…")
        self.merge_button.setToolTip("Fold another company into the selected one")
        self.merge_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.merge_menu = QMenu(self.merge_button)
        self.merge_menu.aboutToShow.connect(self._fill_merge_menu)
        self.merge_button.setMenu(self.merge_menu)
        self.delete_button = QPushButton("Delete…")
        self.delete_button.clicked.connect(self.delete_selected)
        self._lay_out()
        self.table.selectionModel().currentRowChanged.connect(self._on_current)
        # After the model and the dossier have reset themselves (connection order).
        bridge.document_replaced.connect(self.reload)
        self._select_first()

    def _columns(self) -> list[Column]:
        def latest(_p: Project, company: Company) -> str:
            found = self._latest.get(company.id)
            return f"{found.date} · {kind_label(found.kind)}: {found.text}" if found else ""

        return [
            field_column("Name", "name"),
            field_column("Type", "type"),
            field_column("Headquarters", "headquarters"),
            Column("Segments", lambda p, c: segment_names(p, c.segments), tooltip=True),
            Column("Latest development", latest, tooltip=True),
        ]

    def _make_table(self) -> QTableView:
        table = QTableView()
        table.setModel(self.proxy)
        table.setSortingEnabled(True)
        table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setWordWrap(False)
        table.verticalHeader().hide()
        table.verticalHeader().setDefaultSectionSize(24)
        header = table.horizontalHeader()
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        for column, width in enumerate((190, 120, 110, 170)):
            table.setColumnWidth(column, width)
        return table

    def _lay_out(self) -> None:
        buttons = QHBoxLayout()
        for button in (self.add_button, self.merge_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        left = QWidget()
        box = QVBoxLayout(left)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.search)
        box.addWidget(self.table)
        box.addLayout(buttons)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(left)
        splitter.addWidget(self.dossier)
        splitter.setSizes([330, 520])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

    # -- selection ------------------------------------------------------------------------

    def selected_id(self) -> str | None:
        index = self.table.currentIndex()
        return self.proxy.data(index, ID_ROLE) if index.isValid() else None

    def select(self, company_id: str) -> None:
        row = self.model.row_of(company_id)
        if row >= 0:
            self.table.setCurrentIndex(self.proxy.mapFromSource(self.model.index(row, 0)))

    def _select_first(self) -> None:
        if self.proxy.rowCount() and not self.table.currentIndex().isValid():
            self.table.setCurrentIndex(self.proxy.index(0, 0))
        self.dossier.show_company(self.selected_id())

    def _on_current(self, *_args) -> None:
        if self.selected_id() != self.dossier.company_id:
            self.dossier.show_company(self.selected_id())
        self.inspected.emit(self.inspection())

    # -- the page contract ----------------------------------------------------------------

    @classmethod
    def shows(cls, project: Project, target: Target) -> str | None:
        if isinstance(target, EntityTarget) and target.collection in ("companies",
                                                                       "developments"):
            return ""
        return None

    def show_target(self, target: Target) -> None:
        """Select the company (of the development) the target names."""
        if not isinstance(target, EntityTarget):
            return
        company_id = target.entity_id
        if target.collection == "developments":
            development = self.bridge.document.project.entity("developments", company_id)
            company_id = development.company_id
        self.search.clear()
        self.select(company_id)

    def inspection(self) -> EntityTarget | None:
        company_id = self.selected_id()
        return EntityTarget("companies", company_id) if company_id else None

    def exported_chart(self) -> ForecastChart:
        return self.dossier.shares_chart

    def refresh(self, change: Change) -> None:
        if change.touches(Field.DEVELOPMENTS):
            self._latest = latest_developments(self.bridge.document.project)

    def reload(self) -> None:
        self._latest = latest_developments(self.bridge.document.project)
        self._select_first()

    # -- edits ----------------------------------------------------------------------------

    def add_company(self) -> None:
        project = self.bridge.document.project
        name = unique_name({c.name for c in project.companies}, "New company")
        company = Company(new_id(project, "co"), name)
        if self.bridge.execute(AddEntity("companies", company)):
            self.search.clear()
            self.select(company.id)
            self.dossier.facts["name"].setFocus()
            self.dossier.facts["name"].selectAll()

    def _fill_merge_menu(self) -> None:
        self.merge_menu.clear()
        keep = self.selected_id()
        for company in self.bridge.document.project.companies:
            if keep is not None and company.id != keep:
                action = self.merge_menu.addAction(f"Merge “{company.name}” into this company")
                action.triggered.connect(lambda _=False, dup=company.id: self.merge(keep, dup))

    def merge(self, keep_id: str, duplicate_id: str) -> None:
        self.bridge.execute(MergeCompanies(keep_id, duplicate_id))
        self.select(keep_id)

    def delete_selected(self) -> None:
        company_id = self.selected_id()
        if company_id is None:
            return
        project = self.bridge.document.project
        company = project.entity("companies", company_id)
        count = sum(d.company_id == company_id for d in project.developments)
        text = f"Delete {company.name!r} and its {count} development(s)? You can undo this."
        if dialogs.confirm(self, text):
            self.bridge.execute(RemoveEntity("companies", company_id))
            self._select_first()


