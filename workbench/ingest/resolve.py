"""Deciding, for one detected table, everything the mapping leaves open.

Which table, which row is the total, which dimension each block of rows belongs to,
which existing segment each label means (exactly, or by a close spelling), which years are
history, the unit scale and the currency rate, and whether the model is top-down or
bottom-up. Every decision is also put into words for the change summary, and anything
that cannot be decided is refused here, before a single command exists.
"""

from __future__ import annotations

import datetime
import difflib
import re
from dataclasses import dataclass, field

from workbench.core.project import Project
from workbench.ingest.cells import Unit, find_unit, target_scale
from workbench.ingest.errors import IngestError
from workbench.ingest.hidden import hidden_notes
from workbench.ingest.mapping import Mapping
from workbench.ingest.tables import Row, Table
from workbench.ingest.totals import adds_up, worst_gap
from workbench.numbers import number

FUZZY_CUTOFF = 0.85
DEFAULT_HORIZON = 7
"""Forecast years given to a new project whose source has history only (the seed's 7)."""
_GROUP_PREFIX = re.compile(r"^(?:market\s+)?(?:by|per|split\s+by|breakdown\s+by)\s+", re.I)


@dataclass
class Block:
    """The rows of one dimension: its name, its existing id (or None) and row → segment."""

    name: str
    dimension_id: str | None
    rows: list[Row]
    members: dict[int, tuple[str | None, str]] = field(default_factory=dict)
    """Row position in `rows` → (existing member id or None for a new one, segment name)."""


@dataclass
class Resolved:
    table: Table
    file_name: str
    blocks: list[Block]
    total: Row | None
    first_year: int
    base_year: int
    last_year: int
    scale: float
    unit: Unit | None
    project_unit: str
    mode: str
    primary: int | None
    """Index in `blocks` of the primary dimension in bottom-up mode."""
    mapping: Mapping
    notes: list[str] = field(default_factory=list)
    """What was decided, in words, for the summary."""


def pick_table(tables: list[Table], mapping: Mapping, file_name: str, hidden: int = 0) -> Table:
    """The mapping's table; `hidden` counts the file's hidden rows and columns left out."""
    if not tables:
        lines = "row or column was" if hidden == 1 else "rows and columns were"
        unseen = (
            f"; {hidden:,} hidden {lines} not looked at (include hidden rows and columns to "
            "look there too)" if hidden else ""
        )
        raise IngestError(
            f"{file_name}: no table of numbers by year was found (a header of at least three "
            f"years with labelled rows under it, or rows of segment, year and value){unseen}."
        )
    if mapping.sheet is not None:
        on_sheet = [t for t in tables if t.sheet == mapping.sheet]
        if not on_sheet:
            sheets = ", ".join(dict.fromkeys(t.sheet for t in tables))
            raise IngestError(
                f"{file_name}: the sheet {mapping.sheet!r} has no table; tables were found on "
                f"{sheets}."
            )
        tables = on_sheet
    else:
        tables = [t for t in tables if t.sheet == tables[0].sheet]
    if mapping.table > len(tables):
        raise IngestError(
            f"{file_name}: sheet {tables[0].sheet!r} has {len(tables)} table(s); there is no "
            f"table {mapping.table}."
        )
    return tables[mapping.table - 1]


def resolve(table: Table, mapping: Mapping, project: Project | None, file_name: str) -> Resolved:
    mapping.check()
    where = f"{file_name}, {table.sheet}"
    if mapping.measure == "volume" and project is None:
        raise IngestError(
            f"{file_name}: a new project is made from a table of values, and this table is a "
            "volume; import the value first and then this table into that project, or import "
            "this table into an existing project."
        )
    if table.unit is not None and table.unit.percent and mapping.unit is None:
        raise IngestError(
            f"{where}!{table.header}: the table holds percentages (shares or growth rates), "
            "not market sizes; choose a table of values or state its unit."
        )
    total = _total_row(table, mapping, where)
    rows = [r for r in table.rows if r is not total and r.label not in mapping.skip
            and (not r.set_aside or r.label in mapping.members)]  # fmt: skip
    blocks = _blocks(rows, mapping, project, where, table.label_header)
    notes = [f"Table: {table.describe()}.", *hidden_notes(table)]
    notes += _left_out(table, total, mapping)
    first, base, last = _years(table, mapping, project, notes, where)
    unit, scale, project_unit = _scale(table, mapping, project, where, notes)
    resolved = Resolved(
        table, file_name, blocks, total, first, base, last, scale, unit, project_unit,
        "top_down", None, mapping, notes,
    )  # fmt: skip
    _mode(resolved, project, where)
    return resolved


