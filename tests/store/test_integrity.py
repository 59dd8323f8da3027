"""SQLite's structure check runs beside the read and still decides first: a damaged file
is refused with what the check says, whether the thread or the open's own connection ran
it, and whatever reading the damaged rows ran into meanwhile."""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

import pytest

from tests.store.support import folder_state, small_project
from workbench.store import StoreError, integrity, open_project


def _damaged(path: Path, every: int) -> Path:
    """Pages overwritten with a pattern (every `every`-th page from the third)."""
    data = bytearray(path.read_bytes())
    for offset in range(8192, len(data), 4096 * every):
        data[offset : offset + 600] = bytes(range(200)) * 3
    path.write_bytes(bytes(data))
    return path


def _check_says(path: Path) -> str:
    """What the structure check alone says of the file, as the end of the sentence."""
    connection = sqlite3.connect(path)
    try:
        found = connection.execute("PRAGMA quick_check(1)").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        return f"({exc})."
    finally:
        connection.close()
    assert found != "ok"
    return "(its integrity check failed)."


@pytest.mark.parametrize("every", [1, 3, 7])
@pytest.mark.parametrize("aside", [True, False], ids=["in-a-thread", "on-the-open-s-connection"])
def test_a_damaged_file_is_refused_with_what_the_check_says(
    project_file, monkeypatch, every, aside
):
    if not aside:  # the second connection could not check: the open's own one does
        monkeypatch.setattr(integrity, "_check_aside", lambda path, said: None)
    _damaged(project_file, every)
    expected = f"{project_file} is damaged and cannot be opened {_check_says(project_file)}"
    before = folder_state(project_file.parent)
    with pytest.raises(StoreError) as caught:
        open_project(project_file)
    assert str(caught.value) == expected
    assert folder_state(project_file.parent) == before


def test_a_sound_file_opens_when_the_thread_cannot_check(project_file, monkeypatch):
    calls = []
    monkeypatch.setattr(integrity, "_check_aside", lambda path, said: calls.append(path))
    assert open_project(project_file).project == small_project()
    assert calls == [project_file]


def test_a_sound_file_is_checked_by_the_thread_alone(project_file, monkeypatch):
    """The thread's check is what saves the time: the open's own connection does not
    check again. (A damaged file is always checked again there, so the cases above pass
    whether or not the thread ran.)"""
    again = []
    monkeypatch.setattr(integrity, "_check", again.append)
    assert open_project(project_file).project == small_project()
    assert again == []


def test_a_save_waiting_to_commit_neither_holds_up_the_open_nor_fails(project_file, monkeypatch):
    """Another program's save reaches its commit while the file is being opened: it waits
    for the open's shared lock and so refuses the thread's new connection. The thread
    gives up at once (it never waits on the save, which waits on the open), the open
    checks on its own connection and reads the state before the save, and the save
    commits when the open is done."""
    check_aside, gave, saves = integrity._check_aside, [], []

    def with_a_save_committing(path: Path, said: list[bool]) -> None:
        committing = threading.Event()
        saving = threading.Thread(target=_save, args=(path, committing))
        saving.start()
        saves.append(saving)
        committing.wait()
        time.sleep(0.3)  # the save is inside COMMIT, holding SQLite's pending lock
        started = time.monotonic()
        check_aside(path, said)
        gave.append((list(said), time.monotonic() - started))

    monkeypatch.setattr(integrity, "_check_aside", with_a_save_committing)
    opened = open_project(project_file)
    saves[0].join()
    [(said, waited)] = gave
    assert said == [], "the thread could not check"
    assert waited < 2.5, "the thread waited on the save, which waits on the open"
    assert opened.project.metadata.title == small_project().metadata.title
    assert open_project(project_file).project.metadata.title == "Saved meanwhile"


def _save(path: Path, committing: threading.Event) -> None:
    writer = sqlite3.connect(path, isolation_level=None, timeout=30)
    try:
        writer.execute("BEGIN IMMEDIATE")
        writer.execute("UPDATE metadata SET title = 'Saved meanwhile'")
        committing.set()
        writer.execute("COMMIT")
    finally:
        writer.close()
