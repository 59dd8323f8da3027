"""The import change summary: what a workbook would change, to accept or cancel.

Nothing is applied while the dialog is open; accepting executes the plan's one command.
`review_import` is the one call the workbook controller makes, so tests patch it (or
drive `ImportSummaryDialog` directly).
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)


def summary_lines(plan) -> list[str]:
    """The plan's change summary as lines of text (the excel package words them)."""
    summary = getattr(plan, "summary", plan)
    lines = summary.lines() if hasattr(summary, "lines") else str(summary).splitlines()
    return [line for line in lines if line.strip()] or ["The workbook changes nothing."]


class ImportSummaryDialog(QDialog):
    def __init__(self, plan, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import workbook: review the changes")
        self.resize(640, 480)
        lines = summary_lines(plan)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(
                "The workbook would make these changes. Apply them as one step (Undo takes them "
                "back), or cancel to change nothing."
            )
        )
        self.text = QPlainTextEdit("\n".join(lines))
        self.text.setReadOnly(True)
        layout.addWidget(self.text, 1)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Apply | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Apply).setText("Apply changes")
        buttons.button(QDialogButtonBox.StandardButton.Apply).clicked.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.buttons = buttons


def review_import(parent: QWidget | None, plan) -> bool:
    """Show the change summary; True when the analyst applies it."""
    return ImportSummaryDialog(plan, parent).exec() == QDialog.DialogCode.Accepted
