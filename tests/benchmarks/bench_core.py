"""Core benchmark: full recompute, one growth edit until current, memory of a large project.

Run `python tests/benchmarks/bench_core.py [--runs N] [--json PATH]`. Each figure is the
median of N runs. Every run of this script also times a baseline (summing a float array
of the large project's size in pure Python) so that figures from different machines can be
compared as ratios to a number measured in the same run. Targets (issue 2, on the
reference 2-core machine): sample edit ≤ 1 ms, large edit ≤ 10 ms, large full recompute
≤ 50 ms, large project in memory ≤ 150 MB.

The large project with two measures (`synthetic_project(volume=True)`, issue 14): a volume
growth edit until the volume is current ≤ 10 ms, and the full recompute of both measures
(and the prices) ≤ 2× the value-only full recompute, timed as pairs in the same run
(`large2.full_recompute_ratio`, the ratio of the two medians). A full recompute is what
the document does after opening a file or a structure edit: each scenario's measures in
one stacked pass (`engine.compute_measures`).
"""

from __future__ import annotations

import argparse
import gc
import json
import resource
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import replace

from pairing import paired
from synthetic import synthetic_project

from workbench.core.commands import SetGrowth, SetHistory
from workbench.core.commands.measures import OnMeasure
from workbench.core.document import Document
from workbench.core.engine import compute_measures, history_matrix
from workbench.core.measures import VALUE, VOLUME, price_unit, price_values, typed_measures, view
from workbench.core.project import TOTAL, Project

TARGETS_MS = {
    "sample.edit_ms": 1.0,
    "large.edit_ms": 10.0,
    "large.full_recompute_ms": 50.0,
    "large2.volume_edit_ms": 10.0,
    "large2.full_recompute_ratio": 2.0,
}
TARGET_MEMORY_MB = 150.0


def median_ms(action: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000.0


def full_recompute(project: Project) -> None:
    """Every scenario of every measure from nothing, and the prices: what a structural edit
    or opening a file costs."""
    views = [view(project, measure_id) for measure_id in typed_measures(project)]
    histories = [history_matrix(shown) for shown in views]
    for scenario in project.scenarios:
        forecasts = compute_measures(views, scenario.id, histories)
        if project.volume is not None:
            value, volume = forecasts
            price_values(value.values, volume.values, price_unit(project).factor)


def edit_cycle(document: Document, measure_id: str = VALUE) -> Callable[[], object]:
    """One growth-rate edit of a segment of a measure, then that measure's forecast of the
    scenario it touches.

    Each call nudges the rate so that every run is a real change (a no-op edit would be
    refused by the transaction and cost nothing).
    """
    project = view(document.project, measure_id)
    scenario_id = project.scenarios[0].id
    series_id = next(s for s in project.series_ids() if s != TOTAL
                     and project.growth_of(scenario_id, s).method == "cagr")
    growth = project.growth_of(scenario_id, series_id)
    document.results(measure_id)
    step = iter(range(1, 10**9))

    def run() -> object:
        changed = replace(growth, rate=growth.rate + 1e-4 * next(step))
        document.execute(OnMeasure(measure_id, SetGrowth(scenario_id, series_id, changed)))
        return document.result(scenario_id, measure_id)

    return run


def history_edit_cycle(document: Document) -> Callable[[], object]:
    """One history value typed, then every scenario current again (history is shared)."""
    project = document.project
    series_id = project.series_ids()[1]
    year = project.metadata.base_year
    value = project.history[(series_id, year)]
    document.results()
    step = iter(range(1, 10**9))

    def run() -> object:
        document.execute(SetHistory(series_id, year, value * (1 + 1e-6 * next(step))))
        return document.results()

    return run


def project_memory_mb() -> tuple[float, float]:
    """Peak traced allocation and growth of the peak RSS while building the large project
    and its forecasts. Measured first, before anything else has raised the RSS peak."""
    gc.collect()
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    tracemalloc.start()
    document = Document(synthetic_project())
    document.results()
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    del document
    return peak / 2**20, (rss_after - rss_before) / 2**10


def baseline_ms(runs: int) -> float:
    values = [float(i) for i in range(200_000)]
    return median_ms(lambda: sum(values), runs)


def sample_document() -> Document | None:
    """The built-in sample, when the sample module is there (it lands separately)."""
    try:
        from workbench.core.sample import sample_document as build
    except ImportError:
        return None
    return build()


def measure(runs: int) -> dict[str, float]:
    traced, rss = project_memory_mb()
    figures: dict[str, float] = {"large.memory_mb": traced, "large.rss_delta_mb": rss}
    figures["baseline_ms"] = baseline_ms(runs)
    large = synthetic_project()
    figures["large.full_recompute_ms"] = median_ms(lambda: full_recompute(large), runs)
    figures["large.edit_ms"] = median_ms(edit_cycle(Document(large)), runs)
    figures["large.history_edit_ms"] = median_ms(history_edit_cycle(Document(large)), runs)
    figures.update(two_measures(large, runs))
    sample = sample_document()
    if sample is not None:
        project = sample.project
        figures["sample.full_recompute_ms"] = median_ms(lambda: full_recompute(project), runs)
        figures["sample.edit_ms"] = median_ms(edit_cycle(sample), runs)
    for key in list(figures):
        if key.endswith("_ms") and key != "baseline_ms":
            figures[key.replace("_ms", "_vs_baseline")] = figures[key] / figures["baseline_ms"]
    return figures


def two_measures(value_only: Project, runs: int) -> dict[str, float]:
    """The large project with a volume: edits of either measure, and its full recompute
    paired run by run with the value-only project's (a loaded machine slows both)."""
    large = synthetic_project(volume=True)
    pair = paired(lambda: full_recompute(large), lambda: full_recompute(value_only), runs)
    return {
        "large2.volume_edit_ms": median_ms(edit_cycle(Document(large), VOLUME), runs),
        "large2.value_edit_ms": median_ms(edit_cycle(Document(large)), runs),
        "large2.full_recompute_ms": pair["s"] * 1000.0,
        "large2.value_only_recompute_ms": pair["baseline_s"] * 1000.0,
        "large2.full_recompute_ratio": pair["ratio"],
    }


def report(figures: dict[str, float], targets: dict[str, float]) -> list[str]:
    """One line per figure; the ones with a target say whether they meet it."""
    lines = []
    for key, value in figures.items():
        target = targets.get(key)
        verdict = "" if target is None else f"  (target ≤ {target:g}: "
        verdict += "" if target is None else ("ok)" if value <= target else "MISSED)")
        lines.append(f"{key:34} {value:10.3f}{verdict}")
    return lines


def run_benchmark(name, measure, targets, default_runs, argv=None) -> int:
    """The command line every figure-table benchmark shares: --runs, --json, the report."""
    parser = argparse.ArgumentParser(description=sys.modules["__main__"].__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=default_runs, help="runs per figure (median)")
    parser.add_argument("--json", metavar="PATH", help="also write the figures as JSON")
    args = parser.parse_args(argv)
    figures = measure(args.runs)
    print("\n".join(report(figures, targets)))
    if args.json:
        with open(args.json, "w", encoding="utf-8") as out:
            json.dump({"benchmark": name, "runs": args.runs, "figures": figures}, out, indent=1)
    return 0


def main(argv: list[str] | None = None) -> int:
    targets = {**TARGETS_MS, "large.memory_mb": TARGET_MEMORY_MB}
    return run_benchmark("core", measure, targets, 21, argv)


if __name__ == "__main__":
    sys.exit(main())
