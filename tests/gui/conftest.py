"""Fixtures for the desktop shell: settings in a temporary place, scripted dialogs.

Every GUI test (the shell's and the pages') gets QSettings redirected to its own
temporary folder, so no test reads or writes the user's real settings. The shell's tests
script the modal dialogs through `dialogs`: each answer is queued up front and a dialog
nobody expected fails the test instead of blocking it.
"""

from __future__ import annotations

from collections import defaultdict, deque

import pytest
from PySide6.QtCore import QSettings

from workbench.core.sample import sample_document
from workbench.gui import dialogs as dialogs_module
from workbench.gui.bridge import DocumentBridge
from workbench.gui.main_window import MainWindow
from workbench.gui.settings import Settings
from workbench.store import save_project_as


@pytest.fixture(autouse=True)
def temporary_qsettings(tmp_path):
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
        QSettings.setPath(QSettings.Format.IniFormat, scope, str(tmp_path / "qsettings"))


class ScriptedDialogs:
    """Queued answers per dialog function; errors and infos are recorded, not shown."""

    ASKING = (
        "confirm",
        "ask_save_changes",
        "ask_changed_on_disk",
        "ask_open_path",
        "ask_save_path",
        "ask_text",
        "ask_item",
        "ask_form",
        "ask_dialog",
    )

    def __init__(self) -> None:
        self.answers: dict[str, deque] = defaultdict(deque)
        self.errors: list[str] = []
        self.infos: list[str] = []
        self.asked: list[tuple[str, tuple]] = []

    def queue(self, name: str, *answers) -> None:
        assert name in self.ASKING, name
        self.answers[name].extend(answers)

    def answer(self, name: str, args: tuple):
        self.asked.append((name, args))
        if not self.answers[name]:
            raise AssertionError(f"Unexpected dialog {name}{args[1:]!r}")
        return self.answers[name].popleft()

    def install(self, monkeypatch) -> None:
        monkeypatch.setattr(dialogs_module, "show_error", lambda _p, text: self.errors.append(text))
        monkeypatch.setattr(dialogs_module, "show_info", lambda _p, text: self.infos.append(text))
        for name in self.ASKING:
            monkeypatch.setattr(
                dialogs_module, name, lambda *args, _name=name, **_options: self.answer(_name, args)
            )


@pytest.fixture
def dialogs(monkeypatch):
    scripted = ScriptedDialogs()
    scripted.install(monkeypatch)
    return scripted


@pytest.fixture
def settings(tmp_path):
    return Settings.at(tmp_path / "settings.ini")


@pytest.fixture
def saved_sample(tmp_path):
    """The built-in sample saved as `market.mwp` in the test's folder."""
    path = tmp_path / "market.mwp"
    save_project_as(sample_document(), path)
    return path


@pytest.fixture
def recovery_dir(tmp_path):
    folder = tmp_path / "recovery"
    folder.mkdir()
    return folder


@pytest.fixture
def fresh_home(tmp_path, monkeypatch):
    """A fresh machine: empty HOME and XDG folders, before the window is made."""
    for variable in ("HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(variable, str(tmp_path / "fresh" / variable.lower()))


@pytest.fixture
def shown_until_teardown(qtbot):
    """`shown_until_teardown(window)`: shows `window` offscreen and closes it at the end of
    the test without asking about changes; returns it."""
    made: list[MainWindow] = []

    def show(main: MainWindow) -> MainWindow:
        main.show()
        qtbot.waitExposed(main)
        made.append(main)
        return main

    yield show
    for main in made:
        main.files.maybe_save = lambda: True  # the teardown close must not ask
        main.close()
        main.deleteLater()


@pytest.fixture
def make_window(dialogs, settings, recovery_dir, shown_until_teardown):
    """`make_window(document, size=None)`: a main window on `document`, shown offscreen,
    closed at the end of the test without asking about changes."""

    def make(document, size: tuple[int, int] | None = None) -> MainWindow:
        main = MainWindow(DocumentBridge(document), settings, recovery_dir)
        main.start(document=document)
        if size is not None:
            main.resize(*size)
        return shown_until_teardown(main)

    return make


@pytest.fixture
def type_backsolve_target(qtbot, monkeypatch):
    """`type_backsolve_target(segment, text)`: the next back-solve dialog gets `text` typed
    into `segment`'s target field, as an analyst types it, and is accepted."""

    def arrange(segment: str, text: str) -> None:
        def type_target(dialog) -> bool:
            field = dialog.fields[segment]
            field.selectAll()
            qtbot.keyClicks(field, text)
            return True

        monkeypatch.setattr(dialogs_module, "ask_dialog", type_target)

    return arrange


@pytest.fixture
def window(make_window):
    """The main window on a fresh sample document, shown offscreen."""
    return make_window(sample_document())
