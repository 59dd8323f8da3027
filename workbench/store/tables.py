"""How each part of a `Project` maps to rows: the one description both reading and writing use.

Keyed fields (history, pins, ...) are one row per key. Each typed measure has the same
keyed tables: the value's under the field's name (`history`), every other measure's under
the measure's id before it (`volume_history`), and `measures` names the measures a
project has besides value, with their units. Entity collections are one row per entity
with a `position` column that keeps list order, plus child tables for the fields that are
themselves collections (a company's shares, an assessment's criteria and cells). A tuple
of ids (segments, source_ids) is canonical JSON text: a table per tuple would buy nothing
but joins.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, fields
from functools import cached_property
from typing import Any

from workbench.core.entities import Criterion, Rating
from workbench.core.fields import Field
from workbench.core.measures import MEASURES, VALUE, field_of
from workbench.core.project import ENTITY_COLLECTIONS, Growth

TYPED = tuple(m.id for m in MEASURES if m.typed)
"""The measures with rows of their own, value first."""

MEASURES_TABLE = "measures"
MEASURES_COLUMNS = ("id", "unit")


def table_of(measure_id: str, name: str) -> str:
    """The table of a measure's input `name`: "history" for value, "volume_history"."""
    return name if measure_id == VALUE else f"{measure_id}_{name}"


@dataclass(frozen=True)
class KeyedTable:
    """A dict input `{key tuple: value}` (or a set of key tuples when `value` is None) of
    one measure: `name` is its attribute on the measure's inputs, `field` the project
    field an edit of it is logged under."""

    measure: str
    name: str
    keys: tuple[str, ...]
    value: str | None

    @property
    def field(self) -> Field:
        return field_of(self.measure, Field(self.name))

    @property
    def table(self) -> str:
        return table_of(self.measure, self.name)

    @property
    def columns(self) -> tuple[str, ...]:
        return self.keys if self.value is None else (*self.keys, self.value)

    def rows(self, container: Any) -> list[tuple]:
        if self.value is None:
            return list(container)
        return [(*key, value) for key, value in container.items()]

    def row(self, key: tuple, container: Any) -> tuple:
        return key if self.value is None else (*key, container[key])


_KEYED_SHAPES = (
    ("history", ("series", "year"), "value"),
    ("history_sources", ("series", "year"), "source_id"),
    ("pins", ("scenario", "series", "year"), "value"),
    ("holds", ("series", "year"), None),
    ("pin_marks", ("scenario", "series", "year"), "mark"),
    ("notes", ("scenario", "series", "year"), "text"),
)

KEYED_TABLES = tuple(
    KeyedTable(measure_id, *shape) for measure_id in TYPED for shape in _KEYED_SHAPES
)

# -- growth ----------------------------------------------------------------------------------

GROWTH_COLUMNS = ("scenario", "series", "method", "rate", "k", "r")


@dataclass(frozen=True)
class GrowthTables:
    """A measure's growth assumptions: one row per (scenario, series) and per-year children
    (`children`: the Growth field → (its table, its value column))."""

    measure: str
    name = "growth"
    keys = ("scenario", "series")

    @property
    def field(self) -> Field:
        return field_of(self.measure, Field.GROWTH)

    @property
    def table(self) -> str:
        return table_of(self.measure, "growth")

    @property
    def children(self) -> dict[str, tuple[str, str]]:
        return {
            "rates": (table_of(self.measure, "growth_rates"), "rate"),
            "values": (table_of(self.measure, "growth_values"), "value"),
        }

    def rows(self, items: Iterable[tuple[tuple[str, str], Growth]]) -> dict[str, list[tuple]]:
        """Rows of the growth table and of its per-year children, for the given growths."""
        rates, values = (table for table, _column in self.children.values())
        out: dict[str, list[tuple]] = {self.table: [], rates: [], values: []}
        for (scenario, series), g in items:
            out[self.table].append((scenario, series, g.method, g.rate, g.k, g.r))
            for year, rate in g.rates.items():
                out[rates].append((scenario, series, year, rate))
            for year, value in g.values.items():
                out[values].append((scenario, series, year, value))
        return out


GROWTH_TABLES = tuple(GrowthTables(measure_id) for measure_id in TYPED)


# -- entities --------------------------------------------------------------------------------


@dataclass(frozen=True)
class ChildTable:
    """An entity field stored as rows of its own table, keyed by the entity's id."""

    field: str
    table: str
    parent: str
    columns: tuple[str, ...]
    order: str
    rows: Callable[[Any], Iterable[tuple]]
    value: Callable[[list[tuple]], Any]


