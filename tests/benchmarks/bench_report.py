"""Benchmark of the report, PDF and DOCX, against baselines measured in the same run.

    python tests/benchmarks/bench_report.py [--runs N] [--large-runs N] [--json PATH]

Targets: the sample's report ≤ 5 s for PDF and for DOCX, measured on the value-only sample
and on the built-in sample with its volume (paid subscriptions: every market chapter adds
the volume's and the average price's charts and tables, about twice the market pages; it
is the sample the app opens, so the same ≤ 5 s holds); the large synthetic project
(6 dimensions × 200 segments, 500 companies) ≤ 60 s, reporting progress as it goes. The
baseline is the same library writing the report's own text as plain paragraphs (no
tables, no charts, no contents), timed right after each report, so the ratio says what
the tables, charts and layout cost on top of writing the words. Medians are printed and
every run is kept in the JSON. The exit status is 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path
from xml.sax.saxutils import escape

import docx
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import Paragraph, SimpleDocTemplate
from synthetic import synthetic_project

from workbench.core.document import Document
from workbench.core.sample import sample_document
from workbench.report import build_report, write_report

TARGETS = {"sample": 5.0, "sample-volume": 5.0, "large": 60.0}


def plain_text(document: Document) -> list[str]:
    return [line for c in build_report(document).chapters for line in c.text().splitlines()]


def baseline(lines: list[str], path: Path) -> None:
    """The same words, written by the same library with nothing else."""
    if path.suffix == ".pdf":
        style = getSampleStyleSheet()["BodyText"]
        SimpleDocTemplate(str(path)).build([Paragraph(escape(t), style) for t in lines])
    else:
        out = docx.Document()
        for line in lines:
            out.add_paragraph(line)
        out.save(str(path))


def measure(document: Document, suffix: str, runs: int, folder: Path) -> dict:
    lines = plain_text(document)
    pairs, progress = [], []
    for _ in range(runs):
        calls: list[tuple[int, int]] = []

        def report(done: int, total: int, calls=calls) -> bool:
            calls.append((done, total))
            return True

        start = time.perf_counter()
        write_report(document, folder / f"report{suffix}", progress=report)
        mine = time.perf_counter() - start
        start = time.perf_counter()
        baseline(lines, folder / f"baseline{suffix}")
        pairs.append((mine, time.perf_counter() - start))
        progress.append(len(calls))
        assert [d for d, _t in calls] == sorted(d for d, _t in calls), "progress went back"
    mine, base = (statistics.median(p[i] for p in pairs) for i in (0, 1))
    return {"s": mine, "baseline_s": base, "ratio": mine / base, "runs": pairs,
            "progress_reports": progress}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs of the sample (median)")
    parser.add_argument("--large-runs", type=int, default=1, help="runs of the large project")
    parser.add_argument("--json", metavar="PATH")
    args = parser.parse_args()
    projects = {"sample": (sample_document(volume=False), args.runs),
                "sample-volume": (sample_document(volume=True), args.runs),
                "large": (Document(synthetic_project()), args.large_runs)}
    figures: dict[str, dict] = {}
    missed = False
    with tempfile.TemporaryDirectory(prefix="bench-report-") as folder:
        for name, (document, runs) in projects.items():
            for suffix in (".pdf", ".docx"):
                key = f"{name}{suffix}"
                figures[key] = result = measure(document, suffix, runs, Path(folder))
                ok = result["s"] <= TARGETS[name]
                missed |= not ok
                print(f"{key:19} median {result['s']:7.2f} s  "
                      f"baseline {result['baseline_s']:6.2f} s  ratio {result['ratio']:5.2f}  "
                      f"progress reports "
                      f"{result['progress_reports'][0]:4d}  target ≤ {TARGETS[name]:g} s "
                      f"{'ok' if ok else 'MISSED'}", flush=True)
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2))
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
