"""Segment page benchmark: one edit to repaint on the large synthetic project.

Run `python tests/benchmarks/bench_segment_edit.py [--runs N] [--json PATH]` (offscreen by
default). A dimension page of the synthetic project (200 segments, 5 scenarios, 31 years)
is shown at 1440 × 900; each run types one value into a cell (a history value, or a pin in
a forecast year) and then paints the whole page synchronously: the core edit, the forecast
of the touched scenario, the table's dataChanged, the chart's redraw and the paint. The
baseline, measured in the same run, repaints a bare QTableView of the same size after a
dataChanged over its whole model. Target (issue 5): edit to repaint ≤ 50 ms median.
"""

from __future__ import annotations

import argparse
import ctypes
import json
import os
import statistics
import sys
import time
from collections.abc import Callable

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QApplication, QTableView

from workbench.core.document import Document
from workbench.core.synthetic import synthetic_project
from workbench.gui.bridge import DocumentBridge
from workbench.gui.segments import SegmentPage

TARGET_MS = 50.0


def _pad_none_refcount() -> None:
    """PySide6 6.12.0 on Python 3.11 drops a reference to None on every Python override of
    a void virtual (paint, paintEvent) called from C++; hundreds of repaints later None is
    "deallocated" and the interpreter aborts. `workbench.gui` guards True the same way for
    signal emits; until that guard covers None too, this script does it for itself.
    """
    if sys.version_info < (3, 12):
        ctypes.c_ssize_t.from_address(id(None)).value += 1 << 40
SIZE = (1440, 900)


def median_ms(action: Callable[[int], object], runs: int) -> float:
    times = []
    for i in range(runs):
        start = time.perf_counter()
        action(i)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000.0


def bare_table(rows: int, columns: int) -> Callable[[int], object]:
    model = QStandardItemModel(rows, columns)
    for r in range(rows):
        for c in range(columns):
            model.setItem(r, c, QStandardItem(f"{r * c:,.2f}"))
    view = QTableView()
    view.setModel(model)
    view.resize(*SIZE)
    view.show()

    def run(i: int) -> None:
        model.item(1, 1).setText(f"{i:,.2f}")
        model.dataChanged.emit(model.index(0, 0), model.index(rows - 1, columns - 1))
        view.viewport().repaint()

    return run


def page_edit(page: SegmentPage, forecast: bool) -> Callable[[int], object]:
    model = page.model
    row = 1 + 3  # a segment row (not the total: typing the total spreads to 1,200 cells)
    col = next(i for i, c in enumerate(model.layout.columns)
               if c.kind == "year" and c.forecast == forecast)

    def run(i: int) -> None:
        model.setData(model.index(row, col), f"{10 + i * 0.01:.2f}")
        page.repaint()

    return run


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=31)
    parser.add_argument("--json", metavar="PATH")
    args = parser.parse_args()
    _pad_none_refcount()
    app = QApplication.instance() or QApplication(sys.argv)
    bridge = DocumentBridge(Document(synthetic_project()))
    page = SegmentPage(bridge, bridge.document.project.dimensions[0].id)
    page.resize(*SIZE)
    page.show()
    app.processEvents()
    bridge.document.results()
    figures = {
        "baseline.bare_table_repaint_ms": median_ms(
            bare_table(page.model.rowCount(), page.model.columnCount()), args.runs),
        "large.history_edit_to_repaint_ms": median_ms(page_edit(page, False), args.runs),
        "large.pin_edit_to_repaint_ms": median_ms(page_edit(page, True), args.runs),
    }
    baseline = figures["baseline.bare_table_repaint_ms"]
    for name, value in figures.items():
        ratio = value / baseline if baseline else float("nan")
        mark = "" if name.startswith("baseline") else (
            "  ok" if value <= TARGET_MS else f"  OVER {TARGET_MS:g} ms")
        print(f"{name:36s} {value:8.2f} ms   ×{ratio:6.2f} baseline{mark}")
    if args.json:
        payload = {**figures, "target_ms": TARGET_MS, "runs": args.runs}
        payload["ratios"] = {k: v / baseline for k, v in figures.items() if baseline}
        with open(args.json, "w", encoding="utf-8") as out:
            json.dump(payload, out, indent=2, sort_keys=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
