"""The right-click menu of a segment table: the edits that are not typing.

Each action is one core command through the bridge (so one undo step) on the measure the
table shows; the questions it needs (a source, a note, a target) go through
`workbench.gui.dialogs`, which tests patch. The average price has no actions: it is
derived, and the menu says how.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QModelIndex
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QWidget

from workbench.core.commands import (
    BackSolve,
    Command,
    ScaleHistoryToTotal,
    SetHistorySource,
    SetHold,
    SetNote,
    SetPin,
    SpreadTotal,
)
from workbench.core.measures import price_unit
from workbench.core.project import TOTAL
from workbench.gui import dialogs
from workbench.gui.segments.backsolve import BackSolveDialog
from workbench.gui.segments.layout import Column, Row
from workbench.gui.segments.table_model import SegmentTableModel


class CellMenu:
    """Builds the menu for one cell; `menu.actions()` are ready to trigger."""

    def __init__(self, model: SegmentTableModel, index: QModelIndex, parent: QWidget) -> None:
        self.model, self.parent = model, parent
        self.row: Row = model.row(index.row())
        self.column: Column = model.column(index.column())
        self.reading = model.reading
        self.project = self.reading.project
        self.scenario_id = model.scenario_id

    def build(self) -> QMenu:
        menu = QMenu(self.parent)
        if not self.reading.typed:
            explanation = price_unit(self.model.document.project).explanation
            menu.addAction(f"Average price = {explanation} (derived)").setEnabled(False)
            return menu
        if self.row.is_series and self.column.kind == "year":
            self._cell_actions(menu)
        if self.row.is_series and self._method() == "cagr":
            self._add(menu, "Back-solve CAGR from a target…", self._back_solve)
        if self.model.dimension_id is not None:
            menu.addSeparator()
            self._add(menu, "Scale history to total", lambda: self._run(
                ScaleHistoryToTotal(self.model.dimension_id)))
        return menu

    def _cell_actions(self, menu: QMenu) -> None:
        year, key = self.column.year, self.row.key
        if self.column.forecast and not (key == TOTAL and self.project.mode == "bottom_up"):
            if (self.scenario_id, key, year) in self.project.pins:
                self._add(menu, "Unpin value", lambda: self._run(
                    SetPin(self.scenario_id, key, year, None)))
            else:
                self._add(menu, "Pin value", self._pin)
        if key != TOTAL:
            held = (key, year) in self.project.holds
            self._add(menu, "Release value" if held else "Hold value",
                      lambda: self._run(SetHold(key, year, not held)))
        if not self.column.forecast:
            self._add(menu, "Set source…", self._set_source)
        self._add(menu, "Edit note…", self._edit_note)
        if key == TOTAL and self._can_spread():
            self._add(menu, "Spread total to segments", self._spread)

    # -- actions ----------------------------------------------------------------------------

    def _pin(self) -> None:
        """Pin the cell at its own projection, so the forecast stays as it is until edited."""
        value = self.model.result.projected_value(self.row.key, self.column.year)
        if math.isfinite(value):
            self._run(SetPin(self.scenario_id, self.row.key, self.column.year, value))
        else:
            self.model.bridge.error.emit(
                f"{self.row.label}, {self.column.year} has no value to pin; type one instead.")

    def _set_source(self) -> None:
        sources = self.project.sources
        labels = ["(no source)"] + [s.label() for s in sources]
        choice = dialogs.ask_item(self.parent, "Set source", f"Source of {self._where()}:", labels)
        if choice is not None:
            source_id = None if choice == 0 else sources[choice - 1].id
            self._run(SetHistorySource(self.row.key, self.column.year, source_id))

    def _edit_note(self) -> None:
        scenario = self.scenario_id if self.column.forecast else ""
        key = (scenario, self.row.key, self.column.year)
        old = self.project.notes.get(key, "")
        text = dialogs.ask_text(self.parent, "Edit note", f"Note on {self._where()}:", old)
        if text is not None:
            self._run(SetNote(*key, text))

    def _spread(self) -> None:
        year = self.column.year
        value = self.model.result.value(TOTAL, year)
        dims = None if self.model.dimension_id is None else [self.model.dimension_id]
        scenario = self.scenario_id if self.column.forecast else None
        self._run(SpreadTotal(year, value, scenario, dims))

    def _back_solve(self) -> None:
        """Targets for this series and its CAGR siblings, solved together (the dialog
        previews the resulting rates)."""
        dialog = BackSolveDialog(self.parent, self.reading, self.scenario_id, self.row.key)
        if dialogs.ask_dialog(dialog) and dialog.solved:
            self._run(BackSolve(self.scenario_id, dialog.solved))

    # -- helpers ----------------------------------------------------------------------------

    def _can_spread(self) -> bool:
        """History always; forecast only bottom-up (top-down reconciliation spreads itself)."""
        return not self.column.forecast or self.project.mode == "bottom_up"

    def _method(self) -> str | None:
        if self.row.key == TOTAL and self.project.mode == "bottom_up":
            return None
        return self.project.growth_of(self.scenario_id, self.row.key).method

    def _where(self) -> str:
        return f"{self.row.label}, {self.column.year}"

    def _run(self, command: Command) -> None:
        self.model.bridge.execute(self.reading.command(command))

    def _add(self, menu: QMenu, text: str, slot) -> QAction:
        action = menu.addAction(text)
        action.triggered.connect(slot)
        return action
