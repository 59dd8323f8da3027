"""The segment table as a Qt item model over one scenario's forecast.

It computes nothing: numbers come from `document.result(scenario)` and the derived-figure
functions of the core. After an edit it swaps in the new result and announces ONE
`dataChanged` over the value block (never a reset), and formats cells lazily, only those
the view paints, caching the strings; that is what keeps an edit on a 200-segment page
fast. Structure changes (segments, years, scenarios) rebuild with a reset.
"""

from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from workbench.core.derived import DASH, cagr_rows, format_percent, share_rows, yoy_rows
from workbench.core.document import Document
from workbench.core.engine import ScenarioResult
from workbench.core.errors import ModelError
from workbench.core.explain import explain_cell
from workbench.core.project import TOTAL
from workbench.gui.bridge import DocumentBridge
from workbench.gui.segments import styles
from workbench.gui.segments.edits import EditPlan, editable
from workbench.gui.segments.layout import METHOD_LABELS, Column, Row, TableLayout, build_layout

STATE_ROLE = Qt.ItemDataRole.UserRole + 1
"""input, computed, pinned or blank for a series' year cell; None elsewhere."""
HELD_ROLE = Qt.ItemDataRole.UserRole + 2
"""True for a held cell."""

_FLAGS = -1
"""Cache key of a cell's item flags, next to its roles."""

_Index = QModelIndex | QPersistentModelIndex
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


def format_value(value: float) -> str:
    return DASH if not math.isfinite(value) else f"{value:,.2f}"


