"""The dossier of one company: facts, profile, segments and shares, timeline, sources.

Every field commits on its own (Enter or leaving it) as one `UpdateEntity`, so each
edit is one undo step; the dossier reloads from the project after every change, which
keeps it right after undo and redo too.
"""

from __future__ import annotations

import math

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from workbench.core.entities import Company
from workbench.core.errors import ModelError
from workbench.core.fields import Field
from workbench.core.transaction import Change
from workbench.gui.bridge import DocumentBridge
from workbench.gui.charts import ChartSeries, ForecastChart
from workbench.gui.qualitative.developments import DevelopmentsPanel
from workbench.gui.qualitative.editing import cite_new_source, update_entity
from workbench.gui.qualitative.fields import CommitLineEdit, MarkdownEditor
from workbench.gui.qualitative.pickers import SegmentPicker, SourcePicker
from workbench.gui.qualitative.shares import SharesModel
from workbench.gui.source_form import NEW_SOURCE

FACTS = (
    ("name", "Name"),
    ("type", "Type"),
    ("headquarters", "Headquarters"),
    ("founded", "Founded"),
    ("listing", "Listing"),
    ("website", "Website"),
)


def parse_founded(text: str) -> int | None:
    text = text.strip()
    if not text:
        return None
    if not text.isdigit():
        raise ModelError(f"The founding year must be a year like 2015; got {text!r}.")
    return int(text)


class Dossier(QWidget):
    def __init__(self, bridge: DocumentBridge, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bridge = bridge
        self.company_id: str | None = None
        self.heading = QLabel()
        self.heading.setStyleSheet("font-size: 16pt; font-weight: 600; padding: 2px 0 6px 0;")
        self.facts = {name: CommitLineEdit() for name, _label in FACTS}
        for name, field in self.facts.items():
            field.committed.connect(lambda text, name=name: self._commit_fact(name, text))
        self.description = MarkdownEditor("What the company is and does")
        self.strategy = MarkdownEditor("How it competes; where it is heading")
        self.description.committed.connect(lambda text: self._commit(description=text))
        self.strategy.committed.connect(lambda text: self._commit(strategy=text))
        self.segments = SegmentPicker()
        self.segments.committed.connect(lambda ids: self._commit(segments=ids))
        self.sources = SourcePicker()
        self.sources.committed.connect(lambda ids: self._commit(source_ids=ids))
        self.shares_model = SharesModel(bridge, self)
        self.developments = DevelopmentsPanel(bridge)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._overview_tab(), "Profile")
        self.tabs.addTab(self._markets_tab(), "Segments && shares")
        self.tabs.addTab(self.developments, "Developments")
        self.tabs.addTab(self._sources_tab(), "Sources")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.tabs)
        bridge.changed.connect(self._on_changed)
        bridge.document_replaced.connect(lambda: self.show_company(None))
        self.show_company(None)

    def _sources_tab(self) -> QWidget:
        """The sources to tick, and "New source…" to make one and cite it at once."""
        tab = QWidget()
        box = QVBoxLayout(tab)
        box.addWidget(self.sources, 1)
        self.new_source = QPushButton(NEW_SOURCE)
        self.new_source.clicked.connect(
            lambda: cite_new_source(self, self.bridge, "companies", self.company_id))
        box.addWidget(self.new_source, 0, Qt.AlignmentFlag.AlignLeft)
        return tab

    def _overview_tab(self) -> QWidget:
        """Facts in two columns, then description and strategy side by side."""
        facts = QGridLayout()
        facts.setHorizontalSpacing(12)
        for i, (name, label) in enumerate(FACTS):
            row, column = divmod(i, 2)
            facts.addWidget(QLabel(label), row, column * 2)
            facts.addWidget(self.facts[name], row, column * 2 + 1)
        texts = QHBoxLayout()
        for label, editor in (("Description", self.description), ("Strategy", self.strategy)):
            box = QVBoxLayout()
            box.addWidget(QLabel(f"<b>{label}</b>"))
            box.addWidget(editor)
            texts.addLayout(box)
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addLayout(facts)
        layout.addLayout(texts, 1)
        return tab

    def _markets_tab(self) -> QWidget:
        self.shares_table = QTableView()
        self.shares_table.setModel(self.shares_model)
        self.shares_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.shares_table.verticalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        self.shares_table.verticalHeader().setDefaultSectionSize(22)
        left = QWidget()
        box = QVBoxLayout(left)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(QLabel("Segments it plays in"))
        box.addWidget(self.segments)
        right = QWidget()
        box = QVBoxLayout(right)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(QLabel("Share estimates by year"))
        box.addWidget(self.shares_table)
        self.shares_chart = ForecastChart()
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.addWidget(self.shares_chart)
        splitter.setSizes([260, 200, 420])
        return splitter

    def _draw_shares(self, company: Company | None) -> None:
        """The share estimates as a line in percent; years without one are gaps."""
        meta = self.bridge.document.project.metadata
        shares = company.shares if company else {}
        values = [shares[y] * 100 if y in shares else math.nan for y in meta.years]
        name = company.name if company else ""
        self.shares_chart.show_series(meta.years, meta.base_year, [ChartSeries(name, values)],
                                      unit="%")
    # -- showing --------------------------------------------------------------------------

    def company(self) -> Company | None:
        if self.company_id is None:
            return None
        return self.bridge.document.project.entity("companies", self.company_id)

    def show_company(self, company_id: str | None) -> None:
        self.company_id = company_id
        self.shares_model.show_company(company_id)
        self.developments.show_company(company_id)
        self.tabs.setEnabled(company_id is not None)
        self.load()

    def load(self) -> None:
        company = self.company()
        project = self.bridge.document.project
        self.heading.setText(company.name if company else "No company selected")
        for name, field in self.facts.items():
            value = getattr(company, name) if company else ""
            field.set_value("" if value is None else str(value))
        self.description.set_value(company.description if company else "")
        self.strategy.set_value(company.strategy if company else "")
        self.segments.load(project, company.segments if company else ())
        self.sources.load(project, company.source_ids if company else ())
        self._draw_shares(company)

    def _on_changed(self, change: Change) -> None:
        shown = (Field.COMPANIES, Field.DIMENSIONS, Field.SOURCES)
        if self.company_id is None or not change.touches(*shown):
            return
        if self.company_id not in {c.id for c in self.bridge.document.project.companies}:
            self.show_company(None)
        else:
            self.load()

    # -- editing --------------------------------------------------------------------------

    def _commit_fact(self, name: str, text: str) -> None:
        try:
            value = parse_founded(text) if name == "founded" else text
        except ModelError as exc:
            self.bridge.error.emit(str(exc))
            self.load()
            return
        self._commit(**{name: value})

    def _commit(self, **changes) -> None:
        if self.company_id is not None and not update_entity(
            self.bridge, "companies", self.company_id, **changes
        ):
            self.load()
