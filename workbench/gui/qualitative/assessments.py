"""Assessments: a criteria × segments rating matrix for any dimension, with notes per cell.

The sample's "Technology assessment" rates the two technologies for readiness,
competitive intensity, regulatory burden and disruption potential; an analyst can add
criteria, or a new assessment over another dimension (it starts with the same criteria).
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPointF, Qt
from PySide6.QtGui import QColor, QPainter, QPolygonF
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from workbench.core.commands import AddEntity
from workbench.core.entities import Assessment, Criterion
from workbench.core.fields import Field
from workbench.core.project import new_id
from workbench.core.transaction import Change
from workbench.gui.bridge import DocumentBridge
from workbench.gui.page import Page
from workbench.gui.qualitative.assessment_model import NOTE_ROLE, AssessmentModel
from workbench.gui.qualitative.editing import unique_name, update_entity
from workbench.gui.qualitative.fields import CommitTextEdit
from workbench.gui.qualitative.heatmap import RatingDelegate


class NotedRatingDelegate(RatingDelegate):
    """A rating cell; a small corner mark says the cell has a note (hover to read it)."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        super().paint(painter, option, index)
        if not index.data(NOTE_ROLE):
            return
        r = option.rect
        corner = QPolygonF([QPointF(r.right() - 8, r.top()), QPointF(r.right(), r.top()),
                            QPointF(r.right(), r.top() + 8)])
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("#d98c1f"))
        painter.drawPolygon(corner)
        painter.restore()


class AssessmentsPage(Page):
    title = "Assessments"

    def __init__(self, bridge: DocumentBridge, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bridge = bridge
        self.model = AssessmentModel(bridge, self)
        self.chooser = QComboBox()
        self.chooser.currentIndexChanged.connect(self._on_chosen)
        self.dimension_choice = QComboBox()
        self.add_assessment_button = QPushButton("New assessment")
        self.add_assessment_button.clicked.connect(self.add_assessment)
        self.add_criterion_button = QPushButton("Add criterion")
        self.add_criterion_button.clicked.connect(self.add_criterion)
        self.clear_button = QPushButton("Clear rating")
        self.clear_button.clicked.connect(self.clear_rating)
        self.table = self._make_table()
        self.note_label = QLabel()
        self.note = CommitTextEdit()
        self.note.setPlaceholderText("Why this rating: evidence, sources, caveats")
        self.note.setMaximumHeight(120)
        self.note.committed.connect(self._commit_note)
        self._lay_out()
        self.follow(bridge)
        self.reload()

    def _make_table(self) -> QTableView:
        table = QTableView()
        table.setModel(self.model)
        table.setItemDelegate(NotedRatingDelegate(table))
        table.setItemDelegateForColumn(0, QStyledItemDelegate(table))  # names edit as text
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.verticalHeader().hide()
        table.verticalHeader().setDefaultSectionSize(30)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        table.horizontalHeader().setMinimumSectionSize(120)
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        table.setColumnWidth(0, 240)
        table.selectionModel().currentChanged.connect(self._load_note)
        return table

    def _lay_out(self) -> None:
        bar = QHBoxLayout()
        bar.addWidget(QLabel("<b>Assessment</b>"))
        bar.addWidget(self.chooser, 1)
        bar.addSpacing(24)
        bar.addWidget(QLabel("New, over"))
        bar.addWidget(self.dimension_choice)
        bar.addWidget(self.add_assessment_button)
        tools = QHBoxLayout()
        legend = QLabel("<span style='color:#666'>Ratings 1 (low) to 5 (high); "
                        "a marked corner means the cell has a note.</span>")
        legend.setWordWrap(True)
        tools.addWidget(legend, 1)
        tools.addWidget(self.add_criterion_button)
        tools.addWidget(self.clear_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addLayout(tools)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.note_label)
        layout.addWidget(self.note)

    # -- showing --------------------------------------------------------------------------

    def reload(self) -> None:
        """Refill the choosers from the project, keeping the current choice where it exists."""
        project = self.bridge.document.project
        current = self.model.assessment_id
        self.chooser.blockSignals(True)
        self.chooser.clear()
        for a in project.assessments:
            self.chooser.addItem(a.name, a.id)
        self.chooser.setCurrentIndex(max(0, self.chooser.findData(current)))
        self.chooser.blockSignals(False)
        self.dimension_choice.clear()
        for d in project.dimensions:
            self.dimension_choice.addItem(d.name, d.id)
        self._on_chosen()

    def _on_chosen(self, *_args) -> None:
        self.model.show_assessment(self.chooser.currentData())
        has = self.model.assessment_id is not None
        self.add_criterion_button.setEnabled(has)
        self.clear_button.setEnabled(has)
        self._load_note()

    def refresh(self, change: Change) -> None:
        if change.touches(Field.ASSESSMENTS, Field.DIMENSIONS):
            names = [(a.id, a.name) for a in self.bridge.document.project.assessments]
            shown = [(self.chooser.itemData(i), self.chooser.itemText(i))
                     for i in range(self.chooser.count())]
            if names != shown:
                self.reload()
            self._load_note()

    def _load_note(self, *_args) -> None:
        index = self.table.currentIndex()
        rating = self.model.rating(index) if index.isValid() else None
        if rating is None:
            self.note_label.setText("<b>Note</b> <span style='color:#666'>— select a rated "
                                    "cell</span>")
        else:
            criterion = self.model.criterion(index.row()).name
            where = f"{criterion} × {self.model.member(index.column()).name}"
            self.note_label.setText(f"<b>Note: {where}</b>")
        self.note.set_value(rating.note if rating else "")
        self.note.setEnabled(rating is not None)

    # -- edits ----------------------------------------------------------------------------

    def _commit_note(self, text: str) -> None:
        index = self.table.currentIndex()
        if not index.isValid() or not self.model.set_note(index, text):
            self._load_note()

    def clear_rating(self) -> None:
        index = self.table.currentIndex()
        if index.isValid() and index.column() > 0:
            self.model.setData(index, "")

    def add_criterion(self) -> None:
        assessment = self.model.assessment()
        taken = {c.id for c in assessment.criteria}
        criterion_id = next(f"criterion-{n}" for n in range(1, len(taken) + 2)
                            if f"criterion-{n}" not in taken)
        name = unique_name({c.name for c in assessment.criteria}, "New criterion")
        criteria = (*assessment.criteria, Criterion(criterion_id, name))
        if update_entity(self.bridge, "assessments", assessment.id, criteria=criteria):
            index = self.model.index(len(criteria) - 1, 0)
            self.table.setCurrentIndex(index)
            self.table.edit(index)

    def add_assessment(self) -> None:
        """A new matrix over the chosen dimension, with the current one's criteria."""
        project = self.bridge.document.project
        dimension = project.dimension(self.dimension_choice.currentData())
        template = self.model.assessment()
        name = unique_name({a.name for a in project.assessments}, f"{dimension.name} assessment")
        assessment = Assessment(new_id(project, "assessment"), name, dimension.id,
                                template.criteria if template else ())
        if self.bridge.execute(AddEntity("assessments", assessment)):
            self.chooser.setCurrentIndex(self.chooser.findData(assessment.id))
