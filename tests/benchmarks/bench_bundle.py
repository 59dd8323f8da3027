"""Desktop bundle benchmark: its start-up against the source install's, and its size.

    python tests/benchmarks/bench_bundle.py [--runs N] [--json PATH]

The bundle is the folder WORKBENCH_BUNDLE names (built by `packaging/build.sh`), else one
built into a temporary folder first. Each start is a fresh process, offscreen, with an
empty HOME: the app from spawning to its start-up report (the window shows the sample
project), and `--version` until it exits. The baseline is `python -m workbench` on this
source tree, measured in the same run, alternating with the bundle so a busy machine slows
both alike. Targets: the bundle's start-ups ≤ 1.5× the source install's (medians), the
bundle ≤ 300 MB.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_core import run_benchmark

ROOT = Path(__file__).resolve().parents[2]
TARGETS = {"app.ratio": 1.5, "version.ratio": 1.5, "bundle.size_mb": 300.0}


def built_bundle(scratch: Path) -> Path:
    given = os.environ.get("WORKBENCH_BUNDLE")
    if given:
        return Path(given)
    env = {**os.environ, "PYTHON": sys.executable, "WORKBENCH_BUILD_WORK": str(scratch / "work")}
    build = ["bash", str(ROOT / "packaging" / "build.sh"), str(scratch)]
    subprocess.run(build, env=env, check=True)
    return scratch / "MarketWorkbench"


def size_mb(folder: Path) -> float:
    files = (p for p in folder.rglob("*") if p.is_file() and not p.is_symlink())
    return sum(p.stat().st_size for p in files) / 2**20


def app_start(command: list[str], project: Path, env: dict[str, str], scratch: Path) -> float:
    """Seconds from spawning the app until its window showed `project`."""
    report = scratch / "report.json"
    report.unlink(missing_ok=True)
    env = {**env, "WORKBENCH_STARTUP_REPORT": str(report)}
    started = time.time()
    subprocess.run([*command, str(project)], env=env, check=True, capture_output=True)
    return json.loads(report.read_text(encoding="utf-8"))["shown_at"] - started


def version_run(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run([*command, "--version"], env=env, check=True, capture_output=True)
    return time.perf_counter() - started


def alternate(runs: int, run, bundle: list[str], source: list[str]) -> tuple[float, float]:
    """Medians of the bundle's and the source's runs, taken in turn after one warm-up each."""
    run(bundle), run(source)
    pairs = [(run(bundle), run(source)) for _ in range(runs)]
    return statistics.median(p[0] for p in pairs), statistics.median(p[1] for p in pairs)


def measure(runs: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="bench-bundle-") as scratch:
        return measure_in(Path(scratch), runs)


def measure_in(scratch: Path, runs: int) -> dict[str, float]:
    bundle = [str(built_bundle(scratch) / "workbench")]
    source = [sys.executable, "-m", "workbench"]
    home = scratch / "home"
    home.mkdir()
    env = {**os.environ, "HOME": str(home), "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    project = scratch / "sample.mwp"
    subprocess.run([*source, "new-sample", str(project)], env=env, check=True, capture_output=True)
    figures = {"bundle.size_mb": size_mb(Path(bundle[0]).parent)}
    for name, run in (
        ("app", lambda command: app_start(command, project, env, scratch)),
        ("version", lambda command: version_run(command, env)),
    ):
        on_bundle, on_source = alternate(runs, run, bundle, source)
        figures[f"{name}.bundle_s"] = on_bundle
        figures[f"{name}.source_s"] = on_source
        figures[f"{name}.ratio"] = on_bundle / on_source
    return figures


def main(argv: list[str] | None = None) -> int:
    return run_benchmark("bundle", measure, TARGETS, 7, argv)


if __name__ == "__main__":
    sys.exit(main())
