"""Project files from the GUI: New, Open, Open Recent, Save, Save As, autosave, recovery.
(Projects on a team server: `server_files`, to which Save hands over for them.)

The store does the work (`workbench.store`); this controller decides when, asks the
analyst through `dialogs`, and keeps the bridge, the recent-files list and the autosaver
pointing at the current document; each project file opens in the measure it was last
shown in (kept in the settings). Nothing here loses work silently: replacing a modified
document asks first, and the autosaver keeps a recovery file that the next start offers.
The autosaver writes on a worker thread (a snapshot of the project, never the document),
so autosaving a large project does not stall the window.
"""

from __future__ import annotations

import datetime as dt
from functools import partial
from pathlib import Path

from PySide6.QtCore import QObject, QStandardPaths, QTimer, Signal
from PySide6.QtWidgets import QWidget

from workbench.core.document import Document
from workbench.core.errors import ModelError
from workbench.core.measures import VALUE, measures_of
from workbench.core.sample import sample_document
from workbench.core.templates import blank_project
from workbench.gui import dialogs
from workbench.gui.bridge import DocumentBridge
from workbench.gui.server_files import ServerFiles
from workbench.gui.settings import APPLICATION, Settings
from workbench.store import (
    Autosaver,
    ChangedOnDisk,
    discard_recovery,
    find_recoveries,
    open_project,
    recover,
    save_project,
    save_project_as,
)
from workbench.store.server_address import ServerAddress, is_server_address

AUTOSAVE_POLL_MS = 5_000
"""How often the timer asks the autosaver whether a recovery write is due."""


