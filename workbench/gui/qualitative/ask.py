"""The one place the qualitative pages ask the user something; tests patch it here.

Until the shell's `workbench.gui.dialogs` exists this holds the message box itself.
"""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget


def confirm(parent: QWidget | None, text: str) -> bool:
    answer = QMessageBox.question(parent, "Market Workbench", text)
    return answer == QMessageBox.StandardButton.Yes
