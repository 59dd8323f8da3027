"""Sources: every citation of the project, and the cells and entities that use each.

Add, edit and remove go through the core's entity commands; removing a source also
removes its citations (the core does that in the same undoable step).
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableView,
    QWidget,
)

from workbench.core.commands import AddEntity, RemoveEntity, UpdateEntity
from workbench.core.entities import Source
from workbench.core.errors import ModelError
from workbench.core.fields import Field
from workbench.core.measures import VALUE, inputs_of, measure, typed_measures
from workbench.core.project import Project, new_id
from workbench.gui import dialogs
from workbench.gui.bridge import DocumentBridge
from workbench.gui.page import CellTarget, EntityTarget, Page, Target
from workbench.gui.page_parts import caption, heading, page_layout
from workbench.gui.source_form import ask_source

COLUMNS = ("Publisher", "Title", "Date", "Link", "Uses")


def uses_of(project: Project, source_id: str) -> list[tuple[str, Target]]:
    """(what, where it is) for every history cell and entity that cites `source_id`."""
    return _cited_history(project, source_id) + _cited_entities(project, source_id)


def _cited_history(project: Project, source_id: str) -> list[tuple[str, Target]]:
    """One line per series and measure whose history cites the source, with the years it
    covers (the volume's lines say so, and open the cell in volume)."""
    out: list[tuple[str, Target]] = []
    for measure_id in typed_measures(project):
        years_by_series: dict[str, list[int]] = {}
        for (series_id, year), cited in inputs_of(project, measure_id).history_sources.items():
            if cited == source_id:
                years_by_series.setdefault(series_id, []).append(year)
        what = "History" if measure_id == VALUE else f"{measure(measure_id).label} history"
        for series_id in project.series_ids():
            years = sorted(years_by_series.get(series_id, ()))
            if years:
                label = f"{what} · {project.series_name(series_id)} · {_year_span(years)}"
                out.append((label, CellTarget("", series_id, years[0], measure_id)))
    return out


def _cited_entities(project: Project, source_id: str) -> list[tuple[str, Target]]:
    out: list[tuple[str, Target]] = []
    for company in project.companies:
        if source_id in company.source_ids:
            out.append((f"Company · {company.name}", EntityTarget("companies", company.id)))
    for collection, noun, entities in (
        ("factors", "Driver / challenge", project.factors),
        ("trends", "Trend", project.trends),
    ):
        for entity in entities:
            if source_id in entity.source_ids:
                out.append((f"{noun} · {entity.title}", EntityTarget(collection, entity.id)))
    for development in project.developments:
        if development.source_id == source_id:
            out.append((
                f"Development · {development.date} · {development.text[:60]}",
                EntityTarget("developments", development.id),
            ))
    return out


def _year_span(years: list[int]) -> str:
    """[2019, 2020, 2021] → '2019–2021'; gaps are listed: [2019, 2021] → '2019, 2021'."""
    if years == list(range(years[0], years[-1] + 1)) and len(years) > 1:
        return f"{years[0]}–{years[-1]}"
    return ", ".join(str(y) for y in years)


class SourcesModel(QAbstractTableModel):
    def __init__(self, bridge: DocumentBridge) -> None:
        super().__init__()
        self.bridge = bridge
        bridge.changed.connect(self._on_changed)
        bridge.document_replaced.connect(self.reload)

    def _on_changed(self, change) -> None:
        if change.touches(Field.SOURCES, Field.HISTORY_SOURCES, Field.VOLUME_HISTORY_SOURCES,
                          Field.VOLUME, Field.COMPANIES, Field.FACTORS, Field.TRENDS,
                          Field.DEVELOPMENTS):  # fmt: skip
            self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        self.endResetModel()

    def source(self, row: int) -> Source:
        return self.bridge.document.project.sources[row]

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.bridge.document.project.sources)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section] if section < len(COLUMNS) else None
        return None

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return None
        source = self.source(index.row())
        link = "analyst assumption" if source.assumption else source.url
        if index.column() == 4:
            return str(len(uses_of(self.bridge.document.project, source.id)))
        return (source.publisher, source.title, source.date, link)[index.column()]


class SourcesPage(Page):
    title = "Sources"

    def __init__(self, bridge: DocumentBridge, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bridge = bridge
        self.model = SourcesModel(bridge)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        self.table.doubleClicked.connect(lambda _index: self.edit())
        self.uses = QListWidget()
        self._use_targets: list[Target] = []
        """Where each line of `uses` leads, in the same order."""
        self.uses.itemActivated.connect(self._open_use)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self.show_uses())
        self.model.modelReset.connect(self.show_uses)
        layout = page_layout(self)
        layout.addWidget(heading("Sources"))
        layout.addWidget(
            caption(
                "Citations for history cells, companies, drivers and trends. Double-click a source "
                "to edit it; double-click a use to open it."
            )
        )
        layout.addLayout(self._buttons())
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.uses)
        splitter.setSizes([400, 200])
        layout.addWidget(splitter, 1)
        self._size_columns()
        self.table.selectRow(0)

    def _buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        for text, slot in (("Add…", self.add), ("Edit…", self.edit), ("Remove", self.remove)):
            button = QPushButton(text)
            button.clicked.connect(slot)
            row.addWidget(button)
        row.addStretch(1)
        return row

    def _size_columns(self) -> None:
        for column, width in enumerate((230, 0, 80, 200, 50)):
            self.table.setColumnWidth(column, width)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)

    def selected_source(self) -> Source | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.source(rows[0].row()) if rows else None

    def show_uses(self) -> None:
        self.uses.clear()
        self._use_targets = []
        source = self.selected_source()
        if source is None:
            return
        uses = uses_of(self.bridge.document.project, source.id)
        self._use_targets = [target for _label, target in uses]
        for label, _target in uses:
            self.uses.addItem(QListWidgetItem(label))
        if not self.uses.count():
            self.uses.addItem("Not cited anywhere yet.")

    def _open_use(self, item: QListWidgetItem) -> None:
        row = self.uses.row(item)
        if 0 <= row < len(self._use_targets):
            self.navigate.emit(self._use_targets[row])

    # -- edits ----------------------------------------------------------------------------

    def add(self) -> None:
        fields = ask_source(self, None)
        if fields is not None:
            self._execute(
                lambda: AddEntity(
                    "sources", Source(new_id(self.bridge.document.project, "src"), **fields)
                )
            )

    def edit(self) -> None:
        source = self.selected_source()
        fields = ask_source(self, source) if source is not None else None
        if fields is not None:
            self._execute(lambda: UpdateEntity("sources", replace(source, **fields)))

    def remove(self) -> None:
        source = self.selected_source()
        if source is None:
            return
        uses = len(uses_of(self.bridge.document.project, source.id))
        question = f"Remove the source {source.publisher}?"
        if uses:
            question += f" Its {uses} citation(s) are removed with it."
        if dialogs.confirm(self, question):
            self.bridge.execute(RemoveEntity("sources", source.id))

    def _execute(self, make_command) -> None:
        """Build the command (an entity checks its own fields) and run it; refusals show."""
        try:
            command = make_command()
        except ModelError as exc:
            self.bridge.error.emit(str(exc))
            return
        self.bridge.execute(command)
