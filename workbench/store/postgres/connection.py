"""Connections to team servers: opened once per server, checked, and their failures named.

libpq finds passwords itself (`~/.pgpass`, `PGPASSFILE`, a service file, `PGPASSWORD`):
the app never stores one. A connection is kept per server for the process's life and
replaced when the server dropped it, so a save after one edit costs a few round trips,
not a new login. The first connection to a database creates or migrates the schema.
"""

from __future__ import annotations

import psycopg
from psycopg.adapt import Dumper

from workbench.store.errors import StoreError
from workbench.store.postgres import schema
from workbench.store.server_address import server_text

_connections: dict[str, psycopg.Connection] = {}
CONNECT_SECONDS = 10


class ServerUnreachable(StoreError):
    """The server could not be reached, or the connection was lost part-way."""


class _FlagDumper(Dumper):
    """Yes/no fields (a source's `assumption`) are integers in the file and on the server."""

    oid = psycopg.adapters.types["int8"].oid

    def dump(self, obj: bool) -> bytes:
        return b"1" if obj else b"0"


def connect(conninfo: str) -> psycopg.Connection:
    """The open connection to the server of `conninfo` (autocommit: callers use
    `connection.transaction()`), with the schema created or migrated."""
    connection = _connections.get(conninfo)
    if connection is not None and not (connection.closed or connection.broken):
        return connection
    if connection is not None:
        connection.close()
    try:
        connection = psycopg.connect(
            conninfo,
            autocommit=True,
            connect_timeout=CONNECT_SECONDS,
            application_name="Market Workbench",
        )
    except psycopg.Error as exc:
        raise unreachable(conninfo, exc) from exc
    connection.adapters.register_dumper(bool, _FlagDumper)
    try:
        schema.ensure(connection)
    except psycopg.OperationalError as exc:
        connection.close()
        raise unreachable(conninfo, exc) from exc
    except BaseException:
        connection.close()
        raise
    _connections[conninfo] = connection
    return connection


def disconnect(conninfo: str | None = None) -> None:
    """Close the kept connection to one server (or to every server)."""
    for key in [conninfo] if conninfo else list(_connections):
        connection = _connections.pop(key, None)
        if connection is not None:
            connection.close()


def unreachable(conninfo: str, exc: BaseException) -> ServerUnreachable:
    """One sentence for a failed connection, with the libpq hint the analyst needs."""
    detail = (str(exc).strip().splitlines() or [type(exc).__name__])[-1]
    detail = detail.removeprefix("FATAL:").strip().rstrip(".")
    hint = ""
    if "password" in detail and ("no password" in detail or "authentication failed" in detail):
        hint = " (put the password in ~/.pgpass, libpq's password file; the app never keeps one)"
    return ServerUnreachable(f"Cannot reach the server {server_text(conninfo)}: {detail}{hint}.")
