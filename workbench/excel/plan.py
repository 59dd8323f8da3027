"""The import plan: what a workbook would change, as sentences and as one undoable command.

The plan compares the workbook's target project with the document's project field by
field: numbers cell by cell, structure and entities item by item. Applying it is one
`Batch` of the core's `Put` commands, so undo restores everything at once; each put first
checks that the value it replaces is still the one the plan saw, so a plan applied to a
project edited in the meantime is refused instead of half-fitting.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from workbench.core.commands.base import Batch
from workbench.numbers import amount, number, plain_percent


@dataclass(frozen=True)
class ImportChange:
    """One change: kind ("History", "Pin", "Segment", "Company"...), where, what, and the
    values before and after (None for nothing)."""

    kind: str
    sheet: str
    cell: str
    what: str
    before: Any
    after: Any
    action: str = ""
    """"added", "removed" or "moved" for a whole item; blank for a value that changed."""
    percent: bool = False
    """The values are rates, shown as percentages as the analyst types them."""
    measure: str = ""
    """The measure's label ("Volume") where a workbook holds more than one."""
    unit: str = ""
    """The unit the numbers are in, said after them where a workbook holds more than one
    measure ("12 → 14 million subscriptions")."""

    def sentence(self) -> str:
        text = self._sentence()
        return f"{self.measure} · {text}" if self.measure else text

    def _sentence(self) -> str:
        where = (
            f" ({self.sheet}!{self.cell})"
            if self.cell
            else f" ({self.sheet})"
            if self.sheet
            else ""
        )
        if self.action:
            return f"{self.kind}: {self.what} {self.action}{where}"
        before, after = (
            (_percent(self.before), _percent(self.after))
            if self.percent
            else distinct_pair(self.before, self.after)
        )
        if self.unit:  # the unit once, after the number it belongs to
            unit = f" {self.unit}"
            before, after = before + (unit if self.after is None else ""), after + unit
        if self.before is None:
            return f"{self.kind}: {self.what} set to {after}{where}"
        if self.after is None:
            return f"{self.kind}: {self.what} removed (was {before}){where}"
        return f"{self.kind}: {self.what} changed from {before} to {after}{where}"


@dataclass(frozen=True)
class ImportNote:
    """Something the analyst should know that is not a change: a value taken other than as
    typed, an edit not taken and why, a validation finding after the import."""

    kind: str
    """"Taken", "Not taken" or "Check"."""
    sheet: str
    cell: str
    text: str

    def sentence(self) -> str:
        where = f" ({self.sheet}!{self.cell})" if self.cell else ""
        return f"{self.kind}: {self.text}{where}"


@dataclass
class ImportPlan:
    """What a workbook would change; `command` applies all of it as one undoable step."""

    changes: list[ImportChange]
    command: Batch
    notes: list[ImportNote] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not self.changes

    def summary_lines(self) -> list[str]:
        return [c.sentence() for c in self.changes] + [n.sentence() for n in self.notes]


def distinct_pair(before: Any, after: Any) -> tuple[str, str]:
    """Both numbers as tables show them, or with the significant digits that tell them apart."""
    if not all(isinstance(v, float | int) and not isinstance(v, bool) for v in (before, after)):
        return _show(before), _show(after)
    if isinstance(before, int) and isinstance(after, int):  # a rating, a year: as typed
        return str(before), str(after)
    a, b = amount(before), amount(after)
    if a != b or before == after or not math.isfinite(after - before):
        return a, b
    # the digits down to the one where they differ, and one more
    size = math.floor(math.log10(max(abs(before), abs(after))))
    digits = min(17, size - math.floor(math.log10(abs(after - before))) + 2)
    return number(before, digits), number(after, digits)


def _percent(value: Any) -> str:
    return plain_percent(value) if isinstance(value, float | int) else _show(value)


def _show(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, float):
        return amount(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    text = str(value)
    return repr(text if len(text) <= 60 else text[:57] + "...")
