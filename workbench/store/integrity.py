"""SQLite's check of a file's structure (`PRAGMA quick_check`), run beside the read.

The check walks every page of the file and refuses a damaged one, a tenth of the open of
a large project. SQLite runs it without holding Python's interpreter lock, so it runs on
a second, read-only connection in a thread while the caller reads the rows on the first;
both hold a shared lock, so no save can land between them and they see one state. The
result is what the check said before the read: a damaged file is refused with the same
sentence, whatever reading its rows ran into meanwhile.

The thread only saves time. Whenever it cannot do the check (the second connection is
refused: a save is waiting for the lock, a limit on open files...) or the check itself
fails, the caller's own connection runs it after the read, as the open always did, so
the second connection never waits on a lock and never decides alone.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

from workbench.store.sqlite_file import connect

_CHECK = "PRAGMA quick_check(1)"


@contextlib.contextmanager
def integrity_checked(connection: sqlite3.Connection, path: Path) -> Iterator[None]:
    """Run the body while the file at `path` is checked; `connection` must hold a read
    transaction on it. Raises sqlite3.DatabaseError, in place of anything the body
    raised, when the file is damaged."""
    said: list[bool] = []
    checker = threading.Thread(target=_check_aside, args=(path, said), name="quick_check")
    checker.start()
    try:
        yield
    finally:
        checker.join()
        if said != [True]:
            _check(connection)


def _check_aside(path: Path, said: list[bool]) -> None:
    """Append True when a second connection found the file sound; nothing otherwise."""
    try:
        aside = connect(path, "ro", timeout=0)
    except sqlite3.Error:
        return
    try:
        aside.execute("BEGIN")
        if aside.execute(_CHECK).fetchone()[0] == "ok":
            said.append(True)
    except sqlite3.Error:
        return
    finally:
        aside.close()


def _check(connection: sqlite3.Connection) -> None:
    if connection.execute(_CHECK).fetchone()[0] != "ok":
        raise sqlite3.DatabaseError("its integrity check failed")
