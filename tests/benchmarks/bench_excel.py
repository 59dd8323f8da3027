"""Benchmark of the workbook round trip, against baselines measured in the same run.

    python tests/benchmarks/bench_excel.py [--runs N] [--json PATH]

Export of the large synthetic project is compared with xlsxwriter writing the same number
of bare numeric cells (target ≤ 2×); import with openpyxl's read-only mode reading the same
file (target ≤ 1.5×); the same for the large project with a volume (its value, volume and
price sheets), against baselines of its own cell count. The sample's export + import must
take ≤ 0.5 s. Each run times the action and then its baseline, so a busy machine slows
both alike; medians over the runs (default 3) are printed and every run is kept in the
JSON. The exit status is 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import tempfile
import zipfile
from pathlib import Path

import openpyxl
import xlsxwriter
from pairing import paired, timed
from synthetic import synthetic_project

from workbench.core.document import Document
from workbench.core.measures import typed_measures
from workbench.core.sample import sample_document
from workbench.excel import export_workbook, read_workbook

COLUMNS = 40


def count_cells(path: Path) -> int:
    with zipfile.ZipFile(path) as book:
        return sum(
            len(re.findall(rb"<c ", book.read(name)))
            for name in book.namelist()
            if name.startswith("xl/worksheets/sheet")
        )


def bare_numbers(path: Path, cells: int) -> None:
    """The export baseline: the same number of plain numbers, nothing else."""
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet()
    for i in range(cells):
        sheet.write_number(i // COLUMNS, i % COLUMNS, i * 0.5)
    book.close()


def read_only_pass(path: Path) -> None:
    """The import baseline: openpyxl read-only reading every cell of the same file."""
    book = openpyxl.load_workbook(path, read_only=True)
    for sheet in book.worksheets:
        for _row in sheet.iter_rows(values_only=True):
            pass
    book.close()


def round_trip(big: Document, runs: int, folder: Path, name: str) -> dict:
    """Export and import of `big`, each paired with its baseline on the same cells."""
    for measure_id in typed_measures(big.project):
        for scenario in big.project.scenarios:
            big.result(scenario.id, measure_id)
    out, base = folder / f"{name}.xlsx", folder / f"{name}-baseline.xlsx"
    export_workbook(big, out)
    cells = count_cells(out)
    export = paired(lambda: export_workbook(big, out), lambda: bare_numbers(base, cells), runs)
    imported = paired(lambda: read_workbook(out, big), lambda: read_only_pass(out), runs)
    return {"cells": cells, "export": export, "import": imported}


def measure(runs: int, folder: Path) -> dict:
    one = round_trip(Document(synthetic_project()), runs, folder, "synthetic")
    two = round_trip(Document(synthetic_project(volume=True)), runs, folder, "two-measures")
    cells, export, imported = one["cells"], one["export"], one["import"]
    sample = sample_document()
    small = folder / "sample.xlsx"
    sample_runs = [
        timed(lambda: (export_workbook(sample, small), read_workbook(small, sample)))
        for _ in range(5 * runs)
    ]
    return {
        "cells": cells,
        "runs": runs,
        "export_s": export["s"],
        "export_baseline_s": export["baseline_s"],
        "export_ratio": export["ratio"],
        "export_runs": export["runs"],
        "import_s": imported["s"],
        "import_baseline_s": imported["baseline_s"],
        "import_ratio": imported["ratio"],
        "import_runs": imported["runs"],
        "sample_export_import_s": statistics.median(sample_runs),
        "two_measures_cells": two["cells"],
        **{
            f"two_measures_{action}_{key}": two[action][name]
            for action in ("export", "import")
            for key, name in (("s", "s"), ("baseline_s", "baseline_s"), ("ratio", "ratio"))
        },
        "two_measures_runs": {"export": two["export"]["runs"], "import": two["import"]["runs"]},
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        result = measure(args.runs, Path(folder))
    targets = {
        "export_ratio": result["export_ratio"] <= 2.0,
        "import_ratio": result["import_ratio"] <= 1.5,
        "sample_export_import_s": result["sample_export_import_s"] <= 0.5,
        "two_measures_export_ratio": result["two_measures_export_ratio"] <= 2.0,
        "two_measures_import_ratio": result["two_measures_import_ratio"] <= 1.5,
    }
    result["targets_met"] = targets
    print(f"synthetic workbook: {result['cells']:,} cells; medians of {args.runs} runs")
    print(
        f"export  {result['export_s']:7.2f} s   baseline {result['export_baseline_s']:7.2f} s   "
        f"ratio {result['export_ratio']:.2f} (target ≤ 2)"
    )
    print(
        f"import  {result['import_s']:7.2f} s   baseline {result['import_baseline_s']:7.2f} s   "
        f"ratio {result['import_ratio']:.2f} (target ≤ 1.5)"
    )
    print(f"sample export + import {result['sample_export_import_s']:.3f} s (target ≤ 0.5)")
    print(f"with a volume (value, volume and price sheets): {result['two_measures_cells']:,} cells")
    for action, target in (("export", 2), ("import", 1.5)):
        print(
            f"{action}  {result[f'two_measures_{action}_s']:7.2f} s   baseline "
            f"{result[f'two_measures_{action}_baseline_s']:7.2f} s   ratio "
            f"{result[f'two_measures_{action}_ratio']:.2f} (target ≤ {target})"
        )
    if args.json:
        args.json.write_text(json.dumps(result, indent=1) + "\n")
    return 0 if all(targets.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
