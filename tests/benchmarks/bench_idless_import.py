"""Import of a workbook whose Sources sheet has N rows without ids: linear in N, and a
cancel in the app ends the work within a second.

    python tests/benchmarks/bench_idless_import.py [--sizes 10000 100000 1000000]
                                                    [--runs 1] [--cancel-rows 200000]
                                                    [--json PATH]

For each size: the whole import (`read_workbook`: read, check, compare) against the
baseline of python-calamine alone turning the same sheet into Python rows, in the same
run; rows per second for both. Linear means rows/s stays put as N grows tenfold (it
fell from ~3,300 rows/s at 5k rows to ~1,000 at 20k when fresh ids were searched from 1
for every row). Then the cancel: the app's import (`workers.run_in_process`, offscreen)
of `--cancel-rows` rows is cancelled two seconds in, and the time until the call has
returned and its child process is gone is measured (target ≤ 1 s).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # tests.excel.idless

from pairing import paired
from python_calamine import CalamineWorkbook

from tests.excel.idless import idless_workbook
from workbench.core.document import Document
from workbench.core.sample import sample_document
from workbench.excel import read_workbook


def calamine_rows(path: Path) -> None:
    """The baseline: the value reader alone, the sheet as Python rows."""
    book = CalamineWorkbook.from_path(str(path))
    book.get_sheet_by_name("Sources").to_python(skip_empty_area=False)
    book.close()


def measure_size(folder: Path, rows: int, runs: int) -> dict:
    path = idless_workbook(folder / f"idless-{rows}.xlsx", rows)
    document = sample_document()
    timing = paired(lambda: read_workbook(path, document), lambda: calamine_rows(path), runs)
    path.unlink()
    return {
        "rows": rows,
        "import_s": timing["s"],
        "baseline_s": timing["baseline_s"],
        "ratio": timing["ratio"],
        "rows_per_s": rows / timing["s"],
        "baseline_rows_per_s": rows / timing["baseline_s"],
        "runs": timing["runs"],
    }


def measure_cancel(folder: Path, rows: int) -> dict:
    """Seconds from Cancel to `run_in_process` returning with its child gone."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton

    from workbench.gui.workers import run_in_process

    app = QApplication.instance() or QApplication([])
    path = idless_workbook(folder / "cancel.xlsx", rows)
    clicked: list[float] = []

    def cancel() -> None:
        for widget in app.topLevelWidgets():
            if isinstance(widget, QProgressDialog):
                clicked.append(time.perf_counter())
                widget.findChild(QPushButton).click()

    QTimer.singleShot(2000, cancel)
    outcome = run_in_process(
        None, "Reading…", read_workbook, str(path), Document(sample_document().project)
    )
    returned = time.perf_counter()
    alive = [c for c in multiprocessing.active_children() if c.is_alive()]
    return {
        "rows": rows,
        "cancelled": outcome.cancelled,
        "cancel_to_return_s": returned - clicked[0] if clicked else None,
        "children_left": len(alive),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--cancel-rows", type=int, default=200_000)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        sizes = []
        for rows in args.sizes:
            sizes.append(measure_size(Path(folder), rows, args.runs))
            s = sizes[-1]
            print(
                f"{rows:>9,} rows  import {s['import_s']:8.2f} s ({s['rows_per_s']:8,.0f} rows/s)"
                f"   calamine alone {s['baseline_s']:6.2f} s   ratio {s['ratio']:.1f}",
                flush=True,
            )
        cancel = measure_cancel(Path(folder), args.cancel_rows)
    print(
        f"cancel of a {cancel['rows']:,}-row import in the app: returned "
        f"{cancel['cancel_to_return_s']:.2f} s after the click, {cancel['children_left']} "
        "child processes left (target ≤ 1 s, 0)"
    )
    speeds = [s["rows_per_s"] for s in sizes]
    result = {
        "sizes": sizes,
        "cancel": cancel,
        "rows_per_s_spread": max(speeds) / min(speeds),
        "median_rows_per_s": statistics.median(speeds),
    }
    if args.json:
        args.json.write_text(json.dumps(result, indent=1) + "\n")
    ok = cancel["cancel_to_return_s"] is not None and cancel["cancel_to_return_s"] <= 1.0
    return 0 if ok and cancel["children_left"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