class SegmentTableModel(QAbstractTableModel):
    def __init__(self, bridge: DocumentBridge, dimension_id: str | None, scenario_id: str) -> None:
        super().__init__()
        self.bridge, self.dimension_id, self.scenario_id = bridge, dimension_id, scenario_id
        self.layout: TableLayout = build_layout(bridge.document.project, dimension_id)
        self._cache: dict[tuple[int, int], dict[int, object]] = {}
        self._read_result()

    # -- what the page calls --------------------------------------------------------------

    def row(self, index: int) -> Row:
        return self.layout.rows[index]

    def column(self, index: int) -> Column:
        return self.layout.columns[index]

    @property
    def result(self) -> ScenarioResult:
        return self._result

    @property
    def document(self) -> Document:
        return self.bridge.document

    def set_scenario(self, scenario_id: str) -> None:
        self.scenario_id = scenario_id
        self.refresh_values()

    def rebuild(self) -> None:
        """Rows and columns anew (segments, years or scenarios changed)."""
        self.beginResetModel()
        self.layout = build_layout(self.document.project, self.dimension_id)
        self._read_result()
        self.endResetModel()

    def refresh_values(self) -> None:
        """New numbers and marks in the same rows and columns: one dataChanged."""
        self._read_result()
        if self.rowCount() and self.columnCount():
            last = self.index(self.rowCount() - 1, self.columnCount() - 1)
            self.dataChanged.emit(self.index(0, 1), last)

    def plan(self) -> EditPlan:
        return EditPlan(self.document.project, self.scenario_id, self._result)

    def edit_text(self, row: int, column: int) -> str:
        return str(self.data(self.index(row, column), Qt.ItemDataRole.EditRole) or "")

    # -- Qt model -------------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.layout.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.layout.columns)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        key = (index.row(), index.column())
        roles = self._cache.get(key)
        if roles is None:
            roles = self._cache[key] = self._roles(*key)
        return roles[_FLAGS]

    def headerData(self, section: int, orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or section >= len(self.layout.columns):
            return None
        column = self.column(section)
        if role == Qt.ItemDataRole.DisplayRole:
            return column.label
        if role == Qt.ItemDataRole.ForegroundRole and column.forecast:
            return styles.brush(styles.FORECAST_HEADER.name())
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._header_tip(column)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _LEFT if column.kind in ("name", "method") else _RIGHT
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(index.row(), index.column())
        key = (index.row(), index.column())
        roles = self._cache.get(key)
        if roles is None:
            roles = self._cache[key] = self._roles(*key)
        return roles.get(role) if role != _FLAGS else None

    def setData(self, index: _Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """Type `value` into one cell; unchanged text is no edit (Enter twice pins nothing)."""
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        text = str(value if value is not None else "")
        if text == self.edit_text(index.row(), index.column()):
            return False
        return self.apply([(index.row(), index.column(), text)], "Edit cell")

    def apply(self, cells: list[tuple[int, int, str]], label: str) -> bool:
        """Write text into (row, column) cells as ONE undo step, or refuse them all.

        A refusal (a cell that does not parse, is computed, or a command the core rejects)
        is reported through the bridge's `error` and changes nothing.
        """
        plan = self.plan()
        try:
            for r, c, text in cells:
                plan.add(self.row(r), self.column(c), text)
        except ModelError as exc:
            self.bridge.error.emit(str(exc))
            return False
        command = plan.command(label)
        return command is not None and self.bridge.execute(command)

    # -- reading the forecast ---------------------------------------------------------------

    def _read_result(self) -> None:
        self._cache.clear()
        result = self._result = self.document.result(self.scenario_id)
        rows = self.layout.rows
        out = np.full((len(rows), len(result.years)), np.nan)
        series = [i for i, r in enumerate(rows) if r.is_series]
        out[series] = result.values[[result.row[rows[i].key] for i in series]]
        shares = [i for i, r in enumerate(rows) if r.kind == "share"]
        if shares:
            out[shares] = share_rows(result, [rows[i].key for i in shares])
        for i, r in enumerate(rows):
            if r.kind == "gap":
                out[i] = result.gaps[r.key]
            elif r.kind == "yoy":
                out[i] = yoy_rows(result.values[result.row[TOTAL]])
        self._values = out
        meta = self.document.project.metadata
        self._cagrs = {
            "cagr_history": self._cagr_column(meta.first_year, meta.base_year, result),
            "cagr_forecast": self._cagr_column(meta.base_year, meta.last_year, result),
        }

    def _cagr_column(self, a: int, b: int, result: ScenarioResult) -> np.ndarray:
        by_series = cagr_rows(result, a, b)
        return np.array([
            by_series[result.row[r.key]] if r.kind in ("total", "segment") else np.nan
            for r in self.layout.rows
        ])

    # -- one cell -------------------------------------------------------------------------

    def _roles(self, r: int, c: int) -> dict[int, object]:
        """Every role of one cell at once: the view asks for seven of them per paint."""
        row, column = self.row(r), self.column(c)
        state = self._state(row, column)
        held = row.is_series and (row.key, column.year) in self.document.project.holds
        roles = {
            Qt.ItemDataRole.DisplayRole: self._display(r, row, column),
            Qt.ItemDataRole.EditRole: self._edit(r, row, column),
            Qt.ItemDataRole.TextAlignmentRole: (
                _LEFT if column.kind in ("name", "method") else _RIGHT),
            Qt.ItemDataRole.FontRole: self._font(row),
            Qt.ItemDataRole.ForegroundRole: self._foreground(r, row, column, state),
            Qt.ItemDataRole.BackgroundRole: self._background(column, state),
            STATE_ROLE: state,
            HELD_ROLE: held,
            _FLAGS: self._flags(row, column),
        }
        if state == "pinned" or held:
            roles[Qt.ItemDataRole.DecorationRole] = styles.marker(state == "pinned", held)
        return roles

    def _display(self, r: int, row: Row, column: Column) -> str:
        if column.kind == "name":
            return row.label
        if column.kind == "year":
            value = self._values[r, column.year - self._result.first_year]
            return format_percent(value) if row.kind in ("share", "yoy") else format_value(value)
        if column.kind in self._cagrs:
            return format_percent(self._cagrs[column.kind][r]) if row.is_series else ""
        return self._assumption(row, column.kind) if row.is_series else ""

    def _assumption(self, row: Row, kind: str) -> str:
        project = self.document.project
        if row.key == TOTAL and project.mode == "bottom_up":
            primary = project.dimension(project.primary_dimension).name
            return f"Sum of {primary}" if kind == "method" else ""
        g = project.growth_of(self.scenario_id, row.key)
        if kind == "method":
            return METHOD_LABELS[g.method]
        if kind == "rate":
            return {"cagr": format_percent(g.rate), "growth_by_year": "by year"}.get(g.method, "")
        if g.method != "s_curve":
            return ""
        value = g.k if kind == "k" else g.r
        return "" if value is None else (format_value(value) if kind == "k" else f"{value:.3g}")

    def _edit(self, r: int, row: Row, column: Column) -> str:
        """What an editor starts with: the exact number, without thousands separators."""
        if column.kind == "name":
            return row.label
        project = self.document.project
        if column.kind == "year" and row.is_series:
            key = (self.scenario_id, row.key, column.year)
            g = project.growth_of(self.scenario_id, row.key)
            if column.forecast and key not in project.pins and g.method == "growth_by_year":
                return _percent_text(g.rates.get(column.year, 0.0))
            value = self._values[r, column.year - self._result.first_year]
            return f"{value:.10g}" if math.isfinite(value) else ""
        if column.kind == "rate":
            return _percent_text(project.growth_of(self.scenario_id, row.key).rate)
        if column.kind in ("k", "r"):
            return self._display(r, row, column).replace(",", "")
        return self._display(r, row, column)

    def _flags(self, row: Row, column: Column) -> Qt.ItemFlag:
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if editable(self.document.project, self.scenario_id, row, column):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def _state(self, row: Row, column: Column) -> str | None:
        """The cell's state, from the project's key look-ups (constant time per cell)."""
        if column.kind != "year" or not row.is_series:
            return None
        p, year = self.document.project, column.year
        if not column.forecast:
            return "input" if (row.key, year) in p.history else "blank"
        if row.key == TOTAL and p.mode == "bottom_up":
            return "computed"
        if (self.scenario_id, row.key, year) in p.pins:
            return "pinned"
        g = p.growth_of(self.scenario_id, row.key)
        if g.method == "manual":
            return "input" if year in g.values else "blank"
        return "computed"

    def _font(self, row: Row):
        return styles.font(bold=row.kind == "total", italic=row.kind in ("share", "yoy", "gap"))

    def _foreground(self, r: int, row: Row, column: Column, state: str | None):
        if row.kind == "gap" and column.kind == "year":
            gap = self._values[r, column.year - self._result.first_year]
            big = math.isfinite(gap) and abs(gap) > 5e-3
            return styles.brush((styles.GAP_TEXT if big else styles.MUTED_TEXT).name())
        if row.kind in ("share", "yoy", "gap"):
            return styles.brush(styles.MUTED_TEXT.name())
        colour = styles.TEXT_BY_STATE.get(state or "")
        if column.kind in ("method", "rate", "k", "r") and row.is_series:
            colour = styles.INPUT_TEXT
        return styles.brush(colour.name()) if colour is not None else None

    def _background(self, column: Column, state: str | None):
        colour = styles.FILL_BY_STATE.get(state or "")
        if colour is None and column.forecast:
            colour = styles.FORECAST_FILL
        return styles.brush(colour.name()) if colour is not None else None

    # -- tooltips -------------------------------------------------------------------------

    def _tooltip(self, r: int, c: int) -> str | None:
        row, column = self.row(r), self.column(c)
        if column.kind != "year" or not row.is_series:
            return None
        info = explain_cell(self.document, self.scenario_id, row.key, column.year)
        lines = [f"{styles.STATE_WORDS[info.state]}: {info.formula}"]
        if info.held:
            lines.append("Held: spreading and scaling leave this cell as it is.")
        if info.note:
            lines.append(f"Note: {info.note}")
        return "\n".join(lines)

    def _header_tip(self, column: Column) -> str | None:
        unit = self.document.project.metadata.unit
        if column.kind == "year":
            return f"{'Forecast' if column.forecast else 'History'} {column.year}, {unit}"
        return {
            "cagr_history": "Compound annual growth over the history years",
            "cagr_forecast": "Compound annual growth from the base year to the last year",
            "rate": "CAGR of a CAGR series; type 12 or 12 % for twelve percent",
            "k": f"S-curve saturation level K, {unit}",
            "r": "S-curve steepness r",
        }.get(column.kind)


def _percent_text(rate: float) -> str:
    return f"{rate * 100:.6g} %"
