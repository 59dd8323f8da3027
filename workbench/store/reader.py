"""Build a `Project` from the rows of an open project (a `.mwp` file or a team server).

Opening must stay fast on a large project (about a hundred thousand rows with a volume),
so every table is fetched whole (the large keyed ones as each key once with its rows,
`TableAccess.runs`) and the dataclasses are built in tight loops; the entity constructors
still check every field, so a row the model would refuse is caught here.
"""

from __future__ import annotations

import contextlib
import gc
from collections import defaultdict
from collections.abc import Iterator
from itertools import starmap

from workbench.core.errors import ModelError
from workbench.core.measures import VALUE, inputs_of, typed_measures
from workbench.core.project import (
    MODES,
    Dimension,
    Growth,
    MeasureInputs,
    Member,
    Metadata,
    Project,
    Scenario,
)
from workbench.store.table_access import TableAccess
from workbench.store.tables import (
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


def project_from(connection: TableAccess) -> Project:
    """The project in the tables of `connection`, read as the caller's one state."""
    with collection_paused():
        return _project(connection)


@contextlib.contextmanager
def collection_paused() -> Iterator[None]:
    """No cyclic garbage collection while a project is read.

    A read makes a few hundred thousand objects that all stay alive; each batch of them
    set off a collection that walked every object the application holds (a third of the
    open of a large project in a running window). Reference counting still frees
    garbage meanwhile, and collection resumes as it was, whatever happens.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _project(connection: TableAccess) -> Project:
    project = Project(_metadata(connection), _dimensions(connection), _scenarios(connection))
    row = next(iter(connection.select("metadata", ("mode", "primary_dimension"))))
    if row[0] not in MODES:
        raise ModelError(f"The forecast mode {row[0]!r} is unknown.")
    project.mode, project.primary_dimension = row
    project.volume = _measures(connection)
    _read_inputs(connection, project)
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


def _measures(connection: TableAccess) -> MeasureInputs | None:
    """The volume's inputs (empty, with its unit) when the project has that measure."""
    volume = None
    for measure_id, unit in connection.select(MEASURES_TABLE, MEASURES_COLUMNS):
        if measure_id == VALUE or measure_id not in TYPED:
            known = ", ".join(m for m in TYPED if m != VALUE)
            raise ModelError(
                f"{MEASURES_TABLE} names {measure_id!r}, which is not a measure with inputs "
                f"of its own (only {known} is)"
            )
        volume = MeasureInputs(unit=unit)
    return volume


def _read_inputs(connection: TableAccess, project: Project) -> None:
    """Every typed measure's keyed inputs and growth, onto the project (and its volume)."""
    present = typed_measures(project)
    for spec in (*KEYED_TABLES, *GROWTH_TABLES):
        if isinstance(spec, KeyedTable):
            rows = _keyed(connection, spec)
        else:
            rows = _growth(connection, spec)
        if spec.measure not in present:
            if rows:
                raise ModelError(
                    f"{spec.table} holds rows, but the project has no {spec.measure} measure"
                )
            continue
        setattr(inputs_of(project, spec.measure), spec.name, rows)
        if spec.measure != VALUE:
            _check_keys(project, spec, rows)


def _check_keys(project: Project, spec: KeyedTable | GrowthTables, rows) -> None:
    """A measure other than value has rows only for the project's series and scenarios
    (the value's rows stay as lenient as they were before measures existed)."""
    known = {
        "series": ("segment", set(project.series_ids())),
        "scenario": ("scenario", {s.id for s in project.scenarios} | {""}),  # "": history
    }
    for column, (what, ids) in known.items():
        if column not in spec.keys:
            continue
        at = spec.keys.index(column)
        unknown = {key[at] for key in rows} - ids
        if unknown:
            raise ModelError(
                f"{spec.table} holds a row for the {what} {min(unknown)!r}, which the "
                "project does not have"
            )


def _keyed(connection: TableAccess, spec: KeyedTable):
    if spec.value is not None and len(spec.keys) == 2:  # by (series, year): the large ones
        runs = connection.runs(spec.table, spec.keys[:1], (spec.keys[1], spec.value))
        return {(a, b): v for (a,), rows in runs for b, v in rows}
    rows = connection.select(spec.table, spec.columns)
    if spec.value is None:
        return set(rows)
    return {(a, b, c): v for a, b, c, v in rows}


def _growth(connection: TableAccess, spec: GrowthTables) -> dict[tuple[str, str], Growth]:
    rates, values = (
        {key: dict(rows) for key, rows in connection.runs(table, spec.keys, ("year", column))}
        for table, column in spec.children.values()
    )
    growth = {}
    for scenario, series, method, rate, k, r in connection.select(spec.table, GROWTH_COLUMNS):
        key = (scenario, series)
        growth[key] = Growth(method, rate, rates.get(key, {}), k, r, values.get(key, {}))
    return growth


def _entities(connection: TableAccess, spec: EntityTable) -> list:
    if spec.plain:  # a row is the entity's fields in order: the constructor takes it as is
        rows = connection.select(spec.table, ("id", *spec.columns), "position")
        return list(starmap(spec.entity_type, rows))
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
