"""Autosave to a recovery file, finding it after a crash, recovering it, and cleaning up."""

from __future__ import annotations

import os
import re

import pytest

from tests.store.support import dump_of, folder_state
from workbench.core import commands as c
from workbench.core.sample import sample_document
from workbench.store import (
    Autosaver,
    SqliteStore,
    StoreError,
    discard_recovery,
    find_recovery,
    open_project,
    recover,
    recovery_path,
    save_project,
    save_project_as,
    write_recovery,
)


@pytest.fixture
def saved(tmp_path):
    """A saved sample project and its document, with one unsaved edit."""
    path = tmp_path / "market.mwp"
    document = sample_document()
    save_project(document, path)
    document.execute(c.SetHistory("tiktok", 2020, 1.25))
    return path, document


def test_the_recovery_file_sits_hidden_beside_the_project(tmp_path):
    assert recovery_path(tmp_path / "market.mwp") == tmp_path / ".market.mwp.recovery"
    with pytest.raises(StoreError, match="A project without a file needs a folder"):
        recovery_path(None)
    with pytest.raises(StoreError, match="A project without a file needs its document"):
        recovery_path(None, tmp_path)


def test_each_untitled_document_has_a_recovery_file_of_its_own(tmp_path):
    first, second = sample_document(), sample_document()
    named = recovery_path(None, tmp_path, first)
    assert named == recovery_path(None, tmp_path, first), "stable for one document"
    assert named != recovery_path(None, tmp_path, second)
    assert re.fullmatch(rf"\.Untitled-{os.getpid()}-[0-9a-f]{{12}}\.mwp\.recovery", named.name)


def test_autosave_leaves_the_project_file_alone_and_recovers_the_edits(saved):
    path, document = saved
    before = path.read_bytes()
    written = write_recovery(document, path)
    assert written == recovery_path(path)
    assert path.read_bytes() == before
    assert document.is_modified
    assert find_recovery(path) == written
    recovered = recover(path)
    assert dump_of(recovered) == dump_of(document)
    assert recovered.is_modified


def test_a_recovered_document_saves_its_project_whole(saved):
    path, document = saved
    write_recovery(document, path)
    recovered = recover(path)
    recovered.execute(c.SetHistory("kwai", 2020, 0.5))
    save_project(recovered, path)
    assert dump_of(open_project(path)) == dump_of(recovered)
    assert not recovered.is_modified


def test_a_recovery_file_older_than_the_project_is_not_offered(saved):
    """The project was saved after the recovery file was written (and the app was killed
    before it removed it): the saved project holds the later work."""
    path, document = saved
    written = write_recovery(document, path)
    stamp = written.stat().st_mtime_ns
    save_project_as(document, path)
    os.utime(path, ns=(stamp + 10**9, stamp + 10**9))
    assert find_recovery(path) is None


def test_a_project_touched_but_not_saved_since_still_offers_its_recovery(saved):
    """A Save killed before it committed touches the project's time, not its content."""
    path, document = saved
    written = write_recovery(document, path)
    stamp = written.stat().st_mtime_ns
    os.utime(path, ns=(stamp + 10**9, stamp + 10**9))
    assert find_recovery(path) == written


def test_no_recovery_file_nothing_offered_and_recover_refuses(saved):
    path, _document = saved
    assert find_recovery(path) is None
    before = folder_state(path.parent)
    with pytest.raises(StoreError, match=r"^There is no recovered work for .*market\.mwp\.$"):
        recover(path)
    assert folder_state(path.parent) == before


