"""Build a `Project` from the rows of an open project file.

Opening must stay fast on a large project (over fifty thousand rows), so every table is
fetched whole with one query and the dataclasses are built in tight loops; the entity
constructors still check every field, so a row the model would refuse is caught here.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict

from workbench.core.errors import ModelError
from workbench.core.project import MODES, Dimension, Growth, Member, Metadata, Project, Scenario
from workbench.store.tables import (
    ENTITY_TABLES,
    GROWTH_CHILDREN,
    GROWTH_COLUMNS,
    KEYED_TABLES,
    EntityTable,
    KeyedTable,
    entity_columns,
)


def read_project(connection: sqlite3.Connection) -> Project:
    """The project in the file, read inside one transaction so that it is one state."""
    project = Project(_metadata(connection), _dimensions(connection), _scenarios(connection))
    row = connection.execute("SELECT mode, primary_dimension FROM metadata").fetchone()
    if row[0] not in MODES:
        raise ModelError(f"The forecast mode {row[0]!r} is unknown.")
    project.mode, project.primary_dimension = row
    for spec in KEYED_TABLES:
        setattr(project, spec.field, _keyed(connection, spec))
    project.growth = _growth(connection)
    for spec in ENTITY_TABLES:
        setattr(project, spec.collection, _entities(connection, spec))
    return project


def _metadata(connection: sqlite3.Connection) -> Metadata:
    rows = connection.execute(
        "SELECT title, first_year, base_year, last_year, unit, currency_note, description"
        " FROM metadata"
    ).fetchall()
    if len(rows) != 1:
        raise ModelError("The project's title and years are missing.")
    return Metadata(*rows[0])


def _dimensions(connection: sqlite3.Connection) -> list[Dimension]:
    members: dict[str, list[Member]] = defaultdict(list)
    for member_id, dimension_id, name in connection.execute(
        "SELECT id, dimension_id, name FROM members ORDER BY position"
    ):
        members[dimension_id].append(Member(member_id, name))
    return [
        Dimension(dimension_id, name, tuple(members[dimension_id]))
        for dimension_id, name in connection.execute(
            "SELECT id, name FROM dimensions ORDER BY position"
        )
    ]


def _scenarios(connection: sqlite3.Connection) -> list[Scenario]:
    rows = connection.execute("SELECT id, name FROM scenarios ORDER BY position")
    return [Scenario(scenario_id, name) for scenario_id, name in rows]


def _keyed(connection: sqlite3.Connection, spec: KeyedTable):
    rows = connection.execute(f"SELECT {', '.join(spec.columns)} FROM {spec.table}")
    if spec.value is None:
        return set(rows)
    if len(spec.keys) == 2:
        return {(a, b): v for a, b, v in rows}
    return {(a, b, c): v for a, b, c, v in rows}


def _growth(connection: sqlite3.Connection) -> dict[tuple[str, str], Growth]:
    per_year: dict[str, dict[tuple[str, str], dict[int, float]]] = {}
    for field, (table, column) in GROWTH_CHILDREN.items():
        by_key: dict[tuple[str, str], dict[int, float]] = defaultdict(dict)
        for scenario, series, year, value in connection.execute(
            f"SELECT scenario, series, year, {column} FROM {table}"
        ):
            by_key[(scenario, series)][year] = value
        per_year[field] = by_key
    rates, values = per_year["rates"], per_year["values"]
    growth = {}
    for scenario, series, method, rate, k, r in connection.execute(
        f"SELECT {', '.join(GROWTH_COLUMNS)} FROM growth"
    ):
        key = (scenario, series)
        growth[key] = Growth(method, rate, rates.get(key, {}), k, r, values.get(key, {}))
    return growth


def _entities(connection: sqlite3.Connection, spec: EntityTable) -> list:
    children: dict[str, dict[str, list[tuple]]] = {}
    for child in spec.children:
        grouped: dict[str, list[tuple]] = defaultdict(list)
        for row in connection.execute(
            f"SELECT {child.parent}, {', '.join(child.columns)} FROM {child.table}"
            f" ORDER BY {child.parent}, {child.order}"
        ):
            grouped[row[0]].append(row[1:])
        children[child.field] = grouped
    rows = connection.execute(
        f"SELECT {', '.join(entity_columns(spec))} FROM {spec.table} ORDER BY position"
    )
    return [spec.entity(row, children) for row in rows]
