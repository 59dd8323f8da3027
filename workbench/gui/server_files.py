"""Projects on a team server from the GUI: open, save, conflicts, history, recovery.

The file controller hands a document that belongs to a server project to this one: Save
goes to the server as the next revision. A refused save asks what to do (reload and
re-apply your edits, or save them as a new project); the cells both sides changed are
listed for a decision. A lost connection leaves the work in a recovery file, which the
autosaver keeps fresh too (named after the server project, in the app's data folder) and
which the next opening of that project offers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from workbench.core.errors import ModelError
from workbench.gui import dialogs, server_dialogs
from workbench.store.server_address import ServerAddress

if TYPE_CHECKING:
    from workbench.gui.files import FileController
    from workbench.store.postgres import SaveConflict


def _server():
    """The server backend, imported on first use: psycopg costs a second at start-up, and
    most sessions never touch a server."""
    from workbench.store import postgres

    return postgres


class ServerFiles:
    def __init__(self, files: FileController) -> None:
        self.files = files
        self.address: ServerAddress | None = None

    @property
    def window(self):
        return self.files.window

    @property
    def document(self):
        return self.files.bridge.document

    def display_name(self) -> str:
        """"Project on host/db (revision 4)" — read-only when it is an old revision."""
        entry = _server().server_project(self.document)
        name = f"{self.address.project} on {self.address.server.rpartition('@')[2]}"
        if entry is None:
            return name
        read_only = ", read-only" if entry.read_only else ""
        return f"{name} (revision {entry.revision}{read_only})"

    # -- opening --------------------------------------------------------------------------

    def open_dialog(self) -> bool:
        if not self.files.maybe_save():
            return False
        chosen = server_dialogs.ask_server_project(
            self.window, self.files.settings.servers(), "Open from Server"
        )
        return self.open(chosen) if chosen is not None else False

    def open(self, address: ServerAddress, revision: int | None = None) -> bool:
        """The project's latest revision (or an old one, read-only), with its recovered work
        offered first."""
        stand_in = _server().recovery_stand_in(address, self.files.recovery_folder)
        try:
            recovered = None if revision else self.files.offer_recovery(stand_in, address.project)
            document = _server().open_server_project(address, revision)
        except ModelError as exc:
            dialogs.show_error(self.window, str(exc))
            return False
        if recovered is not None:
            _server().apply_on_top(document, recovered.project, "Recovered work")
        self.adopt(document, address)
        self.files.settings.add_server(server_dialogs.remembered(address))
        return True

    def adopt(self, document, address: ServerAddress) -> None:
        self.files.adopt(document, _server().recovery_stand_in(address, self.files.recovery_folder),
                         address)

    # -- saving ---------------------------------------------------------------------------

    def save(self) -> bool:
        try:
            _server().save_to_server(self.document, self.address,
                           recovery_folder=self.files.recovery_folder)
        except _server().SaveConflict as exc:
            return self._after_conflict(exc)
        except _server().ReadOnlyProject as exc:
            if dialogs.confirm(self.window, f"{exc} Save your work as a new project?"):
                return self.save_as_new()
            return False
        except ModelError as exc:
            dialogs.show_error(self.window, str(exc))
            return False
        self.files.state_changed.emit()
        return True

    def _after_conflict(self, refused: SaveConflict) -> bool:
        choice = server_dialogs.ask_after_conflict(self.window, str(refused))
        if choice == "new":
            return self.save_as_new()
        if choice != "reapply":
            return False
        try:
            again = _server().reapply(self.document)
        except ModelError as exc:
            dialogs.show_error(self.window, str(exc))
            return False
        if again.conflicts:
            project = again.document.project
            keep = server_dialogs.ask_conflicts(
                self.window, [c.label(project) for c in again.conflicts]
            )
            again.keep_mine([c for c, mine in zip(again.conflicts, keep, strict=True) if mine])
        self.adopt(again.document, self.address)
        return self.save()

    def save_as_new(self) -> bool:
        """The current work as a new project on a server (the current one by default)."""
        servers = self.files.settings.servers()
        if self.address is not None:
            servers = [server_dialogs.remembered(self.address), *servers]
        chosen = server_dialogs.ask_server_project(
            self.window, list(dict.fromkeys(servers)), "Save to Server as New Project",
            new_name=f"{self.files.display_name()} (copy)" if self.address else
            self.document.project.metadata.title,
        )
        if chosen is None:
            return False
        try:
            folder = self.files.recovery_folder
            _server().create_on_server(self.document, chosen, recovery_folder=folder)
        except ModelError as exc:
            dialogs.show_error(self.window, str(exc))
            return False
        self.adopt(self.document, chosen)
        self.files.settings.add_server(server_dialogs.remembered(chosen))
        return True

    # -- history --------------------------------------------------------------------------

    def show_history(self) -> bool:
        if self.address is None:
            dialogs.show_info(self.window, "History is kept for projects on a team server; "
                              "open one with File → Open from Server….")
            return False
        try:
            revisions = _server().history(self.address)
        except ModelError as exc:
            dialogs.show_error(self.window, str(exc))
            return False
        chosen = server_dialogs.ask_history(self.window, self.address.project, revisions)
        if chosen is None:
            return False
        what, revision = chosen
        if what == "open":
            return self.files.maybe_save() and self.open(self.address, revision)
        return self._restore(revision)

    def _restore(self, revision: int) -> bool:
        address = self.address
        try:
            newest = _server().restore_revision(address, revision)
        except ModelError as exc:
            dialogs.show_error(self.window, str(exc))
            return False
        dialogs.show_info(self.window, f"Revision {revision} of {address.project} is restored "
                          f"as revision {newest}.")
        if self.files.maybe_save():
            return self.open(address)
        return True
