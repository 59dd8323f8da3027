"""From a resolved table to core commands: one undoable step, the summary first.

Every number becomes an ordinary edit (history as history; forecast values as pins, or as
targets that set each segment's CAGR), cited to the file and sheet by a source and to its
cell by a note, so the analyst can always say where a number came from. A new project is
a blank project with this step applied; an existing one gets the step on its undo stack.
"""

from __future__ import annotations

import datetime
import math
import re
from dataclasses import dataclass, field
from pathlib import Path

from workbench.core.commands import (
    AddDimension,
    AddEntity,
    AddMembers,
    BackSolve,
    Batch,
    Command,
    SetCells,
    SetGrowth,
    SetMode,
)
from workbench.core.commands.measures import AddVolume, OnMeasure
from workbench.core.document import Document
from workbench.core.entities import Source
from workbench.core.errors import ModelError
from workbench.core.measures import VOLUME, inputs_of
from workbench.core.project import TOTAL, Growth, Project
from workbench.core.templates import blank_project
from workbench.ingest.detect import detect
from workbench.ingest.errors import IngestError
from workbench.ingest.mapping import Mapping
from workbench.ingest.resolve import Resolved, pick_table, resolve
from workbench.ingest.sheets import read_sheets
from workbench.ingest.tables import Row, Table
from workbench.numbers import number


@dataclass
class Plan:
    """What an import will do: the command, the project it applies to, and the summary."""

    resolved: Resolved
    project: Project
    command: Batch
    summary: list[str]
    new: bool
    _preview: Document | None = field(default=None, repr=False)

    def preview(self) -> Document:
        """The project as it will be, computed on a copy once; nothing else changes."""
        if self._preview is None:
            document = Document(self.project.copy())
            document.execute(self.command)
            self._preview = document
        return self._preview

    def result(self) -> Project:
        """For a new project: the project itself (its creation is the one step)."""
        return self.preview().project


