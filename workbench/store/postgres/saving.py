"""Saving to a team server: one transaction per save, optimistic concurrency, nothing lost.

A save claims the next revision with `UPDATE projects SET revision = revision + 1 WHERE
revision = <the revision the document is based on>`. The row lock makes concurrent
saves queue; the first commits, the others find the revision moved on and are refused
with who saved what since. The claim, the changed rows and the history entry commit
together, so the server holds the old revision or the new one, never a mix.

A lost connection leaves the server as it was (PostgreSQL rolls back a transaction whose
client is gone) and, when the app gave a recovery folder, the work in a recovery file.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import psycopg

from workbench.core.document import Document
from workbench.core.transaction import WHOLE
from workbench.store.errors import StoreError
from workbench.store.postgres.connection import ServerUnreachable, connect
from workbench.store.postgres.projects import (
    Revision,
    remember,
    revisions,
    server_project,
    write_revision,
)
from workbench.store.postgres.rows import ServerTables
from workbench.store.recovery import write_recovery
from workbench.store.server_address import ServerAddress
from workbench.store.writer import FIELDS, write_changed


class SaveConflict(StoreError):
    """The project was saved by someone else since this document's revision."""

    def __init__(self, message: str, address: ServerAddress, since: list[Revision]) -> None:
        super().__init__(message)
        self.address = address
        self.since = since


class ReadOnlyProject(StoreError):
    """The user may read the project but not save it (the database's privileges say so)."""


def save_to_server(document: Document, address: ServerAddress | str | None = None,
                   summary: str | None = None, recovery_folder: Path | None = None) -> int:
    """Save `document` as the next revision of its server project; returns that revision.

    A document that does not come from the project `address` names becomes a new project
    there (an existing name is refused). Raises SaveConflict, ReadOnlyProject or
    ServerUnreachable (after writing the recovery file, when `recovery_folder` is given).
    """
    entry = server_project(document)
    if isinstance(address, str):
        address = ServerAddress.parse(address)
    if address is None:
        if entry is None:
            raise StoreError("This project is not on a server yet; name one to save it to.")
        address = entry.address
    if entry is None or entry.address != address:
        return create_on_server(document, address, summary or "Created", recovery_folder)
    if entry.read_only:
        raise ReadOnlyProject(
            f"{address} is open at its old revision {entry.revision}, read-only: restore that "
            "revision, or save it as a new project."
        )
    summary = summary or change_summary(document.dirty())
    revision = _guarded(document, address, recovery_folder,
                        lambda connection: _save(connection, document, summary))
    return revision


def create_on_server(document: Document, address: ServerAddress, summary: str = "Created",
                     recovery_folder: Path | None = None) -> int:
    """`document` as revision 1 of a new project; the creator may edit it and share it.
    The document is then that project's, saved."""
    check_name(address.project)

    def create(connection: psycopg.Connection) -> int:
        try:
            with connection.transaction():
                project_id = connection.execute(
                    "SELECT workbench.create_project(%s)", (address.project,)
                ).fetchone()[0]
                write_revision(connection, project_id, 1, document.project, summary)
                connection.execute(
                    "UPDATE workbench.projects SET revision = 1 WHERE id = %s", (project_id,)
                )
        except psycopg.errors.UniqueViolation as exc:
            raise StoreError(
                f"There is already a project {address.project!r} on {address.server}; "
                "choose another name."
            ) from exc
        remember(document, address, project_id, 1)
        return 1

    return _guarded(document, address, recovery_folder, create)


def check_name(name: str) -> None:
    if not name.strip():
        raise StoreError("A project on a server needs a name.")
    if "\x00" in name or len(name) > 200:
        raise StoreError("A project name must be at most 200 characters, without NUL.")


def _save(connection: psycopg.Connection, document: Document, summary: str) -> int:
    entry = server_project(document)
    dirty = document.dirty()
    incremental = dirty.keys() <= FIELDS and (
        document.is_modified or document.state == entry.state
    )
    with connection.transaction():
        revision = _claim(connection, entry)
        if incremental:
            with connection.cursor() as cursor:
                tables = ServerTables(cursor, entry.project_id, revision)
                write_changed(tables, document.project, dirty, entry.entities)
                cursor.execute(
                    "INSERT INTO workbench.revisions (project_id, revision, summary)"
                    " VALUES (%s, %s, %s)",
                    (entry.project_id, revision, summary),
                )
        else:
            write_revision(connection, entry.project_id, revision, document.project, summary)
    remember(document, entry.address, entry.project_id, revision)
    return revision


