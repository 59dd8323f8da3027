"""The project: one market model as plain data.

Everything an analyst types lives here and nothing that can be computed does: forecasts,
shares and insights come from the engine. Leaf values are immutable (frozen dataclasses,
numbers, strings, tuples) so that an edit replaces them and undo can hand the old object
back; the containers (dicts, lists) are changed only through `Transaction` by commands.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

from workbench.core.entities import (
    Assessment,
    Company,
    Development,
    Factor,
    Force,
    KeyQuestion,
    Source,
    Trend,
)
from workbench.core.errors import ModelError
from workbench.core.methods import method as growth_method

TOTAL = "total"
"""Series id of the whole market (members have their own ids)."""

PIN_MARKS = ("hold", "spread")
"""Who wrote a pin other than the analyst: a hold (its shown number) or a spread."""

MODES = ("top_down", "bottom_up")


@dataclass(frozen=True, slots=True)
class Metadata:
    """What the model is about and the years it covers."""

    title: str
    first_year: int
    base_year: int
    last_year: int
    unit: str = "USD billions"
    currency_note: str = ""
    description: str = ""

    def __post_init__(self) -> None:
        if not self.first_year <= self.base_year < self.last_year:
            raise ModelError(
                f"Years must satisfy first ≤ base < last; got {self.first_year}, "
                f"{self.base_year}, {self.last_year}."
            )
        if self.last_year - self.first_year > 200:
            raise ModelError("A project may span at most 200 years.")

    @property
    def years(self) -> range:
        return range(self.first_year, self.last_year + 1)

    @property
    def history_years(self) -> range:
        return range(self.first_year, self.base_year + 1)

    @property
    def forecast_years(self) -> range:
        return range(self.base_year + 1, self.last_year + 1)

    @property
    def forecast_cagr_years(self) -> tuple[int, int]:
        """The headline forecast CAGR's span: first forecast year → last year ("2025–2031",
        the seed's convention); base → last year when the forecast is a single year."""
        first = self.base_year + 1
        return (first, self.last_year) if first < self.last_year else (self.base_year, first)

    @property
    def history_cagr_years(self) -> tuple[int, int]:
        return self.first_year, self.base_year


@dataclass(frozen=True, slots=True)
class Member:
    """One segment of a dimension; the id stays when the name changes."""

    id: str
    name: str


@dataclass(frozen=True, slots=True)
class Dimension:
    """A way to cut the market; its members partition the whole market."""

    id: str
    name: str
    members: tuple[Member, ...] = ()

    def member_ids(self) -> tuple[str, ...]:
        return tuple(m.id for m in self.members)


@dataclass(frozen=True, slots=True)
class Scenario:
    id: str
    name: str


@dataclass(frozen=True, slots=True)
class Growth:
    """A series' forecast assumption in one scenario (docs/forecast-semantics.md §2).

    `method` is a code of the growth-method registry (`workbench.core.methods`), which
    says which of the fields are its parameters; the others are kept so that switching the
    method back and forth does not lose what the analyst typed.
    """

    method: str = "cagr"
    rate: float = 0.0
    rates: dict[int, float] = field(default_factory=dict)
    k: float | None = None
    r: float | None = None
    values: dict[int, float] = field(default_factory=dict)

    def __post_init__(self) -> None:
        growth_method(self.method)  # refuses an unknown code, naming the known ones


DEFAULT_GROWTH = Growth()


@dataclass
class MeasureInputs:
    """What an analyst types for a measure other than value (the volume): the same kinds
    of input as the value's, keyed the same way (see `Project`), with the measure's unit.

    The value's inputs stay on `Project` itself, so files and code from before measures
    existed read unchanged; `workbench.core.measures` presents either measure's inputs
    to the engine and the commands through one view.
    """

    unit: str
    history: dict[tuple[str, int], float] = field(default_factory=dict)
    history_sources: dict[tuple[str, int], str] = field(default_factory=dict)
    growth: dict[tuple[str, str], Growth] = field(default_factory=dict)
    pins: dict[tuple[str, str, int], float] = field(default_factory=dict)
    holds: set[tuple[str, int]] = field(default_factory=set)
    pin_marks: dict[tuple[str, str, int], str] = field(default_factory=dict)
    notes: dict[tuple[str, str, int], str] = field(default_factory=dict)

    def copy(self) -> MeasureInputs:
        """A copy whose containers are independent (leaf values are immutable)."""
        return _independent_copy(self)

# Collections of qualitative entities, by project attribute, with their entity type.
ENTITY_COLLECTIONS: dict[str, type] = {
    "sources": Source,
    "companies": Company,
    "developments": Development,
    "factors": Factor,
    "trends": Trend,
    "forces": Force,
    "assessments": Assessment,
    "key_questions": KeyQuestion,
}


