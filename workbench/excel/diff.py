"""Comparing the document's project with a workbook's target: the plan's changes and puts.

Numbers are compared cell by cell (history, pins, every growth parameter, cell notes),
structure and entities item by item (added, removed, renamed, changed field, moved). Each
difference becomes a sentence with its cell and a `Put` that makes it so.
"""

from __future__ import annotations

from dataclasses import fields, replace
from typing import Any

from workbench.core.commands import Put
from workbench.core.commands.base import Batch
from workbench.core.errors import ModelError
from workbench.core.methods import REGISTERED, method
from workbench.core.project import ENTITY_COLLECTIONS, Project
from workbench.core.transaction import MISSING
from workbench.excel.about import DETAILS
from workbench.excel.assessment_diff import AssessmentChanges
from workbench.excel.assumptions import growth_cell, parameter
from workbench.excel.cell_notes import HELD, NOTE, PIN_BY, SOURCE
from workbench.excel.layout import ABOUT, cell, year_col
from workbench.excel.plan import ImportChange, ImportNote, ImportPlan
from workbench.excel.reader import WorkbookContent
from workbench.excel.tables import TABLES
from workbench.numbers import plain_percent

_KINDS = {t.collection: t for t in TABLES}
_NOUN = {
    "sources": "Source",
    "companies": "Company",
    "developments": "Development",
    "factors": "Driver or challenge",
    "trends": "Trend",
    "forces": "Force",
    "assessments": "Assessment",
    "key_questions": "Key question",
}


RATE_PARTS = {p.field for m in REGISTERED for p in m.parameters if p.style == "percent"}
"""The growth fields that hold rates (shown as percentages)."""


