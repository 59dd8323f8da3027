"""The dialogs of team server projects: pick a server and project, decide after a refused
save, decide the cells both sides changed, and browse a project's history.

Each is a plain `QDialog` (so tests drive it with the mouse and keyboard); the `ask_*`
functions run one modally and return the analyst's answer, or None when cancelled.
Servers are offered from the remembered list; addresses never carry a password (libpq
reads it from ~/.pgpass).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from workbench.core.errors import ModelError
from workbench.store.server_address import ServerAddress, server_text

SERVER_HINT = "postgresql://user@host:5432/database"


class ServerProjectDialog(QDialog):
    """A server (typed or remembered) and a project on it (listed, or a new name)."""

    def __init__(self, parent: QWidget | None, servers: list[str], title: str,
                 new_name: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.server = QComboBox(editable=True)
        self.server.addItems(servers)
        self.server.lineEdit().setPlaceholderText(SERVER_HINT)
        self.list_button = QPushButton("Show &Projects")
        self.list_button.clicked.connect(self.show_projects)
        self.projects = QListWidget()
        self.projects.currentTextChanged.connect(self._picked)
        self.name = QLineEdit(new_name)
        self.message = QLabel("Passwords come from ~/.pgpass; the app never stores one.")
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.server, 1)
        row.addWidget(self.list_button)
        form = QFormLayout()
        label = QLabel("&Server:")
        label.setBuddy(self.server)
        form.addRow(label, row)
        form.addRow("Projects:", self.projects)
        form.addRow("Project &name:", self.name)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.resize(560, 420)

    def server_address(self) -> ServerAddress:
        return ServerAddress.parse(self.server.currentText().strip(), need_project=False)

    def show_projects(self) -> None:
        from workbench.store.postgres import list_projects

        self.projects.clear()
        try:
            found = list_projects(self.server_address())
        except ModelError as exc:
            self.message.setText(str(exc))
            return
        for name, revision in found:
            item = QListWidgetItem(f"{name}    (revision {revision})")
            item.setData(Qt.ItemDataRole.UserRole, name)
            self.projects.addItem(item)
        server = self.server_address().server
        self.message.setText(f"{len(found)} projects you may read on {server}.")

    def _picked(self, _text: str) -> None:
        item = self.projects.currentItem()
        if item is not None:
            self.name.setText(item.data(Qt.ItemDataRole.UserRole))

    def chosen(self) -> ServerAddress:
        return self.server_address().with_project(self.name.text())

    def _accept(self) -> None:
        try:
            ServerAddress.parse(str(self.chosen()))
        except ModelError as exc:
            self.message.setText(str(exc))
            return
        self.accept()


def ask_server_project(parent: QWidget | None, servers: list[str], title: str,
                       new_name: str = "") -> ServerAddress | None:
    dialog = ServerProjectDialog(parent, servers, title, new_name)
    return dialog.chosen() if dialog.exec() == QDialog.DialogCode.Accepted else None


def ask_after_conflict(parent: QWidget | None, text: str) -> str:
    """'reapply', 'new' or 'cancel' after a save was refused because of newer revisions."""
    box = QMessageBox(QMessageBox.Icon.Warning, "Saved by someone else", text,
                      QMessageBox.StandardButton.Cancel, parent)
    reapply = box.addButton("&Reload and Re-apply My Edits", QMessageBox.ButtonRole.AcceptRole)
    new = box.addButton("Save as &New Project…", QMessageBox.ButtonRole.ActionRole)
    box.setDefaultButton(reapply)
    box.exec()
    return {reapply: "reapply", new: "new"}.get(box.clickedButton(), "cancel")


class ConflictDialog(QDialog):
    """The changes both sides made: ticked ones keep yours, the others the server's."""

    def __init__(self, parent: QWidget | None, labels: list[str]) -> None:
        super().__init__(parent)
        self.setWindowTitle("Changed on both sides")
        text = QLabel(f"{len(labels)} changes were made both by you and on the server. The "
                      "server's version is kept unless you tick yours.")
        text.setWordWrap(True)
        self.changes = QListWidget()
        for label in labels:
            item = QListWidgetItem(label)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.changes.addItem(item)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        for widget in (text, self.changes, buttons):
            layout.addWidget(widget)
        self.resize(640, 360)

    def keep_mine(self) -> list[bool]:
        return [self.changes.item(i).checkState() == Qt.CheckState.Checked
                for i in range(self.changes.count())]


def ask_conflicts(parent: QWidget | None, labels: list[str]) -> list[bool]:
    """For each change made on both sides: True to keep yours (closing keeps the server's)."""
    dialog = ConflictDialog(parent, labels)
    dialog.exec()
    return dialog.keep_mine()


class HistoryDialog(QDialog):
    """Who saved which revision when, and what; open one read-only or restore it."""

    def __init__(self, parent: QWidget | None, title: str, revisions: list) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"History of {title}")
        self.revisions = revisions
        self.action: tuple[str, int] | None = None
        self.table = QTableWidget(len(revisions), 4)
        self.table.setHorizontalHeaderLabels(["Revision", "Saved by", "When", "Changes"])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        for row, r in enumerate(revisions):
            when = r.saved_at.astimezone().strftime("%Y-%m-%d %H:%M")
            for column, text in enumerate((str(r.revision), r.saved_by, when, r.summary)):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.table.resizeColumnsToContents()
        self.table.selectRow(0)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.open_button = buttons.addButton("&Open Read-Only",
                                             QDialogButtonBox.ButtonRole.ActionRole)
        self.restore_button = buttons.addButton("&Restore as New Revision",
                                                QDialogButtonBox.ButtonRole.ActionRole)
        self.open_button.clicked.connect(lambda: self._choose("open"))
        self.restore_button.clicked.connect(lambda: self._choose("restore"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(720, 400)

    def _choose(self, what: str) -> None:
        row = self.table.currentRow()
        if row < 0:
            return
        self.action = (what, self.revisions[row].revision)
        self.accept()


def ask_history(parent: QWidget | None, title: str, revisions: list) -> tuple[str, int] | None:
    """('open' | 'restore', revision), or None."""
    dialog = HistoryDialog(parent, title, revisions)
    dialog.exec()
    return dialog.action


def remembered(server: ServerAddress) -> str:
    """What the app keeps of a server: its address without password or project."""
    return server_text(server.conninfo)
