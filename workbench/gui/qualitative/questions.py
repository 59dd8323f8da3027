"""Key Questions: the analyst's answers beside live insights computed from the model.

An answer may hold figures as `{{key}}` placeholders (workbench.core.insights); the
rendered answer shows the current figures for the chosen scenario and is redrawn on
every edit, undo and redo, so a figure in an answer can never go stale. "Insert figure"
puts the selected insight's placeholder at the cursor of the answer.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from workbench.core.entities import KeyQuestion
from workbench.core.errors import ModelError
from workbench.core.fields import Field
from workbench.core.insights import PLACEHOLDER, figure, insights
from workbench.core.project import Project, new_id
from workbench.core.transaction import Change
from workbench.gui.bridge import DocumentBridge
from workbench.gui.deferred import Deferred
from workbench.gui.page import Page
from workbench.gui.qualitative.editing import update_entity
from workbench.gui.qualitative.entity_list import EntityList
from workbench.gui.qualitative.fields import CommitLineEdit, CommitTextEdit
from workbench.gui.qualitative.table_model import EntityTableModel, field_column

COLUMNS = [field_column("Question", "question", tooltip=True)]
KEY_ROLE = Qt.ItemDataRole.UserRole


def new_question(project: Project) -> KeyQuestion:
    return KeyQuestion(new_id(project, "q"), "New question?")


def rendered_html(text: str, document, scenario_id: str) -> str:
    """The answer with each placeholder replaced by its live figure, figures highlighted."""
    out, last = [], 0
    for match in PLACEHOLDER.finditer(text):
        out.append(escape(text[last:match.start()]))
        try:
            value = figure(document, scenario_id, match.group(1)).text
            out.append(f"<span style='background:#e3eefa; color:#0b4f8a'>{escape(value)}</span>")
        except ModelError:
            out.append(f"<span style='color:#b00020'>[unknown figure: "
                       f"{escape(match.group(1))}]</span>")
        last = match.end()
    out.append(escape(text[last:]))
    return "".join(out).replace("\n", "<br>")


class KeyQuestionsPage(Page):
    title = "Key Questions"

    def __init__(self, bridge: DocumentBridge, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bridge = bridge
        model = EntityTableModel(bridge, "key_questions", COLUMNS, movable=True, parent=self)
        heading = "<b>Key questions</b> <span style='color:#666'>— drag to reorder</span>"
        self.questions = EntityList(model, heading, "question", new_question)
        self.question = CommitLineEdit()
        self.question.committed.connect(lambda text: self._commit(question=text))
        self.answer = CommitTextEdit()
        self.answer.setPlaceholderText("The answer; insert live figures from the right")
        self.answer.committed.connect(lambda text: self._commit(answer=text))
        self.rendered = QTextBrowser()
        self.scenario = QComboBox()
        self.scenario.currentIndexChanged.connect(self.refresh_insights)
        self.insight_list = QTreeWidget()
        self.insight_list.setHeaderLabels(["Insight", "Figure"])
        self.insight_list.setRootIsDecorated(False)
        self.insight_list.setColumnWidth(0, 430)
        self.insight_list.itemDoubleClicked.connect(self.insert_selected)
        self.insert_button = QPushButton("Insert figure into answer")
        self.insert_button.clicked.connect(self.insert_selected)
        self._lay_out()
        self.questions.table.selectionModel().currentRowChanged.connect(self.load)
        self.deferred_insights = Deferred(self, self.refresh_insights)
        self.follow(bridge)
        self.reload()

    def _lay_out(self) -> None:
        answer = QWidget()
        box = QVBoxLayout(answer)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(QLabel("<b>Question</b>"))
        box.addWidget(self.question)
        box.addWidget(_wrapped("<b>Answer</b> <span style='color:#666'>— figures as "
                               "{{key}}; Ctrl+Enter or leaving the field saves</span>"))
        box.addWidget(self.answer, 2)
        box.addWidget(_wrapped("<b>As the reader sees it</b> <span style='color:#666'>— "
                               "live figures highlighted</span>"))
        box.addWidget(self.rendered, 2)
        live = QWidget()
        box = QVBoxLayout(live)
        box.setContentsMargins(0, 0, 0, 0)
        bar = QHBoxLayout()
        bar.addWidget(QLabel("<b>Live insights</b>"), 1)
        bar.addWidget(QLabel("Scenario"))
        bar.addWidget(self.scenario)
        box.addLayout(bar)
        box.addWidget(self.insight_list, 1)
        box.addWidget(self.insert_button)
        bottom = QSplitter(Qt.Orientation.Horizontal)
        bottom.addWidget(answer)
        bottom.addWidget(live)
        bottom.setSizes([480, 640])
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.questions)
        splitter.addWidget(bottom)
        splitter.setSizes([300, 520])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

    # -- showing --------------------------------------------------------------------------

    def scenario_id(self) -> str | None:
        return self.scenario.currentData()

    def selected(self) -> KeyQuestion | None:
        question_id = self.questions.selected_id()
        if question_id is None:
            return None
        return self.bridge.document.project.entity("key_questions", question_id)

    def load(self, *_args) -> None:
        question = self.selected()
        self.question.set_value(question.question if question else "")
        self.answer.set_value(question.answer if question else "")
        for widget in (self.question, self.answer):
            widget.setEnabled(question is not None)
        self.render_answer()

    def render_answer(self) -> None:
        question, scenario_id = self.selected(), self.scenario_id()
        if question is None or scenario_id is None:
            self.rendered.setHtml("")
            return
        self.rendered.setHtml(rendered_html(question.answer, self.bridge.document, scenario_id))

    def refresh_insights(self, *_args) -> None:
        """Recompute the insight list (cheap: one cached forecast per scenario)."""
        scenario_id = self.scenario_id()
        current = self.insight_list.currentItem()
        chosen = current.data(0, KEY_ROLE) if current else None
        self.insight_list.clear()
        if scenario_id is not None:
            for insight in insights(self.bridge.document, scenario_id):
                item = QTreeWidgetItem([insight.sentence, insight.text])
                item.setData(0, KEY_ROLE, insight.key)
                item.setToolTip(0, f"{insight.sentence}\nPlaceholder: {{{{{insight.key}}}}}")
                self.insight_list.addTopLevelItem(item)
        if chosen is not None and self.insight_item(chosen) is not None:
            self.insight_list.setCurrentItem(self.insight_item(chosen))
        self.render_answer()

    def insight_item(self, key: str) -> QTreeWidgetItem | None:
        tree = self.insight_list
        items = (tree.topLevelItem(i) for i in range(tree.topLevelItemCount()))
        return next((item for item in items if item.data(0, KEY_ROLE) == key), None)

    def _fill_scenarios(self) -> None:
        current = self.scenario_id()
        self.scenario.blockSignals(True)
        self.scenario.clear()
        for s in self.bridge.document.project.scenarios:
            self.scenario.addItem(s.name, s.id)
        self.scenario.setCurrentIndex(max(0, self.scenario.findData(current)))
        self.scenario.blockSignals(False)

    def refresh(self, change: Change) -> None:
        if change.touches(Field.SCENARIOS):
            self._fill_scenarios()
        if change.touches(Field.KEY_QUESTIONS):
            self.load()
        self.deferred_insights.request()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.deferred_insights.shown()

    def reload(self) -> None:
        self._fill_scenarios()
        if self.questions.selected_id() is None and self.questions.model.rowCount():
            self.questions.table.setCurrentIndex(self.questions.model.index(0, 0))
        self.load()
        self.refresh_insights()

    # -- editing --------------------------------------------------------------------------

    def insert_selected(self, *_args) -> None:
        """Put the selected insight's `{{key}}` at the answer's cursor and save the answer."""
        item = self.insight_list.currentItem()
        if item is None or self.selected() is None:
            return
        self.answer.insertPlainText(f"{{{{{item.data(0, KEY_ROLE)}}}}}")
        self.answer.commit()

    def _commit(self, **changes) -> None:
        question = self.selected()
        if question is not None and not update_entity(
            self.bridge, "key_questions", question.id, **changes
        ):
            self.load()


def _wrapped(html: str) -> QLabel:
    """A label that wraps in a narrow window instead of widening the page."""
    label = QLabel(html)
    label.setWordWrap(True)
    return label
