"""Edits of the market's structure: segments, dimensions, scenarios, years, mode, metadata.

Removing a thing removes everything that hangs on it (history, assumptions, pins, holds,
references from companies, factors, trends and assessments) in the same transaction, so
undo brings all of it back and nothing is left pointing at an id that no longer exists.
Structure is shared by the measures, so the inputs that hang on it are deleted, copied or
clipped for every measure the project has (`on_every_measure`), each written once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from workbench.core.commands.base import Command, fresh_id, name, placed
from workbench.core.commands.measures import on_every_measure
from workbench.core.commands.pins import held_forecast_cells, pin_holds, unpin
from workbench.core.errors import ModelError
from workbench.core.fields import Field
from workbench.core.project import MODES, TOTAL, Dimension, Member, Metadata, Scenario, new_id
from workbench.core.transaction import Transaction


def _put_dimension(tx: Transaction, dim: Dimension) -> None:
    tx.replace(Field.DIMENSIONS, [dim if d.id == dim.id else d for d in tx.project.dimensions])


def _moved(items: list, index: int, item, what: str) -> list:
    return placed([x for x in items if x is not item], item, index, what)


def _check_unique_name(names: list[str], new: str, what: str) -> None:
    if new.casefold() in (n.casefold() for n in names):
        raise ModelError(f"{what} {new!r} already exists.")


class AddMember(Command):
    def __init__(
        self,
        dimension_id: str,
        member_name: str,
        index: int | None = None,
        member_id: str | None = None,
    ):
        self.dimension_id, self.member_name, self.index, self.member_id = (
            dimension_id,
            member_name,
            index,
            member_id,
        )
        self.text = "Add segment"

    def run(self, tx: Transaction) -> None:
        p = tx.project
        dim = p.dimension(self.dimension_id)
        label = name(self.member_name, "A segment's name")
        _check_unique_name([m.name for m in dim.members], label, f"Segment of {dim.name}")
        member_id = fresh_id(p, self.member_id, "seg")
        members = placed(list(dim.members), Member(member_id, label), self.index, label)
        _put_dimension(tx, replace(dim, members=tuple(members)))


class AddMembers(Command):
    """Add many segments to a dimension at once, each as (wanted id or None, name).

    One check over all names and ids, one new dimension: adding segments one by one
    checks each name against all before it, which a table of thousands made quadratic.
    """

    def __init__(self, dimension_id: str, members: list[tuple[str | None, str]]) -> None:
        self.dimension_id, self.members = dimension_id, list(members)
        self.text = "Add segments"

    def run(self, tx: Transaction) -> None:
        p = tx.project
        dim = p.dimension(self.dimension_id)
        names = {m.name.casefold() for m in dim.members}
        used = p.all_ids()
        added = []
        for wanted, member_name in self.members:
            label = name(member_name, "A segment's name")
            if label.casefold() in names:
                raise ModelError(f"Segment of {dim.name} {label!r} already exists.")
            member_id = new_id(p, "seg", used) if wanted is None else wanted
            if not isinstance(member_id, str) or not member_id.strip() or member_id in used:
                raise ModelError(f"The id {member_id!r} is already in use.")
            names.add(label.casefold())
            used.add(member_id)
            added.append(Member(member_id, label))
        _put_dimension(tx, replace(dim, members=(*dim.members, *added)))


class RenameMember(Command):
    def __init__(self, member_id: str, new_name: str) -> None:
        self.member_id, self.new_name = member_id, new_name
        self.text = "Rename segment"

    def run(self, tx: Transaction) -> None:
        p = tx.project
        dim = p.dimension_of(self.member_id)
        label = name(self.new_name, "A segment's name")
        _check_unique_name(
            [m.name for m in dim.members if m.id != self.member_id], label, f"Segment of {dim.name}"
        )
        members = tuple(Member(m.id, label) if m.id == self.member_id else m for m in dim.members)
        _put_dimension(tx, replace(dim, members=members))


class MoveMember(Command):
    def __init__(self, member_id: str, index: int) -> None:
        self.member_id, self.index = member_id, index
        self.text = "Move segment"

    def run(self, tx: Transaction) -> None:
        dim = tx.project.dimension_of(self.member_id)
        member = tx.project.member(self.member_id)
        members = _moved(list(dim.members), self.index, member, member.name)
        _put_dimension(tx, replace(dim, members=tuple(members)))


class RemoveMember(Command):
    def __init__(self, member_id: str) -> None:
        self.member_id = member_id
        self.text = "Remove segment"

    def run(self, tx: Transaction) -> None:
        p = tx.project
        dim = p.dimension_of(self.member_id)
        if p.mode == "bottom_up" and p.primary_dimension == dim.id and len(dim.members) == 1:
            raise ModelError(f"{dim.name} is the primary dimension and needs at least one segment.")
        _put_dimension(
            tx, replace(dim, members=tuple(m for m in dim.members if m.id != self.member_id))
        )
        drop_series(tx, {self.member_id})


def drop_series(tx: Transaction, series: set[str]) -> None:
    """Remove every number (of every measure) and reference that belongs to the series."""
    on_every_measure(tx, lambda measure_tx: _drop_inputs(measure_tx, series))
    p = tx.project
    for field in (Field.COMPANIES, Field.FACTORS, Field.TRENDS):
        items = getattr(p, field)
        updated = [
            replace(e, segments=tuple(s for s in e.segments if s not in series))
            if any(s in series for s in e.segments)
            else e
            for e in items
        ]
        tx.replace(field, updated)
    tx.replace(
        Field.ASSESSMENTS,
        [
            replace(a, cells={k: v for k, v in a.cells.items() if k[1] not in series})
            for a in p.assessments
        ],
    )


def _drop_inputs(tx: Transaction, series: set[str]) -> None:
    """One measure's history, sources, holds, notes, assumptions and pins of the series."""
    p = tx.project
    for field in (Field.HISTORY, Field.HISTORY_SOURCES):
        for key in [k for k in getattr(p, field) if k[0] in series]:
            tx.delete(field, key)
    for key in [k for k in p.holds if k[0] in series]:
        tx.delete(Field.HOLDS, key)
    for key in [k for k in p.notes if k[1] in series]:
        tx.delete(Field.NOTES, key)
    for key in [k for k in p.growth if k[1] in series]:
        tx.delete(Field.GROWTH, key)
    for key in [k for k in p.pins if k[1] in series]:
        unpin(tx, key)


