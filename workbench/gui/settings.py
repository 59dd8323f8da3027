"""What the app remembers between runs: window layout, recent files, the measure each
project file was last shown in, preferences.

Everything goes through one `Settings` object around a `QSettings`, so tests hand the
main window settings in a temporary INI file and never touch the user's real ones.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QMainWindow

ORGANISATION = "Market Workbench"
APPLICATION = "Market Workbench"
MAX_RECENT = 8
MAX_MEASURES = 100
"""Project files whose measure is remembered (the oldest choice is forgotten first)."""
DEFAULT_AUTOSAVE_SECONDS = 60


class Settings:
    def __init__(self, store: QSettings | None = None) -> None:
        self.store = store if store is not None else QSettings(ORGANISATION, APPLICATION)

    @classmethod
    def at(cls, path: str | Path) -> Settings:
        """Settings kept in an INI file of their own (tests, portable installs)."""
        return cls(QSettings(str(path), QSettings.Format.IniFormat))

    # -- window layout ---------------------------------------------------------------------

    def restore_window(self, window: QMainWindow) -> None:
        geometry = self.store.value("window/geometry")
        state = self.store.value("window/state")
        if isinstance(geometry, QByteArray):
            window.restoreGeometry(geometry)
        else:
            window.resize(1360, 860)
        if isinstance(state, QByteArray):
            window.restoreState(state)

    def save_window(self, window: QMainWindow) -> None:
        self.store.setValue("window/geometry", window.saveGeometry())
        self.store.setValue("window/state", window.saveState())
        self.store.sync()

    # -- recent files ----------------------------------------------------------------------

    def recent_files(self) -> list[str]:
        return self._strings("files/recent")

    def add_recent(self, path: str | Path) -> None:
        path = str(Path(path).resolve())
        recent = [path, *(p for p in self.recent_files() if p != path)]
        self.store.setValue("files/recent", recent[:MAX_RECENT])
        self.store.setValue("files/last", path)

    def remove_recent(self, path: str) -> None:
        self.store.setValue("files/recent", [p for p in self.recent_files() if p != path])

    def last_project(self) -> str | None:
        """The project to open at start, when the preference asks for it and it still exists."""
        if not self.reopen_last:
            return None
        last = self.store.value("files/last")
        return str(last) if last and Path(str(last)).is_file() else None

    # -- the measure shown, per project file ------------------------------------------------

    def remembered_measure(self, path: str | Path) -> str | None:
        """The measure (its id) the project file was last shown in, if any."""
        where = str(Path(path).resolve())
        for entry in self._strings("files/measures"):
            measure_id, _, entry_path = entry.partition("|")  # ids never hold a "|"
            if entry_path == where:
                return measure_id
        return None

    def remember_measure(self, path: str | Path, measure_id: str) -> None:
        """Keep `measure_id` for the file (written at once: a crash keeps the choice)."""
        where = str(Path(path).resolve())
        others = [e for e in self._strings("files/measures") if e.partition("|")[2] != where]
        self.store.setValue("files/measures", [f"{measure_id}|{where}", *others][:MAX_MEASURES])
        self.store.sync()

    # -- team servers ----------------------------------------------------------------------

    def servers(self) -> list[str]:
        """Team servers used before, newest first: addresses without any password."""
        return self._strings("servers/known")

    def add_server(self, server: str) -> None:
        """Remember a server; the caller passes it without password (libpq keeps those)."""
        known = [server, *(s for s in self.servers() if s != server)]
        self.store.setValue("servers/known", known[:MAX_RECENT])

    # -- preferences -----------------------------------------------------------------------

    @property
    def reopen_last(self) -> bool:
        return _as_bool(self.store.value("preferences/reopen_last", True))

    @reopen_last.setter
    def reopen_last(self, value: bool) -> None:
        self.store.setValue("preferences/reopen_last", bool(value))

    @property
    def autosave_seconds(self) -> int:
        value = self.store.value("preferences/autosave_seconds", DEFAULT_AUTOSAVE_SECONDS)
        try:
            return max(5, int(value))
        except (TypeError, ValueError):
            return DEFAULT_AUTOSAVE_SECONDS

    @autosave_seconds.setter
    def autosave_seconds(self, value: int) -> None:
        self.store.setValue("preferences/autosave_seconds", int(value))


    def _strings(self, key: str) -> list[str]:
        value = self.store.value(key, [])
        if isinstance(value, str):  # QSettings collapses a one-item list to its item
            value = [value]
        return [str(v) for v in value or []]


def _as_bool(value: object) -> bool:
    """INI files give booleans back as the strings 'true'/'false'."""
    if isinstance(value, str):
        return value.strip().lower() in ("true", "1", "yes")
    return bool(value)