class Differ:
    def __init__(self, current: Project, content: WorkbookContent) -> None:
        self.current, self.content, self.target = current, content, content.project
        self.changes: list[ImportChange] = []
        self.puts: list[Put] = []
        self.notes: list[ImportNote] = list(content.notes)
        old_ids = set(current.series_ids()) | {s.id for s in current.scenarios}
        new_ids = set(self.target.series_ids()) | {s.id for s in self.target.scenarios}
        self.whole = old_ids ^ new_ids
        """Series and scenarios added or removed as a whole: one line says so, not one
        per number they bring or take."""

    def plan(self, measure: str = "", unit: str = "") -> ImportPlan:
        """Every change; `measure` and `unit` name the measure on its input lines (given
        when the project or the workbook has more than one measure)."""
        self._details()
        self._structure()
        self.measure_inputs(measure, unit)
        for collection in ENTITY_COLLECTIONS:
            self._entities(collection)
        carried = self.content.volume is not None  # then compared cell by cell (volume_plan)
        if not carried and self.current.volume != self.target.volume:
            self.puts.append(Put("volume", None, self.current.volume, self.target.volume))
        return ImportPlan(self.changes, Batch("Import workbook", self.puts), self.notes)

    def measure_inputs(self, measure: str = "", unit: str = "") -> None:
        """The changes of one typed measure's inputs: history, pins, assumptions, sources,
        holds, notes and pin marks (the project compared is that measure's view)."""
        start = len(self.changes)
        self._keyed("history", "History", self._history_cell, self._cell_what)
        self._keyed("pins", "Pin", self._pin_cell, self._pin_what)
        self._growth()
        self._keyed("history_sources", "Source", self._notes_cell(SOURCE), self._cell_what)
        self._holds()
        self._keyed("notes", "Note", self._notes_cell(NOTE), self._pin_what)
        self._own_typed_pins()
        self._keyed("pin_marks", "Pin by", self._notes_cell(PIN_BY), self._pin_what)
        if measure:
            self.changes[start:] = [
                replace(c, measure=measure, unit=unit if c.kind in ("History", "Pin") else "")
                for c in self.changes[start:]
            ]

    # -- naming ---------------------------------------------------------------------------

    def _name(self, series_id: str) -> str:
        for p in (self.target, self.current):
            try:
                return p.series_name(series_id)
            except ModelError:
                continue
        return series_id

    def _named(self, kind: str, item_id: str) -> str:
        """A segment's or a dimension's name, as the workbook or the project has it."""
        if kind == "segment":
            return self._name(item_id)
        found = (
            d.name for p in (self.target, self.current) for d in p.dimensions if d.id == item_id
        )
        return next(found, item_id)

    def _cell_what(self, key) -> str:
        return f"{self._name(key[0])} {key[1]}"

    def _scenario(self, scenario_id: str) -> str:
        found = (
            s.name for p in (self.target, self.current) for s in p.scenarios if s.id == scenario_id
        )
        return next(found, "history")

    def _pin_what(self, key) -> str:
        scenario_id, series_id, year = key
        return f"{self._name(series_id)}, {self._scenario(scenario_id)}, {year}"

    def _history_cell(self, key) -> tuple[str, str]:
        return _split(self.content.where.get(("history", *key)))

    def _pin_cell(self, key) -> tuple[str, str]:
        found = self.content.where.get(("pin", *key))
        if found:
            return _split(found)
        row = self.content.where.get(("row", key[0], key[1]))
        if row is None:
            return "", ""
        return row[0], cell(row[1], year_col(self.target.metadata, key[2]))

    def _notes_cell(self, col: int):
        def locate(key) -> tuple[str, str]:
            full = key if len(key) == 3 else ("", *key)
            commented = self.content.where.get(("comment", *full))
            if commented is not None and col == NOTE:
                return _split(commented)
            row = self.content.where.get(("cell", *full))
            return self.content.names.cell_notes, "" if row is None else cell(row, col)

        return locate

    # -- comparing ------------------------------------------------------------------------

    def _add(self, kind, where, what, before, after, field, key, old, new, action="") -> None:
        if not self._within_whole(key):
            self.changes.append(ImportChange(kind, where[0], where[1], what, before, after, action))
        self.puts.append(Put(field, key, old, new))

    def _within_whole(self, key: tuple) -> bool:
        """Whether a cell belongs to a series or scenario added or removed as a whole."""
        return bool(self.whole.intersection(key[:2]))

    def _keyed(self, field: str, kind: str, locate, what) -> None:
        old, new = getattr(self.current, field), getattr(self.target, field)
        for key in _ordered(self.target, set(old) | set(new)):
            a, b = old.get(key, MISSING), new.get(key, MISSING)
            if a is MISSING or b is MISSING or type(a) is not type(b) or a != b:
                self._add(kind, locate(key), what(key), _opt(a), _opt(b), field, key, a, b)

    def _own_typed_pins(self) -> None:
        """A number typed over a hold's or a spread's pin is the analyst's pin: its mark goes
        (and a mark whose pin is gone goes with it)."""
        old, new = self.current.pins, self.target.pins
        for key in list(self.target.pin_marks):
            if key not in new or (key in old and old[key] != new[key]):
                del self.target.pin_marks[key]

    def _holds(self) -> None:
        old, new = self.current.holds, self.target.holds
        for key in _ordered(self.target, old ^ new):
            held = key in new
            self._add(
                "Hold",
                self._notes_cell(HELD)(key),
                self._cell_what(key),
                None,
                None,
                "holds",
                key,
                MISSING if held else True,
                True if held else MISSING,
                "held" if held else "released",
            )

    def _growth(self) -> None:
        """One change per differing parameter; one put replaces the whole Growth."""
        keys = set(self.current.growth) | set(self.target.growth)
        for key in _ordered(self.target, keys):
            a, b = self.current.growth_of(*key), self.target.growth_of(*key)
            if a != b and a.method == b.method:
                b = self._unused_not_taken(key, a, b)
            if a == b:
                continue
            row = self.content.where.get(("assumption", *key))
            for part, year, before, after in [] if self._within_whole(key) else _growth_parts(a, b):
                col = None if row is None else growth_cell(self.target.metadata, row, part, year)
                where = (self.content.names.assumptions, "" if col is None else cell(row, col))
                label = {"method": "method", "rate": "CAGR", "k": "K", "r": "r"}.get(part)
                label = label or f"{'growth' if part == 'rates' else 'manual value'} {year}"
                what = f"{self._name(key[1])}, {self._scenario(key[0])}, {label}"
                rate = part in RATE_PARTS
                self.changes.append(
                    ImportChange("Assumption", *where, what, before, after, percent=rate)
                )
            old = self.current.growth.get(key, MISSING)
            self.puts.append(Put("growth", key, old, self.target.growth.get(key, MISSING)))

    def _unused_not_taken(self, key, a, b):
        """Keep the current value of each parameter the (unchanged) method does not use,
        with a note: a CAGR typed on a growth-by-year row would change nothing."""
        used = {p.field for p in method(b.method).parameters}
        row = self.content.where.get(("assumption", *key))
        for part, year, _before, after in list(_growth_parts(a, b)):
            if part == "method" or part in used:
                continue
            b = replace(b, **{part: getattr(a, part)})
            col = None if row is None else growth_cell(self.target.metadata, row, part, year)
            shown = plain_percent(after) if part in RATE_PARTS and after is not None else after
            self.notes.append(
                ImportNote(
                    "Not taken",
                    self.content.names.assumptions,
                    "" if col is None else cell(row, col),
                    f"{self._name(key[1])}, {self._scenario(key[0])}: {shown} for the "
                    f"{parameter(part).label}{'' if year is None else f' ({year})'}, which "
                    f"{method(b.method).label} does not use",
                )
            )
        self.target.growth[key] = b
        return b

    def _details(self) -> None:
        old, new = self.current, self.target
        for label, key in DETAILS:
            if key in ("format", "version"):
                continue
            a = (
                getattr(old.metadata, key, None)
                if hasattr(old.metadata, key)
                else getattr(old, key)
            )
            b = (
                getattr(new.metadata, key, None)
                if hasattr(new.metadata, key)
                else getattr(new, key)
            )
            if a != b:
                where = (ABOUT, cell(self.content.where[("about", key)], 1))
                self.changes.append(ImportChange("Project", *where, label.lower(), a, b))
        for field in ("metadata", "mode", "primary_dimension"):
            if getattr(old, field) != getattr(new, field):
                self.puts.append(Put(field, None, getattr(old, field), getattr(new, field)))

    def _structure(self) -> None:
        for field, noun in (("scenarios", "Scenario"), ("dimensions", "Dimension")):
            old, new = getattr(self.current, field), getattr(self.target, field)
            if old != new:
                self._items(
                    noun,
                    old,
                    new,
                    lambda item: (ABOUT, cell(self.content.where[("about", item.id)], 1)),
                )
                self.puts.append(Put(field, None, old, new))
        old_dims = {d.id: d for d in self.current.dimensions}
        for dim in self.target.dimensions:
            before = old_dims.get(dim.id)
            if before is not None and before.members != dim.members:
                self._items(
                    "Segment",
                    list(before.members),
                    list(dim.members),
                    lambda m: _split(self.content.where.get(("member", m.id))),
                    self.content.sheets.get(dim.id, ""),
                )

    def _items(self, noun: str, old: list, new: list, locate, home: str = "") -> None:
        """Added, removed, renamed and moved items of a list of named things; `home` is
        the sheet a removed item's row was on."""
        old_by = {x.id: x for x in old}
        new_by = {x.id: x for x in new}
        for item in new:
            if item.id not in old_by:
                self.changes.append(
                    ImportChange(noun, *locate(item), repr(item.name), None, item.name, "added")
                )
            elif old_by[item.id].name != item.name:
                self.changes.append(
                    ImportChange(noun, *locate(item), "name", old_by[item.id].name, item.name)
                )
        for item in old:
            if item.id not in new_by:
                action = (
                    "removed with all its numbers and notes" if noun != "Dimension" else "removed"
                )
                self.changes.append(
                    ImportChange(noun, home, "", repr(item.name), item.name, None, action)
                )
        kept_old = [x.id for x in old if x.id in new_by]
        kept_new = [x.id for x in new if x.id in old_by]
        if kept_old != kept_new:
            self.changes.append(ImportChange(noun, "", "", "order", None, None, "changed"))

    def _entities(self, collection: str) -> None:
        old, new = getattr(self.current, collection), getattr(self.target, collection)
        if old == new:
            return
        noun = _NOUN[collection]
        sheet = _KINDS[collection].sheet if collection in _KINDS else "Assessments"
        old_by = {e.id: e for e in old}
        new_ids = {e.id for e in new}
        for entity in new:
            row = self.content.where.get((collection, entity.id))
            where = (sheet, "" if row is None else cell(row, 1))
            before = old_by.get(entity.id)
            if before is None:
                self.changes.append(ImportChange(noun, *where, _label(entity), None, None, "added"))
                continue
            if collection == "assessments":
                self.changes += AssessmentChanges(self.content.where, self._named)(before, entity)
                continue
            for f in fields(entity):
                a, b = getattr(before, f.name), getattr(entity, f.name)
                if a != b:
                    a, b = _listed(a), _listed(b)
                    col = _column(collection, f.name)
                    at = (sheet, where[1] if col is None or row is None else cell(row, col))
                    self.changes.append(
                        ImportChange(
                            noun, *at, f"{_label(before)} {f.name.replace('_', ' ')}", a, b
                        )
                    )
        for entity in old:
            if entity.id not in new_ids:
                self.changes.append(
                    ImportChange(noun, sheet, "", _label(entity), None, None, "removed")
                )
        if [e.id for e in old if e.id in new_ids] != [e.id for e in new if e.id in old_by]:
            self.changes.append(ImportChange(noun, sheet, "", "order", None, None, "changed"))
        self.puts.append(Put(collection, None, old, new))


