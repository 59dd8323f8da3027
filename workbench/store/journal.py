"""The hot-journal rule and the change counter: what a killed Save leaves, and how to tell
which of two files holds the later work.

A Save killed mid-transaction leaves `X.mwp-journal` beside X: SQLite's record of the
pages the transaction overwrote. It belongs to X. The next connection to X rolls it back
and X is again the last committed state; but if anything first replaces X (a whole-file
Save over it, a recovery save), the old journal would be rolled back into the new file
and corrupt it. So before anything replaces or copies X, `settle` opens X and lets SQLite
roll the journal back.

The same killed Save has touched X's modification time, so times cannot say whether a
recovery file holds later work than X. The file change counter can: SQLite adds one to it
(bytes 24-27 of the header) at every commit, a whole-file write stamps the new file with
its predecessor's count plus one, and a recovery file is stamped with the count of the
project file its work started from. Equal counts mean that X has not been saved since.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from urllib.parse import quote

from workbench.store.errors import StoreError

_COUNTER = slice(24, 28)
_VALID_FOR = slice(92, 96)
"""SQLite trusts the header's page count only while this equals the change counter."""


def journal_of(path: Path) -> Path:
    return path.with_name(path.name + "-journal")


def settle(path: Path) -> None:
    """Roll back a journal a killed Save left beside `path` (no-op when there is none)."""
    if not journal_of(path).exists() or not path.is_file():
        return
    try:
        connection = sqlite3.connect(
            f"file:{quote(str(path))}?mode=rw", uri=True, isolation_level=None, timeout=5.0
        )
        try:
            connection.execute("PRAGMA trusted_schema = OFF")
            connection.execute("BEGIN")
            connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
            connection.execute("ROLLBACK")
        finally:
            connection.close()
    except sqlite3.Error as exc:
        raise StoreError(
            f"{path} has an unfinished save to roll back first, and that failed ({exc})."
        ) from None


def change_counter(path: Path) -> int | None:
    """The file change counter in the header of the SQLite file at `path`, if readable."""
    try:
        with path.open("rb") as file:
            header = file.read(100)
    except OSError:
        return None
    if len(header) < 100 or not header.startswith(b"SQLite format 3\x00"):
        return None
    return int.from_bytes(header[_COUNTER], "big")


def stamp_counter(path: Path, counter: int) -> None:
    """Set the change counter of a closed file of ours that no one else can see yet."""
    value = (counter % 2**32).to_bytes(4, "big")
    fd = os.open(path, os.O_RDWR)
    try:
        os.pwrite(fd, value, _COUNTER.start)
        os.pwrite(fd, value, _VALID_FOR.start)
    finally:
        os.close(fd)
