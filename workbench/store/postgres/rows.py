"""`TableAccess` on the server: one project's rows, as of a revision or written as a new one.

Reading sees the rows live at `revision` (`saved_in <= revision < replaced_in`), or the
live rows (`replaced_in IS NULL`) inside the caller's snapshot. Writing never deletes:
a removed or replaced row gets `replaced_in = revision` and a new row `saved_in =
revision`, so every earlier revision stays readable. Every name in a statement comes from
`layout` and goes through `sql.Identifier`; every value is a parameter.
"""

from __future__ import annotations

from collections.abc import Iterable

from psycopg import Cursor, sql

from workbench.store.postgres.layout import data_tables
from workbench.store.postgres.schema import table
from workbench.store.table_access import Runs

_BULK_FROM = 50
"""Inserts of this many rows or more are one statement over column arrays (`unnest`);
fewer are one pipelined statement per row. (COPY would be quicker still, but PostgreSQL
refuses COPY FROM into a table with row-level security.)"""

LIVE = sql.SQL("project_id = %s AND replaced_in IS NULL")
AT_REVISION = sql.SQL(
    "project_id = %s AND saved_in <= %s AND (replaced_in IS NULL OR replaced_in > %s)"
)


def _names(columns: Iterable[str]) -> sql.Composed:
    return sql.SQL(", ").join(map(sql.Identifier, columns))


def _order(order: str) -> sql.Composable:
    if not order:
        return sql.SQL("")
    return sql.SQL(" ORDER BY ") + _names(part.strip() for part in order.split(","))


class ServerTables:
    """One project's tables through `cursor`; `revision` is read (None: live) or written."""

    def __init__(self, cursor: Cursor, project_id: int, revision: int | None = None) -> None:
        self.cursor = cursor
        self.project_id = project_id
        self.revision = revision

    # -- reading ---------------------------------------------------------------------------

    def select(self, table_name: str, columns: Iterable[str], order: str = "") -> list[tuple]:
        where, params = self._visible()
        query = sql.SQL("SELECT {} FROM {} WHERE {}{}").format(
            _names(columns), table(table_name), where, _order(order)
        )
        return self.cursor.execute(query, params).fetchall()

    def runs(self, table_name: str, keys: tuple[str, ...], columns: tuple[str, ...]) -> Runs:
        """One row per key from the server, each column of its rows as an array in the
        order of the first (a history comes over as a row per series, not per year)."""
        where, params = self._visible()
        first = sql.Identifier(columns[0])
        arrays = sql.SQL(", ").join(
            sql.SQL("array_agg({} ORDER BY {})").format(sql.Identifier(c), first)
            for c in columns
        )
        query = sql.SQL("SELECT {}, {} FROM {} WHERE {} GROUP BY {}").format(
            _names(keys), arrays, table(table_name), where, _names(keys)
        )
        width = len(keys)
        return [
            (row[:width], list(zip(*row[width:], strict=True)))
            for row in self.cursor.execute(query, params)
        ]

    def _visible(self) -> tuple[sql.Composable, tuple]:
        """The condition (and its parameters) of the rows this reader sees."""
        if self.revision is None:
            return LIVE, (self.project_id,)
        return AT_REVISION, (self.project_id, self.revision, self.revision)

    # -- writing ---------------------------------------------------------------------------

    def clear(self, table_name: str) -> None:
        for name in (table_name, *(c.table for c in data_tables()[table_name].children)):
            self.cursor.execute(
                sql.SQL("UPDATE {} SET replaced_in = %s WHERE {}").format(table(name), LIVE),
                (self.revision, self.project_id),
            )

    def insert(
        self, table_name: str, columns: tuple[str, ...], rows: list[tuple], replace: bool = False
    ) -> None:
        if replace:
            key = data_tables()[table_name].key
            at = [columns.index(k) for k in key]
            self.delete(table_name, key, [tuple(row[i] for i in at) for row in rows])
        names = _names(("project_id", "saved_in", *columns))
        head = (self.project_id, self.revision)
        if len(rows) >= _BULK_FROM:
            self._insert_arrays(table_name, columns, rows)
            return
        marks = sql.SQL(", ").join([sql.Placeholder()] * (len(columns) + 2))
        self.cursor.executemany(
            sql.SQL("INSERT INTO {} ({}) VALUES ({})").format(table(table_name), names, marks),
            [(*head, *row) for row in rows],
        )

    def _insert_arrays(self, table_name: str, columns: tuple[str, ...], rows: list[tuple]):
        types = {c.name: c.type for c in data_tables()[table_name].columns}
        arrays = [
            sql.SQL("%s::{}[]").format(sql.SQL(types[name])) for name in columns
        ]
        values = [
            [None if v is None else float(v) for v in column]
            if types[name] == "double precision" else list(column)
            for name, column in zip(columns, zip(*rows, strict=True), strict=True)
        ]
        self.cursor.execute(
            sql.SQL("INSERT INTO {} ({}) SELECT %s, %s, * FROM unnest({})").format(
                table(table_name), _names(("project_id", "saved_in", *columns)),
                sql.SQL(", ").join(arrays),
            ),
            (self.project_id, self.revision, *values),
        )

    def delete(self, table_name: str, keys: tuple[str, ...], rows: Iterable[tuple]) -> None:
        """Retire the rows, and their children as the file's ON DELETE CASCADE would."""
        rows = list(rows)
        if not rows:
            return
        self._retire(table_name, keys, rows)
        for child in data_tables()[table_name].child_for(keys):
            self._retire(child.table, child.columns, rows)

    def _retire(self, table_name: str, keys: tuple[str, ...], rows: list[tuple]) -> None:
        match = sql.SQL(" AND ").join(sql.SQL("{} = %s").format(sql.Identifier(k)) for k in keys)
        self.cursor.executemany(
            sql.SQL("UPDATE {} SET replaced_in = %s WHERE {} AND {}").format(
                table(table_name), LIVE, match
            ),
            [(self.revision, self.project_id, *row) for row in rows],
        )

    def move(self, table_name: str, moved: list[tuple[int, str]]) -> None:
        """A moved entity is a new row version at its new position."""
        if not moved:
            return
        names = [c.name for c in data_tables()[table_name].columns]
        copied = sql.SQL(", ").join(
            sql.Placeholder() if name == "position" else sql.Identifier(name) for name in names
        )
        self.cursor.executemany(
            sql.SQL(
                "WITH old AS (UPDATE {t} SET replaced_in = %s WHERE {live} AND id = %s"
                " RETURNING *) INSERT INTO {t} (project_id, saved_in, {names})"
                " SELECT project_id, %s, {copied} FROM old"
            ).format(t=table(table_name), live=LIVE, names=_names(names), copied=copied),
            [(self.revision, self.project_id, entity_id, self.revision, position)
             for position, entity_id in moved],
        )
