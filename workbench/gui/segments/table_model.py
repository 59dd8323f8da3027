"""The segment table as a Qt item model over one scenario's forecast.

It computes nothing: numbers come from `document.result(scenario)` and the derived-figure
functions of the core. After an edit it drops what it had read and announces `dataChanged`
over the rows whose numbers or marks changed (never a reset); it reads the new forecast
only when a view (or anyone) asks, so a page that is not on screen costs nothing. Cells
are built a block of rows at a time (`cells.BlockBuilder`) and each role is then a list
look-up; that is what keeps an edit on a 200-segment page fast. Structure changes
(segments, years, scenarios) rebuild with a reset.

It shows the measure the window has chosen (`bridge.measure`) through a `MeasureReading`:
the numbers, marks and assumptions of that measure, and every edit typed or pasted into it
wrapped to land on it. The average price is read-only: typing there is refused with one
sentence on the status bar.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from workbench.core.derived import cagr_rows, share_rows, yoy_rows
from workbench.core.document import Document
from workbench.core.engine import ScenarioResult
from workbench.core.errors import ModelError
from workbench.core.explain import explain_cell
from workbench.core.fields import Field
from workbench.core.measures import PRICE, VOLUME_FIELDS, price_unit
from workbench.core.methods import REGISTERED, method
from workbench.core.project import TOTAL
from workbench.core.reconcile_words import (
    bends,
    explain_rate,
    explain_reconciliation,
    rate_text,
)
from workbench.core.transaction import WHOLE, Change
from workbench.gui import locale_numbers
from workbench.gui.bridge import DocumentBridge
from workbench.gui.measures import MeasureReading
from workbench.gui.segments import styles
from workbench.gui.segments.cells import (
    FLAGS,
    HELD_ROLE,
    LEFT,
    RIGHT,
    STATE_ROLE,
    BlockBuilder,
    Figures,
)
from workbench.gui.segments.edits import EditPlan
from workbench.gui.segments.layout import Column, Row, TableLayout, build_layout

__all__ = ["HELD_ROLE", "STATE_ROLE", "SegmentTableModel"]

_Index = QModelIndex | QPersistentModelIndex
_BLOCK = 24
"""Rows built together: about one screen, so a repaint builds one or two blocks."""
_EDIT = int(Qt.ItemDataRole.EditRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_SERIES_KEYED = {Field.HISTORY: 0, Field.HOLDS: 0, Field.PINS: 1, Field.GROWTH: 1}
"""Fields whose keys name a series, and where in the key: their edits change its marks."""
_VALUE_ONLY = frozenset({*_SERIES_KEYED, Field.NOTES, Field.HISTORY_SOURCES})
"""Fields whose edits change no more than the numbers and the marks of the series named
(the value's; a measure's own are `MeasureReading.field` of these)."""


class SegmentTableModel(QAbstractTableModel):
    def __init__(self, bridge: DocumentBridge, dimension_id: str | None, scenario_id: str) -> None:
        super().__init__()
        self.bridge, self.dimension_id, self.scenario_id = bridge, dimension_id, scenario_id
        self.measure = bridge.shown_measure
        self._reading: MeasureReading | None = None
        self.layout: TableLayout = self._layout()
        self._forget()

    # -- what the page calls --------------------------------------------------------------

    def row(self, index: int) -> Row:
        return self.layout.rows[index]

    def column(self, index: int) -> Column:
        return self.layout.columns[index]

    @property
    def result(self) -> ScenarioResult:
        return self._read()[0]

    @property
    def document(self) -> Document:
        return self.bridge.document

    @property
    def reading(self) -> MeasureReading:
        """The document as the shown measure reads it (taken anew after each edit)."""
        if self._reading is None:
            self._reading = MeasureReading(self.document, self.measure)
        return self._reading

    def set_scenario(self, scenario_id: str) -> None:
        self.scenario_id = scenario_id
        self.refresh_values()

    def rebuild(self) -> None:
        """Rows and columns anew (segments, years, scenarios or the measure changed)."""
        self.beginResetModel()
        self.measure = self.bridge.shown_measure
        self._reading = None
        self.layout = self._layout()
        self._forget()
        self.endResetModel()

    def _layout(self) -> TableLayout:
        reading = self.reading
        heading = f"{reading.label}\n{reading.unit}"
        return build_layout(reading.project, self.dimension_id, heading, reading.typed)

    def refresh_values(self, change: Change | None = None) -> None:
        """New numbers and marks in the same rows and columns: one dataChanged.

        With the `change` that caused it, only the rows whose numbers changed, or whose
        series the change names, are announced (none when nothing on this table moved);
        without it, all of them.
        """
        before = self._figures
        self._forget()
        rows = self._changed_rows(before, change)
        if rows is not None and self.columnCount():
            last = self.columnCount() - 1
            self.dataChanged.emit(self.index(rows[0], 0), self.index(rows[1], last))

    def plan(self) -> EditPlan:
        return EditPlan(self.reading.project, self.scenario_id, self.result)

    def refuse_typing(self) -> None:
        """Say, on the status bar, why the average price cannot be typed."""
        explanation = price_unit(self.document.project).explanation
        self.bridge.status.emit(
            f"The average price is computed ({explanation}); switch to Value or Volume "
            "to type a number."
        )

    def copy_text(self, r: int, c: int) -> str:
        """A cell as the app's own copy carries it: a series' value exactly (the shortest
        text that reads back as the same float), blank when it has none; else as shown."""
        row, column = self.row(r), self.column(c)
        if column.kind == "year" and row.is_series:
            result, figures = self._read()
            value = figures.values[r, result.col(column.year)]
            return locale_numbers.exact(value)
        return str(self.data(self.index(r, c)) or "")

    def edit_text(self, row: int, column: int) -> str:
        return str(self.data(self.index(row, column), Qt.ItemDataRole.EditRole) or "")

    # -- Qt model -------------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.layout.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.layout.columns)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        r = index.row()
        if r < 0:
            return Qt.ItemFlag.NoItemFlags
        return (self._rows[r] or self._build(r))[FLAGS][index.column()]

    def cells(self, r: int) -> dict[int, list]:
        """Every role of row `r` as lists by column (the delegate paints from these)."""
        return self._rows[r] or self._build(r)

    def data(self, index: _Index, role: int = 0):
        r = index.row()
        if r < 0:
            return None
        cells = (self._rows[r] or self._build(r)).get(role)
        if cells is not None:
            return cells[index.column()]
        if role == _EDIT:
            return self._edit(r, index.column())
        if role == _TOOLTIP:
            return self._tooltip(r, index.column())
        return None

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
            return LEFT if column.kind in ("name", "method") else RIGHT
        return None

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
        is reported through the bridge's `error` and changes nothing; on the average price,
        through its `status`.
        """
        if not self.reading.typed:
            self.refuse_typing()
            return False
        plan = self.plan()
        try:
            for r, c, text in cells:
                plan.add(self.row(r), self.column(c), text)
        except ModelError as exc:
            self.bridge.error.emit(str(exc))
            return False
        command = plan.command(label)
        return command is not None and self.bridge.execute(self.reading.command(command))

    # -- reading the forecast ---------------------------------------------------------------

    def _forget(self) -> None:
        """Drop what was read; the next question reads the document's current forecast."""
        self._reading: MeasureReading | None = None
        self._result: ScenarioResult | None = None
        self._figures: Figures | None = None
        self._builder: BlockBuilder | None = None
        self._rows: list[dict[int, list] | None] = [None] * len(self.layout.rows)

    def _read(self) -> tuple[ScenarioResult, Figures]:
        if self._result is None or self._figures is None:
            self._result = self.reading.result(self.scenario_id)
            self._figures = self._figures_of(self._result)
        return self._result, self._figures

    def _figures_of(self, result: ScenarioResult) -> Figures:
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
            elif r.kind == "scale":
                out[i] = result.scales[r.key]
            elif r.kind == "yoy":
                out[i] = yoy_rows(result.values[result.row[TOTAL]])
        meta = self.document.project.metadata
        cagrs = {
            "cagr_history": self._cagr_column(*meta.history_cagr_years, result),
            "cagr_forecast": self._cagr_column(*meta.forecast_cagr_years, result),
        }
        return Figures(out, cagrs)

    def _cagr_column(self, a: int, b: int, result: ScenarioResult) -> np.ndarray:
        by_series = cagr_rows(result, a, b)
        return np.array([
            by_series[result.row[r.key]] if r.is_series else np.nan for r in self.layout.rows
        ])

    def _build(self, r: int) -> dict[int, list]:
        """Build the block of rows around `r` and return the roles of row `r`."""
        if self._builder is None:
            _, figures = self._read()
            reading = self.reading
            self._builder = BlockBuilder(
                reading.project, self.scenario_id, self.layout.columns, figures,
                self._assumption, reading.typed,
            )
        first = r - r % _BLOCK
        block = range(first, min(first + _BLOCK, len(self._rows)))
        for i, cells in zip(block, self._builder.build([(i, self.row(i)) for i in block]),
                            strict=True):
            self._rows[i] = cells
        return self._rows[r]

    def _changed_rows(
        self, before: Figures | None, change: Change | None
    ) -> tuple[int, int] | None:
        """First and last row to announce after an edit, or None when no row changed.

        Without the figures that were on screen there is nothing to compare with (and
        no view painted them), so every row is announced; so is any change that is not a
        value or a mark (a mode switch changes what every cell means).
        """
        count = len(self.layout.rows)
        if before is None or change is None or not change.fields <= self._value_only():
            return (0, count - 1) if count else None
        after = self._read()[1]
        moved = _differs(before.values, after.values).any(axis=1)
        for kind, column in after.cagrs.items():
            moved |= _differs(before.cagrs[kind], column)
        moved |= self._named_rows(change)
        changed = np.flatnonzero(moved)
        return (int(changed[0]), int(changed[-1])) if len(changed) else None

    def _named_rows(self, change: Change) -> np.ndarray:
        """Rows of the series whose inputs the change names (their marks may differ)."""
        named: set[str] = set()
        for field, position in _SERIES_KEYED.items():
            keys = change.keys.get(self.reading.field(field))
            if keys is WHOLE:
                return np.ones(len(self.layout.rows), dtype=bool)
            named.update(key[position] for key in keys or ())
        return np.array([r.is_series and r.key in named for r in self.layout.rows], dtype=bool)

    def _value_only(self) -> frozenset[Field]:
        """The fields whose edits change only numbers and marks of named series here (the
        price follows both measures' inputs; it has no marks of its own)."""
        if self.measure == PRICE:
            return frozenset({*_VALUE_ONLY, *(VOLUME_FIELDS[f] for f in _VALUE_ONLY)})
        return frozenset(self.reading.field(f) for f in _VALUE_ONLY)

    # -- text of one cell ------------------------------------------------------------------

    def _assumption(self, row: Row, kind: str) -> str:
        project = self.reading.project
        if row.key == TOTAL and project.mode == "bottom_up":
            primary = project.dimension(project.primary_dimension).name
            return f"Sum of {primary}" if kind == "method" else ""
        g = project.growth_of(self.scenario_id, row.key)
        grows = method(g.method)
        if kind == "method":
            return grows.label
        param = grows.parameter(kind)
        if param is None:
            return ""
        if param.by_year:
            return "by year"
        value = getattr(g, param.field)
        if value is None:
            return ""
        if g.method == "cagr" and kind == "rate":
            return rate_text(value, self._shown_cagr(row.key), _PARAMETER_TEXT["percent"])
        return _PARAMETER_TEXT[param.style](value)

    def bends_a_rate(self) -> bool:
        """Whether any CAGR series on the table shows a CAGR other than its typed rate
        (the page then widens the rate column for the notice)."""
        project = self.reading.project
        if not self.reading.typed:
            return False
        for row in self.layout.rows:
            g = project.growth_of(self.scenario_id, row.key) if row.is_series else None
            if g is not None and g.method == "cagr" and bends(g.rate, self._shown_cagr(row.key)):
                return True
        return False

    def _shown_cagr(self, series_id: str) -> float:
        """The headline forecast CAGR the series shows (after reconciliation)."""
        result = self._read()[0]
        a, b = self.reading.project.metadata.forecast_cagr_years
        return float(cagr_rows(result, a, b)[result.row[series_id]])

    def _edit(self, r: int, c: int) -> str:
        """What an editor starts with: the exact number, without thousands separators."""
        row, column = self.row(r), self.column(c)
        if column.kind == "name":
            return row.label
        project = self.reading.project
        if not row.is_series or not self.reading.typed:
            return str(self.data(self.index(r, c)) or "")
        g = project.growth_of(self.scenario_id, row.key)
        if column.kind == "year":
            key = (self.scenario_id, row.key, column.year)
            yearly = method(g.method).yearly_rate()
            if column.forecast and key not in project.pins and yearly is not None:
                rates = getattr(g, yearly.field)
                return locale_numbers.plain_percent(rates.get(column.year, 0.0))
            result, figures = self._read()
            return locale_numbers.plain(figures.values[r, result.col(column.year)])
        param = method(g.method).parameter(column.kind)
        if param is None or param.by_year:
            return str(self.data(self.index(r, c)) or "")
        value = getattr(g, param.field)
        if param.style == "percent":
            return locale_numbers.plain_percent(value)
        return locale_numbers.plain(value)

    # -- tooltips -------------------------------------------------------------------------

    def _tooltip(self, r: int, c: int) -> str | None:
        row, column, reading = self.row(r), self.column(c), self.reading
        if column.kind == "rate" and row.is_series:
            return explain_rate(reading, self.scenario_id, row.key)
        if column.kind == "year" and row.kind in ("gap", "scale"):
            return explain_reconciliation(
                reading, self.scenario_id, row.key, column.year, row.kind
            )
        if column.kind != "year" or not row.is_series:
            return None
        info = explain_cell(self.document, self.scenario_id, row.key, column.year, self.measure)
        if not reading.typed:
            return info.formula
        lines = [f"{styles.STATE_WORDS[info.state]}: {info.formula}"]
        if info.held:
            lines.append("Held: spreading and scaling leave this cell as it is.")
        if info.note:
            lines.append(f"Note: {info.note}")
        return "\n".join(lines)

    def _header_tip(self, column: Column) -> str | None:
        unit, measure = self.reading.unit, self.reading.label.lower()
        if column.kind == "year":
            half = "Forecast" if column.forecast else "History"
            return f"{half} {column.year}, {measure}, {unit}"
        return {
            "cagr_history": "Compound annual growth over the history years",
            "cagr_forecast": "Compound annual growth of the numbers shown, from the first "
            "forecast year to the last year",
            "rate": "CAGR of a CAGR series; type 12 or 12 % for twelve percent",
            "k": f"Saturation level K ({_users('k')}), {unit}",
            "r": f"Steepness r ({_users('r')})",
        }.get(column.kind)


_PARAMETER_TEXT = {
    "percent": locale_numbers.percent,
    "number": locale_numbers.amount,
    "plain": lambda value: locale_numbers.number(value, 3),
}
"""How the assumption columns write a parameter, by its style in the registry."""


def _users(column: str) -> str:
    """The labels of the growth methods that put a parameter in `column`."""
    return ", ".join(m.label for m in REGISTERED if m.parameter(column) is not None)


def _differs(before: np.ndarray, after: np.ndarray) -> np.ndarray:
    """Element-wise "not the same number"; two blanks (NaN) are the same."""
    return (before != after) & ~(np.isnan(before) & np.isnan(after))
