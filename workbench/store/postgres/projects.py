"""Projects on a team server: open (the latest or an older revision), list, history, restore.

A document opened from a server is remembered (a weak map, like the file store's) with the
revision it was based on: the save (`saving`) writes only what changed since and refuses a
save based on an old revision. A document opened at an older revision is read-only.
"""

from __future__ import annotations

import datetime as dt
import weakref
from dataclasses import dataclass

import psycopg
from psycopg import sql

from workbench.core.document import Document
from workbench.core.project import ENTITY_COLLECTIONS, Project
from workbench.store.errors import StoreError
from workbench.store.postgres.connection import connect, unreachable
from workbench.store.postgres.layout import data_tables
from workbench.store.postgres.rows import ServerTables
from workbench.store.postgres.schema import table
from workbench.store.reader import project_from
from workbench.store.server_address import ServerAddress
from workbench.store.writer import write_all


@dataclass
class ServerProject:
    """The server project a document was opened from or saved to, as it was left then."""

    address: ServerAddress
    project_id: int
    revision: int
    state: int
    entities: dict[str, list]
    read_only: bool = False


@dataclass(frozen=True)
class Revision:
    """One save: who made it, when, and what it changed."""

    revision: int
    saved_by: str
    saved_at: dt.datetime
    summary: str

    def sentence(self) -> str:
        when = self.saved_at.astimezone().strftime("%Y-%m-%d %H:%M")
        return f"revision {self.revision} by {self.saved_by} at {when} ({self.summary})"


_saved: weakref.WeakKeyDictionary[Document, ServerProject] = weakref.WeakKeyDictionary()


def server_project(document: Document) -> ServerProject | None:
    """The server project `document` belongs to, or None."""
    return _saved.get(document)


def remember(document: Document, address: ServerAddress, project_id: int, revision: int,
             read_only: bool = False) -> None:
    project = document.project
    _saved[document] = ServerProject(
        address, project_id, revision, document.state,
        {name: list(getattr(project, name)) for name in ENTITY_COLLECTIONS}, read_only,
    )


# -- reading ---------------------------------------------------------------------------------


def open_server_project(address: ServerAddress | str, revision: int | None = None) -> Document:
    """The project's latest revision as a saved document, or an older one read-only."""
    address = _address(address)
    connection = connect(address.conninfo)
    try:
        with connection.transaction():
            connection.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
            project_id, latest = find(connection, address)
            if revision is not None and not 1 <= revision <= latest:
                raise StoreError(
                    f"{address} has revisions 1 to {latest}; there is no revision {revision}."
                )
            project = read(connection, address, project_id, revision)
    except psycopg.OperationalError as exc:
        raise unreachable(address.conninfo, exc) from exc
    document = Document(project)
    document.mark_saved()
    read_only = revision is not None and revision != latest
    remember(document, address, project_id, revision or latest, read_only)
    return document


def read(connection: psycopg.Connection, address: ServerAddress, project_id: int,
         revision: int | None = None) -> Project:
    """The project's rows, live (None) or as of `revision`, inside the caller's transaction."""
    with connection.cursor() as cursor:
        try:
            return project_from(ServerTables(cursor, project_id, revision))
        except (ValueError, TypeError, StopIteration) as exc:
            raise StoreError(f"{address} is damaged on the server and cannot be opened: "
                             f"{str(exc).rstrip('.') or type(exc).__name__}.") from exc


def find(connection: psycopg.Connection, address: ServerAddress) -> tuple[int, int]:
    """(project id, latest revision) of the project the address names."""
    row = connection.execute(
        "SELECT id, revision FROM workbench.projects WHERE name = %s", (address.project,)
    ).fetchone()
    if row is None:
        raise StoreError(
            f"There is no project {address.project!r} on {address.server} "
            "(or you are not one of its readers)."
        )
    return row


def list_projects(server: ServerAddress | str) -> list[tuple[str, int]]:
    """(name, latest revision) of every project the user may read, by name."""
    server = ServerAddress.parse(server, need_project=False) if isinstance(server, str) else server
    connection = connect(server.conninfo)
    try:
        return connection.execute(
            "SELECT name, revision FROM workbench.projects ORDER BY name"
        ).fetchall()
    except psycopg.OperationalError as exc:
        raise unreachable(server.conninfo, exc) from exc


def history(address: ServerAddress | str) -> list[Revision]:
    """Every save of the project, newest first."""
    address = _address(address)
    connection = connect(address.conninfo)
    try:
        with connection.transaction():
            project_id, _latest = find(connection, address)
            return revisions(connection, project_id)
    except psycopg.OperationalError as exc:
        raise unreachable(address.conninfo, exc) from exc


def revisions(connection: psycopg.Connection, project_id: int, after: int = 0) -> list[Revision]:
    rows = connection.execute(
        "SELECT revision, saved_by, saved_at, summary FROM workbench.revisions"
        " WHERE project_id = %s AND revision > %s ORDER BY revision DESC",
        (project_id, after),
    ).fetchall()
    return [Revision(*row) for row in rows]


# -- writing whole revisions -------------------------------------------------------------------


def write_revision(connection: psycopg.Connection, project_id: int, revision: int,
                   project: Project | None, summary: str, source: int | None = None) -> None:
    """Make `revision` hold `project` whole (or, with `source`, an older revision's rows)."""
    with connection.cursor() as cursor:
        tables = ServerTables(cursor, project_id, revision)
        for name in data_tables():
            tables.clear(name)
        if project is not None:
            write_all(tables, project)
        else:
            _copy_revision(cursor, project_id, source, revision)
        cursor.execute(
            "INSERT INTO workbench.revisions (project_id, revision, summary) VALUES (%s, %s, %s)",
            (project_id, revision, summary),
        )


def _copy_revision(cursor: psycopg.Cursor, project_id: int, source: int, revision: int) -> None:
    """The rows live at `source`, copied server-side as new rows of `revision`."""
    for spec in data_tables().values():
        names = sql.SQL(", ").join(sql.Identifier(c.name) for c in spec.columns)
        cursor.execute(
            sql.SQL(
                "INSERT INTO {t} (project_id, saved_in, {names}) SELECT project_id, %s, {names}"
                " FROM {t} WHERE project_id = %s AND saved_in <= %s"
                " AND (replaced_in IS NULL OR replaced_in > %s)"
            ).format(t=table(spec.name), names=names),
            (revision, project_id, source, source),
        )


def _address(address: ServerAddress | str) -> ServerAddress:
    return ServerAddress.parse(address) if isinstance(address, str) else address
