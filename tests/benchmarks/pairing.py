"""Timing an action right after its baseline, so a busy machine slows both alike.

Benchmarks that compare with a baseline (xlsxwriter, openpyxl, calamine on the same
cells) time each run as a pair and report the medians and their ratio, with every run kept.
"""

from __future__ import annotations

import statistics
import time


def timed(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def paired(action, baseline, runs: int) -> dict:
    """Medians of `action` and of `baseline`, each run timing one right after the other."""
    pairs = [(timed(action), timed(baseline)) for _ in range(runs)]
    mine, base = (statistics.median(p[i] for p in pairs) for i in (0, 1))
    return {"s": mine, "baseline_s": base, "ratio": mine / base, "runs": pairs}
