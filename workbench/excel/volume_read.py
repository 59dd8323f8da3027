"""Reading the volume's sheets back into the volume measure, by the value sheets' readers.

A workbook with a "Total market (volume)" sheet carries a volume: its unit (on that
sheet), its history, pins, assumptions and cell notes, read by the very readers of the
value's sheets into the volume's view of the target project. The structure (segments and
their names) is the value's: a volume sheet lists the value's segments, a new one by its
name (its row has no id yet, as on the value's sheet); a segment the value's sheet does
not have is refused with its cell, because segments are added and removed there.
"""

from __future__ import annotations

from dataclasses import replace

from workbench.core.measures import PRICE, VOLUME, view
from workbench.core.project import Dimension, MeasureInputs, Member, Project
from workbench.excel.comments import comment_notes
from workbench.excel.grid import Grid
from workbench.excel.layout import ID_COL, NAME_COL, cagr_cols, cell, year_col
from workbench.excel.measure_names import other_names
from workbench.excel.new_scenario import start_new_scenarios
from workbench.excel.not_taken import TypedOver
from workbench.excel.plan import ImportNote
from workbench.excel.reader import (
    IdMaker,
    WorkbookContent,
    absorb,
    column_a,
    read_measure_sheets,
    sheet,
)
from workbench.excel.shown_pins import settle_shown
from workbench.excel.structure import retired_ids
from workbench.excel.values_read import SheetValues, read_dimension_sheet, read_total_sheet
from workbench.excel.volume_unit import read_volume_unit


def read_volume(grids: dict[str, Grid], content: WorkbookContent, before: Project | None) -> None:
    """Give `content.project` the volume its workbook holds, if it holds one (`before` is
    the project imported into, None for a new one: rows of what the workbook removed are
    passed over, as on the value's sheets). The volume is read only from all of its
    sheets; with some missing it is not read (`content.missing_volume` names them) and
    the project keeps its own."""
    names = other_names(content.names)[VOLUME]
    missing = [name for name in names.own_sheets if name not in grids]
    if missing:  # all of them: a value-only workbook; some: the volume is not read
        content.missing_volume = missing if len(missing) < len(names.own_sheets) else []
        return
    p = content.project
    used = set(p.all_ids()) | column_a(grids) | (set() if before is None else before.all_ids())
    new_id, retired = IdMaker(used), retired_ids(before, p)
    unit, unit_cell = read_volume_unit(grids[names.total], list(content.blocks))
    p.volume = MeasureInputs(unit)
    part = WorkbookContent(view(p, VOLUME), names=names, sheets=dict(names.dimensions))
    part.blocks, part.where[("unit",)] = content.blocks, unit_cell
    meta, shown = part.project.metadata, {}
    absorb(part, read_total_sheet(sheet(grids, names.total), meta, content.blocks), shown)
    for dim in p.dimensions:
        grid = sheet(grids, names.dimensions[dim.id])
        values = read_dimension_sheet(grid, meta, content.blocks, new_id)
        part.notes += _match_segments(grid, dim, values, (content.sheets[dim.id], retired))
        absorb(part, values, shown)
    read_measure_sheets(grids, part, retired)
    started = start_new_scenarios(part.project, part.where, before, VOLUME)
    part.notes += [replace(n, sheet=names.assumptions) for n in started]
    settle_shown(part.project, shown, part.where)
    had = None if before is None or before.volume is None else view(before, VOLUME)
    part.notes += comment_notes(grids, part, had, set(names.own_sheets))
    volume_sheets = {names.total, *names.dimensions.values(), names.assumptions, names.cell_notes}
    part.notes += [
        ImportNote("Taken", g.name, ref, text)
        for g in grids.values()
        if g.name in volume_sheets
        for ref, text in g.notes
    ]
    content.volume = part
    content.prices = _typed_prices(grids, content)


def _typed_prices(grids: dict[str, Grid], content: WorkbookContent) -> list[TypedOver]:
    """Every number typed over a price (or its CAGR) on the price's sheets, with the
    scenario of its block and its row's series. A price sheet that is gone, or rows a
    colleague added there, change nothing: prices are computed."""
    meta, p = content.project.metadata, content.project
    scenarios = {s.id for s in p.scenarios}
    series = set(p.series_ids())
    names = other_names(content.names)[PRICE]
    cols = range(year_col(meta, meta.first_year), cagr_cols(meta)[1] + 1)
    out: list[TypedOver] = []
    for name in names.value_sheets:
        grid, scenario = grids.get(name), None
        for row in range(len(grid) if grid is not None else 0):
            found = grid.get(row, ID_COL)[0]
            if found in scenarios:
                scenario = found
            elif scenario is not None and found in series:
                out += [
                    TypedOver(name, cell(row, col), scenario, found, col, grid.get(row, col)[0])
                    for col in cols
                    if not grid.is_blank(row, col) and not grid.is_formula(row, col)
                ]
    return out


def _match_segments(grid: Grid, dim: Dimension, values: SheetValues, where) -> list:
    """Give each segment row of a volume sheet the id of the value's segment it is; a name
    that differs from the value's is not taken (with a note), a segment removed on the
    value's sheet (in `where`: that sheet's name and the removed ids) is passed over, an
    unknown one refused."""
    home, retired = where
    for gone in [m.id for m in values.members if m.id in retired]:
        _rename(values, gone, None)
    ids = {m.id: m for m in dim.members}
    by_name = {m.name.casefold(): m for m in dim.members}
    typed_ids = {v for v in grid.column(ID_COL) if isinstance(v, str)}
    notes: list[ImportNote] = []
    for member in values.members:
        row = _row(values.where[("member", member.id)])
        found = ids.get(member.id)
        if found is None and member.id not in typed_ids:  # a row without an id: by name
            found = by_name.get(member.name.casefold())
            if found is not None and found.id in {m.id for m in values.members}:
                raise grid.error(row, NAME_COL, f"the segment {found.name!r} is listed twice.")
            if found is not None:
                _rename(values, member.id, found.id)
        if found is None:
            raise grid.error(
                row,
                ID_COL if member.id in typed_ids else NAME_COL,
                f"{member.name!r} is not a segment on the sheet {home!r}; segments are added, "
                f"renamed and removed there, and this sheet lists them for the volume.",
            )
        if found.name != member.name:
            notes.append(
                ImportNote(
                    "Not taken",
                    grid.name,
                    grid.where(row, NAME_COL).rpartition("!")[2],
                    f"the name {member.name!r} for {found.name!r}; segments are renamed on "
                    f"the sheet {home!r}",
                )
            )
    return notes


def _row(where: str) -> int:
    """The 0-based row of a reference such as "Technology (volume)!B7"."""
    ref = where.rpartition("!")[2]
    return int("".join(ch for ch in ref if ch.isdigit())) - 1


def _rename(values: SheetValues, old: str, new: str | None) -> None:
    """Key everything read for the segment `old` by `new` instead (None: drop it)."""

    def moved(key: tuple) -> tuple:
        return tuple(new if part == old else part for part in key)

    def kept(keys: dict) -> dict:
        return {moved(k): v for k, v in keys.items() if new is not None or old not in k}

    values.history, values.pins, values.where = (
        kept(values.history), kept(values.pins), kept(values.where)
    )
    values.shown = kept(values.shown)
    values.members = [
        m if m.id != old else Member(new, m.name)
        for m in values.members
        if new is not None or m.id != old
    ]
    values.typed_over = [
        t if t.row_id != old else replace(t, row_id=new)
        for t in values.typed_over
        if new is not None or t.row_id != old
    ]