def _left_out(table: Table, total: Row | None, mapping: Mapping) -> list[str]:
    """One line per label set aside, naming its cells when it repeats ('YoY' under each)."""
    cells: dict[tuple[str, str], list[str]] = {}
    for row in table.rows:
        if row.set_aside and row is not total and row.label not in mapping.members:
            cells.setdefault((row.label, row.set_aside), []).append(row.address)
    return [
        f"Left out: '{label}' ({', '.join(at) + '; ' if len(at) > 1 else ''}{why}; map it to "
        "take it)." for (label, why), at in cells.items()
    ]


def _total_row(table: Table, mapping: Mapping, where: str) -> Row | None:
    if mapping.total is None:
        return table.total
    if mapping.total == "":
        return None
    for row in table.rows:
        if row.label.casefold() == mapping.total.casefold():
            return row
    raise IngestError(f"{where}: no row is labelled {mapping.total!r} (the total chosen).")


def _blocks(rows: list[Row], mapping: Mapping, project: Project | None, where: str,
            label_header: str = ""):
    groups: dict[str, list[Row]] = {}
    for row in rows:
        groups.setdefault(row.group, []).append(row)
    if len(groups) == 1 and "" not in groups and not _GROUP_PREFIX.match(next(iter(groups))):
        groups = {"": rows}  # one heading over every row is a subtitle, not a dimension
    blocks = []
    for group, members in groups.items():
        _check_unique(members, where)
        name = mapping.groups.get(group) or _dimension_name(group, mapping, label_header)
        blocks.append(_block(name, members, mapping, project))
    return blocks


def _check_unique(rows: list[Row], where: str) -> None:
    seen: dict[str, Row] = {}
    for row in rows:
        if not row.label:
            raise IngestError(
                f"{where}!{row.address}: a row of numbers has no label; label it or leave "
                "the row out."
            )
        first = seen.setdefault(row.label.casefold(), row)
        if first is not row:
            raise IngestError(
                f"{where}!{row.address}: the segment {row.label!r} appears twice (also at "
                f"{first.address}); rename one, or leave one out of the mapping (skip)."
            )


_GENERIC = {
    "segment", "segments", "category", "categories", "item", "items", "name", "label",
    "year", "years", "period", "time", "date", "fy",
}  # fmt: skip


def _dimension_name(group: str, mapping: Mapping, label_header: str) -> str:
    """A group heading ("By region" → "Region"), the option, or the label column's header."""
    if group:
        name = _GROUP_PREFIX.sub("", group).strip(" :") or group
        return name[:1].upper() + name[1:]
    if mapping.dimension:
        return mapping.dimension
    if label_header.casefold() in _GENERIC or len(label_header) > 60:
        return ""
    return label_header[:1].upper() + label_header[1:]


def _block(name: str, rows: list[Row], mapping: Mapping, project: Project | None) -> Block:
    labels = [mapping.members.get(r.label, r.label) for r in rows]
    dimension = _existing_dimension(name, labels, project)
    if dimension is None:
        block = Block(name or "Segment", None, rows)
        block.members = {i: (None, label) for i, label in enumerate(labels)}
        return block
    block = Block(dimension.name, dimension.id, rows)
    names = {m.name.casefold(): m for m in dimension.members}
    for i, label in enumerate(labels):
        match = names.get(label.casefold()) or _close(label, dimension.members)
        block.members[i] = (match.id, match.name) if match else (None, label)
    return block


