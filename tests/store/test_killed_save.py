"""A Save killed by SIGKILL mid-transaction, then the recovery save (docs/project-file.md:
the hot-journal rule). The killed Save leaves `X.mwp-journal` and has touched X; the
recovery file must still be offered, and writing the recovered work over X before
anything opened it must give a file that opens (it used to be "database disk image is
malformed")."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.benchmarks.crash_store import expected_dumps, run_trial
from tests.store.support import dump_of, small_project
from workbench.core.document import Document
from workbench.store import (
    find_recovery,
    open_project,
    recover,
    recovery_path,
    save_project,
    save_project_as,
)

CHILD = textwrap.dedent(
    """
    import sys, time
    from workbench.core import commands as c
    from workbench.store import open_project, project_file, schema, write_recovery

    path = sys.argv[1]
    document = open_project(path)
    p = document.project
    members = [m.id for d in p.dimensions for m in d.members]
    document.execute(c.Batch("edit", [
        c.SetNote(p.scenarios[0].id, m, y, f"{m} {y} " * 300) for m in members
        for y in p.metadata.forecast_years
    ]))
    write_recovery(document, path)  # the autosave of the work the Save is about to write
    configure, write_changes = schema.configure, project_file.write_changes

    def small_cache(connection):
        configure(connection)
        connection.execute("PRAGMA cache_size = 2")  # the transaction spills into the file

    def stop_before_commit(*args):
        write_changes(*args)
        print("mid-transaction", flush=True)
        time.sleep(600)

    schema.configure, project_file.write_changes = small_cache, stop_before_commit
    project_file.save_project(document, path)
    """
)


@pytest.fixture
def killed_save(tmp_path) -> tuple[Path, bytes]:
    """X saved, then a Save of edited work SIGKILLed before its COMMIT; X's old bytes."""
    path = tmp_path / "model.mwp"
    save_project_as(Document(small_project()), path)
    before = path.read_bytes()
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).parents[2]))
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(path)], stdout=subprocess.PIPE, text=True, env=env
    )
    try:
        assert child.stdout.readline().strip() == "mid-transaction"
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
        child.stdout.close()
    assert path.with_name("model.mwp-journal").stat().st_size > 0, "a hot journal"
    assert path.read_bytes() != before, "the transaction wrote into the file"
    assert path.stat().st_mtime_ns > recovery_path(path).stat().st_mtime_ns
    return path, before


def test_the_recovery_file_is_offered_after_a_killed_save(killed_save):
    path, _before = killed_save
    assert find_recovery(path) == recovery_path(path)


def test_the_recovery_save_over_a_hot_journal_opens(killed_save):
    path, _before = killed_save
    recovered = recover(path)
    save_project(recovered, path)
    assert dump_of(open_project(path)) == dump_of(recovered)
    assert not path.with_name("model.mwp-journal").exists()


def test_save_as_over_a_hot_journal_opens(killed_save):
    path, _before = killed_save
    other = Document(small_project())
    save_project_as(other, path)
    assert dump_of(open_project(path)) == dump_of(other)


def test_opening_rolls_back_to_the_last_committed_state(killed_save):
    path, before = killed_save
    assert dump_of(open_project(path)) == dump_of(Document(small_project()))
    assert path.read_bytes() == before


@pytest.fixture(scope="module")
def states() -> tuple[str, str]:
    return expected_dumps("small")


@pytest.mark.slow
@pytest.mark.parametrize("seed", range(3))
def test_random_kills_then_recovery_save_lose_nothing(tmp_path, states, seed):
    """A few of `tests/benchmarks/crash_store.py --mode recovery-save` trials."""
    result = run_trial(tmp_path, "small", "recovery-save", states, random.Random(seed))
    assert result["state"] in ("A", "B"), result
