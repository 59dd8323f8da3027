"""Help → About: what the app is, its version, and the Python, Qt and PySide6 it runs on.

The versions can be copied in one click, for a bug report. The dialog opens window-modal
without blocking (`open`), like a sheet, so the window stays responsive behind it.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from workbench.gui.icon import app_pixmap
from workbench.gui.settings import APPLICATION as APP_NAME
from workbench.versions import Versions, running_versions

TAGLINE = "Market sizing and forecast models by segment, year and scenario, round-tripping Excel."


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None = None, versions: Versions | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("about-dialog")
        self.setWindowTitle(f"About {APP_NAME}")
        self.versions = versions or running_versions()
        self.setMinimumWidth(500)
        icon = QLabel()
        icon.setPixmap(app_pixmap(96))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        text = QVBoxLayout()
        name = QLabel(f"<h2 style='margin:0'>{APP_NAME}</h2>Version {self.versions.app}")
        name.setObjectName("about-name")
        tagline = QLabel(TAGLINE)
        tagline.setWordWrap(True)
        text.addWidget(name)
        text.addWidget(tagline)
        text.addSpacing(8)
        text.addLayout(self._version_form())
        body = QHBoxLayout()
        body.addWidget(icon)
        body.addSpacing(16)
        body.addLayout(text, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = buttons.addButton(
            "&Copy Versions", QDialogButtonBox.ButtonRole.ActionRole
        )
        self.copy_button.clicked.connect(self.copy_versions)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 20, 20, 16)
        layout.addLayout(body)
        layout.addSpacing(8)
        layout.addWidget(buttons)

    def _version_form(self) -> QFormLayout:
        form = QFormLayout()
        v = self.versions
        where = "Desktop bundle" if v.bundle else "Python installation"
        for label, value in (
            ("Python", v.python),
            ("Qt", v.qt),
            ("PySide6", v.pyside),
            ("Running from", f"{where}: {sys.executable}"),
        ):
            field = QLabel(value)
            field.setObjectName(f"about-{label.lower().replace(' ', '-')}")
            field.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            field.setWordWrap(True)
            form.addRow(f"{label}:", field)
        return form

    def copy_versions(self) -> None:
        QApplication.clipboard().setText("\n".join(self.versions.lines()))


def show_about(parent: QWidget) -> AboutDialog:
    dialog = AboutDialog(parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
