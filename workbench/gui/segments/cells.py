"""What every cell of a block of table rows shows, built in one pass per block.

A repaint asks seven roles of each of several hundred visible cells; answering each from
scratch costs more than the paint itself. So the table's rows are built a block at a time
(the numbers formatted row by row, the states of the whole block from the core's
`cell_states`), and a role of a cell is then one list look-up. The rules of the look are
here: the modelling convention (blue inputs, black computed), pins and holds with a marker,
forecast years on a tint, gaps in red when they are not negligible.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QFont

from workbench import numbers
from workbench.core.explain import STATE_CODES, STATES, cell_states, held_cells
from workbench.core.project import Project
from workbench.gui import locale_numbers
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
_BRUSHES = {
    "input": styles.brush(styles.INPUT_TEXT.name()),
    "pinned": styles.brush(styles.PINNED_TEXT.name()),
    "muted": styles.brush(styles.MUTED_TEXT.name()),
    "gap": styles.brush(styles.GAP_TEXT.name()),
}
"""Text colours, made once (a QColor's name costs a call into Qt each time)."""
_FILLS = {
    "input": styles.brush(styles.INPUT_FILL.name()),
    "pinned": styles.brush(styles.PINNED_FILL.name()),
    "forecast": styles.brush(styles.FORECAST_FILL.name()),
}


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
    because it also edits it. The year columns are contiguous (see `TableLayout`). A
    derived measure (`typed` False, the average price) has no inputs: every cell is
    computed and read-only.
    """

    def __init__(
        self,
        project: Project,
        scenario_id: str,
        columns: Sequence[Column],
        figures: Figures,
        assumption: Callable[[Row, str], str],
        typed: bool = True,
    ) -> None:
        self.project, self.scenario_id, self.typed = project, scenario_id, typed
        self.columns, self.figures, self.assumption = columns, figures, assumption
        year_cols = [i for i, c in enumerate(columns) if c.kind == "year"]
        self.years = slice(year_cols[0], year_cols[-1] + 1)
        self.year_list = [columns[i].year for i in year_cols]
        self.alignment = [LEFT if c.kind in ("name", "method") else RIGHT for c in columns]
        self.forecast_fill = [_FILLS["forecast"] if c.forecast else None for c in columns]
        self.series_text = [_BRUSHES["input"] if c.kind in _ASSUMPTIONS else None
                            for c in columns]
        self.read_only = [READ_ONLY] * len(columns)

    def build(self, rows: Sequence[tuple[int, Row]]) -> list[dict[int, list]]:
        """The roles of each (row index, Row), in order."""
        series = [(r, row) for r, row in rows if row.is_series and self.typed]
        keys = [row.key for _, row in series]
        p, scenario = self.project, self.scenario_id
        codes = cell_states(p, scenario, keys, self.year_list, with_holds=False)
        held = held_cells(p, keys, self.year_list)
        marks = {r: (codes[i], held[i]) for i, (r, _) in enumerate(series)}
        return [self._row(r, row, marks.get(r)) for r, row in rows]

    def _row(self, r: int, row: Row, marks) -> dict[int, list]:
        n = len(self.columns)
        series = row.is_series
        cells: dict[int, list] = {
            DISPLAY: self._display(r, row, series),
            ALIGNMENT: self.alignment,
            FOREGROUND: self._foreground(r, row, series),
            BACKGROUND: list(self.forecast_fill),
            STATE_ROLE: [None] * n,
            HELD_ROLE: [False] * n,
            DECORATION: [None] * n,
            FLAGS: self._flags(row) if series and self.typed else self.read_only,
        }
        font = _font(row)
        if font is not None:
            cells[FONT] = [font] * n
        if marks is not None:
            self._mark(cells, *marks)
        return cells

    def _display(self, r: int, row: Row, series: bool) -> list[str]:
        text = [""] * len(self.columns)
        text[self.years] = self._year_texts(r, row)
        for i, column in enumerate(self.columns):
            kind = column.kind
            if kind == "name":
                text[i] = row.label
            elif not series or kind == "year":
                continue
            elif kind in self.figures.cagrs:
                text[i] = locale_numbers.percent(float(self.figures.cagrs[kind][r]))
            else:
                text[i] = self.assumption(row, kind)
        return text

    def _year_texts(self, r: int, row: Row) -> list[str]:
        values = self.figures.values[r]
        notation = locale_numbers.notation()
        if row.kind in _RATIO_ROWS:
            return [_year_percent(v, notation) for v in values.tolist()]
        if row.kind == "scale":  # a factor: blank in history and where nothing was reconciled
            factors = values.tolist()
            return ["" if v != v else "× " + numbers.amount(v, 4, notation) for v in factors]
        if row.kind == "gap":
            return _gap_texts(values.tolist(), self.figures.values, notation)
        return [numbers.amount(v, 2, notation) for v in values.tolist()]

    def _foreground(self, r: int, row: Row, series: bool) -> list[QBrush | None]:
        if series:
            return list(self.series_text)
        colours = [_BRUSHES["muted"]] * len(self.columns)
        if row.kind == "gap":
            gaps = np.abs(np.nan_to_num(self.figures.values[r])) > GAP_TOLERANCE
            for offset in np.flatnonzero(gaps).tolist():
                colours[self.years.start + offset] = _BRUSHES["gap"]
        return colours

    def _flags(self, row: Row) -> list[Qt.ItemFlag]:
        """Each column's flags; cells of one kind (and one half, for years) agree."""
        by_kind: dict[tuple[str, bool], Qt.ItemFlag] = {}
        flags = []
        for column in self.columns:
            key = (column.kind, column.forecast)
            if key not in by_kind:
                editable_cell = editable(self.project, self.scenario_id, row, column)
                by_kind[key] = EDITABLE if editable_cell else READ_ONLY
            flags.append(by_kind[key])
        return flags

    def _mark(self, cells: dict[int, list], codes: np.ndarray, held: np.ndarray) -> None:
        """State colours and markers of a series' year cells (computed cells keep none)."""
        first = self.years.start
        cells[STATE_ROLE][self.years] = [STATES[code] for code in codes.tolist()]
        cells[HELD_ROLE][self.years] = held.tolist()
        plain = (codes == STATE_CODES["computed"]) | (codes == STATE_CODES["blank"])
        for offset in np.flatnonzero(~plain | held).tolist():
            state, is_held = STATES[codes[offset]], bool(held[offset])
            i = first + offset
            cells[FOREGROUND][i] = _BRUSHES.get(state, cells[FOREGROUND][i])
            cells[BACKGROUND][i] = _FILLS.get(state, cells[BACKGROUND][i])
            if state == "pinned" or is_held:
                cells[DECORATION][i] = styles.marker(state == "pinned", is_held)


def _font(row: Row) -> QFont | None:
    """Bold for the total, italic for the derived rows; the view's font elsewhere."""
    if row.kind == "total":
        return styles.font(bold=True)
    if row.kind in ("share", "yoy", "gap", "scale"):
        return styles.font(italic=True)
    return None


def _year_percent(value: float, notation: numbers.Notation) -> str:
    """Shares and growth in a year column: whole percents from 100 % up ("131 %"), so
    early years' triple-digit growth fits the column like the rest."""
    return numbers.percent(value, 0 if abs(value) >= 1 else 1, notation)


def _gap_texts(gaps: list[float], figures: np.ndarray, notation) -> list[str]:
    """A difference of sums: float residue reads as zero, a gap too small to matter (muted,
    below `GAP_TOLERANCE`) with one significant digit ("-0.00005", so a year column shows
    it whole instead of eliding "-0.0000458"; the tooltip has the figure), a real gap
    as every amount."""
    scale = float(np.nanmax(np.abs(figures), initial=0.0))
    return [
        numbers.number(v, 1, notation)
        if numbers.RESIDUE * scale < abs(v) < GAP_TOLERANCE
        else numbers.amount(v, 2, notation, scale)
        for v in gaps
    ]
