"""Team server benchmark: open, save after one edit, and push of the large project.

Run `python tests/benchmarks/bench_server.py [--runs 5] [--json PATH]` with the repository
root on PYTHONPATH. A throwaway PostgreSQL is started in a temporary folder (fsync on, as
a real server) and stopped at the end. The app works as a plain login role that edits
the project, so row-level security is part of every figure.

Baselines, measured in the same run against the same server: `COPY` of the same rows
into the same tables by the superuser (whom row-level security does not apply to; COPY
FROM is refused under it), the floor of any push; and one `SELECT` per table of the same
live rows, without building a project, the floor of an open. Targets (issue 17): open ≤
1 s, save after one edit ≤ 50 ms, push ≤ 3 s.

Two measures (issue 14): push and open of the same project with a volume
(`synthetic_project(volume=True)`), each as a ratio to the value-only figure of this run,
and the save of one volume edit (same targets).
"""

from __future__ import annotations

import itertools
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from bench_core import median_ms, run_benchmark
from psycopg import sql
from synthetic import synthetic_project

from tests.server.cluster import Cluster
from workbench.core import commands as c
from workbench.core.commands.measures import OnMeasure
from workbench.core.document import Document
from workbench.core.measures import VOLUME
from workbench.store.postgres import (
    create_on_server,
    disconnect,
    list_projects,
    open_server_project,
    save_to_server,
    server_project,
)
from workbench.store.postgres.layout import data_tables
from workbench.store.server_address import ServerAddress

TARGETS_MS = {
    "open_ms": 1000,
    "save_one_edit_ms": 50,
    "push_ms": 3000,
    "two_measures_open_ms": 1000,
    "save_one_volume_edit_ms": 50,
    "two_measures_push_ms": 3000,
}
_names = itertools.count(1)


def measure(runs: int) -> dict[str, float]:
    cluster = Cluster(fsync=True).start()
    try:
        cluster.add_user("analyst")
        list_projects(cluster.url())  # the owner's first connection makes the schema
        return _figures(cluster, runs)
    finally:
        disconnect()
        cluster.stop()


def _figures(cluster: Cluster, runs: int) -> dict[str, float]:
    large = synthetic_project()
    figures: dict[str, float] = {}

    def push() -> None:
        create_on_server(Document(large), ServerAddress.parse(
            cluster.url("analyst", f"large {next(_names)}")))

    figures["push_ms"] = median_ms(push, runs)
    address = cluster.url("analyst", "large 1")
    figures["open_ms"] = median_ms(lambda: open_server_project(address), runs)
    document = open_server_project(address)
    values = itertools.cycle([101.5, 202.5])
    key = sorted(document.project.history)[len(document.project.history) // 2]

    def save_one_edit() -> None:
        document.execute(c.SetHistory(key[0], key[1], next(values)))
        save_to_server(document)

    figures["save_one_edit_ms"] = median_ms(save_one_edit, max(runs, 11))
    rows = _rows(cluster, server_project(document).project_id)
    figures["rows"] = float(sum(len(r) for _cols, r in rows.values()))
    figures["baseline_copy_ms"] = median_ms(lambda: _copy(cluster, rows), runs)
    figures["baseline_select_ms"] = median_ms(lambda: _select(cluster, rows), runs)
    figures["push_vs_copy"] = figures["push_ms"] / figures["baseline_copy_ms"]
    figures["open_vs_select"] = figures["open_ms"] / figures["baseline_select_ms"]
    figures |= _two_measures(cluster, runs)
    for name in ("push", "open"):
        figures[f"two_measures_{name}_ratio"] = (
            figures[f"two_measures_{name}_ms"] / figures[f"{name}_ms"]
        )
    return figures


def _two_measures(cluster: Cluster, runs: int) -> dict[str, float]:
    """Push, open and a volume edit's save of the large project with value and volume."""
    large = synthetic_project(volume=True)
    names = iter(f"two measures {i}" for i in itertools.count(1))

    def push() -> None:
        create_on_server(Document(large), ServerAddress.parse(cluster.url("analyst", next(names))))

    figures = {"two_measures_push_ms": median_ms(push, runs)}
    address = cluster.url("analyst", "two measures 1")
    figures["two_measures_open_ms"] = median_ms(lambda: open_server_project(address), runs)
    document = open_server_project(address)
    values = itertools.cycle([101.5, 202.5])
    key = sorted(document.project.volume.history)[len(document.project.volume.history) // 2]

    def save_one_volume_edit() -> None:
        document.execute(OnMeasure(VOLUME, c.SetHistory(key[0], key[1], next(values))))
        save_to_server(document)

    figures["save_one_volume_edit_ms"] = median_ms(save_one_volume_edit, max(runs, 11))
    return figures


def _rows(cluster: Cluster, project_id: int) -> dict[str, tuple[list[str], list[tuple]]]:
    """Every live row of the project, per table, with its columns (bookkeeping included)."""
    out = {}
    with cluster.admin() as connection:
        for spec in data_tables().values():
            columns = ["project_id", "saved_in", *(col.name for col in spec.columns)]
            query = sql.SQL("SELECT {} FROM {} WHERE project_id = %s AND replaced_in IS NULL"
                            ).format(sql.SQL(", ").join(map(sql.Identifier, columns)),
                                     sql.Identifier("workbench", spec.name))
            out[spec.name] = (columns, connection.execute(query, (project_id,)).fetchall())
    return out


def _copy(cluster: Cluster, rows: dict) -> None:
    """The same rows again, as a new project id, by COPY in one transaction."""
    copy_id = 10_000_000 + next(_names)
    with cluster.admin() as connection, connection.transaction(), connection.cursor() as cur:
        for name, (columns, table_rows) in rows.items():
            statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
                sql.Identifier("workbench", name),
                sql.SQL(", ").join(map(sql.Identifier, columns)))
            with cur.copy(statement) as copy:
                for row in table_rows:
                    copy.write_row((copy_id, *row[1:]))


def _select(cluster: Cluster, rows: dict) -> None:
    with cluster.admin() as connection:
        for name, (columns, _rows) in rows.items():
            connection.execute(
                sql.SQL("SELECT {} FROM {} WHERE project_id = 1 AND replaced_in IS NULL").format(
                    sql.SQL(", ").join(map(sql.Identifier, columns[2:])),
                    sql.Identifier("workbench", name))).fetchall()


def main(argv: list[str] | None = None) -> int:
    return run_benchmark("server", measure, TARGETS_MS, 5, argv)


if __name__ == "__main__":
    sys.exit(main())
