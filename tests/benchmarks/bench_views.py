"""Views of the model benchmark: tidy DataFrame, validation, insights, show tables, explain.

Run `python tests/benchmarks/bench_views.py [--runs N] [--json PATH]`. Each figure is the
median of N runs on a document whose forecasts are already current (what a notebook user
or the GUI's Overview page sees after opening a project), on the synthetic large project
and on the sample, with the same pure-Python baseline as `bench_core.py` measured in this
run. Target: the large project's tidy DataFrame well under a second (≤ 250 ms here).
"""

from __future__ import annotations

import io
import sys

from bench_core import baseline_ms, median_ms, run_benchmark
from synthetic import synthetic_project

from workbench.cli.show import write_text
from workbench.cli.tables import market_tables
from workbench.core.document import Document
from workbench.core.explain import explain_cell
from workbench.core.insights import insights
from workbench.core.sample import sample_document
from workbench.core.tidy import tidy
from workbench.core.validation import validate

TARGETS_MS = {"large.tidy_ms": 250.0}


def measure_document(name: str, document: Document, runs: int) -> dict[str, float]:
    document.results()
    project = document.project
    scenario_id = project.scenarios[0].id
    member = project.dimensions[0].members[0].id
    year = project.metadata.last_year
    actions = {
        "tidy": lambda: tidy(document),
        "validate": lambda: validate(document),
        "insights": lambda: insights(document, scenario_id),
        "show_table": lambda: write_text(market_tables(document, scenario_id), io.StringIO()),
        "explain_cell": lambda: explain_cell(document, scenario_id, member, year),
    }
    return {f"{name}.{key}_ms": median_ms(action, runs) for key, action in actions.items()}


def measure(runs: int) -> dict[str, float]:
    figures = {"baseline_ms": baseline_ms(runs)}
    figures |= measure_document("large", Document(synthetic_project()), runs)
    figures |= measure_document("sample", sample_document(), runs)
    for key in [k for k in figures if k != "baseline_ms"]:
        figures[key.replace("_ms", "_vs_baseline")] = figures[key] / figures["baseline_ms"]
    return figures


def main(argv: list[str] | None = None) -> int:
    return run_benchmark("views", measure, TARGETS_MS, 11, argv)


if __name__ == "__main__":
    sys.exit(main())
