"""The open checks each value as it reads it, and says exactly what the separate SQL scan
(`verify_data`) said: a value of the wrong kind in any column of any table gives the
same sentence as before, before any error the wrong value would cause further on."""

from __future__ import annotations

import math
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from tests.store.support import dump_of, sample_with_volume
from workbench.core import commands as c
from workbench.core.commands.measures import OnMeasure
from workbench.core.measures import VOLUME
from workbench.core.project import TOTAL, Growth
from workbench.store import SCHEMA_VERSION, StoreError, open_project, save_project
from workbench.store.checked_read import certainly_fine
from workbench.store.table_access import SqliteTables
from workbench.store.verify import column_kinds, verify_data

_WRONG = {"TEXT": b"\x00\xff", "INTEGER": "soon", "": "abc"}
"""A value of each declared type's wrong kind that SQLite stores as given (a blob is
never converted; text that is no number stays text in INTEGER and untyped columns)."""


@pytest.fixture(scope="module")
def full_file(tmp_path_factory) -> bytes:
    """The bytes of a file with rows in every table: the sample with a volume, pins, holds,
    by-year rates and values in both measures, and a company's share estimates."""
    document = sample_with_volume()
    for on in (lambda command: command, lambda command: OnMeasure(VOLUME, command)):
        document.execute(on(c.SetPin("base", "tiktok", 2028, 40.0)))
        document.execute(on(c.SetHold("kwai", 2025, True)))
        document.execute(on(c.SetGrowth("base", "kwai", Growth("manual", values={2026: 9.0}))))
        document.execute(on(c.SetGrowth("optimistic", "kwai", Growth("growth_by_year",
                                                                rates={2026: 0.25}))))
    company = document.project.companies[0]
    document.execute(c.UpdateEntity("companies", replace(company, shares={2024: 0.25})))
    path = tmp_path_factory.mktemp("full") / "full.mwp"
    save_project(document, path)
    connection = sqlite3.connect(path)
    try:
        for table in column_kinds(SCHEMA_VERSION):
            count = connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            assert count, f"{table} is empty: its columns would go untested"
    finally:
        connection.close()
    return path.read_bytes()


def _columns() -> list[tuple[str, str, str]]:
    """Every (table, column, declared type) of the current file format but the rowid."""
    return [
        (table, name, kind)
        for table, columns in column_kinds(SCHEMA_VERSION).items()
        for name, kind, _nullable in columns
        if (table, name) != ("metadata", "id")  # the rowid itself: SQLite keeps it whole
    ]


def _one_row_set(path: Path, table: str, column: str, value) -> None:
    """Set `column` of one row of `table` (the first by its primary key) to `value`."""
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        key = [name for _c, name, _t, _n, _d, pk in connection.execute(
            f"PRAGMA table_info({table})") if pk]
        keys = ", ".join(key)
        connection.execute(
            f"UPDATE {table} SET {column} = ? WHERE ({keys}) = "
            f"(SELECT {keys} FROM {table} ORDER BY {keys} LIMIT 1)",
            (value,),
        )
    finally:
        connection.close()


def _scan_says(path: Path) -> str:
    """What the whole-file SQL scan says about the file at `path`."""
    connection = sqlite3.connect(path)
    try:
        with pytest.raises(StoreError) as caught:
            verify_data(connection, path, SCHEMA_VERSION)
    finally:
        connection.close()
    return str(caught.value)


@pytest.mark.parametrize(
    ("table", "column", "kind"), _columns(), ids=[f"{t}.{n}" for t, n, _k in _columns()]
)
def test_a_wrong_kind_in_any_column_is_named_as_the_scan_names_it(
    full_file, tmp_path, table, column, kind
):
    path = tmp_path / "tampered.mwp"
    path.write_bytes(full_file)
    _one_row_set(path, table, column, _WRONG[kind])
    expected = _scan_says(path)
    assert f"{table}.{column} holds" in expected
    with pytest.raises(StoreError) as caught:
        open_project(path)
    assert str(caught.value) == expected


