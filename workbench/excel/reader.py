"""Reading a workbook of ours into a complete, checked project (the import's target).

Nothing here touches a document: the result is a new `Project` built only from the
workbook, plus where each value came from, so the plan can name cells. Ids that rows lack
are made fresh against both the workbook and the project being imported into.
"""

from __future__ import annotations

import os
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field

from python_calamine import CalamineWorkbook

from workbench.core.measures import VOLUME
from workbench.core.project import Dimension, Project
from workbench.excel.about import read_about
from workbench.excel.assessments import SHEET as ASSESSMENTS
from workbench.excel.assessments import read_assessments
from workbench.excel.assumptions import read_assumptions
from workbench.excel.cell_notes import read_cell_notes
from workbench.excel.comments import comment_notes, sheet_comments
from workbench.excel.errors import Cancelled, ExcelError, refused_as_excel
from workbench.excel.grid import Grid
from workbench.excel.layout import ABOUT, FIRST_YEAR_COL, TOTAL_SHEET
from workbench.excel.measure_names import MeasureSheets, other_names, value_names
from workbench.excel.new_scenario import start_new_scenarios
from workbench.excel.not_taken import TypedOver
from workbench.excel.plan import ImportNote
from workbench.excel.sheet_scan import formula_errors, merged_range, special_cells
from workbench.excel.shown_pins import settle_shown
from workbench.excel.structure import forget_segments, retired_ids, scenario_blocks
from workbench.excel.tables import TABLES, read_table
from workbench.excel.values_read import (
    ScenarioIds,
    SheetValues,
    read_dimension_sheet,
    read_total_sheet,
)
from workbench.guards import (
    check_archive,
    check_extent,
    check_prologs,
    check_streams,
    sheet_extent,
    sheet_parts,
)

Progress = Callable[[int, int], bool] | None
_CAGR_HEADER = re.compile(r"CAGR (\d{4})\D+(\d{4})")
MAX_COLUMNS = 1024
"""A value sheet spans at most 200 years plus ids, names and CAGRs (~205 columns)."""
MAX_CELLS = 40_000_000
"""What one sheet may lay out from A1 (about 1.3 GB in the reader): a million-row table
of our widest entity sheet fits; one cell at XFD1048576 (17 billion) does not."""


@dataclass
class WorkbookContent:
    """The target project and where its values sit: keys as in `SheetValues.where`,
    plus ("assumption", scenario, series) → row, ("cell", scenario, series, year) → row
    on Cell notes, (collection, id) → row on the entity's sheet."""

    project: Project
    where: dict[tuple, object] = field(default_factory=dict)
    sheets: dict[str, str] = field(default_factory=dict)
    """Sheet name per dimension id."""
    notes: list[ImportNote] = field(default_factory=list)
    """Values taken other than as typed (see `Grid.notes`)."""
    typed_over: list[TypedOver] = field(default_factory=list)
    """Computed cells that hold a value instead of their formula (see `not_taken`)."""
    blocks: ScenarioIds = field(default_factory=lambda: ScenarioIds(()))
    """The scenarios whose blocks the value sheets hold, as they were read."""
    names: MeasureSheets | None = None
    """The measure's sheets (the value's, or the volume's for `volume`)."""
    volume: WorkbookContent | None = None
    """The volume's part, read from its own sheets (see `volume_read`); None without."""
    prices: list[TypedOver] = field(default_factory=list)
    """Numbers typed over the average price's cells (never taken; see `volume_plan`)."""
    missing_volume: list[str] = field(default_factory=list)
    """The volume's sheets a workbook lacks while it has others (see `volume_read`)."""


