"""Benchmark of foreign-table import, against calamine reading the same sheet.

    python tests/benchmarks/bench_ingest.py [--runs N] [--json PATH]

A 100,000-cell sheet (2,000 segment rows × 50 years, a total row, a title and a footnote)
is written as .xlsx and as .csv; the xlsx also has what only its XML says (20 hidden working
rows, left out, and a margin row formatted as percentages, set aside), so the scan for
hidden lines and percent formats is measured too. Detection (reading the file and finding
its table) must take ≤ 1 s, and the whole import into a new project (detection, mapping,
the commands and the resulting project) ≤ 2 s. The baseline is python-calamine reading the
same sheet into Python rows, timed right after each action, so a busy machine slows both
alike; medians over the runs (default 3) are printed and every run is kept in the JSON.
The exit status is 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

import xlsxwriter
from pairing import paired
from python_calamine import CalamineWorkbook

from workbench.ingest import plan, tables_in

ROWS, YEARS = 2_000, list(range(1975, 2025))


def rows() -> list[list]:
    body = [[f"Segment {i}", *[1.0 + i + 0.01 * (y - 1975) for y in YEARS]] for i in range(ROWS)]
    totals = [sum(r[j] for r in body) for j in range(1, len(YEARS) + 1)]
    return [["Market by segment, USD million"], ["Segment", *YEARS], *body, ["Total", *totals],
            ["Source: generated for the benchmark."]]  # fmt: skip


HIDDEN = 20


def write_xlsx(path: Path) -> None:
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Data")
    percent = book.add_format({"num_format": "0.0%"})
    lines = rows()
    for r, row in enumerate(lines[:-1]):
        sheet.write_row(r, 0, row)
    hidden = [[f"Working {i}", *[0.5] * len(YEARS)] for i in range(HIDDEN)]
    margin = ["Margin", *[0.12] * len(YEARS)]
    at = len(lines) - 1
    for i, row in enumerate(hidden):
        sheet.write_row(at + i, 0, row)
        sheet.set_row(at + i, None, None, {"hidden": True})
    sheet.write(at + HIDDEN, 0, margin[0])
    sheet.write_row(at + HIDDEN, 1, margin[1:], percent)
    sheet.write_row(at + HIDDEN + 1, 0, lines[-1])
    book.close()


def write_csv(path: Path) -> None:
    path.write_text("\n".join(",".join(map(str, row)) for row in rows()) + "\n")


def calamine_pass(path: Path) -> None:
    book = CalamineWorkbook.from_path(str(path))
    for name in book.sheet_names:
        book.get_sheet_by_name(name).to_python()
    book.close()


def measure(runs: int, folder: Path) -> dict:
    out = {"cells": ROWS * len(YEARS), "runs": runs}
    book = folder / "big.xlsx"
    write_xlsx(book)
    write_csv(folder / "big.csv")
    for kind, path in (("xlsx", book), ("csv", folder / "big.csv")):
        baseline = calamine_pass if kind == "xlsx" else (lambda p: p.read_text().splitlines())
        detect = paired(lambda p=path: tables_in(p), lambda p=path, b=baseline: b(p), runs)
        whole = paired(lambda p=path: plan(p).result(), lambda p=path, b=baseline: b(p), runs)
        out[kind] = {"detect": detect, "import": whole}
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        result = measure(args.runs, Path(folder))
    targets = {}
    print(f"foreign sheet: {result['cells']:,} cells; medians of {args.runs} runs")
    for kind in ("xlsx", "csv"):
        for step, limit in (("detect", 1.0), ("import", 2.0)):
            figure = result[kind][step]
            targets[f"{kind}_{step}_s"] = figure["s"] <= limit
            print(
                f"{kind:4} {step:6} {figure['s']:6.2f} s   baseline (read only) "
                f"{figure['baseline_s']:5.2f} s   ratio {figure['ratio']:5.1f}   "
                f"(target ≤ {limit:g} s)"
            )
    result["targets_met"] = targets
    if args.json:
        args.json.write_text(json.dumps(result, indent=1) + "\n")
    return 0 if all(targets.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
