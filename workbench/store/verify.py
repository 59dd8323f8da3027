"""What a `.mwp` must be before anything reads it: a project file from a stranger is data.

SQL can hide in an SQLite file: a trigger runs when a row it watches is written (a
trigger deleting every company fires during a plain Save), and a view runs when it is
read (a recursive view eats memory without limit). So before any read, the file's schema
must be exactly the one our migrations build for its version: the same tables and
indexes, created by the same statements, and nothing else (`verify_schema`). The
connection is opened with `trusted_schema=OFF` and `cell_size_check=ON` besides.

Then the data is checked as data (`verify_data`): the file is as long as its header says
(a copy one byte short reads a zero-filled last page, which SQLite does not notice), and
every value has the storage class its column holds in our files (text where text
belongs, finite numbers, whole numbers for years), so that no `None`,
blob or 'NaN' reaches the model as if it were a value. What the model itself refuses
(an unknown method, a reference to a missing dimension) is caught where it is built.
"""

from __future__ import annotations

import functools
import math
import os
import sqlite3
from pathlib import Path

from workbench.core.project import ENTITY_COLLECTIONS, TOTAL, Project
from workbench.store import schema
from workbench.store.errors import StoreError

_ALLOWED_EXTRA = ("sqlite_stat1", "sqlite_stat4")
"""Statistics tables SQLite's own ANALYZE adds: data for its query planner, never run."""
_EXPECTED = {"TEXT": ("text",), "INTEGER": ("integer",), "": ("real", "integer")}
"""Storage classes a column may hold, by its declared type (numbers are untyped: see
`schema`)."""
_SCHEMA_ROWS = "SELECT type, name, tbl_name, sql FROM sqlite_master"
_CLASS_NAMES = {
    str: "text",
    int: "a whole number",
    float: "a number",
    bytes: "binary data (a blob)",
    type(None): "no value",
}


def harden(connection: sqlite3.Connection) -> None:
    """Pragmas of every connection to a file we did not write ourselves this instant."""
    connection.execute("PRAGMA trusted_schema = OFF")
    connection.execute("PRAGMA cell_size_check = ON")


@functools.cache
def _reference(version: int) -> tuple[frozenset[tuple], dict[str, tuple]]:
    """What a file of `version` holds, from a database our migrations build in memory:
    (type, name, table, sql) of every schema object, and per table its columns as
    (name, declared type, may be NULL)."""
    connection = sqlite3.connect(":memory:")
    try:
        for target in range(1, version + 1):
            for statement in schema.statements(schema.MIGRATIONS[target]):
                connection.execute(statement)
        objects = frozenset(connection.execute(_SCHEMA_ROWS))
        tables = sorted(name for kind, name, _t, _s in objects if kind == "table")
        columns = {
            table: tuple(
                (name, kind.upper(), not notnull and not pk)
                for _cid, name, kind, notnull, _default, pk in connection.execute(
                    f"PRAGMA table_info({table})"
                )
            )
            for table in tables
        }
        return objects, columns
    finally:
        connection.close()


def verify_schema(connection: sqlite3.Connection, path: Path, version: int) -> None:
    """Refuse a file whose schema is not exactly ours for `version` (read inside the
    caller's transaction, so after SQLite has rolled back any hot journal)."""
    found = {row[1]: row for row in connection.execute(_SCHEMA_ROWS)}
    expected = {row[1]: row for row in _reference(version)[0]}
    extra = sorted(row[:2] for name, row in found.items() if name not in expected)
    for kind, name, *_rest in sorted(found.values()):
        if kind in ("trigger", "view"):
            raise StoreError(
                f"{path} holds a {kind} named {name!r}, SQL that would run when the project "
                "is read or saved; project files never do, so it is refused."
            )
    for kind, name, *_rest in sorted(expected.values(), key=_tables_first):
        if name not in found:
            raise StoreError(
                f"{path} is damaged and cannot be opened: its {kind} {name!r} is missing."
            )
        if found[name] != expected[name]:
            raise StoreError(
                f"{path} is not a plain Market Workbench project: its {kind} {name!r} is "
                f"defined differently from file format {version}."
            )
    for kind, name in extra:
        if name not in _ALLOWED_EXTRA:
            raise StoreError(
                f"{path} is not a plain Market Workbench project: its {kind} {name!r} is "
                f"not part of file format {version}."
            )


def _tables_first(row: tuple) -> tuple:
    return (row[0] != "table", row[0], row[1])


def verify_data(connection: sqlite3.Connection, path: Path, version: int) -> None:
    """Refuse a file holding a value of a kind our files never hold there, naming where."""
    for table, columns in column_kinds(version).items():
        verify_columns(connection, path, table, columns)


