"""What the reader and the writer need from a database: rows of a table in, rows out.

`reader.project_from` and `writer.write_all`/`write_changed` turn a `Project` into rows
and back through `tables.py`, the one description of the rows. Each backend (the `.mwp`
SQLite file here, the team server in `workbench.store.postgres`) implements this small
protocol, so a new field added to the description flows to every backend unchanged.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import chain, islice
from typing import Protocol

from workbench.store.tables import insert_sql


class TableAccess(Protocol):
    def select(self, table: str, columns: Iterable[str], order: str = "") -> list[tuple]:
        """Every row of `table` (the named columns, in `order` when given)."""

    def runs(self, table: str, keys: tuple[str, ...], columns: tuple[str, ...]) -> Runs:
        """The rows of `table` by the values of its `keys` columns: each key once, with the
        `columns` of its rows."""

    def clear(self, table: str) -> None:
        """Remove every row of `table`."""

    def insert(
        self, table: str, columns: tuple[str, ...], rows: list[tuple], replace: bool = False
    ) -> None:
        """Add `rows`; with `replace`, a row whose key exists replaces the old one."""

    def delete(self, table: str, keys: tuple[str, ...], rows: Iterable[tuple]) -> None:
        """Remove the rows whose `keys` columns equal each tuple (and their child rows)."""

    def move(self, table: str, moved: list[tuple[int, str]]) -> None:
        """Set the `position` of entities: (new position, id) pairs."""


Runs = list[tuple[tuple, list[tuple]]]


_CHUNK = 100
"""Rows per INSERT statement in bulk writes: a third less time than one row per statement."""


class SqliteTables:
    """`TableAccess` on an open `.mwp` connection, inside the caller's transaction."""

    def __init__(self, connection) -> None:
        self.connection = connection

    def select(self, table: str, columns: Iterable[str], order: str = "") -> list[tuple]:
        by = f" ORDER BY {order}" if order else ""
        return self.connection.execute(f"SELECT {', '.join(columns)} FROM {table}{by}").fetchall()

    def runs(self, table: str, keys: tuple[str, ...], columns: tuple[str, ...]) -> Runs:
        """Each key's rows in the order of the table's primary key (`keys`, then the first
        of `columns`), in two queries: the keys with their counts, and the rows without
        their keys. The keys' text is then made once per key instead of once per row: a
        fifth less time to read a history table, a quarter less for growth by year."""
        names = ", ".join(keys)
        counts = self.connection.execute(
            f"SELECT {names}, count(*) FROM {table} GROUP BY {names} ORDER BY {names}"
        ).fetchall()
        rows = iter(self.select(table, columns, f"{names}, {columns[0]}"))
        return [(key[:-1], list(islice(rows, key[-1]))) for key in counts]

    def clear(self, table: str) -> None:
        self.connection.execute(f"DELETE FROM {table}")

    def insert(
        self, table: str, columns: tuple[str, ...], rows: list[tuple], replace: bool = False
    ) -> None:
        verb = "INSERT OR REPLACE" if replace else "INSERT"
        bulk = len(rows) - len(rows) % _CHUNK
        if bulk:
            width = _CHUNK * len(columns)
            flat = list(chain.from_iterable(rows[:bulk]))
            chunks = [flat[i : i + width] for i in range(0, len(flat), width)]
            self.connection.executemany(insert_sql(table, columns, verb, _CHUNK), chunks)
        if bulk < len(rows):
            self.connection.executemany(insert_sql(table, columns, verb), rows[bulk:])

    def delete(self, table: str, keys: tuple[str, ...], rows: Iterable[tuple]) -> None:
        """Child rows go with their parent through the schema's ON DELETE CASCADE."""
        rows = list(rows)
        if rows:
            where = " AND ".join(f"{k} = ?" for k in keys)
            self.connection.executemany(f"DELETE FROM {table} WHERE {where}", rows)

    def move(self, table: str, moved: list[tuple[int, str]]) -> None:
        self.connection.executemany(f"UPDATE {table} SET position = ? WHERE id = ?", moved)
