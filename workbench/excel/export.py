"""Writing the workbook: every sheet, in a temporary file beside the target, then renamed.

xlsxwriter writes fast and stores each formula's computed value, so readers that do not
calculate see the numbers. Its numbers are written in full (shortest exact repr), not the
16 digits xlsxwriter uses by default, so that a typed value comes back bit for bit; the
value sheets' cells are rendered a row at a time (see `sheet_xml`).
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import secrets
import zipfile
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
from workbench.excel.print_setup import set_print_setup
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
    """Write the document as a workbook at `path`; nothing is left behind on error or cancel.

    The workbook is built in memory and then written to a temporary file beside `path`,
    synced and renamed over it, so a full disk or a read-only folder is one sentence that
    names `path` (not a temporary, and with no zip half-closed at exit), and the file gets
    the permissions the user's umask gives, like a project file.
    """
    path = os.fspath(path)
    buffer = io.BytesIO()
    _write(document, buffer, progress, path)
    try:
        replace_atomically(path, buffer.getbuffer())
    except OSError as error:
        raise ExcelError(f"Cannot write {path}: {_reason(error)}.") from None


def replace_atomically(path: str, data) -> None:
    """Put `data` at `path` through a temporary file beside it, created with the umask's
    permissions (mkstemp would make it private), synced, then renamed."""
    folder, name = os.path.split(os.path.abspath(path))
    temporary = os.path.join(folder, f".~{name}.{os.getpid()}-{secrets.token_hex(4)}.tmp")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(fd, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.remove(temporary)
        raise


def _reason(error: OSError) -> str:
    if error.errno == errno.ENOSPC:
        return "the disk is full"
    return (error.strerror or str(error)).lower()


def _write(document: Document, out: io.BytesIO, progress: Progress, path: str) -> None:
    p = document.project
    steps = _Steps(4 + len(TABLES) + len(p.dimensions) * len(p.scenarios) + 1, progress)
    workbook = ExactWorkbook(
        out,
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
        for ws in sheets.values():
            set_print_setup(ws)
        steps()
    finally:
        _close(workbook, path)
    steps()


def _close(workbook, path: str) -> None:
    """Assemble the zip (in memory; xlsxwriter's own temporary files may still fail)."""
    try:
        workbook.close()
    except (OSError, xlsxwriter.exceptions.XlsxWriterException) as error:
        _abandon_zips(error)
        cause = error.args[0] if error.args and isinstance(error.args[0], OSError) else error
        if isinstance(cause, OSError):  # xlsxwriter wraps its file errors (FileCreateError)
            raise ExcelError(f"Cannot write {path}: {_reason(cause)}.") from None
        raise ExcelError(f"The workbook could not be written: {error}.") from None


def _abandon_zips(error: BaseException) -> None:
    """Let go of the zip xlsxwriter was assembling when it failed: left to the garbage
    collector, its `__del__` would try to finish it and print a second failure, with a
    traceback, long after the one sentence the analyst got."""
    while error is not None:
        tb = error.__traceback__
        while tb is not None:
            for value in tb.tb_frame.f_locals.values():
                if isinstance(value, zipfile.ZipFile):
                    value.fp = None  # ZipFile.close() then has nothing left to write
            tb = tb.tb_next
        error = error.__context__