def default_recovery_folder() -> Path:
    """Where a project without a file keeps its recovery file: the app's data folder
    (~/.local/share/Market Workbench on Linux). Qt's AppDataLocation would add the
    organisation and the application, both "Market Workbench". The store creates it."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.GenericDataLocation)
    return Path(folder) / APPLICATION if folder else Path.home() / ".market-workbench"


class FileController(QObject):
    state_changed = Signal()
    """The file or its saved state changed (the window title follows)."""

    def __init__(
        self,
        bridge: DocumentBridge,
        settings: Settings,
        window: QWidget | None = None,
        recovery_folder: Path | None = None,
    ) -> None:
        super().__init__(window)
        self.bridge = bridge
        self.settings = settings
        self.window = window
        self.recovery_folder = Path(recovery_folder or default_recovery_folder())
        self.path: Path | None = None
        self.servers = ServerFiles(self)
        self.autosaver: Autosaver | None = None
        self._failure_shown = False
        """The status bar says an autosave failed (until a write succeeds)."""
        self.timer = QTimer(self)
        self.timer.setInterval(AUTOSAVE_POLL_MS)
        self.timer.timeout.connect(self.autosave)
        bridge.changed.connect(lambda _change: self.state_changed.emit())
        bridge.measure.chosen.connect(self._remember_measure)

    # -- naming ---------------------------------------------------------------------------

    def display_name(self) -> str:
        if self.servers.address is not None:
            return self.servers.display_name()
        return self.path.name if self.path else self.bridge.document.project.metadata.title

    # -- starting and replacing -----------------------------------------------------------

    def start(self, path: str | None) -> None:
        """The first document: `path`, else untitled work recovered after a crash, else the
        last project (per preferences), else the sample. A project's own recovered work is
        offered when it is opened."""
        if path and is_server_address(path):
            try:
                if self.servers.open(ServerAddress.parse(path)):
                    return
            except ModelError as exc:
                dialogs.show_error(self.window, str(exc))
        elif path and self._load(Path(path)):
            return
        recovered = self.offer_recovery(None)
        if recovered is not None:
            self.adopt(recovered, None)
            return
        last = None if path else self.settings.last_project()
        if last and self._load(Path(last)):
            return
        self.adopt(sample_document(), None)

    def new_from_sample(self) -> bool:
        if not self.maybe_save():
            return False
        self.adopt(sample_document(), None)
        return True

    def new_blank(self) -> bool:
        """A new project from the blank template; the form asks years, unit and names."""
        if not self.maybe_save():
            return False
        fields = dialogs.ask_form(self.window, "New project", _template_fields())
        if fields is None:
            return False
        try:
            project = blank_project(
                fields["title"],
                fields["first_year"],
                fields["base_year"],
                fields["last_year"],
                unit=fields["unit"],
                dimensions=_dimensions(fields["dimensions"]),
                scenarios=_names(fields["scenarios"]),
            )
        except ModelError as exc:
            dialogs.show_error(self.window, str(exc))
            return False
        # Untouched, it holds nothing to lose: quitting asks nothing until the first edit.
        self.adopt(Document(project), None)
        return True

    def open_dialog(self) -> bool:
        path = dialogs.ask_open_path(self.window, "Open project", dialogs.PROJECT_FILTER)
        return self.open_path(path) if path else False

    def open_path(self, path: str | Path) -> bool:
        if not self.maybe_save():
            return False
        return self._load(Path(path))

    def _load(self, path: Path) -> bool:
        if self.autosaver is not None and self.path and self.path.resolve() == path.resolve():
            self.autosaver.discard()  # reopening: our own autosave is not work a crash left
        try:
            document = self.offer_recovery(path) or open_project(path)
        except ModelError as exc:
            dialogs.show_error(self.window, str(exc))
            self.settings.remove_recent(str(path))
            return False
        self.adopt(document, path)
        self.settings.add_recent(path)
        return True

    def offer_recovery(self, path: Path | None, name: str | None = None) -> Document | None:
        """Offer each recovered work of `path` (or untitled work), newest first, until the
        analyst takes one; the ones declined are discarded, later ones wait for next time.
        `name` names the project in the question (a server project's, for its stand-in)."""
        for found in find_recoveries(path, self.recovery_folder):
            if self._ask_to_restore(name or (path.name if path else None), found):
                try:
                    return recover(path, self.recovery_folder, recovery_file=found)
                except ModelError as exc:  # kept: a file that cannot be read is no answer
                    dialogs.show_error(self.window, str(exc))
                    continue
            discard_recovery(path, self.recovery_folder, recovery_file=found)
        return None

    def _ask_to_restore(self, name: str | None, found: Path) -> bool:
        try:
            stamp = found.stat().st_mtime
        except OSError:
            return False  # gone since it was found (another window took it)
        when = dt.datetime.fromtimestamp(stamp).strftime("%Y-%m-%d %H:%M")
        name = name or "an unsaved project"
        return dialogs.confirm(
            self.window,
            f"Unsaved work on {name} from {when} was recovered "
            "after the app closed unexpectedly. Restore it?",
        )

    def adopt(
        self, document: Document, path: Path | None, address: ServerAddress | None = None
    ) -> None:
        """Make `document` (belonging to `path`, or to no file; or to the server project
        `address`, with `path` naming its recovery file) the one being edited."""
        if self.autosaver is not None:
            self.autosaver.close()
        self.path = path
        self.servers.address = address
        self.autosaver = Autosaver(
            document,
            path,
            every_seconds=self.settings.autosave_seconds,
            folder=None if path else self.recovery_folder,
            in_background=True,
        )
        remembered = self.settings.remembered_measure(path) if self._file_path() else None
        shown = remembered if remembered in measures_of(document.project) else VALUE
        if document is not self.bridge.document:  # the pages rebuild in `shown` on it
            self.bridge.measure.pick(shown, quietly=True)
            self.bridge.replace_document(document)
        else:
            self.bridge.measure.pick(shown)
        self.timer.start()
        self.state_changed.emit()

    # -- saving ---------------------------------------------------------------------------

    def save(self) -> bool:
        if self.servers.address is not None:
            return self.servers.save()
        if self.path is None:
            return self.save_as()
        return self._write(self.path, save_project)

    def save_as(self) -> bool:
        own = self.path if self.servers.address is None else None  # not a server's stand-in
        name = self.servers.address.project if self.servers.address else self.display_name()
        suggested = str(own or Path.home() / f"{name}.mwp")
        chosen = dialogs.ask_save_path(
            self.window, "Save project as", dialogs.PROJECT_FILTER, suggested
        )
        if not chosen:
            return False
        path = Path(chosen)
        if path.suffix.lower() != ".mwp":
            path = path.with_name(path.name + ".mwp")
        return self._write(path, save_project_as)

    def _write(self, path: Path, write) -> bool:
        try:
            write(self.bridge.document, path)
        except ChangedOnDisk:
            return self._changed_on_disk(path)
        except ModelError as exc:
            dialogs.show_error(self.window, str(exc))
            return False
        except OSError as exc:
            dialogs.show_error(self.window, f"Cannot save {path}: {exc.strerror or exc}.")
            return False
        if path != self.path and self.autosaver is not None:
            self.autosaver.retarget(path)
        self._clear_failure()
        self.path = path
        self.servers.address = None  # saved as a file: the document is the file's now
        self.settings.add_recent(path)
        self._remember_measure()
        self.state_changed.emit()
        return True

    def _changed_on_disk(self, path: Path) -> bool:
        """Another window or program saved the file since we opened it: ask, never
        overwrite silently. True when the document ended up saved (or reloaded clean)."""
        answer = dialogs.ask_changed_on_disk(self.window, path.name)
        if answer == "overwrite":
            return self._write(path, partial(save_project, overwrite=True))
        if answer == "save_as":
            return self.save_as()
        if answer == "reload":
            return self._load(path)
        return False

    def _file_path(self) -> Path | None:
        """The project's own file (not a server project's recovery file)."""
        return self.path if self.servers.address is None else None

    def _remember_measure(self, *_args) -> None:
        """The measure shown, kept for the project's file (nothing without one)."""
        path = self._file_path()
        if path is not None:
            self.settings.remember_measure(path, self.bridge.shown_measure)

    def maybe_save(self) -> bool:
        """True when the current document may be replaced or closed (saved or discarded)."""
        if not self.bridge.document.is_modified:
            return True
        answer = dialogs.ask_save_changes(self.window, self.display_name())
        if answer == "save":
            return self.save()
        return answer == "discard"

    def autosave(self) -> None:
        """Start a recovery write if one is due: a snapshot here, the write on a worker
        thread, so a large project's autosave never stalls the window."""
        if self.autosaver is None:
            return
        try:  # a failure never interrupts typing: the status bar says it, the next tick retries
            self.autosaver.maybe_save()
            failure = self.autosaver.error
        except (ModelError, OSError) as exc:
            failure = exc
        if failure is None:
            if not self.autosaver.writing:
                self._clear_failure()
            return
        self.window.statusBar().showMessage(f"Autosave failed ({failure}); it will try again.")
        self._failure_shown = True

    def _clear_failure(self) -> None:
        """A write has succeeded since the failure shown: the warning no longer holds."""
        if self._failure_shown:
            self.window.statusBar().clearMessage()
            self._failure_shown = False

    def close(self) -> None:
        """A clean close: the recovery file goes (the analyst saved or chose to discard),
        after a recovery write still running has ended."""
        self.timer.stop()
        if self.autosaver is not None:
            self.autosaver.close()
            self.autosaver = None


def _template_fields() -> list[dialogs.Field]:
    year = dt.date.today().year
    return [
        dialogs.Field("title", "Title", value="New market"),
        dialogs.Field("unit", "Unit", value="USD billions"),
        dialogs.Field(
            "first_year", "First history year", "int", year - 6, minimum=1900, maximum=2200
        ),
        dialogs.Field(
            "base_year", "Base year (last history)", "int", year - 1, minimum=1900, maximum=2200
        ),
        dialogs.Field(
            "last_year", "Last forecast year", "int", year + 6, minimum=1900, maximum=2200
        ),
        dialogs.Field(
            "dimensions",
            "Dimensions (one per line: Name: segment, segment)",
            "multiline",
            "Region: North America, Europe, Asia Pacific, Rest of world",
        ),
        dialogs.Field(
            "scenarios", "Scenarios (comma separated)", value="Base, Optimistic, Pessimistic"
        ),
    ]


def _names(text: str) -> list[str]:
    return [n.strip() for n in text.split(",") if n.strip()]


def _dimensions(text: str) -> dict[str, list[str]]:
    """'Region: North America, Europe' lines → {'Region': ['North America', 'Europe']}."""
    out: dict[str, list[str]] = {}
    for line in text.splitlines():
        if not line.strip():
            continue
        name, _, members = line.partition(":")
        if not name.strip():
            raise ModelError(f"The dimension line {line.strip()!r} needs a name before the colon.")
        out[name.strip()] = _names(members)
    return out