def test_an_infinite_volume_rate_by_year_is_named(full_file, tmp_path):
    path = tmp_path / "inf.mwp"
    path.write_bytes(full_file)
    _one_row_set(path, "volume_growth_rates", "rate", 9e999)
    with pytest.raises(StoreError, match=r"volume_growth_rates\.rate holds inf, not a finite"):
        open_project(path)


def test_a_wrong_kind_is_named_before_an_earlier_table_s_model_error(full_file, tmp_path):
    """The mode is read (and refused by the model) long before the developments: the wrong
    kind in a development is still what the sentence names, as when the scan came first."""
    path = tmp_path / "both.mwp"
    path.write_bytes(full_file)
    _one_row_set(path, "metadata", "mode", "sideways")
    _one_row_set(path, "developments", "text", b"\x00")
    with pytest.raises(StoreError, match=r"developments\.text holds binary data"):
        open_project(path)
    _one_row_set(path, "developments", "text", "A plain text again.")
    with pytest.raises(StoreError, match=r"forecast mode 'sideways' is unknown"):
        open_project(path)


def test_huge_finite_numbers_whose_sum_overflows_still_open(full_file, tmp_path):
    """The quick check sums a column: two values near the largest float overflow it, which
    only sends the column to the exact scan; the file opens with its numbers exact."""
    path = tmp_path / "huge.mwp"
    path.write_bytes(full_file)
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("UPDATE volume_history SET value = 1.7e308 WHERE year = 2024")
    connection.close()
    project = open_project(path).project
    assert project.volume.history[(TOTAL, 2024)] == 1.7e308
    assert not certainly_fine((1.7e308, 1.7e308), "", False)


def test_a_two_measure_project_opens_identical(tmp_path):
    document = sample_with_volume()
    save_project(document, tmp_path / "two.mwp")
    reopened = open_project(tmp_path / "two.mwp")
    assert reopened.project == document.project
    assert dump_of(reopened) == dump_of(document)


@pytest.mark.parametrize(
    ("values", "kind", "nullable", "fine"),
    [
        (("a", "b"), "TEXT", False, True),
        (("a", None), "TEXT", False, False),
        (("a", None), "TEXT", True, True),
        (("a", b"a"), "TEXT", False, False),
        (("a", 1), "TEXT", False, False),
        ((2020, 2021), "INTEGER", False, True),
        ((2020, 2020.5), "INTEGER", False, False),
        ((2020, "2021"), "INTEGER", False, False),
        ((None, 1950), "INTEGER", True, True),
        ((1, 0.5, -0.0, 5e-324), "", False, True),
        ((1.0, math.inf), "", False, False),
        ((1.0, -math.inf), "", False, False),
        ((1.0, "NaN"), "", False, False),
        ((1.0, b"\x00"), "", False, False),
        ((1.0, None), "", False, False),
        ((1.0, None), "", True, True),
        ((), "", False, True),
    ],
)
def test_the_quick_check_of_a_column(values, kind, nullable, fine):
    assert certainly_fine(values, kind, nullable) is fine


@pytest.mark.parametrize(
    ("table", "keys", "columns"),
    [
        ("history", ("series",), ("year", "value")),
        ("history_sources", ("series",), ("year", "source_id")),
        ("volume_history", ("series",), ("year", "value")),
        ("growth_rates", ("scenario", "series"), ("year", "rate")),
    ],
)
def test_a_table_read_by_its_keys_gives_every_row_once_in_key_order(
    full_file, tmp_path, table, keys, columns
):
    """The file's two queries (keys with their counts, rows without keys) give what one
    plain query grouped by key gives, each key's rows in year order."""
    path = tmp_path / "runs.mwp"
    path.write_bytes(full_file)
    connection = sqlite3.connect(path)
    try:
        runs = SqliteTables(connection).runs(table, keys, columns)
        plain = connection.execute(
            f"SELECT {', '.join((*keys, *columns))} FROM {table}"
        ).fetchall()
    finally:
        connection.close()
    width = len(keys)
    grouped: dict[tuple, list[tuple]] = {}
    for row in sorted(plain):
        grouped.setdefault(row[:width], []).append(row[width:])
    assert runs == list(grouped.items())
    assert len(runs) > 1 and sum(len(rows) for _key, rows in runs) == len(plain)