class AddDimension(Command):
    """Add a dimension (with segments); `dimension_id` lets a batch name it for later steps."""

    def __init__(
        self,
        dimension_name: str,
        member_names: Sequence[str] = (),
        index: int | None = None,
        dimension_id: str | None = None,
    ):
        self.dimension_name, self.member_names, self.index = (
            dimension_name,
            list(member_names),
            index,
        )
        self.dimension_id = dimension_id
        self.text = "Add dimension"

    def run(self, tx: Transaction) -> None:
        p = tx.project
        label = name(self.dimension_name, "A dimension's name")
        _check_unique_name([d.name for d in p.dimensions], label, "Dimension")
        dim = Dimension(fresh_id(p, self.dimension_id, "dim"), label)
        tx.replace(Field.DIMENSIONS, placed(list(p.dimensions), dim, self.index, label))
        for member_name in self.member_names:
            AddMember(dim.id, member_name).run(tx)


class RenameDimension(Command):
    def __init__(self, dimension_id: str, new_name: str) -> None:
        self.dimension_id, self.new_name = dimension_id, new_name
        self.text = "Rename dimension"

    def run(self, tx: Transaction) -> None:
        p = tx.project
        dim = p.dimension(self.dimension_id)
        label = name(self.new_name, "A dimension's name")
        _check_unique_name([d.name for d in p.dimensions if d.id != dim.id], label, "Dimension")
        _put_dimension(tx, replace(dim, name=label))


class MoveDimension(Command):
    def __init__(self, dimension_id: str, index: int) -> None:
        self.dimension_id, self.index = dimension_id, index
        self.text = "Move dimension"

    def run(self, tx: Transaction) -> None:
        dim = tx.project.dimension(self.dimension_id)
        tx.replace(Field.DIMENSIONS, _moved(list(tx.project.dimensions), self.index, dim, dim.name))


