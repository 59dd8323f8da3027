"""The import change summary: what a workbook would change, to accept or cancel.

Nothing is applied while the dialog is open; accepting executes the plan's one command
(one undo step). `review_import` is the one call the workbook controller makes, so tests
patch it or drive `ImportSummaryDialog` directly.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:  # the excel package loads on first import, not at start-up
    from workbench.excel import ImportPlan

COLUMNS = ("Kind", "Change", "Where")


class ImportSummaryDialog(QDialog):
    def __init__(self, plan: ImportPlan, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import workbook: review the changes")
        self.resize(820, 520)
        layout = QVBoxLayout(self)
        count = len(plan.changes)
        layout.addWidget(QLabel(_headline(plan)))
        self.table = QTableWidget(count + len(plan.notes), len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for row, change in enumerate(plan.changes):
            where = f"{change.sheet}!{change.cell}" if change.cell else change.sheet
            text = change.sentence().removeprefix(f"{change.kind}: ").split(" (")[0]
            self._put(row, (change.kind, text, where))
        for row, note in enumerate(plan.notes, start=count):
            where = f"{note.sheet}!{note.cell}" if note.cell else note.sheet
            self._put(row, (note.kind, note.text, where))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.table, 1)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Apply | QDialogButtonBox.StandardButton.Cancel
        )
        self.apply_button = buttons.button(QDialogButtonBox.StandardButton.Apply)
        self.apply_button.setText("Apply changes")
        self.apply_button.setEnabled(bool(count))
        self.apply_button.clicked.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


    def _put(self, row: int, values: tuple[str, str, str]) -> None:
        for column, value in enumerate(values):
            self.table.setItem(row, column, QTableWidgetItem(value))


def _headline(plan: ImportPlan) -> str:
    """What the summary holds, in words; computed values the colleague saw that the app
    does not compute are called out, since they are easy to miss in a long list."""
    count = len(plan.changes)
    text = (
        f"The workbook would make {count} change{'s' if count != 1 else ''}. Apply them as "
        "one step (Undo takes them all back), or cancel to change nothing."
        if count
        else "The workbook's inputs match the project: there is nothing to apply."
    )
    differ = sum(1 for note in plan.notes if note.kind == "Disagrees")
    if differ:
        text += (
            f"\n{differ} computed value{'s' if differ != 1 else ''} in the workbook "
            f"{'differ' if differ != 1 else 'differs'} from the app's (marked Disagrees below)."
        )
    return text


def review_import(parent: QWidget | None, plan: ImportPlan) -> bool:
    """Show the change summary; True when the analyst applies it."""
    return ImportSummaryDialog(plan, parent).exec() == QDialog.DialogCode.Accepted