class IdMaker:
    """Fresh ids `prefix-N` that collide with nothing in the workbook or the project."""

    def __init__(self, used: set[str]) -> None:
        self.used = used
        self._next: dict[str, int] = {}
        """The next number to try per prefix: a thousand rows without ids cost a thousand
        look-ups, not half a million."""

    def __call__(self, prefix: str) -> str:
        n = self._next.get(prefix, 1)
        while f"{prefix}-{n}" in self.used:
            n += 1
        self.used.add(f"{prefix}-{n}")
        self._next[prefix] = n + 1
        return f"{prefix}-{n}"


def load_grids(path: str | os.PathLike, progress: Progress = None) -> dict[str, Grid]:
    """Every worksheet of a checked archive as a Grid; unsafe or broken files are refused.

    Values come from python-calamine; formulas, error values and merged cells from a scan
    of each sheet's XML (`sheet_scan`), which is also what tells calamine's blank cells
    from ours.
    """
    name = os.path.basename(os.fspath(path))
    with refused_as_excel():
        check_streams(path, check_archive(path))
    with open(path, "rb") as fh, zipfile.ZipFile(fh) as archive:
        with refused_as_excel():
            check_prologs(archive, name)
            parts = sheet_parts(archive, name)
        try:
            book = CalamineWorkbook.from_path(os.fspath(path))
        except Exception as error:  # calamine raises its own types for a broken part
            raise _unreadable(name, error) from None
        try:
            return _grids(archive, name, book, parts, progress)
        finally:
            book.close()


def _unreadable(name: str, error: BaseException | None) -> ExcelError:
    """One clear sentence for a part that could not be parsed."""
    if isinstance(error, ExcelError):
        return error
    return ExcelError(f"{name}: the workbook cannot be read; one of its parts is not valid XML.")


def _grids(archive: zipfile.ZipFile, name: str, book, parts, progress: Progress) -> dict:
    grids: dict[str, Grid] = {}
    for done, (sheet, part) in enumerate(parts):
        try:
            xml = archive.read(part)
            with refused_as_excel():
                check_extent(sheet_extent(xml, sheet), sheet, MAX_COLUMNS, MAX_CELLS)
            values = book.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
            grids[sheet] = Grid(
                sheet, values, special_cells(xml, sheet), formula_errors(xml, sheet)
            )
            grids[sheet].comments = sheet_comments(archive, part)
        except (ExcelError, Cancelled):
            raise
        except Exception as error:  # as above, for the parts read lazily
            raise _unreadable(name, error) from None
        merged = merged_range(xml)
        if merged:
            raise ExcelError(
                f"{sheet}!{merged}: merged cells cover inputs; unmerge them and try again."
            )
        if progress is not None and progress(done + 1, len(parts) + 1) is False:
            raise Cancelled()
    return grids


def sheet(grids: dict[str, Grid], name: str) -> Grid:
    grid = grids.get(name)
    if grid is None:
        raise ExcelError(
            f"{name}!A1: the sheet {name!r} is missing; this workbook cannot be imported."
        )
    return grid


def read_content(
    grids: dict[str, Grid], used_ids: set[str], before: Project | None = None
) -> WorkbookContent:
    """The whole workbook as a target project (not yet cross-checked: see `checks`).

    `before` is the project the workbook is imported into (None for a new project): its
    scenarios must keep their blocks, and rows of segments and scenarios the workbook
    removed are passed over (see `structure`)."""
    about = read_about(sheet(grids, ABOUT), laid_out_years(sheet(grids, TOTAL_SHEET)))
    meta = about.metadata
    scenario_ids = scenario_blocks(about.scenarios, before)
    new_id = IdMaker(used_ids | column_a(grids))
    content = WorkbookContent(
        Project(
            meta,
            [],
            list(about.scenarios),
            mode=about.mode,
            primary_dimension=about.primary_dimension,
        )
    )
    p, where = content.project, content.where
    content.blocks = scenario_ids
    where.update({("about", k): v for k, v in about.rows.items()})
    shown: dict = {}
    absorb(content, read_total_sheet(sheet(grids, TOTAL_SHEET), meta, scenario_ids), shown)
    for dim_id, dim_name, sheet_name in about.dimensions:
        values = read_dimension_sheet(sheet(grids, sheet_name), meta, scenario_ids, new_id)
        p.dimensions.append(Dimension(dim_id, dim_name, tuple(values.members)))
        absorb(content, values, shown)
        content.sheets[dim_id] = sheet_name
    content.names = value_names(content.sheets)
    retired = retired_ids(before, p)
    _read_assumptions(grids, content, retired)
    _read_cell_notes(grids, content, retired)
    content.notes += start_new_scenarios(p, where, before)
    _read_entities(grids, content, new_id, [] if before is None else before.assessments)
    others = set(other_names(content.names)[VOLUME].own_sheets)  # the volume's: volume_read
    content.notes += comment_notes(grids, content, before, set(grids) - others)
    forget_segments(p, retired)
    settle_shown(p, shown, where)
    content.notes += [
        ImportNote("Taken", g.name, ref, text) for g in grids.values() for ref, text in g.notes
    ]
    return content


