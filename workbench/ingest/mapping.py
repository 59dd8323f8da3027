"""The mapping: every decision that turns a foreign table into segments and years.

Each field is None (or empty) when detection decides, so a mapping can be as small as
`{}` and still be complete. It is saved as a small JSON file and reused for next year's
edition of the same source, which is why it names rows by their labels and tables by
sheet and position, never by cell addresses that move when a publisher adds a row.
"""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

from workbench.ingest.errors import IngestError

FORECAST_CHOICES = ("pins", "targets", "ignore")
MODE_CHOICES = ("top_down", "bottom_up")
MEASURE_CHOICES = ("value", "volume")
"""The typed measures a table can become (the average price is derived, never imported)."""


@dataclass
class Mapping:
    """How one table becomes part of a project; see the module docstring."""

    sheet: str | None = None
    """The sheet of the table (None: the first sheet that has one)."""
    table: int = 1
    """Which table on that sheet, counting from 1 top to bottom."""
    dimension: str | None = None
    """Dimension for rows without a group heading: an existing one's name or a new name."""
    groups: dict[str, str] = field(default_factory=dict)
    """Group heading ("By region") → dimension name, for tables with several blocks."""
    members: dict[str, str] = field(default_factory=dict)
    """Row label → existing segment name (or a new name) where the default is wrong."""
    skip: list[str] = field(default_factory=list)
    """Row labels to leave out (subtotals, memo rows)."""
    total: str | None = None
    """Label of the total row; "" for none; None: detected."""
    base_year: int | None = None
    """Last history year; later years are forecast. None: the project's, else detected."""
    forecast: str = "pins"
    """What forecast years become: pins, targets that back-solve each CAGR, or nothing."""
    scenario: str | None = None
    """Scenario (name or id) that receives forecast values; None: the first."""
    unit: str | None = None
    """The source's unit ("USD millions") where the file does not say or says it wrongly."""
    scale: float | None = None
    """Multiply every number by this; None: from the source's and the project's units."""
    rate: float | dict[int, float] | None = None
    """Currency conversion: project currency per source currency, one rate or per year."""
    rate_source: str = ""
    """Where the rate comes from (cited with every converted number)."""
    mode: str | None = None
    """top_down or bottom_up; None: bottom-up when the segments add up to the total."""
    title: str | None = None
    """Title of a new project; None: the table's title or the file name."""
    measure: str = "value"
    """Which measure the numbers are: the value, or the volume (subscriptions, episodes…)."""
    volume_unit: str | None = None
    """The volume's unit ("million subscriptions") when the project has no volume yet: the
    volume measure is added with it, in the same step. None: the project's volume unit."""
    include_hidden: bool = False
    """Read hidden rows and columns like the others (by default they are left out)."""

    def check(self) -> Mapping:
        """Self, refused with a sentence when a choice is out of range."""
        if self.forecast not in FORECAST_CHOICES:
            raise IngestError(
                f"Forecast values can become {', '.join(FORECAST_CHOICES)}; "
                f"got {self.forecast!r}."
            )
        if self.measure not in MEASURE_CHOICES:
            raise IngestError(f"A table can become the value or the volume; got {self.measure!r}.")
        if self.measure == "volume" and self.rates():
            raise IngestError("A volume is not money: leave the currency rate out.")
        if self.mode is not None and self.mode not in MODE_CHOICES:
            raise IngestError(f"The mode must be top_down or bottom_up; got {self.mode!r}.")
        if isinstance(self.table, bool) or not isinstance(self.table, int) or self.table < 1:
            raise IngestError(f"The table number counts from 1; got {self.table!r}.")
        if self.scale is not None and not _positive(self.scale):
            raise IngestError(f"The scale must be a positive number; got {self.scale!r}.")
        for year, rate in self.rates().items():
            if not _positive(rate):
                raise IngestError(f"The currency rate for {year or 'every year'} must be a "
                                  f"positive number; got {rate!r}.")
        return self

    def rates(self) -> dict[int, float]:
        """The conversion rate by year; year 0 stands for every year."""
        if self.rate is None:
            return {}
        if isinstance(self.rate, dict):
            return {int(year): rate for year, rate in self.rate.items()}
        return {0: self.rate}

    def rate_for(self, year: int) -> float | None:
        rates = self.rates()
        return rates.get(year, rates.get(0)) if rates else None

    # -- the JSON file ---------------------------------------------------------------------

    def save(self, path: str | Path) -> None:
        data = {k: v for k, v in asdict(self).items() if v not in (None, {}, [], "")}
        for key, default in (("measure", "value"), ("include_hidden", False)):
            if data[key] == default:  # files stay as they were before these choices
                del data[key]
        Path(path).write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", "utf-8")

    @classmethod
    def load(cls, path: str | Path) -> Mapping:
        name = Path(path).name
        try:
            data = json.loads(Path(path).read_text("utf-8"))
        except OSError as error:
            raise IngestError(f"{name}: the mapping cannot be read ({error.strerror}).") from None
        except (ValueError, UnicodeDecodeError):
            raise IngestError(f"{name}: the mapping is not a JSON file.") from None
        if not isinstance(data, dict):
            raise IngestError(f"{name}: the mapping must be a JSON object of choices.")
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(data) - known)
        if unknown:
            raise IngestError(f"{name}: {unknown[0]!r} is not a mapping choice.")
        for key, value in data.items():
            if not _of_kind(value, KINDS[key]):
                raise IngestError(
                    f"{name}: the choice {key!r} must be {_KIND_WORDS[KINDS[key]]}; "
                    f"got {value!r}."
                )
        return cls(**data).check()


KINDS: dict[str, type | tuple[type, ...]] = {
    "sheet": str, "table": int, "dimension": str, "groups": dict, "members": dict,
    "skip": list, "total": str, "base_year": int, "forecast": str, "scenario": str,
    "unit": str, "scale": (int, float), "rate": (int, float, dict), "rate_source": str,
    "mode": str, "title": str, "measure": str, "volume_unit": str, "include_hidden": bool,
}  # fmt: skip
"""What each choice of a mapping file holds (texts inside its objects and lists)."""
_KIND_WORDS = {
    bool: "true or false", str: "a text", int: "a whole number", dict: "an object of texts",
    list: "a list of texts",
    (int, float): "a number", (int, float, dict): "a number, or an object of year: number",
}


def _of_kind(value: object, kind: type | tuple[type, ...]) -> bool:
    if value is None:
        return True
    if isinstance(value, bool) != (kind is bool) or not isinstance(value, kind):
        return False
    if isinstance(value, list):
        return all(isinstance(item, str) for item in value)
    if isinstance(value, dict) and kind is dict:
        return all(isinstance(v, str) for v in value.values())
    if isinstance(value, dict):  # rates by year
        return all(
            str(year).strip().isdigit() and _of_kind(rate, (int, float))
            for year, rate in value.items()
        )
    return True


def _positive(value: object) -> bool:
    return (
        isinstance(value, int | float)
        and not isinstance(value, bool)
        and math.isfinite(value)
        and value > 0
    )
