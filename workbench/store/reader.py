"""Build a `Project` from the rows of an open project (a `.mwp` file or a team server).

Opening must stay fast on a large project (over fifty thousand rows), so every table is
fetched whole with one query and the dataclasses are built in tight loops; the entity
constructors still check every field, so a row the model would refuse is caught here.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict

from workbench.core.errors import ModelError
from workbench.core.project import MODES, Dimension, Growth, Member, Metadata, Project, Scenario
from workbench.store.table_access import SqliteTables, TableAccess
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
    return project_from(SqliteTables(connection))


def project_from(connection: TableAccess) -> Project:
    """The project in the tables of `connection`, read as the caller's one state."""
    project = Project(_metadata(connection), _dimensions(connection), _scenarios(connection))
    row = next(iter(connection.select("metadata", ("mode", "primary_dimension"))))
    if row[0] not in MODES:
        raise ModelError(f"The forecast mode {row[0]!r} is unknown.")
    project.mode, project.primary_dimension = row
    for spec in KEYED_TABLES:
        setattr(project, spec.field, _keyed(connection, spec))
    project.growth = _growth(connection)
    for spec in ENTITY_TABLES:
        setattr(project, spec.collection, _entities(connection, spec))
    return project


_METADATA = (
    "title", "first_year", "base_year", "last_year", "unit", "currency_note", "description"
)


def _metadata(connection: TableAccess) -> Metadata:
    rows = list(connection.select("metadata", _METADATA))
    if len(rows) != 1:
        raise ModelError("The project's title and years are missing.")
    return Metadata(*rows[0])


def _dimensions(connection: TableAccess) -> list[Dimension]:
    members: dict[str, list[Member]] = defaultdict(list)
    for member_id, dimension_id, name in connection.select(
        "members", ("id", "dimension_id", "name"), "position"
    ):
        members[dimension_id].append(Member(member_id, name))
    return [
        Dimension(dimension_id, name, tuple(members[dimension_id]))
        for dimension_id, name in connection.select("dimensions", ("id", "name"), "position")
    ]


def _scenarios(connection: TableAccess) -> list[Scenario]:
    rows = connection.select("scenarios", ("id", "name"), "position")
    return [Scenario(scenario_id, name) for scenario_id, name in rows]


def _keyed(connection: TableAccess, spec: KeyedTable):
    rows = connection.select(spec.table, spec.columns)
    if spec.value is None:
        return set(rows)
    if len(spec.keys) == 2:
        return {(a, b): v for a, b, v in rows}
    return {(a, b, c): v for a, b, c, v in rows}


def _growth(connection: TableAccess) -> dict[tuple[str, str], Growth]:
    per_year: dict[str, dict[tuple[str, str], dict[int, float]]] = {}
    for field, (table, column) in GROWTH_CHILDREN.items():
        by_key: dict[tuple[str, str], dict[int, float]] = defaultdict(dict)
        for scenario, series, year, value in connection.select(
            table, ("scenario", "series", "year", column)
        ):
            by_key[(scenario, series)][year] = value
        per_year[field] = by_key
    rates, values = per_year["rates"], per_year["values"]
    growth = {}
    for scenario, series, method, rate, k, r in connection.select("growth", GROWTH_COLUMNS):
        key = (scenario, series)
        growth[key] = Growth(method, rate, rates.get(key, {}), k, r, values.get(key, {}))
    return growth


def _entities(connection: TableAccess, spec: EntityTable) -> list:
    children: dict[str, dict[str, list[tuple]]] = {}
    for child in spec.children:
        grouped: dict[str, list[tuple]] = defaultdict(list)
        for row in connection.select(
            child.table, (child.parent, *child.columns), f"{child.parent}, {child.order}"
        ):
            grouped[row[0]].append(row[1:])
        children[child.field] = grouped
    rows = connection.select(spec.table, entity_columns(spec), "position")
    return [spec.entity(row, children) for row in rows]
