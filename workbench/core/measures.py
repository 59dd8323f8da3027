"""Measures: the quantities a project forecasts, and the one place that knows them.

Value (always) and volume (optional) are typed measures: each has its own history,
assumptions, pins, holds and notes, and is forecast and reconciled by exactly the same
engine, because the engine is handed a *view* of the project in which that measure's
inputs stand where the value's do. Average price is derived (value ÷ volume, with the
factor the two units imply), never typed and never reconciled
(docs/forecast-semantics.md, "Measures").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

import numpy as np

from workbench.core.errors import ModelError
from workbench.core.fields import MEASURE_INPUTS, Field
from workbench.core.project import MeasureInputs, Project
from workbench.numbers import number

VALUE = "value"
VOLUME = "volume"
PRICE = "price"


@dataclass(frozen=True, slots=True)
class Measure:
    """A measure's id, its label in the analyst's words, and whether it is typed."""

    id: str
    label: str
    typed: bool


MEASURES: tuple[Measure, ...] = (
    Measure(VALUE, "Value", True),
    Measure(VOLUME, "Volume", True),
    Measure(PRICE, "Average price", False),
)
_BY_ID = {m.id: m for m in MEASURES}


def measure(measure_id: str) -> Measure:
    """The measure with this id, or a ModelError naming the known ones."""
    found = _BY_ID.get(measure_id)
    if found is None:
        known = ", ".join(m.id for m in MEASURES)
        raise ModelError(f"There is no measure {measure_id!r}; the measures are {known}.")
    return found


def measures_of(project: Project) -> tuple[str, ...]:
    """The measures this project shows: value, and volume and price when it has a volume."""
    return (VALUE,) if project.volume is None else (VALUE, VOLUME, PRICE)


def typed_measures(project: Project) -> tuple[str, ...]:
    """The measures with inputs of their own: value, and volume when the project has one."""
    return (VALUE,) if project.volume is None else (VALUE, VOLUME)


def field_of(measure_id: str, field: Field) -> Field:
    """The project field that holds `field` (one of `MEASURE_INPUTS`) of a typed measure."""
    if measure_id == VALUE:
        return field
    if measure_id == VOLUME:
        return Field(f"{VOLUME}.{field}")
    raise ModelError(f"{measure(measure_id).label} is derived and has no inputs of its own.")


VOLUME_FIELDS: dict[Field, Field] = {f: field_of(VOLUME, f) for f in MEASURE_INPUTS}
"""A volume view's field → the project field it writes through to."""


def inputs_of(project: Project, measure_id: str) -> Project | MeasureInputs:
    """The object whose `history`, `growth`, `pins`… are this measure's inputs."""
    if measure_id == VALUE:
        return project
    return _volume(project, measure_id)


def unit_of(project: Project, measure_id: str) -> str:
    """The unit a measure's numbers are in ("USD billions", "million subscriptions")."""
    if measure_id == VALUE:
        return project.metadata.unit
    if measure_id == VOLUME:
        return _volume(project, measure_id).unit
    return price_unit(project).text


def view(project: Project, measure_id: str) -> Project:
    """The project as the engine and the commands see one typed measure.

    For value it is the project itself. For volume it is a project sharing the structure
    and the entities, whose keyed inputs are the very containers of `project.volume`
    (so a command run on the view writes the volume's inputs) and whose unit is the
    volume's. Take a new view after a structure edit: the view's structure is a snapshot.
    """
    if measure_id == VALUE:
        return project
    inputs = _volume(project, measure_id)
    shown = replace(project.metadata, unit=inputs.unit)
    parts = {str(f): getattr(inputs, str(f)) for f in MEASURE_INPUTS}
    return replace(project, metadata=shown, volume=None, **parts)


def _volume(project: Project, measure_id: str) -> MeasureInputs:
    measure(measure_id)
    if measure_id != VOLUME:
        raise ModelError(f"{measure(measure_id).label} is derived and has no inputs of its own.")
    if project.volume is None:
        raise ModelError("This project has no volume measure; add one first.")
    return project.volume


# -- the average price ----------------------------------------------------------------------

_SCALES = {
    "thousand": 1e3,
    "thousands": 1e3,
    "k": 1e3,
    "million": 1e6,
    "millions": 1e6,
    "mn": 1e6,
    "m": 1e6,
    "billion": 1e9,
    "billions": 1e9,
    "bn": 1e9,
    "trillion": 1e12,
    "trillions": 1e12,
}


@dataclass(frozen=True, slots=True)
class PriceUnit:
    """The price's unit and the factor that turns value ÷ volume into it.

    USD billions ÷ million subscriptions = 1,000 USD per subscription, so `factor` is
    1,000 and `text` "USD per subscription"; units without a recognisable scale word
    keep the plain ratio (factor 1, "USD billions per million subscriptions").
    """

    text: str
    factor: float

    @property
    def explanation(self) -> str:
        """How a price is computed, in words: the factor named."""
        return f"value ÷ volume{self.times}"

    @property
    def times(self) -> str:
        """" × 1,000" (the factor as the division's last step), or nothing for 1."""
        return "" if self.factor == 1 else f" × {number(self.factor)}"

    def amount(self, price: float) -> str:
        """A price as analysts write one: "USD 3.2 per subscription" (the currency before
        the number); "3.2 USD billions per million subscriptions" where the money part is
        more than a currency."""
        money, per, thing = self.text.partition(" per ")
        if per and len(money.split()) == 1:
            return f"{money} {number(price)} per {thing}"
        return f"{number(price)} {self.text}"


def price_unit(project: Project) -> PriceUnit:
    """The average price's unit for this project's value and volume units."""
    value_unit = project.metadata.unit
    volume_unit = _volume(project, VOLUME).unit
    money, money_scale = _split_scale(value_unit)
    thing, thing_scale = _split_scale(volume_unit)
    if money_scale is None or thing_scale is None or not money or not thing:
        return PriceUnit(f"{value_unit} per {volume_unit}", 1.0)
    return PriceUnit(f"{money} per {_singular(thing)}", money_scale / thing_scale)


def price_values(value: np.ndarray, volume: np.ndarray, factor: float) -> np.ndarray:
    """factor × value ÷ volume, blank (NaN) where the volume is zero or blank."""
    out = np.full(np.broadcast(value, volume).shape, np.nan)
    usable = np.isfinite(volume) & (volume != 0)
    with np.errstate(invalid="ignore", over="ignore"):
        np.divide(value * factor, volume, out=out, where=usable)
    return out


def _split_scale(unit: str) -> tuple[str, float | None]:
    """("USD", 1e9) for "USD billions" or "USD bn"; ("subscriptions", 1e6) for
    "million subscriptions"; (unit, 1) when no scale word is present."""
    words = unit.split()
    scaled = [i for i, w in enumerate(words) if w.lower().strip("().,") in _SCALES]
    if len(scaled) > 1:
        return unit, None
    if not scaled:
        return unit.strip(), 1.0
    i = scaled[0]
    scale = _SCALES[words[i].lower().strip("().,")]
    rest = " ".join(words[:i] + words[i + 1 :]).strip()
    return rest, scale


def _singular(noun: str) -> str:
    """'subscription' for 'subscriptions', 'paid episode' for 'paid episodes'; the last
    word only, and only a plain English plural."""
    head, _, last = noun.rpartition(" ")
    if re.fullmatch(r"[A-Za-z]+ies", last):
        last = last[:-3] + "y"
    elif re.fullmatch(r"[A-Za-z]+[^s]s", last):
        last = last[:-1]
    return f"{head} {last}".strip()