class RemoveDimension(Command):
    def __init__(self, dimension_id: str) -> None:
        self.dimension_id = dimension_id
        self.text = "Remove dimension"

    def run(self, tx: Transaction) -> None:
        p = tx.project
        dim = p.dimension(self.dimension_id)
        if p.mode == "bottom_up" and p.primary_dimension == dim.id:
            raise ModelError(f"{dim.name} is the primary dimension; switch to top-down mode first.")
        tx.replace(Field.DIMENSIONS, [d for d in p.dimensions if d.id != dim.id])
        if p.primary_dimension == dim.id:
            tx.replace(Field.PRIMARY_DIMENSION, None)
        drop_series(tx, set(dim.member_ids()))
        tx.replace(Field.ASSESSMENTS, [a for a in p.assessments if a.dimension_id != dim.id])


class AddScenario(Command):
    """Add a scenario, copying another's assumptions and pins when `copy_from` is given.

    Held forecast cells get the new scenario's shown number as the hold's pin, as a hold
    does in every scenario that exists when it is made.
    """

    def __init__(
        self, scenario_name: str, copy_from: str | None = None, scenario_id: str | None = None
    ):
        self.scenario_name, self.copy_from, self.scenario_id = scenario_name, copy_from, scenario_id
        self.text = "Add scenario"

    def run(self, tx: Transaction) -> None:
        p = tx.project
        label = name(self.scenario_name, "A scenario's name")
        _check_unique_name([s.name for s in p.scenarios], label, "Scenario")
        scenario_id = fresh_id(p, self.scenario_id, "scn")
        if self.copy_from is not None:
            p.scenario(self.copy_from)
        tx.replace(Field.SCENARIOS, [*p.scenarios, Scenario(scenario_id, label)])
        on_every_measure(tx, lambda measure_tx: self._inputs(measure_tx, scenario_id))

    def _inputs(self, tx: Transaction, scenario_id: str) -> None:
        """One measure's inputs of the new scenario: the copied assumptions, pins and notes,
        then the hold's pin of each of its held forecast cells."""
        p = tx.project
        if self.copy_from is not None:
            for (scn, series), growth in list(p.growth.items()):
                if scn == self.copy_from:
                    tx.set(Field.GROWTH, (scenario_id, series), growth)
            for field in (Field.PINS, Field.PIN_MARKS, Field.NOTES):
                for (scn, series, year), value in list(getattr(p, field).items()):
                    if scn == self.copy_from:
                        tx.set(field, (scenario_id, series, year), value)
        pin_holds(tx, scenario_id, held_forecast_cells(p))


class RenameScenario(Command):
    def __init__(self, scenario_id: str, new_name: str) -> None:
        self.scenario_id, self.new_name = scenario_id, new_name
        self.text = "Rename scenario"

    def run(self, tx: Transaction) -> None:
        p = tx.project
        p.scenario(self.scenario_id)
        label = name(self.new_name, "A scenario's name")
        _check_unique_name(
            [s.name for s in p.scenarios if s.id != self.scenario_id], label, "Scenario"
        )
        tx.replace(
            Field.SCENARIOS,
            [Scenario(s.id, label) if s.id == self.scenario_id else s for s in p.scenarios],
        )


class RemoveScenario(Command):
    def __init__(self, scenario_id: str) -> None:
        self.scenario_id = scenario_id
        self.text = "Remove scenario"

    def run(self, tx: Transaction) -> None:
        p = tx.project
        scenario = p.scenario(self.scenario_id)
        if len(p.scenarios) == 1:
            raise ModelError(f"{scenario.name} is the only scenario; a project needs at least one.")
        tx.replace(Field.SCENARIOS, [s for s in p.scenarios if s.id != self.scenario_id])
        on_every_measure(tx, self._inputs)

    def _inputs(self, tx: Transaction) -> None:
        """One measure's assumptions, pins (with their marks) and notes of the scenario."""
        for field in (Field.GROWTH, Field.PINS, Field.PIN_MARKS, Field.NOTES):
            for key in [k for k in getattr(tx.project, field) if k[0] == self.scenario_id]:
                tx.delete(field, key)


