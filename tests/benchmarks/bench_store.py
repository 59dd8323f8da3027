"""Store benchmark: open, full save and save after one edit of the large synthetic project.

Run `python tests/benchmarks/bench_store.py [--runs N] [--json PATH]`. Each figure is the
median of N runs on `synthetic_project()` (6 × 200 segments, 5 scenarios, 31 years, 500
companies with 5,000 developments). Baselines measured in the same run, on the same disk:
bare `sqlite3` writing (one `executemany` per table, one transaction, then close) and
reading (`fetchall`) as many rows of three columns as the project file holds; the full
save and the open are also reported as ratios to them. Targets (issue 3): open ≤ 300 ms,
full save ≤ 300 ms, save after one edit ≤ 20 ms; the file size is reported.

Two measures (issue 14): the same project with a volume of the same shape
(`synthetic_project(volume=True)`, about twice the keyed rows): open and full save ≤ 300
ms, each run paired with the value-only project's (`pairing.paired`) for the ratio, and a
volume edit saved ≤ 20 ms.

Autosave: `recovery_write_ms` is a whole recovery write on the caller's thread (what the
window would stall for), `autosave_tick_ms` what the GUI thread spends on a tick of the
background autosaver (the snapshot and starting its worker), reported as a ratio to the
write; `find_recovery_ms` is the start-up check for recovered work.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from pairing import paired
from synthetic import synthetic_project

from workbench.core import commands as c
from workbench.core.commands.measures import OnMeasure
from workbench.core.document import Document
from workbench.core.measures import VOLUME
from workbench.store import (
    Autosaver,
    find_recovery,
    open_project,
    save_project,
    save_project_as,
    write_recovery,
)

TARGETS_MS = {
    "open_ms": 300.0,
    "full_save_ms": 300.0,
    "edit_save_ms": 20.0,
    "two_measures_open_ms": 300.0,
    "two_measures_full_save_ms": 300.0,
    "volume_edit_save_ms": 20.0,
}


Action = Callable[[], object]


def median_ms(action: Action, runs: int, before: Action | None = None) -> float:
    """Median wall time of `action`; `before` runs untimed ahead of each run."""
    times = []
    for _ in range(runs):
        if before is not None:
            before()
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000.0


def row_count(path: Path) -> int:
    connection = sqlite3.connect(path)
    try:
        tables = connection.execute("SELECT name FROM sqlite_schema WHERE type = 'table'")
        counts = [connection.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for (t,) in tables]
        return sum(counts)
    finally:
        connection.close()


def baseline_write(folder: Path, rows: list[tuple]) -> None:
    """What bare sqlite3 needs to write that many rows to a new file, durably."""
    path = folder / "baseline.db"
    path.unlink(missing_ok=True)
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("PRAGMA synchronous = FULL")
    connection.execute("BEGIN")
    connection.execute("CREATE TABLE t (a TEXT, b INTEGER, c)")
    connection.executemany("INSERT INTO t VALUES (?, ?, ?)", rows)
    connection.execute("COMMIT")
    connection.close()


def baseline_read(folder: Path) -> int:
    connection = sqlite3.connect(folder / "baseline.db")
    try:
        return len(connection.execute("SELECT a, b, c FROM t").fetchall())
    finally:
        connection.close()


def one_edit(document: Document, counter: list[int], measure_id: str = "value") -> Action:
    """A fresh history value each time, so that every save has one real change."""

    def edit() -> None:
        counter[0] += 1
        year = document.project.metadata.base_year
        document.execute(OnMeasure(measure_id, c.SetHistory("d3m77", year, 1.0 + counter[0])))

    return edit


def one_entity_edit(document: Document, counter: list[int]) -> Action:
    def edit() -> None:
        counter[0] += 1
        edited = replace(document.project.developments[2500], text=f"Edit {counter[0]}")
        document.execute(c.UpdateEntity("developments", edited))

    return edit


def autosave_figures(document: Document, path: Path, runs: int) -> dict[str, float]:
    saver = Autosaver(document, path, every_edits=1, in_background=True)
    counter = [10_000]
    edit = one_edit(document, counter)
    figures = {
        "recovery_write_ms": median_ms(lambda: write_recovery(document, path), runs),
        "autosave_tick_ms": median_ms(saver.maybe_save, runs, lambda: (saver.wait(), edit())),
        "find_recovery_ms": median_ms(lambda: find_recovery(path), runs),
    }
    saver.close()
    figures["autosave_tick_ratio"] = figures["autosave_tick_ms"] / figures["recovery_write_ms"]
    return figures


def measure(runs: int) -> dict[str, float]:
    document = Document(synthetic_project())
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        path = folder / "large.mwp"
        figures: dict[str, float] = {}
        figures["full_save_ms"] = median_ms(lambda: save_project_as(document, path), runs)
        figures["open_ms"] = median_ms(lambda: open_project(path), runs)
        counter = [0]
        figures["edit_save_ms"] = median_ms(
            lambda: save_project(document, path), runs, one_edit(document, counter)
        )
        figures["entity_edit_save_ms"] = median_ms(
            lambda: save_project(document, path), runs, one_entity_edit(document, counter)
        )
        figures["file_size_bytes"] = path.stat().st_size
        figures |= autosave_figures(document, path, runs)
        rows = row_count(path)
        figures["rows"] = rows
        fake = [(f"d{i % 6}m{i % 200}", 2000 + i % 31, i * 0.5) for i in range(rows)]
        figures["baseline_write_ms"] = median_ms(lambda: baseline_write(folder, fake), runs)
        figures["baseline_read_ms"] = median_ms(lambda: baseline_read(folder), runs)
    figures["full_save_ratio"] = figures["full_save_ms"] / figures["baseline_write_ms"]
    figures["open_ratio"] = figures["open_ms"] / figures["baseline_read_ms"]
    figures |= two_measure_figures(runs)
    return figures


def two_measure_figures(runs: int) -> dict[str, float]:
    """Open and full save of the project with value and volume, each run paired with the
    value-only project's (timed one right after the other, so a busy machine slows both
    alike), and a volume edit's save."""
    one, two = Document(synthetic_project()), Document(synthetic_project(volume=True))
    with tempfile.TemporaryDirectory() as name:
        one_path, two_path = Path(name) / "one.mwp", Path(name) / "two.mwp"
        figures: dict[str, float] = {}
        pairs = {
            "full_save": paired(lambda: save_project_as(two, two_path),
                                lambda: save_project_as(one, one_path), runs),
            "open": paired(lambda: open_project(two_path), lambda: open_project(one_path), runs),
        }
        for name, pair in pairs.items():
            figures[f"two_measures_{name}_ms"] = pair["s"] * 1000.0
            figures[f"value_only_{name}_paired_ms"] = pair["baseline_s"] * 1000.0
            figures[f"two_measures_{name}_ratio"] = pair["ratio"]
        figures["volume_edit_save_ms"] = median_ms(
            lambda: save_project(two, two_path), runs, one_edit(two, [0], VOLUME)
        )
        figures["two_measures_rows"] = row_count(two_path)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    figures = measure(args.runs)
    for name, value in figures.items():
        target = TARGETS_MS.get(name)
        verdict = ""
        if target is not None:
            verdict = f"  (target ≤ {target:g} ms: {'ok' if value <= target else 'MISSED'})"
        print(f"{name:22} {value:14.2f}{verdict}")
    if args.json:
        args.json.write_text(json.dumps({"runs": args.runs, **figures}, indent=1) + "\n")
    sys.exit(0 if all(figures[k] <= v for k, v in TARGETS_MS.items()) else 1)


if __name__ == "__main__":
    main()