def _existing_dimension(name: str, labels: list[str], project: Project | None):
    if project is None:
        return None
    for dim in project.dimensions:
        if name and dim.name.casefold() == name.casefold():
            return dim
    if name:
        return None
    best, best_hits = None, 0
    for dim in project.dimensions:
        hits = sum(_close(label, dim.members) is not None for label in labels)
        if hits > best_hits:
            best, best_hits = dim, hits
    return best if best_hits * 2 >= len(labels) else None


def _close(label: str, members):
    """The member whose name is the same or spelled closely enough (case and spacing aside)."""
    names = {_folded(m.name): m for m in members}
    if _folded(label) in names:
        return names[_folded(label)]
    found = difflib.get_close_matches(_folded(label), list(names), n=1, cutoff=FUZZY_CUTOFF)
    return names[found[0]] if found else None


def _folded(text: str) -> str:
    return re.sub(r"[\s\-_./]+", " ", text.casefold()).strip()


def _years(table: Table, mapping: Mapping, project: Project | None, notes: list[str],
           where: str):
    if project is not None:
        meta = project.metadata
        outside = [y for y in table.years if y not in meta.years]
        if len(outside) == len(table.years):
            raise IngestError(
                f"{where}!{table.header}: the table's years ({_span(outside)}) all lie "
                f"outside the project's years ({meta.first_year}–{meta.last_year}); "
                "there is nothing to bring in."
            )
        if outside:
            notes.append(
                f"Not taken: {_span(outside)} {'lies' if len(outside) == 1 else 'lie'} outside "
                "the project's years "
                f"({meta.first_year}–{meta.last_year})."
            )
        if max(table.years) < meta.base_year:
            notes.append(
                f"The table stops before the project's base year {meta.base_year}: a segment "
                f"without a {meta.base_year} number has no forecast until one is typed."
            )
        return meta.first_year, meta.base_year, meta.last_year
    first, last = table.years[0], table.years[-1]
    base = mapping.base_year
    if base is None:
        marked = [y for y in table.years if y in table.forecast_marked]
        this_year = datetime.date.today().year
        base = min(marked) - 1 if marked else min(last, this_year - 1)
        why = "the source marks the later years as estimates or forecasts" if marked else (
            f"no year is marked as a forecast, so years before {this_year} are history")
        notes.append(f"History {first}–{base}; forecast from {base + 1} ({why}).")
    if not first <= base:
        raise IngestError(f"The base year {base} is before the table's first year {first}.")
    if base >= last:
        last = base + DEFAULT_HORIZON
        notes.append(f"The source has history only; the forecast runs {base + 1}–{last}.")
    return first, base, last


def _span(years: list[int]) -> str:
    return str(years[0]) if len(years) == 1 else f"{years[0]}–{years[-1]}"


def _scale(table: Table, mapping: Mapping, project: Project | None, where: str, notes):
    unit = find_unit(mapping.unit) if mapping.unit else table.unit
    if mapping.unit and unit is None:
        unit = Unit(mapping.unit)
    if mapping.measure == "volume":
        project_unit = _volume_unit(unit, mapping, project, where, notes)
    else:
        project_unit = project.metadata.unit if project else (unit.label() if unit else "units")
    target = find_unit(project_unit)
    if unit and target and unit.currency and target.currency and unit.currency != (
        target.currency
    ) and not mapping.rates():
        raise IngestError(
            f"{where}: the table is in {unit.currency} and the project in {target.currency}; "
            f"give a conversion rate ({target.currency} per {unit.currency})."
        )
    by_units = (unit.scale / target_scale(project_unit)) if unit else 1.0
    scale = by_units if mapping.scale is None else mapping.scale
    source = unit.label() if unit else "not stated"
    chosen = f", as chosen; the units alone give × {number(by_units, 6)}"
    chosen = "" if scale == by_units else chosen
    notes.append(
        f"Unit: {source} in the source → {project_unit} (× {number(scale, 6)}{chosen})."
    )
    if mapping.rates():
        notes.append(f"Converted at {_rates_text(mapping)}{_cited(mapping)}.")
    return unit, scale, project_unit


