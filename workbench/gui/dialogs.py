"""Every modal question the app asks, in one place.

Pages and controllers call these functions instead of QMessageBox / QFileDialog, so a test
patches this module once and no dialog ever blocks an offscreen run. `ask_form` is the one
small form used for project details, years, sources, new dimensions and templates.
"""

from __future__ import annotations

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
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

PROJECT_FILTER = "Market Workbench projects (*.mwp)"
WORKBOOK_FILTER = "Excel workbooks (*.xlsx)"
IMAGE_FILTER = "PNG image (*.png);;SVG image (*.svg)"


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


def ask_form(parent: QWidget | None, title: str, fields: list[Field]) -> dict[str, Any] | None:
    """A small form; the values by key, or None when cancelled."""
    dialog = QDialog(parent)
    dialog.setWindowTitle(title)
    layout = QFormLayout(dialog)
    editors = {f.key: _editor(f) for f in fields}
    for f in fields:
        layout.addRow(f.label, editors[f.key])
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    buttons.accepted.connect(dialog.accept)
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
    return editor


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