def column_kinds(version: int) -> dict[str, tuple[tuple[str, str, bool], ...]]:
    """Per table of a file of `version`: its columns as (name, declared type, may be NULL)."""
    return _reference(version)[1]


def verify_length(connection: sqlite3.Connection, path: Path) -> None:
    """Refuse a file shorter or longer than its pages (before anything is written to it)."""
    page_size = connection.execute("PRAGMA page_size").fetchone()[0]
    pages = connection.execute("PRAGMA page_count").fetchone()[0]
    try:
        actual = os.stat(path).st_size
    except OSError as exc:
        raise StoreError(f"{path} cannot be read ({exc.strerror or exc}).") from None
    if actual != pages * page_size:
        raise StoreError(
            f"{path} is damaged and cannot be opened: it holds {actual:,} bytes where its "
            f"header counts {pages * page_size:,} (a copy cut short?)."
        )


def verify_columns(
    connection: sqlite3.Connection,
    path: Path,
    table: str,
    columns: tuple[tuple[str, str, bool], ...],
    tested: set[str] | None = None,
) -> None:
    """Refuse a value of the wrong kind in `table`, naming the first wrong column of the
    first row holding one; only the columns `tested` are searched (all by default: the
    caller knows the others hold nothing wrong)."""
    wrong = " OR ".join(
        _wrong(name, kind, nullable)
        for name, kind, nullable in columns
        if tested is None or name in tested
    )
    names = ", ".join(name for name, _kind, _nullable in columns)
    row = connection.execute(f"SELECT {names} FROM {table} WHERE {wrong} LIMIT 1").fetchone()
    if row is None:
        return
    for (name, kind, nullable), value in zip(columns, row, strict=True):
        problem = _problem(value, kind, nullable)
        if problem:
            raise StoreError(
                f"{path} is damaged and cannot be opened: {table}.{name} holds {problem} "
                f"(in the row {_row(row)})."
            )


def _wrong(name: str, kind: str, nullable: bool) -> str:
    """SQL true when column `name` holds what our files never put there."""
    classes = ", ".join(f"'{c}'" for c in _EXPECTED[kind])
    test = f"typeof({name}) NOT IN ({classes})"
    if kind == "":
        test += f" OR abs({name}) > 1.7976931348623157e308"
    return f"({name} IS NOT NULL AND ({test}))" if nullable else f"({name} IS NULL OR {test})"


def _problem(value: object, kind: str, nullable: bool) -> str | None:
    """What is wrong with one value, as the middle of a sentence; None when nothing."""
    if value is None:
        return None if nullable else "no value where one is required"
    got = _CLASS_NAMES.get(type(value), "an unknown kind of value")
    if kind == "TEXT":
        return None if isinstance(value, str) else f"{got} where text belongs"
    if kind == "INTEGER":
        whole = isinstance(value, int)
        return None if whole else f"{_shown(value, got)} where a whole number belongs"
    if not isinstance(value, int | float):
        return f"{_shown(value, got)} where a number belongs"
    return None if math.isfinite(value) else f"{value!r}, not a finite number"


def _shown(value: object, got: str) -> str:
    if isinstance(value, str):
        return f"the text {value[:40]!r}"
    return got


def _row(row: tuple) -> str:
    shown = [repr(v)[:40] if not isinstance(v, bytes) else "<blob>" for v in row[:3]]
    return ", ".join(shown) + (", ..." if len(row) > 3 else "")


def verify_ids(project: Project, path: Path) -> None:
    """Ids are one namespace (a series key may name a segment or the total, a link any
    entity), and the primary dimension must be one of the dimensions."""
    seen: dict[str, str] = {TOTAL: "the total"}
    for what, ids in _ids(project):
        for an_id in ids:
            if an_id in seen:
                raise StoreError(
                    f"{path} is damaged and cannot be opened: the id {an_id!r} is used twice "
                    f"({seen[an_id]} and {what})."
                )
            seen[an_id] = what
    primary = project.primary_dimension
    if primary is not None and primary not in {d.id for d in project.dimensions}:
        raise StoreError(
            f"{path} is damaged and cannot be opened: the primary dimension {primary!r} is "
            "not one of its dimensions."
        )


def _ids(project: Project):
    yield "a dimension", (d.id for d in project.dimensions)
    yield "a segment", (m.id for d in project.dimensions for m in d.members)
    yield "a scenario", (s.id for s in project.scenarios)
    for collection, kind in ENTITY_COLLECTIONS.items():
        yield f"a {kind.__name__.lower()}", (e.id for e in getattr(project, collection))