def test_an_untitled_project_recovers_from_the_folder(tmp_path):
    document = sample_document()
    document.execute(c.SetHistory("tiktok", 2020, 1.25))
    written = write_recovery(document, None, tmp_path)
    assert find_recovery(None, tmp_path) == written == recovery_path(None, tmp_path, document)
    assert dump_of(recover(None, tmp_path)) == dump_of(document)
    discard_recovery(None, tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_discard_removes_the_recovery_file_only(saved):
    path, document = saved
    write_recovery(document, path)
    discard_recovery(path)
    discard_recovery(path)
    assert [p.name for p in path.parent.iterdir()] == ["market.mwp"]


def test_the_store_interface_offers_and_recovers(saved):
    path, document = saved
    store = SqliteStore()
    assert not store.has_recovery(path)
    write_recovery(document, path)
    assert store.has_recovery(path)
    assert dump_of(store.recover(path)) == dump_of(document)
    store.discard_recovery(path)
    assert not store.has_recovery(path)


# -- the autosaver ----------------------------------------------------------------------------


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_autosave_after_enough_edits(tmp_path):
    path = tmp_path / "m.mwp"
    document = sample_document()
    save_project(document, path)
    saver = Autosaver(document, path, every_seconds=3600, every_edits=3, clock=Clock())
    document.execute(c.SetHistory("tiktok", 2020, 1.0))
    document.execute(c.SetHistory("tiktok", 2021, 2.0))
    assert saver.maybe_save() is None
    document.execute(c.SetHistory("tiktok", 2022, 3.0))
    assert saver.maybe_save() == recovery_path(path)
    assert dump_of(recover(path)) == dump_of(document)
    assert saver.edits == 0 and saver.maybe_save() is None


def test_autosave_after_enough_seconds_since_the_first_unsaved_edit(tmp_path):
    path = tmp_path / "m.mwp"
    document = sample_document()
    save_project(document, path)
    clock = Clock()
    saver = Autosaver(document, path, every_seconds=60, every_edits=1000, clock=clock)
    assert saver.tick(100.0) is None
    clock.now = 10.0
    document.execute(c.SetHistory("tiktok", 2020, 1.0))
    assert saver.tick(69.0) is None
    assert saver.tick(70.0) == recovery_path(path)
    assert find_recovery(path) == recovery_path(path)


def test_undoing_back_to_the_saved_state_removes_the_autosave(tmp_path):
    path = tmp_path / "m.mwp"
    document = sample_document()
    save_project(document, path)
    saver = Autosaver(document, path, every_edits=1)
    document.execute(c.SetHistory("tiktok", 2020, 1.0))
    assert saver.maybe_save() is not None
    document.undo()
    assert saver.maybe_save() is None
    assert not recovery_path(path).exists()


def test_a_clean_close_removes_the_autosave_but_never_one_left_by_a_crash(tmp_path):
    path = tmp_path / "m.mwp"
    document = sample_document()
    save_project(document, path)
    document.execute(c.SetHistory("tiktok", 2020, 1.0))
    write_recovery(document, path)  # left by an earlier session that crashed
    saver = Autosaver(document, path, every_edits=5)
    saver.maybe_save()
    saver.close()
    assert recovery_path(path).exists()
    saver = Autosaver(document, path, every_edits=1)
    document.execute(c.SetHistory("tiktok", 2021, 1.0))
    saver.maybe_save()
    saver.close()
    assert not recovery_path(path).exists()
    document.execute(c.SetHistory("tiktok", 2022, 1.0))
    assert saver.edits == 0, "a closed autosaver stops counting"


def test_save_as_moves_the_autosave_to_the_new_name(tmp_path):
    document = sample_document()
    saver = Autosaver(document, None, every_edits=1, folder=tmp_path)
    document.execute(c.SetHistory("tiktok", 2020, 1.0))
    assert saver.maybe_save() == recovery_path(None, tmp_path, document)
    save_project(document, tmp_path / "named.mwp")
    saver.retarget(tmp_path / "named.mwp")
    assert [p.name for p in tmp_path.iterdir()] == ["named.mwp"]
    document.execute(c.SetHistory("tiktok", 2021, 1.0))
    assert saver.maybe_save() == recovery_path(tmp_path / "named.mwp")
