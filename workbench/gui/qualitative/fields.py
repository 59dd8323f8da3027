"""Text fields that commit once: on Enter or when focus leaves, never per keystroke.

A commit is one `UpdateEntity`, i.e. one undo step, so typing a paragraph and tabbing
away undoes as one edit. `set_value` loads the model's text without committing.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QTextCursor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QStackedWidget,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)


class CommitLineEdit(QLineEdit):
    committed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._value = ""
        self.editingFinished.connect(self._commit)

    def set_value(self, text: str) -> None:
        self._value = text
        if self.text() != text:
            self.setText(text)
            self.setCursorPosition(0)

    def _commit(self) -> None:
        if self.text() != self._value:
            self.committed.emit(self.text())


class CommitTextEdit(QPlainTextEdit):
    """Multi-line text; Ctrl+Enter or leaving the field commits."""

    committed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._value = ""
        self.setTabChangesFocus(True)

    def set_value(self, text: str) -> None:
        self._value = text
        if self.toPlainText() != text:
            self.setPlainText(text)

    def commit(self) -> None:
        if self.toPlainText() != self._value:
            self.committed.emit(self.toPlainText())

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.commit()
        super().focusOutEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if enter and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.commit()
            return
        super().keyPressEvent(event)


class MarkdownEditor(QWidget):
    """Plain text with light markdown (**bold**, - lists), and a rendered preview.

    The stored text is exactly what was typed, so it round-trips through the project
    file and the workbook untouched; formatting buttons only insert markdown marks.
    """

    committed = Signal(str)

    def __init__(self, placeholder: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = CommitTextEdit()
        self.editor.setPlaceholderText(placeholder)
        self.editor.committed.connect(self.committed)
        self.preview = QTextBrowser()
        self.preview.setOpenExternalLinks(True)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.editor)
        self.stack.addWidget(self.preview)
        self.bold_button = _tool_button("B", "Bold (wraps the selection in **)", self.make_bold)
        self.list_button = _tool_button("•", "Bulleted list (- at line start)", self.make_list)
        self.preview_button = _tool_button("Preview", "Show the formatted text", None)
        self.preview_button.setCheckable(True)
        self.preview_button.toggled.connect(self.show_preview)
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        for button in (self.bold_button, self.list_button):
            bar.addWidget(button)
        bar.addStretch(1)
        bar.addWidget(self.preview_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(bar)
        layout.addWidget(self.stack)

    def set_value(self, text: str) -> None:
        self.editor.set_value(text)
        if self.preview_button.isChecked():
            self.preview.setMarkdown(text)

    def text(self) -> str:
        return self.editor.toPlainText()

    def make_bold(self) -> None:
        cursor = self.editor.textCursor()
        selected = cursor.selectedText() or "bold"
        cursor.insertText(f"**{selected}**")
        self.editor.setTextCursor(cursor)

    def make_list(self) -> None:
        cursor = self.editor.textCursor()
        cursor.movePosition(QTextCursor.MoveOperation.StartOfBlock)
        if not cursor.block().text().startswith("- "):
            cursor.insertText("- ")

    def show_preview(self, on: bool) -> None:
        if on:
            self.editor.commit()
            self.preview.setMarkdown(self.editor.toPlainText())
        self.stack.setCurrentWidget(self.preview if on else self.editor)
        self.bold_button.setEnabled(not on)
        self.list_button.setEnabled(not on)


def _tool_button(text: str, tip: str, slot) -> QToolButton:
    """Formatting buttons never take focus, so pressing one does not commit half an edit."""
    button = QToolButton()
    button.setText(text)
    button.setToolTip(tip)
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    button.setAutoRaise(True)
    if text == "B":
        font = button.font()
        font.setBold(True)
        button.setFont(font)
    if slot is not None:
        button.clicked.connect(slot)
    return button
