"""Open, Save and Save As of a `.mwp` project file.

The core knows nothing about files, so the store remembers, per document, which file it
was last opened from or saved to and what that file held (a weak map: a closed document
takes its entry with it). Save onto that same, untouched file writes only what changed;
every other save is a whole-file write through a temporary file and an atomic rename.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import weakref
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from workbench.core.document import Document
from workbench.core.project import ENTITY_COLLECTIONS, Project
from workbench.store import schema
from workbench.store.checked_read import read_checked
from workbench.store.errors import ChangedOnDisk, StoreError
from workbench.store.integrity import integrity_checked
from workbench.store.sqlite_file import (
    Fingerprint,
    check_header,
    connect,
    fingerprint,
    reason,
    write_whole,
)
from workbench.store.temporaries import sweep
from workbench.store.verify import (
    harden,
    verify_ids,
    verify_length,
    verify_schema,
)
from workbench.store.writer import FIELDS, write_changes, write_project


@dataclass
class SavedFile:
    """The file a document was last opened from or saved to, as it was left then."""

    path: Path
    fingerprint: Fingerprint | None
    state: int
    entities: dict[str, list]
    version: int = schema.SCHEMA_VERSION
    """The file's schema version: an older file is written whole by the next save."""


_saved: weakref.WeakKeyDictionary[Document, SavedFile] = weakref.WeakKeyDictionary()


def saved_file(document: Document) -> SavedFile | None:
    """Where `document` was last opened from or saved to (None for a new document)."""
    return _saved.get(document)


def forget(document: Document) -> None:
    """Drop the bookkeeping: the next save of `document` writes a whole file."""
    _saved.pop(document, None)


# -- open ------------------------------------------------------------------------------------


def open_project(path: str | os.PathLike) -> Document:
    """The project in the file at `path`, as a saved document.

    Opening never changes the file: one from an older schema is read through a copy
    migrated in memory, and the next save writes it whole in the current version. Any
    failure raises StoreError. Once it has opened, temporaries that a killed Save left
    beside it are swept away.
    """
    path = Path(path)
    check_header(path)
    writable = os.access(path, os.W_OK)
    try:
        connection = connect(path, "rw" if writable else "ro")
    except sqlite3.Error as exc:
        raise _open_error(path, exc) from exc
    try:
        project, version = _read(connection, path)
    finally:
        connection.close()
    document = Document(project)
    document.mark_saved()
    _remember(document, path, version)
    sweep(path)
    return document


def _read(connection: sqlite3.Connection, path: Path) -> tuple[Project, int]:
    """The project and the file's version, read in one transaction (rolled back on any
    failure); an older file through a copy migrated in memory.

    The version is read again inside the transaction: the header checked before may have
    been rolled back since, by SQLite recovering a write that a crash interrupted. (The
    connection may write only that: SQLite rolling back a hot journal.)
    """
    try:
        connection.execute("BEGIN")
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        verify_schema(connection, path, version)
        verify_length(connection, path)
        with integrity_checked(connection, path), _current(connection, path, version) as rows:
            project = read_checked(rows, path, schema.SCHEMA_VERSION)
        verify_ids(project, path)
        connection.execute("COMMIT")
        return project, version
    except BaseException as exc:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        if isinstance(exc, sqlite3.Error):
            raise _open_error(path, exc) from exc
        if isinstance(exc, ValueError | TypeError) and not isinstance(exc, StoreError):
            # A row the model refuses (ModelError), bad JSON, a NULL where a value belongs.
            raise StoreError(f"{path} is damaged and cannot be opened: {_clause(exc)}.") from exc
        raise


@contextlib.contextmanager
def _current(
    connection: sqlite3.Connection, path: Path, version: int
) -> Iterator[sqlite3.Connection]:
    """The rows of the file in the current version: `connection` itself, or for an older
    file a copy migrated in memory, closed after the body."""
    if version == schema.SCHEMA_VERSION:
        yield connection
        return
    memory = _migrated(connection, path, version)
    try:
        yield memory
    finally:
        memory.close()


