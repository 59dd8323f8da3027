"""The volume's unit: a blue cell above the blocks of the volume's Total market sheet.

The unit is the volume's own ("million subscriptions"), typed where the volume's numbers
are; the price's unit and factor follow from it and the value's unit (About).
"""

from __future__ import annotations

from workbench.excel.grid import Grid
from workbench.excel.layout import FIRST_BLOCK_ROW, FIRST_YEAR_COL, ID_COL, NAME_COL
from workbench.excel.styles import Context, write_text

UNIT_ID = "unit"
UNIT_ROW = FIRST_BLOCK_ROW - 1
"""The blank row between a value sheet's hint and its first block."""


def write_volume_unit(ctx: Context, ws) -> None:
    f = ctx.formats
    write_text(ws, UNIT_ROW, ID_COL, UNIT_ID, f["id"])
    write_text(ws, UNIT_ROW, NAME_COL, "Unit of the volume", f["label_bold"])
    # not wrapped: the unit runs on over the empty cells to its right, in one line
    write_text(ws, UNIT_ROW, FIRST_YEAR_COL, ctx.project.metadata.unit, f["input_plain"])


def read_volume_unit(grid: Grid, scenario_ids: list[str]) -> tuple[str, str]:
    """The unit typed on the sheet, and the cell it is in; a missing or empty one is refused."""
    for row in range(len(grid)):
        found = grid.text(row, ID_COL).strip() if grid.get(row, ID_COL)[1] == "s" else ""
        if found in scenario_ids:
            break
        if found == UNIT_ID:
            unit = grid.text(row, FIRST_YEAR_COL).strip()
            if not unit:
                raise grid.error(row, FIRST_YEAR_COL, "the volume's unit must not be empty.")
            return unit, grid.where(row, FIRST_YEAR_COL)
    raise grid.error(
        UNIT_ROW, ID_COL, f"the volume's unit row (id {UNIT_ID!r} in column A) is missing."
    )
