"""What every insight is computed from: one scenario's forecast of one measure.

A figure key may end in a measure ("fastest:technology:volume"); `split_measure` reads it
off, and `Scenario` hands out one `Context` per measure of the scenario, so an answer that
mixes value, volume and price figures computes each forecast once. Sentences name the
measure and its unit only when the project has a volume: a value-only project reads
exactly as it did before measures existed (docs/key-questions.md).
"""

from __future__ import annotations

import math

from workbench.core.derived import growth_ratio, series_names
from workbench.core.document import Document
from workbench.core.engine import ScenarioResult
from workbench.core.errors import ModelError
from workbench.core.measures import MEASURES, PRICE, VALUE, measure, unit_of
from workbench.core.project import TOTAL, Dimension, Project
from workbench.numbers import money

MEASURE_IDS = frozenset(m.id for m in MEASURES)


def split_measure(args: list[str], counts: range) -> tuple[list[str], str]:
    """(arguments, measure): a last argument naming a measure is the measure when the
    arguments left are a count the kind takes ("cagr:volume" stays a segment's CAGR)."""
    if args and args[-1] in MEASURE_IDS and len(args) - 1 in counts:
        return args[:-1], args[-1]
    return args, VALUE


class Context:
    """One scenario's forecast of one measure, with the look-ups every figure needs."""

    def __init__(self, document: Document, scenario_id: str, measure_id: str = VALUE) -> None:
        self.project: Project = document.project
        self.measure = measure_id
        self.result: ScenarioResult = document.result(scenario_id, measure_id)
        self.unit = unit_of(self.project, measure_id)
        self.names = series_names(self.project)
        self.named = self.project.volume is not None
        """Whether sentences name the measure (only a project with a volume needs to)."""

    @property
    def label(self) -> str:
        """The measure in a sentence: "value", "volume", "average price"."""
        return measure(self.measure).label.lower()

    def additive(self, what: str) -> None:
        """Refuse shares and sizes of the average price (a price does not add up)."""
        if self.measure == PRICE:
            raise ModelError(f"The average price has no {what}: it is a ratio, not a size.")

    def money(self, value: float) -> str:
        """A value in its unit as a sentence says it ("USD 2.55 billion", "USD 3.40 per
        subscription", "12.5 million subscriptions")."""
        return money(value, self.unit)

    def year(self, text: str) -> int:
        year = int(text)
        if year not in self.project.metadata.years:
            raise ModelError(f"{year} is outside the project's years.")
        return year

    def period(self, args: list[str]) -> tuple[int, int]:
        """Years a, b from the arguments, or the default first forecast year → last year."""
        meta = self.project.metadata
        if not args:
            return meta.forecast_cagr_years
        if len(args) != 2:
            raise ModelError("A period is two years.")
        a, b = self.year(args[0]), self.year(args[1])
        if not a < b:
            raise ModelError(f"The period {a}–{b} must run forward.")
        return a, b

    def series(self, series_id: str) -> str:
        if series_id not in self.names:
            raise ModelError(f"There is no segment with id {series_id!r}.")
        return series_id

    def name(self, series_id: str) -> str:
        return self.names[series_id]

    def value(self, series_id: str, year: int) -> float:
        return self.result.value(series_id, year)

    def share(self, series_id: str, year: int) -> float:
        total = self.value(TOTAL, year)
        return self.value(series_id, year) / total if total else math.nan

    def cagr(self, series_id: str, a: int, b: int) -> float:
        return float(growth_ratio(self.value(series_id, a), self.value(series_id, b), b - a))

    def cagrs(self, dim: Dimension, a: int, b: int) -> list[tuple[str, float]]:
        """(member id, CAGR) of the members with a defined CAGR, fastest first, ties by order."""
        pairs = [(m, self.cagr(m, a, b)) for m in dim.member_ids()]
        return sorted((p for p in pairs if math.isfinite(p[1])), key=lambda p: -p[1])


class Scenario:
    """The contexts of one scenario, one per measure, made on first use."""

    def __init__(self, document: Document, scenario_id: str) -> None:
        self.document, self.scenario_id = document, scenario_id
        self._contexts: dict[str, Context] = {}

    def of(self, measure_id: str) -> Context:
        found = self._contexts.get(measure_id)
        if found is None:
            found = self._contexts[measure_id] = Context(
                self.document, self.scenario_id, measure_id
            )
        return found