@dataclass(frozen=True)
class EntityTable:
    """An entity collection: `columns` are the entity's fields kept in its own row."""

    collection: str
    columns: tuple[str, ...]
    id_lists: tuple[str, ...] = ()
    flags: tuple[str, ...] = ()
    children: tuple[ChildTable, ...] = ()

    @property
    def table(self) -> str:
        return self.collection

    @property
    def entity_type(self) -> type:
        return ENTITY_COLLECTIONS[self.collection]

    def row(self, position: int, entity: Any) -> tuple:
        values = [entity.id, position]
        for column in self.columns:
            value = getattr(entity, column)
            if column in self.id_lists:
                value = id_list_text(value)
            values.append(value)
        return tuple(values)

    def child_rows(self, entities: Iterable[Any]) -> dict[str, list[tuple]]:
        out: dict[str, list[tuple]] = {child.table: [] for child in self.children}
        for entity in entities:
            for child in self.children:
                rows = child.rows(getattr(entity, child.field))
                out[child.table].extend((entity.id, *row) for row in rows)
        return out

    @cached_property
    def plain(self) -> bool:
        """True when a row (minus its position) is the entity's fields in order, as is."""
        names = tuple(f.name for f in fields(self.entity_type))
        return names == ("id", *self.columns) and not (self.id_lists or self.flags)

    def entity(self, row: tuple, children: dict[str, dict[str, list[tuple]]]) -> Any:
        """The entity of one row (not `plain`); `children[field][entity id]` holds its child
        rows."""
        kwargs = dict(zip(("id", *self.columns), (row[0], *row[2:]), strict=True))
        for column in self.id_lists:
            kwargs[column] = tuple(json.loads(kwargs[column]))
        for column in self.flags:
            kwargs[column] = bool(kwargs[column])
        for child in self.children:
            kwargs[child.field] = child.value(children[child.field].get(row[0], []))
        return self.entity_type(**kwargs)


def id_list_text(ids: tuple[str, ...]) -> str:
    """Canonical JSON of a tuple of ids: same tuple, same text."""
    return json.dumps(list(ids), ensure_ascii=False, separators=(",", ":"))


_SHARES = ChildTable(
    "shares", "company_shares", "company_id", ("year", "share"), "year",
    rows=lambda shares: shares.items(),
    value=dict,
)
_CRITERIA = ChildTable(
    "criteria", "assessment_criteria", "assessment_id", ("position", "id", "name"), "position",
    rows=lambda criteria: ((i, c.id, c.name) for i, c in enumerate(criteria)),
    value=lambda rows: tuple(Criterion(c_id, name) for _i, c_id, name in rows),
)
_CELLS = ChildTable(
    "cells", "assessment_cells", "assessment_id",
    ("criterion_id", "member_id", "score", "note"), "criterion_id, member_id",
    rows=lambda cells: ((c, m, r.score, r.note) for (c, m), r in cells.items()),
    value=lambda rows: {(c, m): Rating(score, note) for c, m, score, note in rows},
)
_LINKS = ("segments", "source_ids")

ENTITY_TABLES = (
    EntityTable("sources", ("publisher", "title", "date", "url", "assumption"),
                flags=("assumption",)),
    EntityTable("companies", ("name", "headquarters", "founded", "listing", "website", "type",
                              "description", "strategy", "segments", "source_ids"),
                id_lists=_LINKS, children=(_SHARES,)),
    EntityTable("developments", ("company_id", "date", "kind", "text", "source_id")),
    EntityTable("factors", ("kind", "title", "text", "impact_short", "impact_medium",
                            "impact_long", "segments", "source_ids"), id_lists=_LINKS),
    EntityTable("trends", ("title", "text", "segments", "source_ids"), id_lists=_LINKS),
    EntityTable("forces", ("rating", "rationale")),
    EntityTable("assessments", ("name", "dimension_id"), children=(_CRITERIA, _CELLS)),
    EntityTable("key_questions", ("question", "answer")),
)
ENTITY_TABLE = {t.collection: t for t in ENTITY_TABLES}


def insert_sql(table: str, columns: Iterable[str], verb: str = "INSERT", rows: int = 1) -> str:
    """An INSERT of `rows` rows per statement."""
    names = tuple(columns)
    values = ", ".join([f"({', '.join('?' * len(names))})"] * rows)
    return f"{verb} INTO {table} ({', '.join(names)}) VALUES {values}"


def entity_columns(spec: EntityTable) -> tuple[str, ...]:
    return ("id", "position", *spec.columns)
