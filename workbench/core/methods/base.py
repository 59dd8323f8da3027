"""What a growth method is: one object that owns everything the product knows about it.

A method has a code (stored in files and workbooks), a label for people, its parameters
(which `Growth` field holds each, its unit and valid range), its projection (numpy over a
whole group of series at once), its explanation in words, its workbook formula (text built
from cell references the excel layer hands over: the core writes no workbook itself), the
rules that validation and commands apply to it, and how it is seeded when an analyst
switches a series to it. The engine, explanations, validation, the GUI, the workbook and
the store all ask the registry (`workbench.core.methods`) instead of listing methods.
Each method has its page under docs/methods/.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import chain, repeat
from typing import TYPE_CHECKING, Literal

import numpy as np

if TYPE_CHECKING:  # the project module imports the registry, so only for annotations
    from workbench.core.project import Growth

Style = Literal["percent", "number", "plain"]
"""How a parameter is written and read: a rate in %, a value in the series' unit, a bare
number."""

Severity = Literal["error", "warning"]


@dataclass(frozen=True, slots=True)
class Parameter:
    """One input of a method, held by the `Growth` attribute `field`.

    `column` is the assumption column that shows and edits it (None: typed elsewhere, as
    manual values are in the year cells). `low`/`high` bound its valid values (exclusive
    when `exclusive`); None is unbounded. `by_year` parameters are dicts year → number.
    """

    field: str
    symbol: str
    label: str
    unit: str
    style: Style
    column: str | None = None
    by_year: bool = False
    low: float | None = None
    high: float | None = None
    exclusive: bool = True

    def admits(self, value: float) -> bool:
        """Whether `value` lies in the parameter's valid range."""
        if self.low is not None and (value <= self.low if self.exclusive else value < self.low):
            return False
        return self.high is None or (value < self.high if self.exclusive else value <= self.high)


@dataclass(slots=True)  # not frozen: built per group and scenario, and frozen costs time
class ProjectionInput:
    """What a projection of a group of series may use: the forecast years, the base year and
    each series' base-year value `v0` (NaN where blank), in the group's order."""

    years: range
    base_year: int
    v0: np.ndarray

    @property
    def steps(self) -> np.ndarray:
        """Years since the base year, one per forecast year: 1, 2, ..."""
        return np.arange(1, len(self.years) + 1, dtype=float)


@dataclass(frozen=True, slots=True)
class Explanation:
    """One forecast cell to explain: its growth, year, state and the base-year value v0 the
    engine started from; `number` and `percent` write figures as the rest of the product."""

    growth: Growth
    year: int
    base_year: int
    v0: float
    state: str
    number: Callable[[float], str]
    percent: Callable[[float], str]

    def param(self, value: float | None) -> str:
        return "not set" if value is None else self.number(value)


@dataclass(frozen=True, slots=True)
class FormulaCells:
    """Cell references (formula text) for one forecast year of one series in a workbook.

    `prev` is the previous year's cell, `base` the base-year cell (both already reading a
    blank as #N/A), `step` the years since the base year (a parenthesised formula over the
    header's years, so no year count is typed into a formula) and `inputs[field]` the cell
    holding the parameter `field` (for a `by_year` parameter: this year's cell).
    """

    prev: str
    base: str
    step: str
    inputs: Mapping[str, str]


@dataclass(frozen=True, slots=True)
class Problem:
    """Something wrong with one series' assumption; `year` where it has one."""

    severity: Severity
    code: str
    message: str
    year: int | None = None


@dataclass(slots=True)  # not frozen: built for every growth edit
class Check:
    """One assumption to check: `at` names it ("Alpha in Base"), `v0` is its base-year
    history (None: blank). `editing` is True when a command is about to store it, where a
    missing base value refuses the edit (validation reports it once, as missing_base)."""

    growth: Growth
    at: str
    v0: float | None
    base_year: int
    forecast_years: range
    editing: bool
    number: Callable[[float], str]
    percent: Callable[[float], str]


@dataclass(frozen=True, slots=True)
class Seed:
    """What switching a series to a method may start from: its base-year history and the
    values it shows now (finite ones only), so the forecast does not jump to blanks."""

    v0: float | None
    years: range
    current: Mapping[int, float]


Rule = Callable[[Check], Iterable[Problem]]


@dataclass(frozen=True)
class GrowthMethod:
    """A growth method (see the module docstring).

    `project(growths, inputs)` returns a (len(growths) × forecast years) array: for a
    `chained` method the factor v[y] / v[y-1] of each year (the engine chains them and lets
    pins restart the chain), otherwise the values themselves (a pin replaces its year).
    `typed` methods are values the analyst types (their cells are inputs, not computed).
    `rules` is a list so that further checks can be added to a method in one place.
    """

    code: str
    label: str
    noun: str
    summary: str
    parameters: tuple[Parameter, ...]
    project: Callable[[Sequence[Growth], ProjectionInput], np.ndarray]
    explain: Callable[[Explanation], str]
    formula: Callable[[FormulaCells], str]
    rules: list[Rule] = field(default_factory=list)
    seed: Callable[[Growth, Seed], Growth] | None = None
    chained: bool = False
    needs_base: bool = True
    typed: bool = False

    def parameter(self, column: str) -> Parameter | None:
        """The parameter shown in the assumption column `column`, if this method has one."""
        return next((p for p in self.parameters if p.column == column), None)

    def by_year(self) -> tuple[Parameter, ...]:
        return tuple(p for p in self.parameters if p.by_year)

    def yearly_rate(self) -> Parameter | None:
        """The rate of each year, if the method has one: a percentage typed into one of its
        forecast cells sets that year's rate."""
        return next((p for p in self.by_year() if p.style == "percent"), None)

    def problems(self, check: Check) -> list[Problem]:
        return [problem for rule in self.rules for problem in rule(check)]

    def seeded(self, growth: Growth, seed: Seed) -> Growth:
        return growth if self.seed is None else self.seed(growth, seed)


def values_by_year(
    mappings: Sequence[Mapping[int, float]], years: range, blank: float
) -> np.ndarray:
    """Dicts year → number as a (mappings × years) matrix, `blank` where a year has none.

    One `np.fromiter` over every cell: a large project has hundreds of such series per
    scenario, and a call per series would cost more than the numbers themselves.
    """
    cells = chain.from_iterable(map(m.get, years, repeat(blank)) for m in mappings)
    flat = np.fromiter(cells, float, len(mappings) * len(years))
    return flat.reshape(len(mappings), len(years))


def column_of(values: Iterable[float | None]) -> np.ndarray:
    """Optional numbers as a column vector, NaN for None (so the result is blank there)."""
    return np.array([np.nan if v is None else v for v in values], dtype=float)[:, None]


def blank_is_na(ref: str) -> str:
    """A typed cell's value in a workbook formula, or #N/A where it is blank (the engine's
    NaN): a spreadsheet would otherwise count a blank as 0."""
    return f"IF(ISBLANK({ref}),NA(),{ref})"


def unless_blank(refs: Sequence[str], formula: str) -> str:
    """`formula`, or #N/A when any of the typed cells `refs` is blank."""
    blanks = ",".join(f"ISBLANK({ref})" for ref in refs)
    return f"IF(OR({blanks}),NA(),{formula})"