def _column(collection: str, field: str) -> int | None:
    table = _KINDS.get(collection)
    if table is None:
        return None
    return next((i for i, c in enumerate(table.columns, start=1) if c.field == field), None)


def _listed(value):
    """Ids as the workbook lists them ("a; b"), not as a tuple."""
    return "; ".join(value) if isinstance(value, tuple) else value


def _label(entity) -> str:
    text = (
        getattr(entity, "name", None)
        or getattr(entity, "title", None)
        or getattr(entity, "question", None)
    )
    if text is None and hasattr(entity, "text"):
        text = entity.text
    text = str(text or entity.id)
    return repr(text if len(text) <= 50 else text[:47] + "...")


def _growth_parts(a, b):
    """(part, year, before, after) for every differing parameter of two growths."""
    for part in ("method", "rate", "k", "r"):
        if getattr(a, part) != getattr(b, part) or type(getattr(a, part)) is not type(
            getattr(b, part)
        ):
            yield part, None, getattr(a, part), getattr(b, part)
    for part in ("rates", "values"):
        old, new = getattr(a, part), getattr(b, part)
        for year in sorted(set(old) | set(new)):
            if old.get(year) != new.get(year):
                yield part, year, old.get(year), new.get(year)


def _ordered(project: Project, keys) -> list:
    """Keys in model order: series as listed, then years; unknown series last."""
    order = {s: i for i, s in enumerate(project.series_ids())}
    scen = {s.id: i for i, s in enumerate(project.scenarios)}

    def rank(key: tuple) -> tuple:
        if len(key) == 3:
            return (scen.get(key[0], -1), order.get(key[1], len(order)), key[1], key[2])
        return (0, order.get(key[0], len(order)), key[0], key[1])

    return sorted(keys, key=rank)


def _opt(value: Any) -> Any:
    return None if value is MISSING else value


def _split(found: str | None) -> tuple[str, str]:
    if not found:
        return "", ""
    sheet, _, where = found.rpartition("!")
    return sheet, where
