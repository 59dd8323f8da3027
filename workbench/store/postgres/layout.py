"""The server's data tables, derived from the `.mwp` file's own schema.

The file's migrations (`workbench.store.schema`) are the one description of what a project
holds. Rather than a second, hand-written copy for the server, the file's schema is built
in an in-memory database and read back: every table's columns, types, NOT NULL, primary
key and cascading children. A measure or a column added to the file therefore reaches the
server without touching this package.

On the server every data table gains three columns: `project_id` (many projects share one
database) and the revision range in which a row is live: `saved_in` (the revision that
wrote it) and `replaced_in` (the revision that deleted or replaced it, NULL while live).
Nothing is ever deleted, which is what lets an old revision be opened and restored.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from functools import cache

from workbench.store import schema as file_schema

TYPES = {"": "double precision", "INTEGER": "bigint", "TEXT": "text"}
"""Server type of each declared file type (an untyped file column holds exact doubles)."""

BOOKKEEPING = ("project_id", "saved_in", "replaced_in")


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    not_null: bool


@dataclass(frozen=True)
class Child:
    """Rows of `table` that belong to a parent row: `columns` hold the parent's `keys`."""

    table: str
    columns: tuple[str, ...]
    keys: tuple[str, ...]


@dataclass(frozen=True)
class DataTable:
    name: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    children: tuple[Child, ...]

    def child_for(self, keys: tuple[str, ...]) -> list[Child]:
        """The children that a delete by `keys` takes with it (the file's ON DELETE CASCADE)."""
        return [child for child in self.children if child.keys == keys]


@cache
def data_tables() -> dict[str, DataTable]:
    """Every table of a current `.mwp` file, as the server holds it, by name."""
    connection = sqlite3.connect(":memory:")
    try:
        file_schema.create(connection)
        names = [
            row[0]
            for row in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
            )
        ]
        children: dict[str, list[Child]] = {name: [] for name in names}
        for name in names:
            for parent, child in _cascades(connection, name):
                children[parent].append(child)
        return {name: _table(connection, name, tuple(children[name])) for name in names}
    finally:
        connection.close()


def _table(connection: sqlite3.Connection, name: str, children: tuple[Child, ...]) -> DataTable:
    columns, key = [], []
    for _cid, column, declared, not_null, _default, pk in connection.execute(
        "SELECT cid, name, type, \"notnull\", dflt_value, pk FROM pragma_table_info(?)", (name,)
    ):
        if declared.upper() not in TYPES:
            raise RuntimeError(f"The file column {name}.{column} has a type the server lacks.")
        columns.append(Column(column, TYPES[declared.upper()], bool(not_null or pk)))
        if pk:
            key.append((pk, column))
    return DataTable(name, tuple(columns), tuple(c for _pk, c in sorted(key)), children)


def _cascades(connection: sqlite3.Connection, name: str) -> list[tuple[str, Child]]:
    """(parent table, child) for each foreign key of `name` that cascades on delete."""
    keys: dict[int, list[tuple[str, str, str, str]]] = {}
    for fk_id, _seq, parent, column, parent_column, _upd, on_delete, _m in connection.execute(
        "SELECT id, seq, \"table\", \"from\", \"to\", on_update, on_delete, match"
        " FROM pragma_foreign_key_list(?)", (name,)
    ):
        keys.setdefault(fk_id, []).append((parent, column, parent_column, on_delete))
    out = []
    for parts in keys.values():
        if parts[0][3] == "CASCADE":
            child = Child(name, tuple(p[1] for p in parts), tuple(p[2] for p in parts))
            out.append((parts[0][0], child))
    return out
