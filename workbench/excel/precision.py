"""Spreadsheet precision: a number that a spreadsheet kept to 15 significant digits is the
same number.

Excel and LibreOffice calculate with doubles but keep 15 significant digits where a person
can see them, and LibreOffice also saves only 15 (rounding the last one its own way:
0.80449098970592249... comes back as 0.804490989705923, where Python writes ...922). So a
typed value that comes back within one unit of the 15th significant digit of the
project's value is unchanged: the project keeps its own full-precision value and the
import reports nothing. Any larger difference is a change.
"""

from __future__ import annotations

import math
from dataclasses import replace

from workbench.core.project import Growth, Project


def same_number(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    if a == b:
        return True
    largest = max(abs(a), abs(b))
    if not math.isfinite(largest):
        return False
    unit = 10.0 ** (math.floor(math.log10(largest)) - 14)  # of the 15th significant digit
    return abs(a - b) <= unit * 1.05  # the slack: both sides are rounded to doubles


def _keep(old: float | None, new: float | None) -> float | None:
    return old if same_number(old, new) else new


def _keep_all(old: dict, new: dict) -> dict:
    return {k: _keep(old.get(k), v) for k, v in new.items()}


def _growth(old: Growth, new: Growth) -> Growth:
    return replace(
        new,
        rate=_keep(old.rate, new.rate),
        k=_keep(old.k, new.k),
        r=_keep(old.r, new.r),
        rates=_keep_all(old.rates, new.rates),
        values=_keep_all(old.values, new.values),
    )


def keep_current_precision(current: Project, target: Project) -> None:
    """Give `target` the current project's numbers wherever they agree to 15 digits."""
    target.history = _keep_all(current.history, target.history)
    target.pins = _keep_all(current.pins, target.pins)
    target.growth = {
        key: _growth(current.growth_of(*key), growth) for key, growth in target.growth.items()
    }