def laid_out_years(grid: Grid) -> tuple[int, int, int] | None:
    """(first, base, last) year of the value sheets, from the Total market sheet's first
    block header: its run of year columns, then "CAGR first–base". None when there is no
    such header (the block reader then says what is missing)."""
    for row in range(len(grid)):
        years: list[int] = []
        col = FIRST_YEAR_COL
        while (value := grid.get(row, col))[1] == "n" and (not years or value[0] == years[-1] + 1):
            years.append(int(value[0]))
            col += 1
        cagr = _CAGR_HEADER.match(str(grid.get(row, col)[0] or ""))
        if len(years) > 1 and cagr:
            return years[0], int(cagr.group(2)), years[-1]
    return None


def absorb(content: WorkbookContent, values: SheetValues, shown: dict) -> None:
    """Take a value sheet's inputs into `content`; its numbers over shown formulas wait in
    `shown` until the whole measure is read (`shown_pins`)."""
    shown.update(values.shown)
    content.project.history.update(values.history)
    content.project.pins.update(values.pins)
    content.where.update(values.where)
    content.typed_over += values.typed_over


def column_a(grids: dict[str, Grid]) -> set[str]:
    return {v for g in grids.values() for v in g.column(0) if isinstance(v, str)}


def read_measure_sheets(grids: dict[str, Grid], content: WorkbookContent, retired: set[str]):
    """A typed measure's Assumptions and Cell notes (sheets named by `content.names`)."""
    _read_assumptions(grids, content, retired)
    _read_cell_notes(grids, content, retired)


def _read_assumptions(grids: dict[str, Grid], content: WorkbookContent, retired: set[str]) -> None:
    rows = read_assumptions(sheet(grids, content.names.assumptions), content.project, retired)
    for key, (growth, row) in rows.items():
        content.project.growth[key] = growth
        content.where[("assumption", *key)] = row


def _read_cell_notes(grids: dict[str, Grid], content: WorkbookContent, retired: set[str]) -> None:
    notes = read_cell_notes(sheet(grids, content.names.cell_notes), content.project, retired)
    p = content.project
    p.history_sources.update(notes.history_sources)
    p.holds.update(notes.holds)
    p.notes.update(notes.notes)
    p.pin_marks.update(notes.pin_marks)
    content.where.update({("cell", *k): row for k, row in notes.rows.items()})


def _read_entities(
    grids: dict[str, Grid], content: WorkbookContent, new_id: IdMaker, assessments: list
) -> None:
    for table in TABLES:
        entities, rows = read_table(sheet(grids, table.sheet), table, new_id)
        setattr(content.project, table.collection, entities)
        content.where.update({(table.collection, i): r for i, r in rows.items()})
    read, rows = read_assessments(sheet(grids, ASSESSMENTS), new_id, assessments)
    content.project.assessments = read
    content.where.update(rows)
