"""Reading the value sheets back: segments, history and pins, found by the id column.

The topmost block of a sheet holds the typed history and the segment names; a segment row
there without an id is a new segment, a segment that is gone is removed. In every block the
pin rows ("pin:<series>") hold the pins. A number where a forecast formula was is a pin too:
a number in a shown row (segment or total) is kept apart in `shown`, because it is a pin
only where it is not the number the engine computes (`shown_pins` decides, with the whole
project read); a number in a projected row is a pin (workbooks written before pin rows kept
their pins there). Computed rows (total, gap, shares) are never read.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from workbench.core.project import TOTAL, Member, Metadata
from workbench.excel.grid import Grid
from workbench.excel.layout import (
    COMPUTED_PREFIXES,
    ID_COL,
    NAME_COL,
    PIN,
    PROJECTED,
    SHARE,
    cagr_cols,
    cell,
    year_col,
)
from workbench.excel.not_taken import TypedOver


@dataclass
class SheetValues:
    members: list[Member] = field(default_factory=list)
    member_ids: set[str] = field(default_factory=set)
    history: dict[tuple[str, int], float] = field(default_factory=dict)
    pins: dict[tuple[str, str, int], float] = field(default_factory=dict)
    where: dict[tuple, str] = field(default_factory=dict)
    """Cell of each ("history", series, year), ("pin", scenario, series, year), ("member", id);
    (sheet, row) of each ("row", scenario, series), the row where its forecast is shown."""
    typed_over: list[TypedOver] = field(default_factory=list)
    """Computed cells (totals, gaps, shares, CAGRs) that hold a value instead of a formula."""
    shown: dict[tuple[str, str, int], tuple[float, str]] = field(default_factory=dict)
    """Numbers over shown forecast formulas, with their cell: pins unless the engine shows
    the same number (see `shown_pins`)."""


def _typed_over(grid: Grid, row: int, cols, scenario_id: str, row_id: str, out) -> None:
    """Record each of `cols` in `row` that holds a value where a formula belongs."""
    for col in cols:
        if not grid.is_blank(row, col) and not grid.is_formula(row, col):
            value = grid.get(row, col)[0]
            out.typed_over.append(
                TypedOver(grid.name, cell(row, col), scenario_id, row_id, col, value)
            )


@dataclass(frozen=True)
class ScenarioIds:
    """The scenarios whose blocks a value sheet holds: `ids` in About's order. Those in
    `required` must have a block (the ones the project already had; every one for a new
    project): a new scenario may come without blocks. `retired` are scenarios removed from
    About whose blocks are passed over."""

    ids: tuple[str, ...]
    required: frozenset[str] = frozenset()
    retired: frozenset[str] = frozenset()

    def __iter__(self):
        return iter(self.ids)


def find_blocks(grid: Grid, meta: Metadata, scenarios: ScenarioIds) -> list[tuple[str, int, int]]:
    """(scenario id, header row, end row) per block present, top to bottom."""
    wanted = set(scenarios.ids)
    headers: list[tuple[str, int]] = []
    starts: list[int] = []
    for row in range(len(grid)):
        value, kind = grid.get(row, ID_COL)
        if kind != "s":
            continue
        if value in wanted:
            if any(s == value for s, _r in headers):
                raise grid.error(row, ID_COL, f"a second block for scenario {value!r}.")
            headers.append((value, row))
            _check_years(grid, row, meta)
        elif not _heads_years(grid, row, meta):
            continue
        elif value.strip() not in scenarios.retired:
            raise grid.error(
                row,
                ID_COL,
                f"{value!r} heads a block of years but is not a scenario on the About sheet; "
                "add it to the scenarios there (id and name) or delete the block.",
            )
        starts.append(row)
    for scenario_id in scenarios.ids:
        if scenario_id in scenarios.required and all(s != scenario_id for s, _r in headers):
            raise grid.error(
                3,
                ID_COL,
                f"the block of scenario {scenario_id!r} is missing (its id belongs in column A).",
            )
    ends = {row: end for row, end in zip(starts, [*starts[1:], len(grid)], strict=True)}
    return [(s, r, ends[r]) for s, r in headers]


def _heads_years(grid: Grid, row: int, meta: Metadata) -> bool:
    """Whether a row starts with the years a block header shows (the first two suffice)."""
    col = year_col(meta, meta.first_year)
    return grid.get(row, col) == (meta.first_year, "n") and grid.get(row, col + 1)[0] == (
        meta.first_year + 1
    )


def _check_years(grid: Grid, row: int, meta: Metadata) -> None:
    for year in meta.years:
        col = year_col(meta, year)
        value, kind = grid.get(row, col)
        if kind != "n" or value != year:
            raise grid.error(
                row, col, f"expected the year {year} here; a year column was removed or moved."
            )


def read_total_sheet(grid: Grid, meta: Metadata, scenario_ids: ScenarioIds) -> SheetValues:
    out = SheetValues()
    for index, (scenario_id, header, end) in enumerate(find_blocks(grid, meta, scenario_ids)):
        ids = {grid.text(r, ID_COL).strip(): r for r in range(header + 1, end)}
        row = ids.get(TOTAL)
        if row is None:
            raise grid.error(header + 1, ID_COL, "the total row (id 'total') is missing.")
        _read_history(grid, row, TOTAL, meta, index == 0, out)
        if PIN + TOTAL in ids:
            _read_pins(grid, ids[PIN + TOTAL], scenario_id, TOTAL, meta, out)
        _read_shown(grid, row, scenario_id, TOTAL, meta, out)
        _typed_over(grid, row, cagr_cols(meta), scenario_id, TOTAL, out)
    return out


def read_dimension_sheet(
    grid: Grid, meta: Metadata, scenario_ids: ScenarioIds, new_id: Callable[[str], str]
) -> SheetValues:
    out = SheetValues()
    blocks = find_blocks(grid, meta, scenario_ids)
    for index, (scenario_id, header, end) in enumerate(blocks):
        pins: list[tuple[int, str]] = []  # pin rows first, then projected rows (older books)
        projected: list[tuple[int, str]] = []
        for row in range(header + 1, end):
            row_id = grid.text(row, ID_COL).strip()
            if row_id.startswith(PIN):
                pins.append((row, row_id[len(PIN) :]))
            elif row_id == TOTAL or row_id.startswith(COMPUTED_PREFIXES):
                if row_id.startswith(PROJECTED):
                    projected.append((row, row_id[len(PROJECTED) :]))
                elif row_id.startswith(SHARE) and not _is_member(out, row_id[len(SHARE) :]):
                    continue  # the share of a segment whose row was deleted (removed)
                else:
                    computed = range(year_col(meta, meta.first_year), cagr_cols(meta)[1] + 1)
                    _typed_over(grid, row, computed, scenario_id, row_id, out)
            elif row_id or not grid.is_blank(row, NAME_COL):
                _read_segment_row(grid, row, row_id, (index, scenario_id), meta, new_id, out)
        for row, member_id in pins + projected:
            if _is_member(out, member_id):
                _read_pins(grid, row, scenario_id, member_id, meta, out)
    return out


def _is_member(out: SheetValues, member_id: str) -> bool:
    return member_id in out.member_ids


def _read_segment_row(
    grid: Grid,
    row: int,
    row_id: str,
    block: tuple[int, str],
    meta: Metadata,
    new_id: Callable[[str], str],
    out: SheetValues,
) -> None:
    """A segment's row in block (index, scenario id): the topmost block names segments and
    holds their history; every block holds its scenario's pins."""
    index, scenario_id = block
    if index == 0:
        row_id = _read_member(grid, row, row_id, new_id, out)
    elif not _is_member(out, row_id):
        if not row_id:
            raise grid.error(row, NAME_COL, "new segments are added in the topmost block only.")
        return
    _read_history(grid, row, row_id, meta, index == 0, out)
    _read_shown(grid, row, scenario_id, row_id, meta, out)
    _typed_over(grid, row, cagr_cols(meta), scenario_id, row_id, out)


