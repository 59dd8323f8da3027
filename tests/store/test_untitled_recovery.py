"""Untitled work: one recovery file per document, offered newest first, taken over on recovery."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.store.support import dump_of
from workbench.core import commands as c
from workbench.core.sample import sample_document
from workbench.store import (
    Autosaver,
    SqliteStore,
    StoreError,
    discard_recovery,
    find_recoveries,
    find_recovery,
    recover,
    recovery_path,
    save_project,
    write_recovery,
)


def edited_sample(value: float):
    document = sample_document()
    document.execute(c.SetHistory("tiktok", 2020, value))
    return document


def written(document, folder, mtime: int):
    """The untitled recovery file of `document`, dated `mtime` (seconds)."""
    path = write_recovery(document, None, folder)
    os.utime(path, (mtime, mtime))
    return path


def test_two_untitled_projects_keep_their_own_work(tmp_path):
    first, second = edited_sample(1.0), edited_sample(2.0)
    older = written(first, tmp_path, 1_000_000)
    newer = written(second, tmp_path, 2_000_000)
    assert find_recoveries(None, tmp_path) == [newer, older]
    assert find_recovery(None, tmp_path) == newer
    assert dump_of(recover(None, tmp_path)) == dump_of(second)
    assert dump_of(recover(None, tmp_path, recovery_file=older)) == dump_of(first)
    discard_recovery(None, tmp_path)
    assert find_recoveries(None, tmp_path) == [older]


def test_files_of_a_running_app_are_not_offered_but_those_of_a_dead_one_are(tmp_path):
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    document = edited_sample(1.0)
    template = write_recovery(document, None, tmp_path)
    running = tmp_path / f".Untitled-{os.getppid()}-0123456789ab.mwp.recovery"
    crashed = tmp_path / f".Untitled-{int(dead.stdout)}-0123456789ab.mwp.recovery"
    earlier_version = tmp_path / ".Untitled.mwp.recovery"
    for path in (running, crashed, earlier_version):
        path.write_bytes(template.read_bytes())
    (tmp_path / ".Untitled-notes.txt").write_text("not ours")
    assert set(find_recoveries(None, tmp_path)) == {template, crashed, earlier_version}


def test_nothing_to_offer_and_nowhere_to_look(tmp_path):
    assert find_recoveries(None, tmp_path) == []
    assert find_recoveries(None, tmp_path / "absent") == []
    with pytest.raises(StoreError, match=r"^There is no recovered work for Untitled\.mwp\.$"):
        recover(None, tmp_path)
    with pytest.raises(StoreError, match="needs a folder"):
        find_recovery(None)
    assert not SqliteStore(tmp_path).has_recovery(None)


def test_a_recovered_untitled_document_supersedes_then_removes_its_file(tmp_path):
    crashed = write_recovery(edited_sample(1.0), None, tmp_path)
    document = recover(None, tmp_path)
    saver = Autosaver(document, None, every_edits=1, folder=tmp_path)
    document.execute(c.SetHistory("tiktok", 2021, 5.0))
    now = saver.maybe_save()
    assert now == recovery_path(None, tmp_path, document) != crashed
    assert find_recoveries(None, tmp_path) == [now], "the crashed file is superseded"
    saver.close()
    assert list(tmp_path.iterdir()) == []


def test_closing_a_recovered_project_without_saving_removes_the_recovery_file(tmp_path):
    path = tmp_path / "m.mwp"
    document = sample_document()
    save_project(document, path)
    write_recovery(edited_sample(3.0), path)
    saver = Autosaver(recover(path), path)
    saver.close()  # the analyst looked and discarded the recovered work
    assert find_recovery(path) is None
    assert [p.name for p in tmp_path.iterdir()] == ["m.mwp"]
