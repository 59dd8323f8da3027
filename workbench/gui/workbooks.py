"""Import Workbook and Export Workbook from the GUI: off the GUI thread, then applied.

Reading and writing a large workbook takes seconds, so both run in `workers`; the
analyst sees progress and may cancel. An import runs in a child process, so that a
cancel stops it at once, even inside the one long call that parses a huge sheet. An
import first shows its change summary; only accepting it executes the plan's one
command (one undo step). The excel package is imported on first use, which keeps
openpyxl out of the app's start-up time.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from workbench.core.document import Document
from workbench.core.project import Project
from workbench.gui import dialogs
from workbench.gui.bridge import DocumentBridge
from workbench.gui.import_dialog import review_import
from workbench.gui.workers import Ticket, run_in_background, run_in_process


class WorkbookController(QObject):
    def __init__(self, bridge: DocumentBridge, window: QWidget | None = None) -> None:
        super().__init__(window)
        self.bridge = bridge
        self.window = window

    def import_dialog(self) -> bool:
        path = dialogs.ask_open_path(self.window, "Import workbook", dialogs.WORKBOOK_FILTER)
        return self.import_path(path) if path else False

    def import_path(self, path: str | Path) -> bool:
        """Read `path` off-thread, show the change summary, apply it when accepted."""
        from workbench.excel import read_workbook

        document = Document(self.bridge.document.project.copy())
        outcome = run_in_process(
            self.window, f"Reading {Path(path).name}…", read_workbook, str(path), document
        )
        if outcome.error:
            dialogs.show_error(self.window, outcome.error)
        if not outcome.ok:
            return False
        plan = outcome.value
        if not review_import(self.window, plan):
            return False
        return self.bridge.execute(plan.command)

    def export_dialog(self) -> bool:
        project = self.bridge.document.project
        suggested = f"{project.metadata.title}.xlsx"
        path = dialogs.ask_save_path(
            self.window, "Export workbook", dialogs.WORKBOOK_FILTER, suggested
        )
        return self.export_path(path) if path else False

    def export_path(self, path: str | Path) -> bool:
        """Write the workbook to a temporary file off-thread; rename it into place on success."""
        path = Path(path)
        if path.suffix.lower() != ".xlsx":
            path = path.with_name(path.name + ".xlsx")
        project = self.bridge.document.project.copy()
        outcome = run_in_background(
            self.window, f"Writing {path.name}…", lambda ticket: _export(project, path, ticket)
        )
        if outcome.error:
            dialogs.show_error(self.window, outcome.error)
        return outcome.ok


def _export(project: Project, path: Path, ticket: Ticket) -> Path:
    from workbench.excel import export_workbook

    handle, temporary = tempfile.mkstemp(suffix=".xlsx", dir=path.parent, prefix=f".{path.stem}-")
    os.close(handle)
    try:
        export_workbook(Document(project), temporary, progress=ticket.report)
        if not ticket.cancelled:  # a cancelled export leaves no file behind
            os.replace(temporary, path)
    finally:
        Path(temporary).unlink(missing_ok=True)
    return path
