"""Faults in the middle of a save: the server keeps the old revision or the new, never a mix.

Each save is caught mid-flight for real: an administrator holds a lock on the history
table, so the save stops at its last statement (every changed row already written, not
yet committed). Then the server is killed, the client is killed (SIGKILL), or the
connection is dropped, and the lock let go.
"""

from __future__ import annotations

import contextlib
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from tests.store.support import dump_of, small_project
from workbench.core import commands as c
from workbench.core.document import Document
from workbench.store import find_recovery, recover
from workbench.store.postgres import (
    ServerUnreachable,
    open_server_project,
    recovery_stand_in,
    save_to_server,
    server_project,
)
from workbench.store.server_address import ServerAddress

_WAITING = (
    "SELECT pid FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
    " AND query LIKE 'INSERT INTO workbench.revisions%%'"
)


def _edit(document: Document) -> None:
    """Changes to several tables at once, so a half-applied save would show."""
    document.execute(c.SetHistory("d0m1", 2003, 111.0))
    document.execute(c.SetPin("s0", "d0m2", 2010, 222.0))
    document.execute(c.RemoveEntity("developments", document.project.developments[0].id))


@contextlib.contextmanager
def _held_history(cluster):
    """The history table locked by an administrator until the block ends."""
    admin = cluster.admin()
    admin.execute("BEGIN")
    admin.execute("LOCK TABLE workbench.revisions IN ACCESS EXCLUSIVE MODE")
    try:
        yield admin
    finally:
        with contextlib.suppress(Exception):
            admin.execute("COMMIT")
        with contextlib.suppress(Exception):
            admin.close()


def _stuck_backend(cluster) -> int:
    deadline = time.monotonic() + 60
    with cluster.admin() as watcher:
        while time.monotonic() < deadline:
            row = watcher.execute(_WAITING).fetchone()
            if row:
                return row[0]
            time.sleep(0.05)
    raise AssertionError("the save never reached its last statement")


def _saving_in_thread(document, address, folder) -> tuple[threading.Thread, list]:
    outcome: list = []

    def save():
        try:
            outcome.append(save_to_server(document, address, recovery_folder=folder))
        except Exception as exc:  # the test inspects it
            outcome.append(exc)

    thread = threading.Thread(target=save)
    thread.start()
    return thread, outcome


def _server_holds(address: str, expected_dump: str, revision: int) -> None:
    again = open_server_project(address)
    assert server_project(again).revision == revision
    assert dump_of(again) == expected_dump


def _project_on_server(address: str) -> tuple[Document, str]:
    document = Document(small_project())
    save_to_server(document, address)
    mine = open_server_project(address)
    return mine, dump_of(mine)


def test_a_dropped_connection_keeps_the_old_revision_and_the_work_in_recovery(
    cluster, address, tmp_path
):
    mine, before = _project_on_server(address)
    _edit(mine)
    with _held_history(cluster) as admin:
        thread, outcome = _saving_in_thread(mine, address, tmp_path)
        pid = _stuck_backend(cluster)
        admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
    thread.join(60)
    (failure,) = outcome
    assert isinstance(failure, ServerUnreachable)
    assert "was lost while saving" in str(failure) and "safe in the recovery file" in str(failure)
    _server_holds(address, before, 1)
    assert mine.is_modified
    stand_in = recovery_stand_in(ServerAddress.parse(address), tmp_path)
    assert find_recovery(stand_in) is not None
    assert dump_of(recover(stand_in)) == dump_of(mine)
    assert save_to_server(mine, address) == 2  # back on line, the same document saves
    _server_holds(address, dump_of(mine), 2)


def test_killing_the_server_mid_save_keeps_the_old_revision(cluster, address, tmp_path):
    mine, before = _project_on_server(address)
    _edit(mine)
    with _held_history(cluster):
        thread, outcome = _saving_in_thread(mine, address, tmp_path)
        _stuck_backend(cluster)
        cluster.kill()
    thread.join(60)
    cluster.restart()
    (failure,) = outcome
    assert isinstance(failure, ServerUnreachable)
    _server_holds(address, before, 1)


_CLIENT = """
import sys
from workbench.core import commands as c
from workbench.store.postgres import open_server_project, save_to_server
document = open_server_project(sys.argv[1])
document.execute(c.SetHistory("d0m1", 2003, 111.0))
document.execute(c.SetPin("s0", "d0m2", 2010, 222.0))
print("saving", flush=True)
save_to_server(document)
print("saved", flush=True)
"""


def test_killing_the_client_mid_save_keeps_the_old_revision(cluster, address):
    _mine, before = _project_on_server(address)
    root = Path(__file__).parents[2]
    with _held_history(cluster):
        client = subprocess.Popen(
            [sys.executable, "-c", _CLIENT, address], cwd=root, stdout=subprocess.DEVNULL,
            env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin"},
        )
        pid = _stuck_backend(cluster)
        client.send_signal(signal.SIGKILL)
        assert client.wait(30) == -signal.SIGKILL
    deadline = time.monotonic() + 60
    with cluster.admin() as watcher:
        while watcher.execute("SELECT 1 FROM pg_stat_activity WHERE pid = %s", (pid,)).fetchone():
            assert time.monotonic() < deadline, "the killed client's session never ended"
            time.sleep(0.05)
    _server_holds(address, before, 1)
