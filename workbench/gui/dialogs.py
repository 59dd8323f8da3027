"""Every modal question the app asks, in one place.

Pages and controllers call these functions instead of QMessageBox / QFileDialog, so a test
patches this module once and no dialog ever blocks an offscreen run. `ask_form` is the one
small form used for project details, years, sources, new dimensions and templates.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

PROJECT_FILTER = "Market Workbench projects (*.mwp)"
WORKBOOK_FILTER = "Excel workbooks (*.xlsx)"
IMAGE_FILTER = "PNG image (*.png);;SVG image (*.svg)"


def ask_dialog(dialog: QDialog) -> bool:
    """Run a page's own dialog (the back-solve targets...); True when it was accepted."""
    return dialog.exec() == QDialog.DialogCode.Accepted


def show_error(parent: QWidget | None, text: str) -> None:
    QMessageBox.warning(parent, "Market Workbench", text)


def show_info(parent: QWidget | None, text: str) -> None:
    QMessageBox.information(parent, "Market Workbench", text)


def confirm(parent: QWidget | None, text: str) -> bool:
    answer = QMessageBox.question(parent, "Market Workbench", text)
    return answer == QMessageBox.StandardButton.Yes


def ask_save_changes(parent: QWidget | None, name: str) -> str:
    """'save', 'discard' or 'cancel' for a project with unsaved changes."""
    buttons = (
        QMessageBox.StandardButton.Save
        | QMessageBox.StandardButton.Discard
        | QMessageBox.StandardButton.Cancel
    )
    answer = QMessageBox.question(
        parent,
        "Market Workbench",
        f"Save the changes to {name}?",
        buttons,
        QMessageBox.StandardButton.Save,
    )
    return {
        QMessageBox.StandardButton.Save: "save",
        QMessageBox.StandardButton.Discard: "discard",
    }.get(answer, "cancel")


def ask_changed_on_disk(parent: QWidget | None, name: str) -> str:
    """'reload', 'save_as', 'overwrite' or 'cancel' when the project's file was changed on
    disk (another window, another program) since it was opened or saved here."""
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        "Market Workbench",
        f"{name} was changed on disk by another window or program since you opened it.",
        QMessageBox.StandardButton.Cancel,
        parent,
    )
    box.setInformativeText(
        "Reload it (your unsaved changes here are dropped), save your version as another "
        "file, or overwrite the file with your version (the other changes are lost)."
    )
    choices = {
        box.addButton("Reload", QMessageBox.ButtonRole.DestructiveRole): "reload",
        box.addButton("Save As…", QMessageBox.ButtonRole.AcceptRole): "save_as",
        box.addButton("Overwrite", QMessageBox.ButtonRole.DestructiveRole): "overwrite",
    }
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    return choices.get(box.clickedButton(), "cancel")


def ask_open_path(parent: QWidget | None, caption: str, file_filter: str) -> str | None:
    path, _ = QFileDialog.getOpenFileName(parent, caption, "", file_filter)
    return path or None


def ask_save_path(
    parent: QWidget | None, caption: str, file_filter: str, suggested: str = ""
) -> str | None:
    path, _ = QFileDialog.getSaveFileName(parent, caption, suggested, file_filter)
    return path or None


def ask_text(parent: QWidget | None, title: str, label: str, text: str = "") -> str | None:
    value, ok = QInputDialog.getText(parent, title, label, QLineEdit.EchoMode.Normal, text)
    return value if ok else None


def ask_item(parent: QWidget | None, title: str, label: str, items: list[str]) -> int | None:
    """The index of the chosen item, or None when cancelled."""
    value, ok = QInputDialog.getItem(parent, title, label, items, 0, False)
    return items.index(value) if ok and value in items else None


@dataclass(frozen=True)
class Field:
    """One row of `ask_form`: `kind` is text, multiline, int, float, bool or choice."""

    key: str
    label: str
    kind: str = "text"
    value: Any = ""
    choices: tuple[str, ...] = ()
    minimum: float = -1e12
    maximum: float = 1e12
    placeholder: str = ""


def ask_form(
    parent: QWidget | None,
    title: str,
    fields: list[Field],
    check: Callable[[dict[str, Any]], str | None] | None = None,
    note: str = "",
) -> dict[str, Any] | None:
    """A small form; the values by key, or None when cancelled.

    `check` looks at the values when OK is pressed and returns a sentence saying what is
    wrong, or None; while it objects, the form stays open with the sentence shown and
    everything typed kept. `note` is a line of explanation above the fields.
    """
    dialog = QDialog(parent)
    dialog.setWindowTitle(title)
    dialog.setObjectName("form-dialog")
    layout = QFormLayout(dialog)
    if note:
        layout.addRow(_wrapped(note))
    editors = {f.key: _editor(f) for f in fields}
    for f in fields:
        layout.addRow(f.label, editors[f.key])
    refusal = _wrapped("")
    refusal.setObjectName("form-refusal")
    refusal.setStyleSheet("color: #a3262a;")
    refusal.hide()
    layout.addRow(refusal)
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )

    def accept() -> None:
        problem = check({key: _value(e) for key, e in editors.items()}) if check else None
        if problem:
            refusal.setText(problem)
            refusal.show()
            return
        dialog.accept()

    buttons.accepted.connect(accept)
    buttons.rejected.connect(dialog.reject)
    layout.addRow(buttons)
    dialog.setMinimumWidth(420)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return {key: _value(editor) for key, editor in editors.items()}


def _editor(f: Field) -> QWidget:
    if f.kind == "int":
        editor = QSpinBox()
        editor.setRange(int(f.minimum), int(min(f.maximum, 2**31 - 1)))
        editor.setValue(int(f.value))
    elif f.kind == "float":
        editor = QDoubleSpinBox()
        editor.setRange(f.minimum, f.maximum)
        editor.setDecimals(2)
        editor.setValue(float(f.value))
    elif f.kind == "bool":
        editor = QCheckBox()
        editor.setChecked(bool(f.value))
    elif f.kind == "choice":
        editor = QComboBox()
        editor.addItems(list(f.choices))
        editor.setCurrentText(str(f.value))
    elif f.kind == "multiline":
        editor = QPlainTextEdit(str(f.value))
        editor.setMinimumHeight(80)
    else:
        editor = QLineEdit(str(f.value))
        editor.setPlaceholderText(f.placeholder)
    return editor


def _wrapped(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    return label


def _value(editor: QWidget) -> Any:
    if isinstance(editor, QSpinBox | QDoubleSpinBox):
        return editor.value()
    if isinstance(editor, QCheckBox):
        return editor.isChecked()
    if isinstance(editor, QComboBox):
        return editor.currentText()
    if isinstance(editor, QPlainTextEdit):
        return editor.toPlainText()
    assert isinstance(editor, QLineEdit)
    return editor.text()