@dataclass
class Project:
    """One market model.

    Keys: history and its sources by (series, year); growth by (scenario, series); pins by
    (scenario, series, year); holds by (series, year); the analyst's cell notes by
    (scenario, series, year) with scenario "" for history cells. A series is `TOTAL` or a
    member id. `pin_marks` says which pins an edit wrote rather than the analyst (one of
    PIN_MARKS, same key as the pin): a hold's pins go when the hold is released, a spread's
    are replaced by the next spread of the same total and year.

    These keyed inputs are the value measure's; `volume`, when the project has that
    measure, holds the volume's own (`workbench.core.measures`). Structure (years,
    dimensions, scenarios, mode, primary dimension) is shared by both measures.
    """

    metadata: Metadata
    dimensions: list[Dimension] = field(default_factory=list)
    scenarios: list[Scenario] = field(default_factory=list)
    history: dict[tuple[str, int], float] = field(default_factory=dict)
    history_sources: dict[tuple[str, int], str] = field(default_factory=dict)
    growth: dict[tuple[str, str], Growth] = field(default_factory=dict)
    pins: dict[tuple[str, str, int], float] = field(default_factory=dict)
    holds: set[tuple[str, int]] = field(default_factory=set)
    pin_marks: dict[tuple[str, str, int], str] = field(default_factory=dict)
    notes: dict[tuple[str, str, int], str] = field(default_factory=dict)
    mode: str = "top_down"
    primary_dimension: str | None = None
    sources: list[Source] = field(default_factory=list)
    companies: list[Company] = field(default_factory=list)
    developments: list[Development] = field(default_factory=list)
    factors: list[Factor] = field(default_factory=list)
    trends: list[Trend] = field(default_factory=list)
    forces: list[Force] = field(default_factory=list)
    assessments: list[Assessment] = field(default_factory=list)
    key_questions: list[KeyQuestion] = field(default_factory=list)
    volume: MeasureInputs | None = None

    # -- look-ups -------------------------------------------------------------------------

    def series_ids(self) -> list[str]:
        """The total first, then every member in dimension and member order."""
        return [TOTAL] + [m.id for d in self.dimensions for m in d.members]

    def dimension(self, dimension_id: str | None) -> Dimension:
        for d in self.dimensions:
            if d.id == dimension_id:
                return d
        raise ModelError(f"There is no dimension with id {dimension_id!r}.")

    def dimension_of(self, member_id: str) -> Dimension:
        found = self._members().get(member_id)
        if found is None:
            raise ModelError(f"There is no segment with id {member_id!r}.")
        return found[0]

    def member(self, member_id: str) -> Member:
        found = self._members().get(member_id)
        if found is None:
            raise ModelError(f"There is no segment with id {member_id!r}.")
        return found[1]

    def _members(self) -> dict[str, tuple[Dimension, Member]]:
        """Member id → (dimension, member), rebuilt when the dimensions change.

        Dimensions are frozen and an edit replaces them, so the cache is valid while the
        project holds the very same dimension objects; it holds them itself, so their
        identities cannot be reused. Large imports and validation look members up tens of
        thousands of times, which a scan of every dimension made quadratic.
        """
        current = tuple(self.dimensions)
        cached = self.__dict__.get("_member_index")
        if cached is None or len(cached[0]) != len(current) or any(
            a is not b for a, b in zip(cached[0], current, strict=True)
        ):
            index = {m.id: (d, m) for d in current for m in d.members}
            cached = (current, index)
            self.__dict__["_member_index"] = cached
        return cached[1]

    def scenario(self, scenario_id: str) -> Scenario:
        for s in self.scenarios:
            if s.id == scenario_id:
                return s
        raise ModelError(f"There is no scenario with id {scenario_id!r}.")

    def series_name(self, series_id: str) -> str:
        return "Total market" if series_id == TOTAL else self.member(series_id).name

    def check_series(self, series_id: str) -> None:
        if series_id != TOTAL:
            self.member(series_id)

    def growth_of(self, scenario_id: str, series_id: str) -> Growth:
        return self.growth.get((scenario_id, series_id), DEFAULT_GROWTH)

    def entity(self, collection: str, entity_id: str):
        for e in getattr(self, collection):
            if e.id == entity_id:
                return e
        noun = ENTITY_COLLECTIONS[collection].__name__.lower()
        raise ModelError(f"There is no {noun} with id {entity_id!r}.")

    def all_ids(self) -> set[str]:
        """Every id in use, so that new ids never collide with old ones."""
        ids = {TOTAL}
        ids.update(d.id for d in self.dimensions)
        ids.update(m.id for d in self.dimensions for m in d.members)
        ids.update(s.id for s in self.scenarios)
        for name in ENTITY_COLLECTIONS:
            ids.update(e.id for e in getattr(self, name))
        return ids

    def copy(self) -> Project:
        """A copy whose containers are independent (leaf values are immutable)."""
        return _independent_copy(self)


def _independent_copy(data):
    """`data` (a Project or MeasureInputs) with every container copied, the volume's
    inputs included, so that editing the copy never reaches the original."""
    kwargs: dict[str, Any] = {}
    for f in fields(data):
        value = getattr(data, f.name)
        copies = isinstance(value, dict | list | set | MeasureInputs)
        kwargs[f.name] = value.copy() if copies else value
    return type(data)(**kwargs)


def new_id(project: Project, prefix: str, used: set[str] | None = None) -> str:
    """A fresh id `prefix-N` unused anywhere in the project (or in `used`, when given)."""
    used = project.all_ids() if used is None else used
    n = 1
    while f"{prefix}-{n}" in used:
        n += 1
    return f"{prefix}-{n}"