def _read_member(grid: Grid, row: int, row_id: str, new_id, out: SheetValues) -> str:
    name = grid.text(row, NAME_COL).strip()
    if not name:
        raise grid.error(row, NAME_COL, "the segment's name must not be empty.")
    if _is_member(out, row_id):
        raise grid.error(row, ID_COL, f"the id {row_id!r} is used twice on this sheet.")
    if any(m.name.casefold() == name.casefold() for m in out.members):
        raise grid.error(row, NAME_COL, f"the segment {name!r} is listed twice.")
    member_id = row_id or new_id("seg")
    out.members.append(Member(member_id, name))
    out.member_ids.add(member_id)
    out.where[("member", member_id)] = grid.where(row, NAME_COL)
    return member_id


def _read_history(
    grid: Grid, row: int, series_id: str, meta: Metadata, typed: bool, out: SheetValues
) -> None:
    """The topmost block's history is typed; the other blocks mirror it with formulas."""
    for year in meta.history_years:
        col = year_col(meta, year)
        if typed:
            value = grid.number(row, col)
            out.where[("history", series_id, year)] = grid.where(row, col)
            if value is not None:
                out.history[(series_id, year)] = value
        elif not grid.is_formula(row, col) and not grid.is_blank(row, col):
            raise grid.error(
                row, col, "history is typed in the topmost block; this cell mirrors it."
            )


def _read_pins(
    grid: Grid, row: int, scenario_id: str, series_id: str, meta: Metadata, out: SheetValues
) -> None:
    """The numbers of a pin row (or, in older workbooks, of a projected row)."""
    out.where.setdefault(("row", scenario_id, series_id), (grid.name, row))
    for year in meta.forecast_years:
        col = year_col(meta, year)
        key = (scenario_id, series_id, year)
        if key in out.pins or grid.is_formula(row, col):
            continue
        value = grid.number(row, col)
        if value is not None:
            out.pins[key] = value
            out.where[("pin", *key)] = grid.where(row, col)


def _read_shown(
    grid: Grid, row: int, scenario_id: str, series_id: str, meta: Metadata, out: SheetValues
) -> None:
    """Numbers where a shown row's forecast formulas were."""
    for year in meta.forecast_years:
        col = year_col(meta, year)
        if grid.is_formula(row, col):
            continue
        value = grid.number(row, col)
        if value is not None:
            out.shown[(scenario_id, series_id, year)] = (value, grid.where(row, col))
