"""Reading a project file's rows and checking them as data in the same pass.

`verify.verify_data` names the first value of a kind our files never hold (text where a
number belongs, an infinite rate, a missing title). Run on its own it is a second full
scan of every table, a sixth of the open of a large project. Here the rows the reader
fetches anyway are checked instead, column by column with passes that run in C (a join
of text, a sum of numbers), and SQL scans only the columns the reader does not fetch.

The sentences stay exactly `verify_data`'s: whenever a fetched column looks wrong, or
the read itself fails, the full `verify_data` runs first and names the first wrong value
as it always did; the fast passes only decide that a column is certainly fine.
"""

from __future__ import annotations

import math
import sqlite3
from collections.abc import Iterable
from functools import partial
from itertools import filterfalse
from operator import is_
from pathlib import Path

from workbench.core.project import Project
from workbench.store.reader import project_from
from workbench.store.table_access import Runs, SqliteTables
from workbench.store.verify import column_kinds, verify_columns, verify_data

_is_none = partial(is_, None)


def read_checked(connection: sqlite3.Connection, path: Path, version: int) -> Project:
    """The project in the file, refused with `verify_data`'s sentence when a value in it
    is not of its column's kind (read inside the caller's transaction)."""
    rows = CheckedTables(connection, path, version)
    try:
        project = project_from(rows)
    except Exception:
        verify_data(connection, path, version)  # a wrong value is named before what it broke
        raise
    rows.verify_unread()
    return project


class CheckedTables(SqliteTables):
    """`SqliteTables` whose every fetched column is checked against its declared kind."""

    def __init__(self, connection: sqlite3.Connection, path: Path, version: int) -> None:
        super().__init__(connection)
        self.path = path
        self.version = version
        self.kinds = column_kinds(version)
        self.read: set[tuple[str, str]] = set()

    def select(self, table: str, columns: Iterable[str], order: str = "") -> list[tuple]:
        names = tuple(columns)
        rows = super().select(table, names, order)
        self._check(table, names, rows)
        return rows

    def _check(self, table: str, names: tuple[str, ...], rows: list[tuple]) -> None:
        if rows:
            kinds = {name: (kind, nullable) for name, kind, nullable in self.kinds[table]}
            for name, values in zip(names, zip(*rows, strict=True), strict=True):
                if not certainly_fine(values, *kinds[name]):
                    verify_data(self.connection, self.path, self.version)
        self.read.update((table, name) for name in names)

    def runs(self, table: str, keys: tuple[str, ...], columns: tuple[str, ...]) -> Runs:
        """The runs, their keys checked here (their rows are fetched by `select`)."""
        runs = super().runs(table, keys, columns)
        self._check(table, keys, [key for key, _rows in runs])
        return runs

    def verify_unread(self) -> None:
        """The SQL check of every column the reader did not fetch (positions, ids)."""
        for table, columns in self.kinds.items():
            unread = {name for name, _k, _n in columns if (table, name) not in self.read}
            if unread:
                verify_columns(self.connection, self.path, table, columns, unread)


def certainly_fine(values: tuple, kind: str, nullable: bool) -> bool:
    """True when every value has a storage class `kind` allows (see `verify._EXPECTED`):
    text, whole numbers, or finite numbers, None only where `nullable`. False may be a
    false alarm (finite numbers whose sum overflows): `verify_data` then decides."""
    if nullable:
        values = tuple(filterfalse(_is_none, values))
    try:
        if kind == "TEXT":
            "".join(values)  # TypeError on anything but text
            return True
        total = sum(values)  # TypeError on text, blobs and None
    except TypeError:
        return False
    if kind == "INTEGER":
        return type(total) is int
    return math.isfinite(total)
