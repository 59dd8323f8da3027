"""Spreadsheet precision: a number that a spreadsheet kept to 15 significant digits is the
same number.

Excel and LibreOffice calculate with doubles but keep 15 significant digits where a person
can see them, and LibreOffice also saves only 15. So a typed value that comes back equal
to the project's value at 15 significant digits is unchanged: the project keeps its own
full-precision value and the import reports nothing. Any visible difference is a change.
"""

from __future__ import annotations

from dataclasses import replace

from workbench.core.project import Growth, Project


def same_number(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return a == b or float(f"{a:.15g}") == float(f"{b:.15g}")


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
