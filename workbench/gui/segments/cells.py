"""What every cell of a block of table rows shows, built in one pass per block.

A repaint asks seven roles of each of several hundred visible cells; answering each from
scratch costs more than the paint itself. So the table's rows are built a block at a time
(the numbers formatted row by row, the states of the whole block from the core's
`cell_states`), and a role of a cell is then one list look-up. The rules of the look are
here: the modelling convention (blue inputs, black computed), pins and holds with a marker,
forecast years on a tint, gaps in red when they are not negligible.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QFont

from workbench.core.derived import DASH, format_percent
from workbench.core.explain import STATES, cell_states, held_cells
from workbench.core.project import Project
from workbench.gui.segments import styles
from workbench.gui.segments.edits import editable
from workbench.gui.segments.layout import Column, Row

STATE_ROLE = int(Qt.ItemDataRole.UserRole) + 1
"""input, computed, pinned or blank for a series' year cell; None elsewhere."""
HELD_ROLE = int(Qt.ItemDataRole.UserRole) + 2
"""True for a held cell."""
FLAGS = -1
"""Key of the cells' item flags, next to their roles."""

DISPLAY = int(Qt.ItemDataRole.DisplayRole)
DECORATION = int(Qt.ItemDataRole.DecorationRole)
FONT = int(Qt.ItemDataRole.FontRole)
ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
BACKGROUND = int(Qt.ItemDataRole.BackgroundRole)
FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)

READ_ONLY = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
EDITABLE = READ_ONLY | Qt.ItemFlag.ItemIsEditable
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
GAP_TOLERANCE = 5e-3
"""A gap smaller than this (in the project's unit) is rounding, shown muted, not red."""

_ASSUMPTIONS = ("method", "rate", "k", "r")
_RATIO_ROWS = ("share", "yoy")


def format_value(value: float) -> str:
    return DASH if not math.isfinite(value) else f"{value:,.2f}"


@dataclass(frozen=True)
class Figures:
    """The numbers of one scenario laid out as the table's rows.

    `values` is (rows × years); `cagrs[kind]` one number per row for the two CAGR columns.
    """

    values: np.ndarray
    cagrs: dict[str, np.ndarray]


class BlockBuilder:
    """Builds the role lists of rows for one scenario of one project, a block at a time.

    `assumption(row, kind)` is the text of an assumption column, which the model owns
    because it also edits it.
    """

    def __init__(
        self,
        project: Project,
        scenario_id: str,
        columns: Sequence[Column],
        figures: Figures,
        assumption: Callable[[Row, str], str],
    ) -> None:
        self.project, self.scenario_id = project, scenario_id
        self.columns, self.figures, self.assumption = columns, figures, assumption
        self.year_cols = [i for i, c in enumerate(columns) if c.kind == "year"]
        self.years = [columns[i].year for i in self.year_cols]
        self.alignment = [LEFT if c.kind in ("name", "method") else RIGHT for c in columns]
        self.forecast_fill = [
            styles.brush(styles.FORECAST_FILL.name()) if c.forecast else None for c in columns
        ]

    def build(self, rows: Sequence[tuple[int, Row]]) -> list[dict[int, list]]:
        """The roles of each (row index, Row), in order."""
        series = [(r, row) for r, row in rows if row.is_series]
        keys = [row.key for _, row in series]
        codes = cell_states(self.project, self.scenario_id, keys, self.years, with_holds=False)
        held = held_cells(self.project, keys, self.years)
        marks = {r: (codes[i], held[i]) for i, (r, _) in enumerate(series)}
        return [self._row(r, row, marks.get(r)) for r, row in rows]

    def _row(self, r: int, row: Row, marks) -> dict[int, list]:
        n = len(self.columns)
        cells: dict[int, list] = {
            DISPLAY: self._display(r, row),
            ALIGNMENT: self.alignment,
            FOREGROUND: self._foreground(r, row),
            BACKGROUND: list(self.forecast_fill),
            STATE_ROLE: [None] * n,
            HELD_ROLE: [False] * n,
            DECORATION: [None] * n,
            FLAGS: [EDITABLE if self._editable(row, c) else READ_ONLY for c in self.columns],
        }
        font = _font(row)
        if font is not None:
            cells[FONT] = [font] * n
        if marks is not None:
            self._mark(cells, *marks)
        return cells

    def _display(self, r: int, row: Row) -> list[str]:
        text = [""] * len(self.columns)
        values = self.figures.values[r].tolist()
        fmt = format_percent if row.kind in _RATIO_ROWS else format_value
        for i, value in zip(self.year_cols, values, strict=True):
            text[i] = fmt(value)
        for i, column in enumerate(self.columns):
            if column.kind == "name":
                text[i] = row.label
            elif not row.is_series or column.kind == "year":
                continue
            elif column.kind in self.figures.cagrs:
                text[i] = format_percent(float(self.figures.cagrs[column.kind][r]))
            else:
                text[i] = self.assumption(row, column.kind)
        return text

    def _foreground(self, r: int, row: Row) -> list[QBrush | None]:
        if row.kind == "gap":
            gaps = self.figures.values[r]
            colours = [styles.MUTED_TEXT] * len(self.columns)
            for i, gap in zip(self.year_cols, gaps.tolist(), strict=True):
                if math.isfinite(gap) and abs(gap) > GAP_TOLERANCE:
                    colours[i] = styles.GAP_TEXT
            return [styles.brush(c.name()) for c in colours]
        if not row.is_series:
            return [styles.brush(styles.MUTED_TEXT.name())] * len(self.columns)
        blue = styles.brush(styles.INPUT_TEXT.name())
        return [blue if c.kind in _ASSUMPTIONS else None for c in self.columns]

    def _mark(self, cells: dict[int, list], codes: np.ndarray, held: np.ndarray) -> None:
        """State colours and markers of a series' year cells."""
        for i, code, is_held in zip(self.year_cols, codes.tolist(), held.tolist(), strict=True):
            state = STATES[code]
            cells[STATE_ROLE][i], cells[HELD_ROLE][i] = state, is_held
            text, fill = styles.TEXT_BY_STATE.get(state), styles.FILL_BY_STATE.get(state)
            if text is not None:
                cells[FOREGROUND][i] = styles.brush(text.name())
            if fill is not None:
                cells[BACKGROUND][i] = styles.brush(fill.name())
            if state == "pinned" or is_held:
                cells[DECORATION][i] = styles.marker(state == "pinned", is_held)

    def _editable(self, row: Row, column: Column) -> bool:
        return editable(self.project, self.scenario_id, row, column)


def _font(row: Row) -> QFont | None:
    """Bold for the total, italic for the derived rows; the view's font elsewhere."""
    if row.kind == "total":
        return styles.font(bold=True)
    if row.kind in ("share", "yoy", "gap"):
        return styles.font(italic=True)
    return None
