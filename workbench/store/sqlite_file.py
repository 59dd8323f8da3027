"""The SQLite file itself: checking what a file is, connecting, and atomic whole-file writes.

A file is judged by its 100-byte header before any connection touches it, so a file that
is not ours (or is newer than us) is refused without SQLite ever opening it for writing.
A whole-file write goes to a temporary file in the target folder that no one else knows
about, which is synced and then renamed over the target: the target is either the old
file or the new one, whatever happens to the process or the machine.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

from workbench.store import schema
from workbench.store.errors import StoreError
from workbench.store.journal import change_counter, settle, stamp_counter
from workbench.store.temporaries import sweep, temporary_for
from workbench.store.verify import harden

_MAGIC = b"SQLite format 3\x00"
Fingerprint = tuple[int, int, int, int, bytes]


def check_header(path: Path) -> None:
    """Refuse, with a StoreError saying what it is, a file that is not a project we can read."""
    try:
        with path.open("rb") as file:
            header = file.read(100)
    except FileNotFoundError:
        raise StoreError(f"There is no project file at {path}.") from None
    except IsADirectoryError:
        raise StoreError(f"{path} is a folder, not a project file.") from None
    except OSError as exc:
        raise StoreError(f"{path} cannot be read ({exc.strerror or exc}).") from None
    if len(header) < 100 or not header.startswith(_MAGIC):
        raise StoreError(f"{path} is not a Market Workbench project (not an SQLite database).")
    if int.from_bytes(header[68:72], "big") != schema.APPLICATION_ID:
        raise StoreError(f"{path} is an SQLite database but not a Market Workbench project.")
    version = int.from_bytes(header[60:64], "big", signed=True)
    if version > schema.SCHEMA_VERSION:
        raise StoreError(
            f"{path} was saved by a newer version of Market Workbench (file format {version}; "
            f"this version reads up to {schema.SCHEMA_VERSION})."
        )
    if version < 1:
        raise StoreError(f"{path} is damaged and cannot be opened (its file format is {version}).")
    if header[18] == 2 or header[19] == 2:
        raise StoreError(
            f"{path} was switched to SQLite's write-ahead log by another program; project files "
            "keep a rollback journal, so it is left as it is (switch it back with "
            "PRAGMA journal_mode=DELETE)."
        )


def connect(path: Path, mode: str, timeout: float = 5.0) -> sqlite3.Connection:
    """A connection in autocommit mode (we issue BEGIN/COMMIT ourselves).

    `mode` is SQLite's URI mode: "ro", "rw" (never creates a file) or "rwc"; `timeout`
    is how long a statement waits for another connection's lock (0: it never waits).
    """
    uri = f"file:{quote(str(path))}?mode={mode}"
    connection = sqlite3.connect(uri, uri=True, isolation_level=None, timeout=timeout)
    try:
        harden(connection)
        if mode != "ro":
            schema.configure(connection)
    except sqlite3.Error:
        connection.close()
        raise
    return connection


def fingerprint(path: Path) -> Fingerprint | None:
    """What the file on disk is now: identity, size, time and SQLite's change counter.

    An incremental save is only safe onto the very file we last wrote; anything else
    (replaced, edited by another program, deleted) changes the fingerprint.
    """
    try:
        status = path.stat()
        with path.open("rb") as file:
            counter = file.read(28)[24:28]
    except OSError:
        return None
    return (status.st_dev, status.st_ino, status.st_size, status.st_mtime_ns, counter)


def write_whole(
    path: Path, fill: Callable[[sqlite3.Connection], None], counter: int | None = None
) -> None:
    """Create a complete project file at `path` atomically; `fill` writes its rows.

    The rows go to a temporary file beside `path` in one transaction, the file is synced
    and closed, and only then renamed over `path`. No open database is ever renamed.
    Temporaries that earlier writes abandoned (a kill mid-write) are swept first, and a
    journal a killed Save left beside `path` is rolled back into it before it is replaced
    (`journal`). The new file's change counter is `counter`, by default one more than the
    file it replaces.
    """
    folder = path.parent
    if not folder.is_dir():
        raise StoreError(f"Cannot save {path}: the folder {folder} does not exist.")
    sweep(path)
    settle(path)
    if counter is None:
        counter = (change_counter(path) or 0) + 1
    with temporary_for(path) as temporary:
        try:
            _fill_new(temporary, fill)
            _copy_mode(path, temporary)
            stamp_counter(temporary, counter)
            _sync(temporary)
            os.replace(temporary, path)
            _sync_folder(folder)
        except BaseException as exc:
            temporary.unlink(missing_ok=True)
            if isinstance(exc, OSError | sqlite3.Error | UnicodeError):
                raise StoreError(f"Cannot save {path}: {reason(exc)}.") from exc
            raise


def _fill_new(temporary: Path, fill: Callable[[sqlite3.Connection], None]) -> None:
    # Created here, not by SQLite: an unwritable folder is then "permission denied", not
    # "unable to open database file", and the file gets the umask's permissions.
    os.close(os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
    connection = connect(temporary, "rw")
    try:
        # No one else can see this file until it is complete: a journal would buy nothing.
        connection.execute("PRAGMA journal_mode = OFF")
        connection.execute("BEGIN")
        schema.create(connection)
        fill(connection)
        connection.execute("COMMIT")
    finally:
        connection.close()


def _copy_mode(target: Path, temporary: Path) -> None:
    """Saving over a file keeps its permissions."""
    with contextlib.suppress(FileNotFoundError):
        os.chmod(temporary, target.stat().st_mode & 0o7777)


def _sync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); Windows has no directory handles to sync."""
    if os.name != "posix":
        return
    _sync(folder)


def reason(exc: BaseException) -> str:
    """The cause of a failed write, as the end of a sentence."""
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror.lower()
    if isinstance(exc, UnicodeError):
        return "the project holds text that is not valid Unicode"
    text = str(exc).rstrip(".")
    if isinstance(exc, sqlite3.IntegrityError) and text.startswith("UNIQUE constraint failed: "):
        first = text.removeprefix("UNIQUE constraint failed: ").partition(",")[0]
        table, _, column = first.partition(".")
        return f"two rows of {table} share the same {column}"
    return text or type(exc).__name__
