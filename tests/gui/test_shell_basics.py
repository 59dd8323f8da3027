"""Settings, the undo mirror and the navigator, each on its own."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMainWindow

from workbench.core.commands import SetHistory, SetMetadata
from workbench.core.project import TOTAL
from workbench.core.sample import sample_document
from workbench.gui.bridge import DocumentBridge
from workbench.gui.settings import MAX_RECENT, Settings
from workbench.gui.undo import UndoMirror


def test_recent_files_newest_first_without_repeats(settings, tmp_path):
    paths = [tmp_path / f"p{i}.mwp" for i in range(MAX_RECENT + 2)]
    for path in paths:
        settings.add_recent(path)
    settings.add_recent(paths[3])
    recent = Settings.at(tmp_path / "settings.ini").recent_files()  # read back from disk
    assert recent[0] == str(paths[3].resolve())
    assert recent[1] == str(paths[-1].resolve())
    assert len(recent) == MAX_RECENT and len(set(recent)) == MAX_RECENT


def test_last_project_only_when_it_exists_and_wanted(settings, tmp_path):
    project = tmp_path / "m.mwp"
    settings.add_recent(project)
    assert settings.last_project() is None  # not on disk
    project.write_bytes(b"x")
    assert settings.last_project() == str(project.resolve())
    settings.reopen_last = False
    assert Settings.at(tmp_path / "settings.ini").last_project() is None


def test_window_geometry_persists(qtbot, settings, tmp_path):
    first = QMainWindow()
    qtbot.addWidget(first)
    first.resize(700, 500)
    settings.save_window(first)
    second = QMainWindow()
    qtbot.addWidget(second)
    Settings.at(tmp_path / "settings.ini").restore_window(second)
    assert (second.width(), second.height()) == (700, 500)


def test_autosave_interval_falls_back_on_garbage(settings):
    settings.store.setValue("preferences/autosave_seconds", "soon")
    assert settings.autosave_seconds == 60
    settings.autosave_seconds = 2
    assert settings.autosave_seconds == 5  # never more often than every five seconds


@pytest.fixture
def mirrored(qtbot):
    bridge = DocumentBridge(sample_document())
    return bridge, UndoMirror(bridge)


def test_undo_mirror_names_the_edit_and_replays_it(mirrored):
    bridge, mirror = mirrored
    project = bridge.document.project
    before = project.history[(TOTAL, 2024)]
    assert bridge.execute(SetHistory(TOTAL, 2024, 99.5))
    assert bridge.execute(SetMetadata(title="Renamed"))
    stack = mirror.stack
    assert stack.count() == 2
    assert stack.undoText() == "Edit project details"
    assert stack.createUndoAction(mirror).text() == "Undo Edit project details"
    stack.undo()
    stack.undo()
    assert project.history[(TOTAL, 2024)] == before
    assert project.metadata.title != "Renamed"
    assert not bridge.document.is_modified
    stack.redo()
    assert project.history[(TOTAL, 2024)] == 99.5
    assert stack.count() == 2 and stack.index() == 1  # replays pushed nothing new


def test_undo_mirror_clears_on_a_new_document(mirrored):
    bridge, mirror = mirrored
    bridge.execute(SetHistory(TOTAL, 2024, 1.0))
    bridge.replace_document(sample_document())
    assert mirror.stack.count() == 0
    assert not mirror.stack.canUndo()


def test_refused_edit_pushes_nothing(mirrored):
    bridge, mirror = mirrored
    seen = []
    bridge.error.connect(seen.append)
    assert not bridge.execute(SetHistory(TOTAL, 1900, 1.0))
    assert mirror.stack.count() == 0
    assert "1900" in seen[0]
