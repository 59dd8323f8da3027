"""Moving projects between a file and a server, restoring revisions, sharing a project.

`push` and `pull` go through the same reader and writer as every save, so a project
pushed and pulled back dumps byte-identical. Restoring an old revision writes its rows as
a new revision on the server itself (nothing travels to the app and back), so history
only ever grows. Sharing is a plain `GRANT` of the project's readers' or editors' role.
"""

from __future__ import annotations

import os
from pathlib import Path

import psycopg
from psycopg import sql

from workbench.store.errors import StoreError
from workbench.store.postgres.connection import connect, unreachable
from workbench.store.postgres.projects import (
    find,
    open_server_project,
    server_project,
    write_revision,
)
from workbench.store.postgres.saving import create_on_server, read_only
from workbench.store.project_file import open_project, save_project_as
from workbench.store.server_address import ServerAddress


def push(path: str | os.PathLike, address: ServerAddress | str) -> int:
    """The `.mwp` file at `path` as a new project on the server (revision 1)."""
    address = _address(address)
    document = open_project(path)
    return create_on_server(document, address, f"Pushed from {Path(path).name}")


def pull(address: ServerAddress | str, path: str | os.PathLike) -> int:
    """The project's latest revision written whole to the `.mwp` file at `path`."""
    document = open_server_project(_address(address))
    save_project_as(document, path)
    return server_project(document).revision


def restore_revision(address: ServerAddress | str, revision: int) -> int:
    """Make an old revision the project's newest one; returns the new revision number."""
    address = _address(address)
    connection = connect(address.conninfo)
    try:
        with connection.transaction():
            project_id, _latest = find(connection, address)
            row = connection.execute(
                "UPDATE workbench.projects SET revision = revision + 1 WHERE id = %s"
                " RETURNING revision",
                (project_id,),
            ).fetchone()
            if row is None:
                raise read_only(connection, address)
            if not 1 <= revision < row[0] - 1:
                raise StoreError(
                    f"{address} can restore revisions 1 to {row[0] - 2}, not {revision}."
                )
            write_revision(connection, project_id, row[0], None,
                           f"Restored revision {revision}", source=revision)
    except psycopg.OperationalError as exc:
        raise unreachable(address.conninfo, exc) from exc
    except psycopg.errors.InsufficientPrivilege as exc:
        raise read_only(connection, address) from exc
    return row[0]


def share(address: ServerAddress | str, user: str, edit: bool) -> None:
    """Let `user` (a database role) read the project, or edit it too."""
    address = _address(address)
    connection = connect(address.conninfo)
    with connection.transaction():
        project_id, _latest = find(connection, address)
        role = connection.execute(
            "SELECT editor_role, reader_role FROM workbench.projects WHERE id = %s",
            (project_id,),
        ).fetchone()[0 if edit else 1]
        try:
            connection.execute(
                sql.SQL("GRANT {} TO {}").format(sql.Identifier(role), sql.Identifier(user))
            )
        except (psycopg.errors.InsufficientPrivilege, psycopg.errors.UndefinedObject) as exc:
            raise StoreError(f"Cannot share {address} with {user}: "
                             f"{str(exc).splitlines()[0]}.") from exc


def _address(address: ServerAddress | str) -> ServerAddress:
    return ServerAddress.parse(address) if isinstance(address, str) else address
