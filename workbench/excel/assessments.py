"""The Assessments sheet: each assessment as rows of (criterion, segment, score, note).

A long table rather than a matrix, so that criteria, segments and notes of any number come
back exactly; a criterion with no ratings yet has one row with a blank segment, and an
assessment with no criteria one row with a blank criterion.
"""

from __future__ import annotations

from collections.abc import Callable

from workbench.core.entities import Assessment, Criterion, Rating
from workbench.core.errors import ModelError
from workbench.excel.assumptions import check_headers
from workbench.excel.grid import Grid
from workbench.excel.styles import Context, header_row, write_number, write_text

SHEET = "Assessments"
HEADERS = [
    "Assessment id",
    "Assessment",
    "Dimension id",
    "Criterion id",
    "Criterion",
    "Segment id",
    "Segment",
    "Score",
    "Note",
]
ID, NAME, DIMENSION, CRITERION_ID, CRITERION, SEGMENT_ID, SEGMENT, SCORE, NOTE = range(9)
HEADER_ROW, FIRST_ROW = 2, 3


def _rows(ctx: Context, a: Assessment):
    """(criterion, member id, rating) per row, in criterion and segment order."""
    members = (
        ctx.project.dimension(a.dimension_id).member_ids()
        if a.dimension_id in {d.id for d in ctx.project.dimensions}
        else ()
    )
    order = {m: i for i, m in enumerate(members)}
    if not a.criteria:
        yield None, None, None
    for criterion in a.criteria:
        cells = sorted(
            ((m, r) for (c, m), r in a.cells.items() if c == criterion.id),
            key=lambda item: (order.get(item[0], len(order)), item[0]),
        )
        if not cells:
            yield criterion, None, None
        for member_id, rating in cells:
            yield criterion, member_id, rating


def write_assessments(ctx: Context, ws) -> None:
    f = ctx.formats
    write_text(ws, 0, 0, SHEET, f["title"])
    write_text(
        ws,
        1,
        0,
        "One row per rating (1 to 5); rows of one assessment share its id, name and dimension.",
        f["hint"],
    )
    header_row(
        ws,
        HEADER_ROW,
        HEADERS,
        f["header"],
        {0: 10, 1: 28, 2: 10, 3: 10, 4: 28, 5: 10, 6: 28, 7: 7, 8: 50},
    )
    ws.freeze_panes(FIRST_ROW, 0)
    row = FIRST_ROW
    for a in ctx.project.assessments:
        for criterion, member_id, rating in _rows(ctx, a):
            write_text(ws, row, ID, a.id, f["id"])
            write_text(ws, row, NAME, a.name, f["input_text"])
            write_text(ws, row, DIMENSION, a.dimension_id, f["input_text"])
            if criterion is not None:
                write_text(ws, row, CRITERION_ID, criterion.id, f["id"])
                write_text(ws, row, CRITERION, criterion.name, f["input_text"])
            if member_id is not None:
                write_text(ws, row, SEGMENT_ID, member_id, f["input_text"])
                write_text(ws, row, SEGMENT, _member_name(ctx, member_id))
                write_number(ws, row, SCORE, rating.score, f["input_plain"])
                write_text(ws, row, NOTE, rating.note, f["input_text"])
            row += 1


def _member_name(ctx: Context, member_id: str) -> str:
    try:
        return ctx.project.member(member_id).name
    except ModelError:
        return ""


class _Draft:
    """An assessment being gathered from its rows."""

    def __init__(self, grid: Grid, row: int, assessment_id: str) -> None:
        self.id, self.row = assessment_id, row
        self.name = grid.text(row, NAME).strip()
        self.dimension_id = grid.text(row, DIMENSION).strip()
        self.criteria: dict[str, str] = {}
        self.cells: dict[tuple[str, str], Rating] = {}
        self.rows: dict[tuple[str, str], int] = {}
        """The row of each rating, keyed as `cells`."""

    def check_same(self, grid: Grid, row: int) -> None:
        for col, mine in ((NAME, self.name), (DIMENSION, self.dimension_id)):
            theirs = grid.text(row, col).strip()
            if theirs and theirs != mine:
                raise grid.error(
                    row, col, f"{theirs!r} differs from row {self.row + 1} of the same assessment."
                )

    def build(self, grid: Grid) -> Assessment:
        try:
            criteria = tuple(Criterion(c, n) for c, n in self.criteria.items())
            return Assessment(self.id, self.name, self.dimension_id, criteria, self.cells)
        except ModelError as error:
            raise grid.error(self.row, NAME, str(error)) from None


def read_assessments(
    grid: Grid, new_id: Callable[[str], str]
) -> tuple[list[Assessment], dict[tuple, int]]:
    """The assessments, and the row of each: ("assessments", id) for its first row and
    ("rating", id, criterion id, segment id) for each rating's."""
    check_headers(grid, HEADER_ROW, HEADERS)
    drafts: dict[str, _Draft] = {}
    unnamed: dict[str, str] = {}
    for row in range(FIRST_ROW, len(grid)):
        if grid.row_is_blank(row):
            continue
        assessment_id = grid.text(row, ID).strip()
        if not assessment_id:
            name = grid.text(row, NAME).strip()
            assessment_id = unnamed.setdefault(name, new_id("asm"))
        draft = drafts.get(assessment_id)
        if draft is None:
            draft = drafts[assessment_id] = _Draft(grid, row, assessment_id)
        else:
            draft.check_same(grid, row)
        _read_rating(grid, row, draft, new_id)
    rows: dict[tuple, int] = {}
    for d in drafts.values():
        rows[("assessments", d.id)] = d.row
        rows.update({("rating", d.id, *key): r for key, r in d.rows.items()})
    return [d.build(grid) for d in drafts.values()], rows


def _read_rating(grid: Grid, row: int, draft: _Draft, new_id: Callable[[str], str]) -> None:
    criterion_id, criterion = (
        grid.text(row, CRITERION_ID).strip(),
        grid.text(row, CRITERION).strip(),
    )
    if not criterion_id and not criterion:
        return
    if not criterion_id:
        named = {n: c for c, n in draft.criteria.items()}
        criterion_id = named.get(criterion) or new_id("crit")
    known = draft.criteria.setdefault(criterion_id, criterion)
    if criterion and known != criterion:
        raise grid.error(
            row,
            CRITERION,
            f"{criterion!r} differs from the name of criterion {criterion_id!r} ({known!r}).",
        )
    member_id = grid.text(row, SEGMENT_ID).strip()
    if not member_id:
        return
    score = grid.integer(row, SCORE)
    if (criterion_id, member_id) in draft.cells:
        raise grid.error(row, SEGMENT_ID, f"a second rating of {member_id!r} for this criterion.")
    try:
        draft.cells[(criterion_id, member_id)] = Rating(score, grid.text(row, NOTE))
        draft.rows[(criterion_id, member_id)] = row
    except ModelError as error:
        raise grid.error(row, SCORE, str(error)) from None