class Detection:
    """A foreign file read once, and its tables found with or without its hidden rows and
    columns (each way detected on first use): a wizard switches between the two."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.sheets = read_sheets(path)
        self.hidden = sum(
            len(s.marks.hidden_rows) + len(s.marks.hidden_columns) for s in self.sheets
        )
        """How many rows and columns of the file are hidden."""
        self._tables: dict[bool, list[Table]] = {}

    def tables(self, include_hidden: bool = False) -> list[Table]:
        if include_hidden not in self._tables:
            self._tables[include_hidden] = detect(self.sheets, include_hidden)
        return self._tables[include_hidden]

    def check(self, mapping: Mapping) -> Table:
        """The table the mapping names, or a sentence saying why there is none."""
        tables = self.tables(mapping.include_hidden)
        hidden = 0 if mapping.include_hidden else self.hidden
        return pick_table(tables, mapping, self.path.name, hidden)


def tables_in(path: str | Path, include_hidden: bool = False) -> list[Table]:
    """Every candidate table of a foreign file (for a wizard's list, or `--dry-run`)."""
    return Detection(path).tables(include_hidden)


def plan(
    path: str | Path,
    mapping: Mapping | None = None,
    project: Project | None = None,
    tables: list[Table] | None = None,
) -> Plan:
    """The import of `path` into `project` (a new project when None), not yet applied.

    `tables` are the file's detected tables when the caller has them already (a wizard
    plans again on every choice without reading the file again), detected with or without
    hidden rows and columns as the mapping says.
    """
    mapping = mapping or Mapping()
    file_name = Path(path).name
    if tables is None:
        table = Detection(path).check(mapping)
    else:
        table = pick_table(tables, mapping, file_name)
    resolved = resolve(table, mapping, project, file_name)
    target = project if project is not None else _blank(resolved)
    try:
        return _checked(resolved, target, project is None, solve=True)
    except ModelError as error:
        if mapping.forecast != "targets":
            raise IngestError(f"{file_name}: {error}") from None
        made = _checked(resolved, target, project is None, solve=False)
        made.summary.append(
            f"The targets were not solved together ({error}); each CAGR lands on its own "
            "target before reconciliation."
        )
        return made


def _checked(resolved: Resolved, target: Project, new: bool, solve: bool) -> Plan:
    """The plan, with its preview computed (which runs every check of every command)."""
    builder = _Builder(resolved, target, solve)
    command = Batch(f"Import table from {resolved.file_name}", builder.commands())
    made = Plan(resolved, target, command, [*resolved.notes, *builder.summary], new)
    made.preview()
    return made


def _blank(resolved: Resolved) -> Project:
    table, mapping = resolved.table, resolved.mapping
    title = mapping.title or table.title or Path(resolved.file_name).stem
    try:
        return blank_project(
            title[:200], resolved.first_year, resolved.base_year, resolved.last_year,
            unit=resolved.project_unit, dimensions={},
        )  # fmt: skip
    except ModelError as error:
        raise IngestError(f"{resolved.file_name}: {error}") from None


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")[:40] or "segment"


class _Builder:
    """Builds the commands of one import and counts what they do for the summary."""

    def __init__(self, resolved: Resolved, project: Project, solve: bool = True) -> None:
        self.r, self.project, self.solve = resolved, project, solve
        self.used = set(project.all_ids())
        self.out: list[Command] = []
        self.structure: list[Command] = []
        self.cells: dict[str, dict] = {"history": {}, "sources": {}, "pins": {}, "notes": {}}
        self.summary: list[str] = []
        self.targets: dict[str, dict[str, float]] = {}
        """Last-year targets by dimension (and 'total'): back-solved together, on what shows."""
        self._block_of: dict[str, str] = {}
        self.counts = {"history": 0, "forecast": 0, "blank": 0, "replaced": 0}
        self.history_years: set[int] = set()
        self.scenario = self._scenario()
        self._origin = f"Imported from {resolved.file_name}, {resolved.table.sheet}!"
        self._factors: dict[int, float] = {}
        self._tails: dict[int, str] = {}
        self.volume = VOLUME if resolved.mapping.measure == VOLUME else None
        """The measure the numbers go to: None for the value, VOLUME for the volume."""
        inputs = inputs_of(project, VOLUME) if self.volume and project.volume else (
            None if self.volume else project)
        self._notes = inputs.notes if inputs else {}
        self._history = inputs.history if inputs else {}
        """The measure's own history and notes before the import (empty for a new volume)."""

    def commands(self) -> list[Command]:
        self.source = self._sources()
        series = self._structure()
        self.structure, self.out = self.out, []  # from here on: the measure's numbers
        for row, series_id in series:
            self._values(row, series_id)
        self._total(series)
        self.out.append(SetCells(f"Import table from {self.r.file_name}", **self.cells))
        self._mode()
        for targets in self.targets.values() if self.solve else ():
            self.out.append(BackSolve(self.scenario, targets))
        self._counts()
        return self.structure + self._on_measure(self.out)

    def _on_measure(self, edits: list[Command]) -> list[Command]:
        """The value's edits as they are; the volume's run on the volume (added first when
        the project has none), so the whole import stays one undoable step."""
        if self.volume is None:
            return edits
        added = [AddVolume(self.r.project_unit)] if self.project.volume is None else []
        return [*added, OnMeasure(VOLUME, Batch(f"Import volume from {self.r.file_name}",
                                                edits))]

    def _id(self, name: str) -> str:
        base = _slug(name)
        candidate, n = base, 2
        while candidate in self.used:
            candidate, n = f"{base}-{n}", n + 1
        self.used.add(candidate)
        return candidate

    def _scenario(self) -> str:
        wanted = self.r.mapping.scenario
        scenarios = self.project.scenarios
        if wanted is None:
            return scenarios[0].id
        for s in scenarios:
            if wanted in (s.id, s.name) or wanted.casefold() == s.name.casefold():
                return s.id
        names = ", ".join(s.name for s in scenarios)
        raise IngestError(f"There is no scenario {wanted!r}; the project has {names}.")

    def _sources(self) -> str:
        r = self.r
        title = f"{r.table.sheet}: {r.table.title}" if r.table.title else r.table.sheet
        source = Source(self._id("import"), r.file_name, title[:300], _today())
        self.out.append(AddEntity("sources", source))
        return source.id

    def _structure(self) -> list[tuple[Row, str]]:
        out = []
        for block in self.r.blocks:
            dim_id = block.dimension_id
            if dim_id is None:
                dim_id = self._id(block.name)
                self.out.append(AddDimension(block.name, dimension_id=dim_id))
            new: list[tuple[str, str]] = []
            for i, row in enumerate(block.rows):
                member_id, name = block.members[i]
                if member_id is None:
                    member_id = self._id(name)
                    new.append((member_id, name))
                elif name.casefold() != row.label.casefold():
                    self.summary.append(f"'{row.label}' taken as {name} (a close spelling).")
                out.append((row, member_id))
                self._block_of[member_id] = block.name
            if new:
                self.out.append(AddMembers(dim_id, new))
            self._block_line(block, [n for _, n in new])
        return out

    def _block_line(self, block, new: list[str]) -> None:
        kind = "new dimension" if block.dimension_id is None else "existing dimension"
        names = ", ".join(new[:8]) + (" …" if len(new) > 8 else "")
        added = f"; new segments: {names}" if new else ""
        self.summary.append(f"{block.name} ({kind}): {len(block.rows)} segments{added}.")

    def _values(self, row: Row, series_id: str, history_only: bool = False) -> None:
        r, meta, cells = self.r, self.project.metadata, self.cells
        forecast: dict[int, float] = {}
        history, sources, notes = cells["history"], cells["sources"], cells["notes"]
        for year in r.table.years:
            raw = row.values.get(year)
            if year not in meta.years:
                continue
            if raw is None:
                self.counts["blank"] += 1
                continue
            value = self._convert(raw, year)
            note = self._note(row, year)
            if year <= meta.base_year:
                history[(series_id, year)] = value
                sources[(series_id, year)] = self.source
                notes[("", series_id, year)] = self._noted("", series_id, year, note)
                self.counts["history"] += 1
                self.counts["replaced"] += self._history.get((series_id, year), value) != value
                self.history_years.add(year)
            elif not history_only and r.mapping.forecast != "ignore":
                forecast[year] = value
                if r.mapping.forecast == "pins":
                    cells["pins"][(self.scenario, series_id, year)] = value
                    key = (self.scenario, series_id, year)
                    cells["notes"][key] = self._noted(*key, note)
                self.counts["forecast"] += 1
        if forecast:
            self._growth(row, series_id, forecast)

    def _noted(self, scenario_id: str, series_id: str, year: int, note: str) -> str:
        """The import's note after any note the analyst already wrote on that cell."""
        mine = self._notes.get((scenario_id, series_id, year), "")
        return f"{mine}\n{note}" if mine and note not in mine else (mine or note)

    def _convert(self, raw: float, year: int) -> float:
        """The number in the project's unit and currency, without binary noise (× 0.001)."""
        factor = self._factors.get(year)
        if factor is None:
            rate = self.r.mapping.rate_for(year)
            if self.r.mapping.rates() and rate is None:
                raise IngestError(f"No currency rate is given for {year}.")
            factor = self._factors[year] = self.r.scale * (rate or 1.0)
        return raw if factor == 1.0 else float(f"{raw * factor:.15g}")

    def _note(self, row: Row, year: int) -> str:
        """'Imported from F, Sheet!C5; × 0.001 for the unit; converted at 0.14 (source).'"""
        tail = self._tails.get(year)
        if tail is None:
            r, parts = self.r, [""]
            if r.scale != 1.0:
                parts.append(f"× {number(r.scale, 6)} for the unit")
            rate = r.mapping.rate_for(year)
            if rate is not None:
                cited = r.mapping.rate_source or "analyst assumption"
                parts.append(f"converted at {number(rate, 6)} ({cited})")
            tail = self._tails[year] = "; ".join(parts) + "."
        return f"{self._origin}{row.cells[year]}{tail}"

    def _growth(self, row: Row, series_id: str, forecast: dict[int, float]) -> None:
        """A CAGR from the base year to the source's last forecast year.

        For pins it is what the series does in the years after the source's last forecast,
        so the model goes on the way the source went. For targets it is the seed of the
        back-solve: where the source's last year is the project's, each dimension's targets
        are then solved together so the numbers shown (after reconciliation) land on them;
        otherwise this CAGR is the assumption itself.
        """
        base = self.project.metadata.base_year
        start = row.values.get(base)
        last_year = max(forecast)
        if start is None or start <= 0 or forecast[last_year] <= 0:
            return
        start = self._convert(start, base)
        rate = (forecast[last_year] / start) ** (1.0 / (last_year - base)) - 1.0
        if math.isfinite(rate) and rate > -1.0:
            self.out.append(SetGrowth(self.scenario, series_id, Growth("cagr", rate=rate)))
            last = self.project.metadata.last_year
            if self.r.mapping.forecast == "targets" and last_year == last:
                group = "total" if series_id == TOTAL else self._block_of[series_id]
                self.targets.setdefault(group, {})[series_id] = forecast[last_year]

    def _total(self, series: list[tuple[Row, str]]) -> None:
        r = self.r
        if r.total is not None:
            self._values(r.total, TOTAL, history_only=r.mode == "bottom_up")
            return
        if r.mode == "top_down":
            self.summary.append("No total row: the total keeps its own figures.")
            return
        self._summed_history(series)
        self.summary.append("No total row: the total is the sum of the segments.")

    def _summed_history(self, series: list[tuple[Row, str]]) -> None:
        """The total's history in bottom-up mode without a total row: the primary segments'
        sum, in the years where every one of them has a number (the forecast sums itself)."""
        block = self.r.blocks[self.r.primary or 0]
        members = [sid for row, sid in series if row in block.rows]
        history, notes = self.cells["history"], self.cells["notes"]
        for year in self.project.metadata.history_years:
            parts = [history.get((sid, year)) for sid in members]
            if not parts or None in parts:
                continue
            history[(TOTAL, year)] = float(f"{math.fsum(parts):.15g}")
            self.cells["sources"][(TOTAL, year)] = self.source
            note = f"The sum of the segments imported from {self.r.file_name}."
            notes[("", TOTAL, year)] = self._noted("", TOTAL, year, note)

    def _mode(self) -> None:
        r = self.r
        primary = None
        if r.mode == "bottom_up":
            block = r.blocks[r.primary or 0]
            primary = block.dimension_id or next(
                c.dimension_id for c in self.structure if isinstance(c, AddDimension)
                and c.dimension_name == block.name
            )
        if (r.mode, primary) != (self.project.mode, self.project.primary_dimension):
            self.out.append(SetMode(r.mode, primary))

    def _counts(self) -> None:
        c, r = self.counts, self.r
        of = f" of the volume ({r.project_unit})" if self.volume else ""
        if self.history_years:  # the years the source fills, not the project's span
            years = f"{min(self.history_years)}–{max(self.history_years)}"
            replaced = (f"; {c['replaced']} of them replace numbers already in the project"
                        if c["replaced"] else "")
            self.summary.append(f"History{of}: {c['history']} numbers ({years}){replaced}.")
        if r.mapping.forecast == "ignore":
            self.summary.append("Forecast years of the source: left out (as chosen).")
        elif c["forecast"]:
            how = "pins" if r.mapping.forecast == "pins" else "targets that set each CAGR"
            scenario = self.project.scenario(self.scenario).name
            self.summary.append(f"Forecast{of}: {c['forecast']} numbers as {how} in "
                                f"{scenario}.")
        if c["blank"]:
            cells = "cell" if c["blank"] == 1 else "cells"
            self.summary.append(f"Blank in the source, left blank: {c['blank']} {cells}.")


def _today() -> str:
    return datetime.date.today().isoformat()