def _migrated(connection: sqlite3.Connection, path: Path, version: int) -> sqlite3.Connection:
    """A copy of the file in memory, migrated from `version` to the current one."""
    memory = sqlite3.connect(":memory:", isolation_level=None)
    try:
        harden(memory)
        connection.backup(memory)
        memory.execute("BEGIN")
        schema.migrate(memory, version)
    except sqlite3.Error as exc:
        memory.close()
        raise StoreError(
            f"{path} could not be upgraded from file format {version}: {reason(exc)}."
        ) from exc
    return memory


def _open_error(path: Path, exc: sqlite3.Error) -> StoreError:
    text = str(exc)
    if "locked" in text or "busy" in text:
        return StoreError(f"{path} is being written by another program; try again in a moment.")
    if isinstance(exc, sqlite3.OperationalError) and "readonly" in text.replace(" ", ""):
        return StoreError(f"{path} needs repair after a crash, but it is read-only.")
    return StoreError(f"{path} is damaged and cannot be opened ({reason(exc)}).")


def _clause(exc: Exception) -> str:
    text = str(exc).rstrip(".")
    return text[:1].lower() + text[1:]


# -- save ------------------------------------------------------------------------------------


def save_project(document: Document, path: str | os.PathLike, overwrite: bool = False) -> None:
    """Save `document` to `path`: only the changes when `path` is its own, untouched file.

    When `path` is the document's own file and someone changed it on disk since (another
    window or program), `ChangedOnDisk` is raised and nothing is written, unless
    `overwrite` says to write over that anyway (the analyst chose to).
    """
    path = Path(path)
    entry = _saved.get(document)
    if not overwrite and entry is not None and entry.path == path.resolve():
        _check_unchanged(entry, path)
    if entry is None or not _is_incremental(document, entry, path):
        save_project_as(document, path)
        return
    try:
        connection = connect(path, "rw")
        try:
            connection.execute("BEGIN IMMEDIATE")
            write_changes(connection, document.project, document.dirty(), entry.entities)
            connection.execute("COMMIT")
        finally:
            connection.close()
    except (sqlite3.Error, UnicodeError) as exc:
        raise StoreError(f"Cannot save {path}: {reason(exc)}.") from exc
    document.mark_saved()
    _remember(document, path)
    sweep(path)


def _check_unchanged(entry: SavedFile, path: Path) -> None:
    now = fingerprint(path)
    if now is not None and now != entry.fingerprint:
        raise ChangedOnDisk(
            f"{path} was changed on disk by another window or program since it was opened "
            "or saved here; nothing was saved, so that those changes are not lost."
        )


def save_project_as(document: Document, path: str | os.PathLike) -> None:
    """Write the whole project to `path` (atomically) and make it the document's file."""
    path = Path(path)
    write_whole(path, lambda connection: write_project(connection, document.project))
    document.mark_saved()
    _remember(document, path)


def write_copy(project: Project, path: Path, counter: int | None = None) -> None:
    """A whole-file write of `project` (a document's, or a snapshot of one) that leaves the
    document's own file and saved state alone; safe on any thread for a snapshot.
    `counter` stamps the copy (see `journal`)."""
    write_whole(path, lambda connection: write_project(connection, project), counter)


def _is_incremental(document: Document, entry: SavedFile, path: Path) -> bool:
    """True when the file at `path` holds exactly what `document` held at its last save.

    Someone else marking the document saved (state moved on, nothing modified), anyone
    touching the file since (fingerprint changed), a file of an older schema, or a change
    to a field the incremental writer does not know forces a whole-file write instead.
    """
    if entry.path != path.resolve() or entry.fingerprint != fingerprint(path):
        return False
    if entry.version != schema.SCHEMA_VERSION:
        return False
    if not document.dirty().keys() <= FIELDS:
        return False
    return document.is_modified or document.state == entry.state


def saved_counter(document: Document, path: Path) -> int | None:
    """The change counter `path` had when `document` was last opened from or saved to it."""
    entry = _saved.get(document)
    if entry is None or entry.fingerprint is None or entry.path != path.resolve():
        return None
    return int.from_bytes(entry.fingerprint[4], "big")


def _remember(document: Document, path: Path, version: int = schema.SCHEMA_VERSION) -> None:
    project = document.project
    _saved[document] = SavedFile(
        path.resolve(),
        fingerprint(path),
        document.state,
        {collection: list(getattr(project, collection)) for collection in ENTITY_COLLECTIONS},
        version,
    )