def _claim(connection: psycopg.Connection, entry) -> int:
    """The next revision, locked for this transaction; or the refusal, in a sentence."""
    row = connection.execute(
        "UPDATE workbench.projects SET revision = revision + 1"
        " WHERE id = %s AND revision = %s RETURNING revision",
        (entry.project_id, entry.revision),
    ).fetchone()
    if row is not None:
        return row[0]
    found = connection.execute(
        "SELECT revision, pg_has_role(editor_role, 'MEMBER'), editor_role"
        " FROM workbench.projects WHERE id = %s",
        (entry.project_id,),
    ).fetchone()
    address = entry.address
    if found is None:
        raise StoreError(f"{address} is gone from the server, or you may no longer read it.")
    if not found[1]:
        raise read_only(connection, address)
    since = revisions(connection, entry.project_id, entry.revision)
    told = "; ".join(r.sentence() for r in reversed(since))
    raise SaveConflict(
        f"{address} was saved by someone else since your revision {entry.revision}: {told}. "
        "Reload and re-apply your edits on top, or save yours as a new project.",
        address, since,
    )


def read_only(connection: psycopg.Connection, address: ServerAddress) -> ReadOnlyProject:
    user = connection.execute("SELECT session_user").fetchone()[0]
    return ReadOnlyProject(
        f"You ({user}) may read {address} but not save it: ask its owner to make you an "
        "editor, or save your work as a new project."
    )


def _guarded(document: Document, address: ServerAddress, recovery_folder: Path | None, save):
    """Run `save` on the server's connection; name every failure, keep the work safe."""
    try:
        connection = connect(address.conninfo)
    except ServerUnreachable as exc:
        raise _keep(document, address, recovery_folder, str(exc)) from exc
    try:
        revision = save(connection)
    except psycopg.OperationalError as exc:
        raise _keep(document, address, recovery_folder,
                    f"The connection to {address.server} was lost while saving "
                    f"{address.project!r}; the server keeps its last revision (a save that "
                    "reached its commit is there in full, never in part).") from exc
    except psycopg.errors.InsufficientPrivilege as exc:
        raise read_only(connection, address) from exc
    except psycopg.DataError as exc:
        detail = str(exc).splitlines()[0].rstrip(".")
        if "0x00" in detail:
            detail = "a text holds a NUL character, which a PostgreSQL server cannot store"
        raise StoreError(f"Cannot save {address}: {detail}; nothing was written.") from exc
    document.mark_saved()
    return revision


def _keep(document: Document, address: ServerAddress, folder: Path | None,
          message: str) -> ServerUnreachable:
    if folder is None:
        return ServerUnreachable(message + " Your work is still open; save again later.")
    try:
        kept = write_recovery(document, recovery_stand_in(address, folder))
    except StoreError as exc:
        return ServerUnreachable(f"{message} The recovery file could not be written either: {exc}")
    return ServerUnreachable(f"{message} Your work is safe in the recovery file {kept}.")


def recovery_stand_in(address: ServerAddress, folder: Path) -> Path:
    """The local path a server project's recovery file is named after, in `folder`."""
    digest = hashlib.sha256(str(address).encode()).hexdigest()[:12]
    slug = re.sub(r"[^A-Za-z0-9_-]+", "-", address.project)[:40].strip("-") or "project"
    return Path(folder) / f"server-{slug}-{digest}.mwp"


def change_summary(dirty: dict) -> str:
    """What a save changed, for the history: "history (3), volume pins (1), companies"."""
    words = {name: name.replace("_", " ").replace(".", " ") for name in dirty}
    parts = [
        words[name] if keys is WHOLE else f"{words[name]} ({len(keys)})"
        for name, keys in sorted(dirty.items())
    ]
    return "Changed " + ", ".join(parts) if parts else "Saved again, unchanged"