class SetYearRange(Command):
    """Change first, base and last year; numbers outside their new range are dropped."""

    def __init__(self, first_year: int, base_year: int, last_year: int) -> None:
        self.years = (first_year, base_year, last_year)
        self.text = "Change years"

    def run(self, tx: Transaction) -> None:
        p = tx.project
        first, base, last = self.years
        if not all(isinstance(y, int) and 1900 <= y <= 2200 for y in self.years):
            raise ModelError(
                f"Years must be whole years from 1900 to 2200; got {first}, {base}, {last}."
            )
        meta = replace(p.metadata, first_year=first, base_year=base, last_year=last)
        on_every_measure(tx, self._clip)
        tx.replace(Field.METADATA, meta)

    def _clip(self, tx: Transaction) -> None:
        """Drop one measure's numbers outside the new years (history up to the new base
        year, pins after it) and its assumptions' yearly parameters outside the forecast."""
        p = tx.project
        first, base, last = self.years
        for field in (Field.HISTORY, Field.HISTORY_SOURCES):
            for key in [k for k in getattr(p, field) if not first <= k[1] <= base]:
                tx.delete(field, key)
        for key in [k for k in p.pins if not base < k[2] <= last]:
            unpin(tx, key)
        for key in [k for k in p.holds if not first <= k[1] <= last]:
            tx.delete(Field.HOLDS, key)
        for key in [
            k for k in p.notes if not (base < k[2] <= last if k[0] else first <= k[2] <= base)
        ]:
            tx.delete(Field.NOTES, key)
        for key, g in list(p.growth.items()):
            kept = replace(
                g,
                rates={y: v for y, v in g.rates.items() if base < y <= last},
                values={y: v for y, v in g.values.items() if base < y <= last},
            )
            tx.set(Field.GROWTH, key, kept)


class SetMetadata(Command):
    """Title, unit, currency note and description (years have their own command)."""

    def __init__(self, **changes: str) -> None:
        allowed = {"title", "unit", "currency_note", "description"}
        unknown = set(changes) - allowed
        if unknown:
            raise ModelError(f"Unknown project detail {sorted(unknown)[0]!r}.")
        self.changes = changes
        self.text = "Edit project details"

    def run(self, tx: Transaction) -> None:
        if "title" in self.changes:
            name(self.changes["title"], "The project's title")
        for key, value in self.changes.items():
            if not isinstance(value, str):
                raise ModelError(f"The project's {key.replace('_', ' ')} must be text.")
        changes: dict[str, Any] = dict(self.changes)  # text fields only, checked above
        meta: Metadata = replace(tx.project.metadata, **changes)
        tx.replace(Field.METADATA, meta)


class SetMode(Command):
    """Top-down (the total has its own growth) or bottom-up from a primary dimension."""

    def __init__(self, mode: str, primary_dimension: str | None = None) -> None:
        self.mode, self.primary_dimension = mode, primary_dimension
        self.text = "Change forecast mode"

    def run(self, tx: Transaction) -> None:
        p = tx.project
        if self.mode not in MODES:
            raise ModelError(f"The mode must be one of {', '.join(MODES)}; got {self.mode!r}.")
        primary = self.primary_dimension
        if self.mode == "bottom_up":
            if primary is None:
                raise ModelError("Bottom-up mode needs a primary dimension.")
            if not p.dimension(primary).members:
                raise ModelError(
                    f"The primary dimension {p.dimension(primary).name} has no segments."
                )
            on_every_measure(tx, _unpin_totals)
        elif primary is not None:
            p.dimension(primary)
        tx.replace(Field.MODE, self.mode)
        tx.replace(Field.PRIMARY_DIMENSION, primary)


def _unpin_totals(tx: Transaction) -> None:
    """One measure's pins of the total (bottom-up, the total is the sum of its segments)."""
    for key in [k for k in tx.project.pins if k[1] == TOTAL]:
        unpin(tx, key)
