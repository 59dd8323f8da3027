"""Where everything sits in our workbook: the one layout the writer and the reader share.

Value sheets (Total market and one per dimension) hold one block per scenario. Column A is
the id column: it names what a row is, so the reader never guesses from positions that an
analyst may have shifted by inserting rows. A block starts with a header row whose id is
the scenario id; then the total row ("total"), the segment rows (the segment ids), the
pin rows ("pin:<segment>": typed forecast values, blank where there is no pin), the
unreconciled gap row ("gap:<dimension>"), the scale row ("scale:<dimension>": the factor
the free segments get), share rows ("share:<segment>") and the projected rows
("projected:<segment>", each segment's own method before reconciliation). A Total market
block is its header, the total row and the total's pin row ("pin:total").

Formulas find the rows they read by these ids (MATCH on column A within the block), never
by position, so rows a colleague sorts or inserts change no result (docs/workbook.md).
"""

from __future__ import annotations

import re

from xlsxwriter.utility import xl_col_to_name, xl_rowcol_to_cell

from workbench.core.measures import PRICE, VOLUME
from workbench.core.project import Metadata, Project

WORKBOOK_FORMAT = "market-workbench-workbook"
WORKBOOK_VERSION = 1

ABOUT = "About"
TOTAL_SHEET = "Total market"
ASSUMPTIONS = "Assumptions"
CELL_NOTES = "Cell notes"
FIXED_SHEETS = (
    ABOUT,
    TOTAL_SHEET,
    ASSUMPTIONS,
    CELL_NOTES,
    "Sources",
    "Companies",
    "Developments",
    "Drivers & Challenges",
    "Trends",
    "Five Forces",
    "Assessments",
    "Key Questions",
)
MEASURE_SHEETS = (
    *(f"{name} ({VOLUME})" for name in (TOTAL_SHEET, ASSUMPTIONS, CELL_NOTES)),
    f"{TOTAL_SHEET} ({PRICE})",
)
"""The volume's and the price's own sheets (see `measure_names`): no dimension's sheet may
take their names, with or without a volume, so a sheet's name never depends on that."""

FIRST_BLOCK_ROW = 3
"""Rows 0-2 of a value sheet are its title, a hint and a blank line."""

ID_COL, NAME_COL, FIRST_YEAR_COL = 0, 1, 2
GAP, SCALE, SHARE, PROJECTED, PIN = "gap:", "scale:", "share:", "projected:", "pin:"
COMPUTED_PREFIXES = (GAP, SCALE, SHARE, PROJECTED)

CELL_LIMIT = 32767
"""Excel's limit on the characters in one cell."""

_FORBIDDEN = re.compile(r"[\[\]:*?/\\\x00-\x1f]")


def year_col(meta: Metadata, year: int) -> int:
    return FIRST_YEAR_COL + year - meta.first_year


def cagr_cols(meta: Metadata) -> tuple[int, int]:
    """The history CAGR and forecast CAGR columns, right of the last year."""
    last = year_col(meta, meta.last_year)
    return last + 1, last + 2


def cell(row: int, col: int, absolute: bool = False) -> str:
    return xl_rowcol_to_cell(row, col, row_abs=absolute, col_abs=absolute)


def col_name(col: int) -> str:
    return xl_col_to_name(col)


def quoted(sheet: str) -> str:
    """A sheet name as formulas write it: always quoted, apostrophes doubled."""
    return "'" + sheet.replace("'", "''") + "'"


def ref(sheet: str, row: int, col: int, absolute: bool = False) -> str:
    return f"{quoted(sheet)}!{cell(row, col, absolute)}"


def sheet_name(name: str, taken: set[str], ending: str = "") -> str:
    """A legal, unused sheet name for a dimension (≤ 31 characters, no []:*?/\\), ending
    with `ending` (" (volume)") however long the name."""
    base = _FORBIDDEN.sub("_", name).strip().strip("'").strip() or "Dimension"
    candidate, n = _fit(base, 31 - len(ending)).rstrip("'") + ending, 1
    while candidate.casefold() in taken or candidate.casefold() == "history":
        n += 1
        suffix = f" ({n}){ending}"
        candidate = _fit(base, 31 - len(suffix)) + suffix
    taken.add(candidate.casefold())
    return candidate


def _fit(text: str, limit: int) -> str:
    """The longest start of `text` within `limit` UTF-16 units (Excel counts those)."""
    while len(text.encode("utf-16-le")) // 2 > limit:
        text = text[:-1]
    return text


def dimension_sheets(project: Project) -> dict[str, str]:
    """Sheet name per dimension id, in dimension order, clear of the fixed sheets."""
    taken = {s.casefold() for s in (*FIXED_SHEETS, *MEASURE_SHEETS)}
    return {d.id: sheet_name(d.name, taken) for d in project.dimensions}


def block_rows(members: int, dimension: bool) -> int:
    """Rows one scenario block takes, including the blank line after it."""
    if not dimension:
        return 4
    return 2 + 2 * members + 2 + 2 * members + 1
