"""The qualitative side of a market model: sources, companies, factors, forces, questions.

Each entity is a frozen dataclass with a stable `id`, so a rename anywhere (the GUI, a
workbook) stays the same entity. Constructors check their own fields, so an entity that
exists is valid; an edit replaces the whole entity (`dataclasses.replace`).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from workbench.core.errors import ModelError

DEVELOPMENT_KINDS = (
    "product",
    "partnership",
    "m&a",
    "funding",
    "technology",
    "regulation",
    "other",
)
FACTOR_KINDS = ("driver", "challenge")
FORCE_IDS = ("rivalry", "new_entrants", "substitutes", "buyer_power", "supplier_power")
FORCE_NAMES = {
    "rivalry": "Competitive rivalry",
    "new_entrants": "Threat of new entrants",
    "substitutes": "Threat of substitutes",
    "buyer_power": "Bargaining power of buyers",
    "supplier_power": "Bargaining power of suppliers",
}
_DATE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")


RATING_LOW, RATING_HIGH = 1, 5


def check_rating(value: int, what: str) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ModelError(f"{what} must be a whole number from 1 to 5; got {value!r}.")
    if not RATING_LOW <= value <= RATING_HIGH:
        raise ModelError(f"{what} must be a whole number from 1 to 5; got {value!r}.")


def check_date(value: str, what: str) -> None:
    """Dates are ISO text (`2024`, `2024-06` or `2024-06-30`): sortable and exact."""
    if value and not _DATE.match(value):
        raise ModelError(f"{what} must be a date like 2024, 2024-06 or 2024-06-30; got {value!r}.")


def check_text(value: str, what: str) -> None:
    if not isinstance(value, str):
        raise ModelError(f"{what} must be text; got {value!r}.")


def check_name(value: str, what: str) -> None:
    check_text(value, what)
    if not value.strip():
        raise ModelError(f"{what} must not be empty.")


@dataclass(frozen=True, slots=True)
class Source:
    """A citation; `assumption` marks the analyst's own numbers (then `url` is empty)."""

    id: str
    publisher: str
    title: str = ""
    date: str = ""
    url: str = ""
    assumption: bool = False

    def __post_init__(self) -> None:
        check_name(self.publisher, "A source's publisher")
        check_date(self.date, f"The date of source {self.publisher!r}")

    def label(self) -> str:
        if self.assumption:
            return f"{self.publisher}: {self.title} (analyst assumption)".strip()
        parts = [self.publisher, self.title, self.date]
        return ", ".join(p for p in parts if p)


@dataclass(frozen=True, slots=True)
class Company:
    """A company dossier's facts; its developments point back to it by id."""

    id: str
    name: str
    headquarters: str = ""
    founded: int | None = None
    listing: str = ""
    website: str = ""
    type: str = ""
    description: str = ""
    strategy: str = ""
    segments: tuple[str, ...] = ()
    shares: dict[int, float] = field(default_factory=dict)
    source_ids: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        check_name(self.name, "A company's name")
        if self.founded is not None and not 1600 <= self.founded <= 2200:
            raise ModelError(
                f"The founding year of {self.name!r} must be a year; got {self.founded}."
            )
        for year, share in self.shares.items():
            if not (math.isfinite(share) and 0.0 <= share <= 1.0):
                raise ModelError(
                    f"The {year} share estimate of {self.name!r} must be between 0 % and 100 %."
                )


@dataclass(frozen=True, slots=True)
class Development:
    """A dated event in a company's dossier."""

    id: str
    company_id: str
    date: str
    kind: str
    text: str
    source_id: str | None = None

    def __post_init__(self) -> None:
        if self.kind not in DEVELOPMENT_KINDS:
            raise ModelError(
                f"A development's kind must be one of {', '.join(DEVELOPMENT_KINDS)}; "
                f"got {self.kind!r}."
            )
        check_date(self.date, "A development's date")
        check_text(self.text, "A development's text")


@dataclass(frozen=True, slots=True)
class Factor:
    """A driver or a challenge, with its impact over three horizons."""

    id: str
    kind: str
    title: str
    text: str = ""
    impact_short: int = 3
    impact_medium: int = 3
    impact_long: int = 3
    segments: tuple[str, ...] = ()
    source_ids: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.kind not in FACTOR_KINDS:
            raise ModelError(f"A factor is a driver or a challenge; got {self.kind!r}.")
        check_name(self.title, f"A {self.kind}'s title")
        for horizon in ("short", "medium", "long"):
            check_rating(
                getattr(self, f"impact_{horizon}"), f"The {horizon}-term impact of {self.title!r}"
            )


@dataclass(frozen=True, slots=True)
class Trend:
    id: str
    title: str
    text: str = ""
    segments: tuple[str, ...] = ()
    source_ids: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        check_name(self.title, "A trend's title")


@dataclass(frozen=True, slots=True)
class Force:
    """One of Porter's five forces: its id is one of `FORCE_IDS`."""

    id: str
    rating: int = 3
    rationale: str = ""

    def __post_init__(self) -> None:
        if self.id not in FORCE_IDS:
            raise ModelError(f"Unknown force {self.id!r}; use one of {', '.join(FORCE_IDS)}.")
        check_rating(self.rating, f"The rating of {FORCE_NAMES[self.id]}")

    @property
    def name(self) -> str:
        return FORCE_NAMES[self.id]


@dataclass(frozen=True, slots=True)
class Criterion:
    id: str
    name: str


@dataclass(frozen=True, slots=True)
class Rating:
    """One cell of an assessment matrix."""

    score: int
    note: str = ""

    def __post_init__(self) -> None:
        check_rating(self.score, "An assessment rating")


@dataclass(frozen=True, slots=True)
class Assessment:
    """Criteria × the members of one dimension; `cells` by (criterion id, member id)."""

    id: str
    name: str
    dimension_id: str
    criteria: tuple[Criterion, ...] = ()
    cells: dict[tuple[str, str], Rating] = field(default_factory=dict)

    def __post_init__(self) -> None:
        check_name(self.name, "An assessment's name")
        known = {c.id for c in self.criteria}
        for criterion_id, _member in self.cells:
            if criterion_id not in known:
                raise ModelError(
                    f"Assessment {self.name!r} rates an unknown criterion {criterion_id!r}."
                )


@dataclass(frozen=True, slots=True)
class KeyQuestion:
    """A question clients ask and the analyst's answer.

    The answer may hold live figures as `{{insight-key}}` placeholders (see insights).
    """

    id: str
    question: str
    answer: str = ""

    def __post_init__(self) -> None:
        check_name(self.question, "A key question")
