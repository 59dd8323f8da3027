"""Autosave on a worker thread: a snapshot is written, the document is never touched."""

from __future__ import annotations

import threading

import pytest

from tests.store.support import dump_of
from workbench.core import commands as c
from workbench.core.sample import sample_document
from workbench.store import Autosaver, StoreError, recover, recovery_path, save_project
from workbench.store import autosave as autosave_module


class GatedWrites:
    """Replaces the recovery write: each one waits for `release` and records its thread."""

    def __init__(self, monkeypatch, fail: bool = False) -> None:
        self.release = threading.Event()
        self.threads: list[int] = []
        self.fail = fail
        real = autosave_module.write_copy

        def gated(project, target, counter=None):
            self.threads.append(threading.get_ident())
            assert self.release.wait(10), "the test never released the write"
            if self.fail:
                raise StoreError(f"Cannot save {target}: no space left on device.")
            real(project, target, counter)

        monkeypatch.setattr(autosave_module, "write_copy", gated)


@pytest.fixture
def saved(tmp_path):
    path = tmp_path / "m.mwp"
    document = sample_document()
    save_project(document, path)
    return path, document


def autosaver(document, path, **options) -> Autosaver:
    """A background autosaver on `document`, which then gets one unsaved edit."""
    saver = Autosaver(document, path, in_background=True, **options)
    document.execute(c.SetHistory("tiktok", 2020, 1.0))
    return saver


def test_the_write_runs_on_a_worker_and_sees_a_snapshot(monkeypatch, saved):
    path, document = saved
    writes = GatedWrites(monkeypatch)
    saver = autosaver(document, path, every_edits=1)
    snapshot = dump_of(document)
    state, undo_text = document.state, document.undo_text
    target = saver.maybe_save()  # returns while the write is held
    assert target == recovery_path(path) and not target.exists()
    assert saver.writing
    assert (document.state, document.undo_text, document.is_modified) == (state, undo_text, True)
    document.execute(c.SetHistory("tiktok", 2021, 2.0))  # edits go on meanwhile
    assert saver.maybe_save() is None, "one write at a time: this tick is skipped"
    writes.release.set()
    saver.wait()
    assert writes.threads and threading.get_ident() not in writes.threads
    assert dump_of(recover(path)) == snapshot, "the state when the tick came, not later edits"
    assert saver.edits == 1, "the later edit waits for the next write"
    assert saver.maybe_save() == target
    saver.wait()
    assert dump_of(recover(path)) == dump_of(document)


def test_a_failed_background_write_is_reported_and_retried(monkeypatch, saved):
    path, document = saved
    writes = GatedWrites(monkeypatch, fail=True)
    saver = autosaver(document, path, every_seconds=3600, every_edits=1)
    writes.release.set()
    saver.maybe_save()
    saver.wait()
    assert str(saver.error) == f"Cannot save {recovery_path(path)}: no space left on device."
    assert saver.edits == 1, "the edits still wait for a write"
    writes.fail = False
    assert saver.maybe_save() == recovery_path(path)
    saver.wait()
    assert saver.error is None
    assert dump_of(recover(path)) == dump_of(document)


def test_a_bug_in_the_worker_is_raised_on_the_autosavers_thread(monkeypatch, saved):
    path, document = saved
    monkeypatch.setattr(autosave_module, "write_copy", lambda *_args: 1 / 0)
    saver = autosaver(document, path, every_edits=1)
    saver.maybe_save()
    with pytest.raises(ZeroDivisionError):
        saver.wait()


def test_closing_waits_for_the_running_write_then_removes_its_file(monkeypatch, saved):
    path, document = saved
    writes = GatedWrites(monkeypatch)
    saver = autosaver(document, path, every_edits=1)
    saver.maybe_save()
    threading.Timer(0.05, writes.release.set).start()
    saver.close()
    assert not saver.writing
    assert not recovery_path(path).exists()


def test_saving_while_a_write_runs_removes_the_recovery_file_on_the_next_tick(monkeypatch, saved):
    path, document = saved
    writes = GatedWrites(monkeypatch)
    saver = autosaver(document, path, every_edits=1)
    saver.maybe_save()
    save_project(document, path)
    writes.release.set()
    saver.wait()
    assert recovery_path(path).exists()
    assert saver.maybe_save() is None
    assert not recovery_path(path).exists()
