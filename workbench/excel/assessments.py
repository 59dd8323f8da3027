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

    def __init__(self, row: int, assessment_id: str) -> None:
        self.id, self.row = assessment_id, row
        self.typed: dict[int, list[tuple[int, str]]] = {NAME: [], DIMENSION: []}
        """The name and dimension as each row has them (blank cells left out)."""
        self.criteria: dict[str, list[tuple[int, str]]] = {}
        """Each criterion's name as each of its rows has it."""
        self.cells: dict[tuple[str, str], Rating] = {}
        self.rows: dict[tuple[str, str], int] = {}
        """The row of each rating, keyed as `cells`."""
        self.where: dict[tuple, int] = {}
        """The row a name, dimension or criterion name was typed in (see `settled`)."""

    def take(self, grid: Grid, row: int) -> None:
        for col, typed in self.typed.items():
            if text := grid.text(row, col).strip():
                typed.append((row, text))

    def build(self, grid: Grid, current: Assessment | None) -> Assessment:
        name = self._settled(grid, NAME, current and current.name, self.typed[NAME])
        dimension = self._settled(
            grid, DIMENSION, current and current.dimension_id, self.typed[DIMENSION]
        )
        had = {} if current is None else {c.id: c.name for c in current.criteria}
        criteria = tuple(
            Criterion(c, self._settled(grid, CRITERION, had.get(c), typed, c))
            for c, typed in self.criteria.items()
        )
        if current is not None and dimension != current.dimension_id:
            self.where[("moved",)] = self.where[(DIMENSION,)]
        try:
            return Assessment(self.id, name, dimension, criteria, self.cells)
        except ModelError as error:
            raise grid.error(self.row, NAME, str(error)) from None

    def _settled(self, grid: Grid, col: int, had: str | None, typed: list, *key: str) -> str:
        """The one value rows share: the project's (`had`), or the one new value typed on
        any of its rows, whose row is kept as where it was typed (in `where`, by column
        and `key`). Two different new values are refused at the second one's cell."""
        new = list(dict.fromkeys(text for _row, text in typed if text != had))
        if len(new) > 1:
            first = next(r for r, t in typed if t == new[0])
            row = next(r for r, t in typed if t == new[1])
            thing = "criterion" if col == CRITERION else "assessment"
            raise grid.error(
                row,
                col,
                f"{new[1]!r} differs from {new[0]!r} on row {first + 1} of the same {thing}; "
                f"its rows share one {_WHAT[col]}.",
            )
        self.where[(col, *key)] = next((r for r, t in typed if new and t == new[0]), self.row)
        return new[0] if new else (had or "")


_WHAT = {NAME: "name", DIMENSION: "dimension", CRITERION: "criterion name"}


def read_assessments(
    grid: Grid, new_id: Callable[[str], str], current: list[Assessment] = ()
) -> tuple[list[Assessment], dict[tuple, int]]:
    """The assessments, and the row of each: ("assessments", id) for its first row,
    ("assessments", id, column) where its name or dimension was typed, ("moved", id) there
    too where the dimension is another than the project's, ("criterion", id, criterion
    id) where a criterion's name was, and ("rating", id, criterion id, segment id) for
    each rating's. `current` are the project's assessments: a name, dimension or
    criterion name changed on any one of an assessment's rows is its new one."""
    had = {a.id: a for a in current}
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
        draft = drafts.setdefault(assessment_id, _Draft(row, assessment_id))
        draft.take(grid, row)
        _read_rating(grid, row, draft, new_id)
    built = [d.build(grid, had.get(d.id)) for d in drafts.values()]
    rows: dict[tuple, int] = {}
    for d in drafts.values():
        rows[("assessments", d.id)] = d.row
        rows.update({("rating", d.id, *key): r for key, r in d.rows.items()})
        for (col, *criterion), r in d.where.items():
            if col == "moved":
                rows[("moved", d.id)] = r
            elif criterion:
                rows[("criterion", d.id, *criterion)] = r
            else:
                rows[("assessments", d.id, col)] = r
    return built, rows


def _read_rating(grid: Grid, row: int, draft: _Draft, new_id: Callable[[str], str]) -> None:
    criterion_id, criterion = (
        grid.text(row, CRITERION_ID).strip(),
        grid.text(row, CRITERION).strip(),
    )
    if not criterion_id and not criterion:
        return
    if not criterion_id:
        named = {t: c for c, typed in draft.criteria.items() for _r, t in typed}
        criterion_id = named.get(criterion) or new_id("crit")
    typed = draft.criteria.setdefault(criterion_id, [])
    if criterion:
        typed.append((row, criterion))
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
