"""Writing the workbook: every sheet, in a temporary file beside the target, then renamed.

xlsxwriter writes fast and stores each formula's computed value, so readers that do not
calculate see the numbers. Its numbers are written in full (shortest exact repr), not the
16 digits xlsxwriter uses by default, so that a typed value comes back bit for bit; the
value sheets' cells are rendered a row at a time (see `sheet_xml`).
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable

import xlsxwriter

from workbench.core.document import Document
from workbench.excel.about import write_about
from workbench.excel.assessments import SHEET as ASSESSMENTS
from workbench.excel.assessments import write_assessments
from workbench.excel.assumptions import assumption_rows, write_assumptions
from workbench.excel.cell_notes import write_cell_notes
from workbench.excel.errors import Cancelled, ExcelError
from workbench.excel.layout import ABOUT, ASSUMPTIONS, CELL_NOTES, TOTAL_SHEET
from workbench.excel.sheet_xml import ExactWorkbook
from workbench.excel.styles import Context, make_formats
from workbench.excel.tables import TABLES, write_table
from workbench.excel.value_sheets import write_dimension_sheet, write_total_sheet

Progress = Callable[[int, int], bool] | None


class _Steps:
    """Counts finished steps and asks the progress callback whether to go on."""

    def __init__(self, total: int, progress: Progress) -> None:
        self.done, self.total, self.progress = 0, total, progress

    def __call__(self) -> None:
        self.done += 1
        if self.progress is not None and self.progress(self.done, self.total) is False:
            raise Cancelled()


def export_workbook(document: Document, path: str | os.PathLike, progress: Progress = None) -> None:
    """Write the document as a workbook at `path`; nothing is left behind on error or cancel."""
    path = os.fspath(path)
    folder = os.path.dirname(os.path.abspath(path))
    fd, temp = tempfile.mkstemp(prefix=".~export-", suffix=".xlsx", dir=folder)
    os.close(fd)
    try:
        _write(document, temp, progress)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.remove(temp)
        raise


def _write(document: Document, path: str, progress: Progress) -> None:
    p = document.project
    steps = _Steps(4 + len(TABLES) + len(p.dimensions) * len(p.scenarios) + 1, progress)
    workbook = ExactWorkbook(
        path,
        {
            "strings_to_formulas": False,
            "strings_to_numbers": False,
            "strings_to_urls": False,
            "nan_inf_to_errors": True,
        },
    )
    try:
        ctx = Context(document, workbook, make_formats(workbook))
        ctx.assumption_rows = assumption_rows(p)
        sheets = {name: workbook.add_worksheet(name) for name in (ABOUT, TOTAL_SHEET)}
        sheets |= {ctx.sheets[d.id]: workbook.add_worksheet(ctx.sheets[d.id]) for d in p.dimensions}
        for name in (ASSUMPTIONS, CELL_NOTES, *(t.sheet for t in TABLES), ASSESSMENTS):
            sheets[name] = workbook.add_worksheet(name)
        write_about(ctx, sheets[ABOUT])
        write_total_sheet(ctx, sheets[TOTAL_SHEET])
        steps()
        for dim in p.dimensions:
            write_dimension_sheet(ctx, sheets[ctx.sheets[dim.id]], dim, steps)
        write_assumptions(ctx, sheets[ASSUMPTIONS])
        steps()
        write_cell_notes(ctx, sheets[CELL_NOTES])
        steps()
        for table in TABLES:
            write_table(ctx, sheets[table.sheet], table)
            steps()
        write_assessments(ctx, sheets[ASSESSMENTS])
        steps()
    finally:
        _close(workbook)
    steps()


def _close(workbook) -> None:
    try:
        workbook.close()
    except (OSError, xlsxwriter.exceptions.XlsxWriterException) as error:
        raise ExcelError(f"The workbook could not be written: {error}.") from None