def _volume_unit(unit: Unit | None, mapping: Mapping, project: Project, where: str,
                 notes: list[str]) -> str:
    """The volume's unit in the project (added with the mapping's unit when there is none);
    money is refused, since a volume counts things (subscriptions, episodes, hours)."""
    if unit is not None and unit.currency:
        raise IngestError(
            f"{where}: the table is in {unit.currency}, money rather than a volume; import it "
            "as the value, or state the source's unit."
        )
    if project.volume is None:
        if not (mapping.volume_unit or "").strip():
            raise IngestError(
                f"{where}: the project has no volume yet; name the volume's unit (for "
                "example 'million subscriptions')."
            )
        chosen = mapping.volume_unit.strip()
        notes.append(f"The project gets a volume measure, in {chosen}.")
        return chosen
    chosen = (mapping.volume_unit or "").strip()
    if chosen and chosen != project.volume.unit:
        raise IngestError(
            f"{where}: the project's volume is in {project.volume.unit}, not {chosen}; state "
            "the source's own unit as the unit in the file instead."
        )
    notes.append(f"Into the volume ({project.volume.unit}).")
    return project.volume.unit


def _rates_text(mapping: Mapping) -> str:
    rates = mapping.rates()
    if list(rates) == [0]:
        return f"{number(rates[0], 6)} per unit of the source currency"
    return ", ".join(f"{y}: {number(r, 6)}" for y, r in sorted(rates.items()))


def _cited(mapping: Mapping) -> str:
    return f" ({mapping.rate_source})" if mapping.rate_source else " (an analyst assumption)"


def _mode(resolved: Resolved, project: Project | None, where: str) -> None:
    mapping, total, blocks = resolved.mapping, resolved.total, resolved.blocks
    years = resolved.table.years
    adding = [
        i for i, b in enumerate(blocks) if total is not None and adds_up(b.rows, total, years)
    ]
    if mapping.measure == "volume":
        mode = _volume_mode(resolved, project, where)
    elif mapping.mode is not None:
        mode = mapping.mode
    elif project is not None:
        mode = project.mode
    else:
        mode = "bottom_up" if total is None or adding else "top_down"
    resolved.mode = mode
    if mode == "top_down":
        resolved.notes.append(
            "Top-down: the total has its own figures"
            + ("." if total is None or adding else "; the segments do not add up to it.")
        )
        return
    primary = _primary(resolved, project, adding)
    resolved.primary = primary
    if total is not None and primary not in adding:
        year, gap = worst_gap(blocks[primary].rows, total, years) or (years[0], 0.0)
        raise IngestError(
            f"{where}!{total.address}: the total is not the sum of its segments in bottom-up "
            f"mode (Σ segments − total = {number(gap, 6)} in {year}); map it as top-down, or leave "
            "the total row out."
        )
    resolved.notes.append(
        f"Bottom-up: the total is the sum of {blocks[primary].name}"
        + (" (the source's total adds up within its rounding)." if total is not None else ".")
    )


def _volume_mode(resolved: Resolved, project: Project, where: str) -> str:
    """The project's mode: value and volume share it, so a volume import never changes it;
    bottom-up needs the volume by the primary dimension (its sum is the volume's total)."""
    mapping = resolved.mapping
    if mapping.mode is not None and mapping.mode != project.mode:
        raise IngestError(
            f"{where}: the project is {project.mode.replace('_', '-')} for value and volume "
            "alike; change its mode in the project, not in a volume import."
        )
    ids = {b.dimension_id for b in resolved.blocks}
    if project.mode == "bottom_up" and project.primary_dimension not in ids:
        primary = project.dimension(project.primary_dimension).name
        raise IngestError(
            f"{where}: the project is bottom-up from {primary}, so the volume's total is the "
            f"sum of its {primary} segments; import the volume by {primary} first."
        )
    return project.mode


def _primary(resolved: Resolved, project: Project | None, adding: list[int]) -> int:
    if project is not None and project.mode == "bottom_up" and project.primary_dimension:
        for i, block in enumerate(resolved.blocks):
            if block.dimension_id == project.primary_dimension:
                return i
    return adding[0] if adding else 0
