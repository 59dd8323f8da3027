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
from workbench.core.measures import VALUE, inputs_of, typed_measures, unit_of
from workbench.core.project import Project
from workbench.core.transaction import WHOLE
from workbench.store.table_access import SqliteTables, TableAccess
from workbench.store.tables import (
    ENTITY_TABLE,
    ENTITY_TABLES,
    GROWTH_COLUMNS,
    GROWTH_TABLES,
    KEYED_TABLES,
    MEASURES_COLUMNS,
    MEASURES_TABLE,
    TYPED,
    EntityTable,
    GrowthTables,
    KeyedTable,
    entity_columns,
)

_INPUTS: dict[Field, KeyedTable | GrowthTables] = {
    spec.field: spec for spec in (*KEYED_TABLES, *GROWTH_TABLES)
}
FIELDS = frozenset(STRUCTURE | _INPUTS.keys() | ENTITY_TABLE.keys())
"""The project fields `write_changes` knows how to write; any other change needs a whole write."""
_STRUCTURE_TABLES = ("metadata", "members", "dimensions", "scenarios", MEASURES_TABLE)


def write_project(connection: sqlite3.Connection, project: Project) -> None:
    """Every row of `project`, into the empty tables of a new file."""
    write_all(SqliteTables(connection), project)


def write_all(connection: TableAccess, project: Project) -> None:
    """Every row of `project`, into empty tables."""
    _write_structure(connection, project)
    for measure_id in typed_measures(project):
        _write_measure(connection, project, measure_id)
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
    """`write_changes` through any backend's `TableAccess`.

    A measure added, removed or replaced whole (`Field.VOLUME`) has all its rows
    rewritten, which covers any edit of its inputs in the same save.
    """
    if not STRUCTURE.isdisjoint(dirty):
        for table in _STRUCTURE_TABLES:
            connection.clear(table)
        _write_structure(connection, project)
    rewritten = {m for m in TYPED if m != VALUE and Field(m) in dirty}
    for measure_id in rewritten:
        for spec in _INPUTS.values():
            if spec.measure == measure_id:
                connection.clear(spec.table)
        if measure_id in typed_measures(project):
            _write_measure(connection, project, measure_id)
    for field, keys in dirty.items():
        spec = _INPUTS.get(field)
        if spec is not None and spec.measure not in rewritten:
            _write_input(connection, spec, _container(project, spec), keys)
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
    _insert(connection, MEASURES_TABLE, MEASURES_COLUMNS,
            [(m, unit_of(project, m)) for m in typed_measures(project) if m != VALUE])


# -- a measure's inputs ----------------------------------------------------------------------


def _container(project: Project, spec: KeyedTable | GrowthTables):
    """The dict or set of `spec`'s input on its measure (value: the project itself)."""
    return getattr(inputs_of(project, spec.measure), spec.name)


def _write_measure(connection: TableAccess, project: Project, measure_id: str) -> None:
    """Every input row of one measure, into its empty tables."""
    for spec in KEYED_TABLES:
        if spec.measure == measure_id:
            _insert(connection, spec.table, spec.columns, spec.rows(_container(project, spec)))
    for spec in GROWTH_TABLES:
        if spec.measure == measure_id:
            _insert_growth(connection, spec, _container(project, spec).items())


def _write_input(connection: TableAccess, spec: KeyedTable | GrowthTables, container,
                 keys) -> None:
    if isinstance(spec, GrowthTables):
        _write_growth(connection, spec, container, keys)
    else:
        _write_keyed(connection, spec, container, keys)


def _write_keyed(connection: TableAccess, spec: KeyedTable, container, keys) -> None:
    if keys is WHOLE:
        connection.clear(spec.table)
        _insert(connection, spec.table, spec.columns, spec.rows(container))
        return
    present = [spec.row(key, container) for key in keys if key in container]
    gone = [key for key in keys if key not in container]
    _delete(connection, spec.table, spec.keys, gone)
    connection.insert(spec.table, spec.columns, present, replace=True)


def _write_growth(connection: TableAccess, spec: GrowthTables, growth: dict, keys) -> None:
    """Growth rows are replaced whole: deleting one cascades to its per-year rows."""
    if keys is WHOLE:
        connection.clear(spec.table)
        _insert_growth(connection, spec, growth.items())
        return
    _delete(connection, spec.table, spec.keys, keys)
    _insert_growth(connection, spec, [(key, growth[key]) for key in keys if key in growth])


def _insert_growth(connection: TableAccess, spec: GrowthTables, items: Iterable) -> None:
    rows = spec.rows(items)
    _insert(connection, spec.table, GROWTH_COLUMNS, rows[spec.table])
    for table, column in spec.children.values():
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
