"""Temporaries a killed whole-file write left behind are swept on the next open or save."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time

import pytest

from tests.store.support import dump_of, folder_state, small_project
from workbench.core import commands as c
from workbench.core.document import Document
from workbench.store import StoreError, open_project, recover, save_project, write_recovery
from workbench.store.temporaries import STALE_AFTER_SECONDS, process_alive, sweep, temporary_for


@pytest.fixture(scope="module")
def dead_pid() -> int:
    """The id of a process that has exited (and been reaped)."""
    child = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    pid = int(child.stdout)
    assert not process_alive(pid)
    return pid


@pytest.fixture
def saved(tmp_path):
    path = tmp_path / "market.mwp"
    document = Document(small_project())
    save_project(document, path)
    return path, document


def leave(folder, name: str, age_seconds: float = 0.0):
    path = folder / name
    path.write_bytes(b"half a project")
    stamp = time.time() - age_seconds
    os.utime(path, (stamp, stamp))
    return path


def names(folder) -> set[str]:
    return {p.name for p in folder.iterdir()}


def test_sweep_removes_only_abandoned_temporaries_of_that_file(saved, dead_pid):
    path, _document = saved
    folder = path.parent
    leave(folder, f".market.mwp.{dead_pid}-0123abcd.tmp")  # its writer is gone
    leave(folder, f".market.mwp.{os.getpid()}-0123abcd.tmp")  # ours, no write of ours uses it
    # an earlier version's, from before this process started (it has run for less than an hour)
    leave(folder, ".market.mwp.89abcdef.tmp", age_seconds=STALE_AFTER_SECONDS - 60)
    leave(folder, f".market.mwp.{os.getppid()}-0123abcd.tmp", age_seconds=STALE_AFTER_SECONDS + 9)
    kept = {
        f".market.mwp.{os.getppid()}-0123abcd.tmp.x",
        f".market.mwp.{os.getppid()}-89abcdef.tmp",  # a live process may still be writing it
        ".market.mwp.fedcba98.tmp",  # an earlier version's, written since this process started
        f".other.mwp.{dead_pid}-0123abcd.tmp",  # another file's
        f".market.mwp.x.mwp.{dead_pid}-0123abcd.tmp",  # the temporary of "market.mwp.x.mwp"
        f"..market.mwp.recovery.{dead_pid}-0123abcd.tmp",  # the recovery file's
        "market.mwp.0123abcd.tmp",  # not hidden: not our naming
    }
    for name in kept:
        leave(folder, name)
    assert len(sweep(path)) == 4
    assert names(folder) == kept | {"market.mwp"}


def test_a_temporary_in_use_by_this_process_is_not_swept(tmp_path):
    path = tmp_path / "m.mwp"
    with temporary_for(path) as temporary:
        temporary.write_bytes(b"being written")
        assert sweep(path) == []
        assert temporary.exists()
    assert sweep(path) == [temporary]


def test_opening_and_saving_sweep(saved, dead_pid):
    path, document = saved
    stale = f".market.mwp.{dead_pid}-0123abcd.tmp"
    leave(path.parent, stale)
    open_project(path)
    assert names(path.parent) == {"market.mwp"}
    leave(path.parent, stale)
    document.execute(c.SetHistory(document.project.dimensions[0].members[0].id, 2003, 3.0))
    save_project(document, path)  # incremental
    assert names(path.parent) == {"market.mwp"}
    leave(path.parent, stale)
    save_project(Document(small_project()), path)  # whole file
    assert names(path.parent) == {"market.mwp"}


def test_recovery_writes_and_recovering_sweep_the_recovery_files_temporaries(saved, dead_pid):
    path, document = saved
    stale = f"..market.mwp.recovery.{dead_pid}-0123abcd.tmp"
    leave(path.parent, stale)
    write_recovery(document, path)
    assert stale not in names(path.parent)
    leave(path.parent, stale)
    recover(path)
    assert names(path.parent) == {"market.mwp", ".market.mwp.recovery"}


def test_a_failed_open_sweeps_nothing(tmp_path, dead_pid):
    path = tmp_path / "m.mwp"
    path.write_text("not a project")
    leave(tmp_path, f".m.mwp.{dead_pid}-0123abcd.tmp")
    before = folder_state(tmp_path)
    with pytest.raises(StoreError):
        open_project(path)
    assert folder_state(tmp_path) == before


_KILLED_MID_WRITE = """
    import os, sys, time
    from workbench.core.document import Document
    from workbench.store import save_project
    from tests.store.support import small_project

    os.replace = lambda *_args: (print("ready", flush=True), time.sleep(600))
    save_project(Document(small_project()), sys.argv[1])
"""


def test_a_temporary_left_by_a_kill_mid_save_is_swept_on_open(saved):
    """A real child process, stopped for good between filling its temporary and renaming it."""
    path, document = saved
    before = path.read_bytes()
    child = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(_KILLED_MID_WRITE), str(path)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=os.getcwd(),
    )
    try:
        assert child.stdout.readline().strip() == "ready"
    finally:
        child.kill()
        child.wait()
        child.stdout.close()
    assert len(names(path.parent)) == 2, "the complete temporary, never renamed"
    assert path.read_bytes() == before
    assert dump_of(open_project(path)) == dump_of(document)
    assert names(path.parent) == {"market.mwp"}
