"""Write a project's rows: all of them into a new file, or only what changed since a save.

Both go through `TableAccess`, so the team server's store writes the same rows.

The incremental write is what keeps Save on a large project within a few milliseconds:
the document reports the changed keys of every keyed field, and for the entity lists
(replaced whole by every entity edit) the last saved list is compared with the current
one entity by entity, so one edited development rewrites one row.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from typing import Any

from workbench.core.fields import STRUCTURE, Field
from workbench.core.project import Project
from workbench.core.transaction import WHOLE
from workbench.store.table_access import SqliteTables, TableAccess
from workbench.store.tables import (
    ENTITY_TABLE,
    ENTITY_TABLES,
    GROWTH_CHILDREN,
    GROWTH_COLUMNS,
    KEYED_TABLES,
    EntityTable,
    KeyedTable,
    entity_columns,
    growth_rows,
)

_KEYED = {spec.field: spec for spec in KEYED_TABLES}
FIELDS = frozenset(STRUCTURE | _KEYED.keys() | {Field.GROWTH} | ENTITY_TABLE.keys())
"""The project fields `write_changes` knows how to write; any other change needs a whole write."""


def write_project(connection: sqlite3.Connection, project: Project) -> None:
    """Every row of `project`, into the empty tables of a new file."""
    write_all(SqliteTables(connection), project)


def write_all(connection: TableAccess, project: Project) -> None:
    """Every row of `project`, into empty tables."""
    _write_structure(connection, project)
    for spec in KEYED_TABLES:
        _insert(connection, spec.table, spec.columns, spec.rows(getattr(project, spec.field)))
    _insert_growth(connection, project.growth.items())
    for spec in ENTITY_TABLES:
        _insert_entities(connection, spec, list(enumerate(getattr(project, spec.collection))))


def write_changes(
    connection: sqlite3.Connection,
    project: Project,
    dirty: dict[Field, Any],
    saved_entities: dict[str, list],
) -> None:
    """The rows that changed since the file held `saved_entities` and the document was clean.

    `dirty` is `Document.dirty()`: per field the changed keys, or WHOLE.
    """
    write_changed(SqliteTables(connection), project, dirty, saved_entities)


def write_changed(
    connection: TableAccess,
    project: Project,
    dirty: dict[Field, Any],
    saved_entities: dict[str, list],
) -> None:
    """`write_changes` through any backend's `TableAccess`."""
    if not STRUCTURE.isdisjoint(dirty):
        for table in ("metadata", "members", "dimensions", "scenarios"):
            connection.clear(table)
        _write_structure(connection, project)
    for field, keys in dirty.items():
        if field in _KEYED:
            _write_keyed(connection, _KEYED[field], getattr(project, field), keys)
        elif field == Field.GROWTH:
            _write_growth(connection, project.growth, keys)
        elif field in ENTITY_TABLE:
            _write_entities(
                connection, ENTITY_TABLE[field], saved_entities[field], getattr(project, field)
            )


# -- structure -------------------------------------------------------------------------------


def _write_structure(connection: TableAccess, project: Project) -> None:
    meta = project.metadata
    _insert(connection, "metadata", ("id", "title", "first_year", "base_year", "last_year",
                                     "unit", "currency_note", "description", "mode",
                                     "primary_dimension"),
            [(1, meta.title, meta.first_year, meta.base_year, meta.last_year, meta.unit,
              meta.currency_note, meta.description, project.mode, project.primary_dimension)])
    _insert(connection, "dimensions", ("id", "position", "name"),
            [(d.id, i, d.name) for i, d in enumerate(project.dimensions)])
    _insert(connection, "members", ("id", "dimension_id", "position", "name"),
            [(m.id, d.id, i, m.name) for d in project.dimensions for i, m in enumerate(d.members)])
    _insert(connection, "scenarios", ("id", "position", "name"),
            [(s.id, i, s.name) for i, s in enumerate(project.scenarios)])


# -- keyed fields ----------------------------------------------------------------------------


def _write_keyed(connection: TableAccess, spec: KeyedTable, container, keys) -> None:
    if keys is WHOLE:
        connection.clear(spec.table)
        _insert(connection, spec.table, spec.columns, spec.rows(container))
        return
    present = [spec.row(key, container) for key in keys if key in container]
    gone = [key for key in keys if key not in container]
    _delete(connection, spec.table, spec.keys, gone)
    connection.insert(spec.table, spec.columns, present, replace=True)


def _write_growth(connection: TableAccess, growth: dict, keys) -> None:
    """Growth rows are replaced whole: deleting one cascades to its per-year rows."""
    if keys is WHOLE:
        connection.clear("growth")
        _insert_growth(connection, growth.items())
        return
    _delete(connection, "growth", ("scenario", "series"), keys)
    _insert_growth(connection, [(key, growth[key]) for key in keys if key in growth])


def _insert_growth(connection: TableAccess, items: Iterable) -> None:
    rows = growth_rows(items)
    _insert(connection, "growth", GROWTH_COLUMNS, rows["growth"])
    for table, column in GROWTH_CHILDREN.values():
        _insert(connection, table, ("scenario", "series", "year", column), rows[table])


# -- entities --------------------------------------------------------------------------------


def _write_entities(
    connection: TableAccess, spec: EntityTable, saved: list, current: list
) -> None:
    """Rewrite changed entities, renumber moved ones, delete removed ones."""
    before = {e.id: (i, e) for i, e in enumerate(saved)}
    changed: list[tuple[int, Any]] = []
    moved: list[tuple[int, str]] = []
    for i, entity in enumerate(current):
        old = before.pop(entity.id, None)
        if old is None or (old[1] is not entity and old[1] != entity):
            changed.append((i, entity))
        elif old[0] != i:
            moved.append((i, entity.id))
    gone = [(entity_id,) for entity_id in before]
    _delete(connection, spec.table, ("id",), gone + [(e.id,) for _i, e in changed])
    connection.move(spec.table, moved)
    _insert_entities(connection, spec, changed)


def _insert_entities(connection: TableAccess, spec: EntityTable, items: list) -> None:
    _insert(connection, spec.table, entity_columns(spec), [spec.row(i, e) for i, e in items])
    child_rows = spec.child_rows(e for _i, e in items)
    for child in spec.children:
        _insert(connection, child.table, (child.parent, *child.columns), child_rows[child.table])


# -- statements ------------------------------------------------------------------------------


def _insert(connection: TableAccess, table: str, columns: tuple, rows: list) -> None:
    if rows:
        connection.insert(table, columns, rows)


def _delete(connection: TableAccess, table: str, keys: tuple[str, ...], rows: Iterable) -> None:
    rows = list(rows)
    if rows:
        connection.delete(table, keys, rows)
