"""The registry of growth methods: the one place that lists them.

Each entry is a `GrowthMethod` (see `base`) in its own module. Adding a method is one new
module and one line in `REGISTERED`; the engine, explanations, validation, the GUI, the
workbook and the store take it from here. The order is the order people see them in.
"""

from __future__ import annotations

from workbench.core.errors import ModelError
from workbench.core.methods.base import GrowthMethod
from workbench.core.methods.gompertz import GOMPERTZ
from workbench.core.methods.manual import MANUAL
from workbench.core.methods.rates import CAGR, GROWTH_BY_YEAR
from workbench.core.methods.s_curve import S_CURVE

REGISTERED: tuple[GrowthMethod, ...] = (CAGR, GROWTH_BY_YEAR, S_CURVE, GOMPERTZ, MANUAL)

METHODS: dict[str, GrowthMethod] = {m.code: m for m in REGISTERED}
"""Every growth method by its code."""

INDEX: dict[str, int] = {m.code: i for i, m in enumerate(REGISTERED)}
"""The position of each code in REGISTERED (the engine groups series by it)."""


def method(code: str) -> GrowthMethod:
    """The method with `code`, or a ModelError that lists the ones there are."""
    found = METHODS.get(code)
    if found is None:
        raise ModelError(f"Unknown growth method {code!r}; use one of {', '.join(METHODS)}.")
    return found


def codes() -> tuple[str, ...]:
    return tuple(METHODS)


_SPELLINGS: dict[str, str] = {
    spelling: m.code
    for m in REGISTERED
    for spelling in (m.code, m.code.replace("_", " "), m.label.casefold())
}


def named(text: str) -> str | None:
    """The code of the method a person means by its code or its label ("Gompertz",
    "growth by year", "s_curve"), whatever the case; None when no method is meant."""
    return _SPELLINGS.get(" ".join(text.split()).casefold()) if isinstance(text, str) else None


def labels() -> dict[str, str]:
    """Code → label, in registry order (for menus and pick lists)."""
    return {m.code: m.label for m in REGISTERED}


__all__ = [
    "INDEX",
    "METHODS",
    "REGISTERED",
    "GrowthMethod",
    "codes",
    "labels",
    "method",
    "named",
]
