"""Autosave in the window: written on a worker thread, never touching the document; untitled
work from crashed sessions offered at start, newest first."""

from __future__ import annotations

import datetime as dt
import os
import threading

import pytest

from workbench.core.commands import SetHistory
from workbench.core.project import TOTAL
from workbench.core.sample import sample_document
from workbench.gui.bridge import DocumentBridge
from workbench.gui.main_window import MainWindow
from workbench.store import autosave as autosave_module
from workbench.store import find_recoveries, open_project, save_project_as, write_recovery


def recovery_files(folder) -> list:
    return sorted(folder.glob(".Untitled-*.mwp.recovery"))


@pytest.fixture
def gated_writes(monkeypatch):
    """Recovery writes wait for `release.set()`; the threads they ran on are recorded."""
    release = threading.Event()
    threads: list[int] = []
    real = autosave_module.write_copy

    def gated(project, target, counter=None):
        threads.append(threading.get_ident())
        assert release.wait(10), "the test never released the write"
        real(project, target, counter)

    monkeypatch.setattr(autosave_module, "write_copy", gated)
    release.threads = threads
    yield release
    release.set()  # never leave a worker waiting


def test_the_timer_autosaves_without_touching_the_document(qtbot, window, recovery_dir):
    files = window.files
    files.autosaver.every_edits = 1
    files.timer.setInterval(10)
    window.bridge.execute(SetHistory(TOTAL, 2024, 9.5))
    document = window.bridge.document
    state, undo_text = document.state, document.undo_text
    qtbot.waitUntil(lambda: len(recovery_files(recovery_dir)) == 1 and not files.autosaver.writing)
    assert document.state == state and document.undo_text == undo_text
    assert document.is_modified and window.isWindowModified()
    recovered = open_project(recovery_files(recovery_dir)[0])
    assert recovered.project.history[(TOTAL, 2024)] == 9.5


def test_the_window_keeps_working_while_the_write_runs(qtbot, window, recovery_dir, gated_writes):
    files = window.files
    files.autosaver.every_edits = 1
    window.bridge.execute(SetHistory(TOTAL, 2024, 9.5))
    files.autosave()  # returns at once: the write is held on its worker
    assert files.autosaver.writing and recovery_files(recovery_dir) == []
    assert threading.get_ident() not in gated_writes.threads
    window.bridge.execute(SetHistory(TOTAL, 2024, 7.25))  # typing goes on
    assert window.bridge.document.project.history[(TOTAL, 2024)] == 7.25
    gated_writes.set()
    qtbot.waitUntil(lambda: len(recovery_files(recovery_dir)) == 1)
    files.autosaver.wait()
    recovered = open_project(recovery_files(recovery_dir)[0])
    assert recovered.project.history[(TOTAL, 2024)] == 9.5, "the snapshot taken at the tick"


def test_closing_during_a_write_waits_and_leaves_no_recovery_file(
    window, recovery_dir, gated_writes
):
    files = window.files
    files.autosaver.every_edits = 1
    window.bridge.execute(SetHistory(TOTAL, 2024, 9.5))
    files.autosave()
    threading.Timer(0.05, gated_writes.set).start()
    files.maybe_save = lambda: True  # the analyst discards the changes
    assert window.close()
    assert files.autosaver is None
    assert list(recovery_dir.iterdir()) == []


def crashed_session(folder, value: float, mtime: int):
    """What an untitled project of a session that died leaves: its recovery file."""
    document = sample_document()
    document.execute(SetHistory(TOTAL, 2024, value))
    path = write_recovery(document, None, folder)
    os.utime(path, (mtime, mtime))
    return path


def local_minute(stamp: int) -> str:
    return dt.datetime.fromtimestamp(stamp).strftime("%Y-%m-%d %H:%M")


def test_untitled_work_is_offered_newest_first_before_the_last_project(
    qtbot, dialogs, settings, recovery_dir, tmp_path
):
    last = tmp_path / "last.mwp"
    save_project_as(sample_document(), last)
    settings.add_recent(last)
    older = crashed_session(recovery_dir, 1.5, 1_000_000)
    crashed_session(recovery_dir, 2.5, 2_000_000)
    dialogs.queue("confirm", False, True)  # decline the newest, take the older
    main = MainWindow(DocumentBridge(sample_document()), settings, recovery_dir)
    main.start()
    assert [args[1] for _name, args in dialogs.asked] == [
        f"Unsaved work on an unsaved project from {stamp} was recovered after the app closed "
        "unexpectedly. Restore it?"
        for stamp in (local_minute(2_000_000), local_minute(1_000_000))
    ]
    assert main.bridge.document.project.history[(TOTAL, 2024)] == 1.5
    assert main.files.path is None and main.isWindowModified()
    assert find_recoveries(None, recovery_dir) == [older], "the declined one is discarded"
    main.files.maybe_save = lambda: True
    main.close()
    assert list(recovery_dir.iterdir()) == [], "a clean close removes the recovered file"


def test_without_untitled_work_the_last_project_opens(
    qtbot, dialogs, settings, recovery_dir, tmp_path
):
    last = tmp_path / "last.mwp"
    save_project_as(sample_document(), last)
    settings.add_recent(last)
    main = MainWindow(DocumentBridge(sample_document()), settings, recovery_dir)
    main.start()
    assert main.files.path == last.resolve() and dialogs.asked == []
    main.close()


def test_reopening_after_discarding_offers_no_recovery_of_this_sessions_autosave(
    qtbot, window, dialogs, tmp_path
):
    path = tmp_path / "market.mwp"
    save_project_as(sample_document(), path)
    assert window.files.open_path(path)
    window.files.autosaver.every_edits = 1
    window.bridge.execute(SetHistory(TOTAL, 2024, 9.5))
    window.files.autosave()
    window.files.autosaver.wait()
    assert find_recoveries(path) == [tmp_path / ".market.mwp.recovery"]
    dialogs.queue("ask_save_changes", "discard")
    assert window.files.open_path(path)
    assert [name for name, _args in dialogs.asked] == ["ask_save_changes"], "no restore offer"
    assert window.bridge.document.project.history[(TOTAL, 2024)] != 9.5
    assert not (tmp_path / ".market.mwp.recovery").exists()


def test_a_failed_autosave_says_so_in_the_status_bar_and_typing_goes_on(
    qtbot, window, recovery_dir, monkeypatch
):
    def full_disk(project, target, counter=None):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(autosave_module, "write_copy", full_disk)
    files = window.files
    files.autosaver.every_edits = 1
    files.timer.setInterval(10)
    assert window.bridge.execute(SetHistory(TOTAL, 2024, 9.5))
    qtbot.waitUntil(lambda: "Autosave failed" in window.statusBar().currentMessage())
    assert "No space left on device" in window.statusBar().currentMessage()
    assert window.bridge.execute(SetHistory(TOTAL, 2023, 5.5))
    assert recovery_files(recovery_dir) == []


def test_closing_after_a_failed_background_write_raises_nothing(qtbot, window, monkeypatch):
    """The failed write's error is moot once the analyst closes: nothing is raised."""

    def full_disk(project, target, counter=None):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(autosave_module, "write_copy", full_disk)
    saver = window.files.autosaver
    saver.every_edits = 1
    assert window.bridge.execute(SetHistory(TOTAL, 2024, 9.5))
    saver.maybe_save()
    qtbot.waitUntil(lambda: not saver.writing)
    window.files.close()
    assert window.files.autosaver is None
