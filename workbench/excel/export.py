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
from workbench.core.measures import PRICE, VALUE, typed_measures
from workbench.excel.about import write_about
from workbench.excel.assessments import SHEET as ASSESSMENTS
from workbench.excel.assessments import write_assessments
from workbench.excel.assumptions import assumption_rows, write_assumptions
from workbench.excel.cell_notes import write_cell_notes
from workbench.excel.errors import Cancelled, ExcelError
from workbench.excel.layout import ABOUT
from workbench.excel.measure_names import names_of, other_names
from workbench.excel.price_sheets import write_price_sheets
from workbench.excel.print_setup import set_print_setup
from workbench.excel.sheet_xml import ExactWorkbook
from workbench.excel.styles import Context, make_formats
from workbench.excel.tables import TABLES, write_table
from workbench.excel.value_sheets import (
    define_constants,
    write_dimension_sheet,
    write_total_sheet,
)
from workbench.excel.volume_unit import write_volume_unit

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
    typed_count = len(typed_measures(p))
    per_measure = 3 + len(p.dimensions) * len(p.scenarios)
    prices = len(p.dimensions) * (typed_count - 1)
    steps = _Steps(typed_count * per_measure + prices + len(TABLES) + 2, progress)
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
        formats = make_formats(workbook)
        define_constants(workbook)
        typed = [_context(document, workbook, formats, m) for m in typed_measures(p)]
        price = _price_context(document, workbook, formats, typed)
        sheets = _add_sheets(workbook, typed, price)
        write_about(typed[0], sheets[ABOUT])
        for ctx in typed:
            _write_values(ctx, sheets, steps)
        if price is not None:
            write_volume_unit(typed[1], sheets[typed[1].names.total])
            write_price_sheets(price, sheets, typed[0].names, typed[1].names, steps)
        for ctx in typed:
            write_assumptions(ctx, sheets[ctx.names.assumptions])
            steps()
            write_cell_notes(ctx, sheets[ctx.names.cell_notes])
            steps()
        for table in TABLES:
            write_table(typed[0], sheets[table.sheet], table)
            steps()
        write_assessments(typed[0], sheets[ASSESSMENTS])
        for ws in sheets.values():
            set_print_setup(ws)
        steps()
    finally:
        _close(workbook, path)
    steps()


def _context(document: Document, workbook, formats: dict, measure_id: str) -> Context:
    """The context of one typed measure, under its sheet names."""
    names = names_of(document.project)
    if measure_id != VALUE:
        names = other_names(names)[measure_id]
    ctx = Context(document, workbook, formats, measure=measure_id, names=names)
    ctx.assumption_rows = assumption_rows(ctx.project)
    return ctx


def _price_context(document: Document, workbook, formats: dict, typed: list) -> Context | None:
    if len(typed) == 1:
        return None
    names = other_names(typed[0].names)[PRICE]
    return Context(document, workbook, formats, measure=PRICE, names=names)


def _add_sheets(workbook, typed: list[Context], price: Context | None) -> dict:
    """Every sheet in the workbook's order: About, the value's sheets, the volume's, the
    price's, then each measure's Assumptions and Cell notes, then the qualitative sheets."""
    order = [ABOUT]
    for ctx in (*typed, *([price] if price else [])):
        order += ctx.names.value_sheets
    order += [c.names.assumptions for c in typed] + [c.names.cell_notes for c in typed]
    order += [*(t.sheet for t in TABLES), ASSESSMENTS]
    return {name: workbook.add_worksheet(name) for name in order}


def _write_values(ctx: Context, sheets: dict, steps: _Steps) -> None:
    """A typed measure's total sheet and dimension sheets."""
    write_total_sheet(ctx, sheets[ctx.names.total])
    steps()
    for dim in ctx.project.dimensions:
        write_dimension_sheet(ctx, sheets[ctx.sheets[dim.id]], dim, steps)


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
