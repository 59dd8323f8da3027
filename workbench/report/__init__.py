"""The report: the project as the analyst's deliverable, PDF and Word (docs/report.md).

`build_report` turns a document into a writer-neutral model of chapters (chapter
builders registered in `workbench.report.chapters`); `write_report` lays it out as PDF
(ReportLab) or DOCX (python-docx) and writes the file atomically. This room imports the
core only; the GUI and the command line call it.
"""

from __future__ import annotations

import os
import tempfile
import threading
from pathlib import Path

from workbench.core.document import Document
from workbench.core.errors import ModelError
from workbench.report.build import (
    ALL_SCENARIOS,
    Progress,
    ReportCancelled,
    ReportOptions,
    build_report,
    scenarios_for,
)
from workbench.report.chapters import CHAPTERS
from workbench.report.model import Report
from workbench.report.template import Template, load_template, template_path

FORMATS = (".pdf", ".docx")
_ONE_AT_A_TIME = threading.Lock()
"""matplotlib and its FreeType are not thread-safe: a preview still finishing on one
thread must not draw while an export draws on another."""

__all__ = [
    "ALL_SCENARIOS",
    "CHAPTERS",
    "FORMATS",
    "Report",
    "ReportCancelled",
    "ReportOptions",
    "Template",
    "build_report",
    "load_template",
    "scenarios_for",
    "template_path",
    "write_report",
]


def write_report(
    document: Document,
    path: Path | str,
    options: ReportOptions | None = None,
    progress: Progress | None = None,
) -> Report:
    """Build and write the report to `path` (.pdf or .docx); the file appears only whole.

    `progress(done, total)` is called as chapters are built and charts drawn; returning
    False cancels (ReportCancelled, and no file is left behind).
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise ModelError(f"{path.name}: a report is written as .pdf or .docx.")
    _check_writable(path)
    try:  # the temporary file first: a path that cannot be written fails before any work
        handle, temporary = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=suffix,
                                             dir=path.parent)
    except OSError as exc:
        raise _unwritable(path, exc) from None
    os.close(handle)
    try:
        with _ONE_AT_A_TIME:
            report = build_report(document, options, _share(progress, 0, 30))
            _writer(suffix)(report, temporary, _chart_steps(report, progress))
        os.chmod(temporary, 0o644)  # mkstemp made it private; a report is a document to share
        os.replace(temporary, path)
    except OSError as exc:
        raise _unwritable(path, exc) from None
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
    return report


def _chart_steps(report: Report, progress: Progress | None):
    """A `step()` for the writer: each chart drawn moves the progress from 30 % to 100 %."""
    charts = max(len(report.charts()), 1)
    chart_progress = _share(progress, 30, 100)
    done = [0]

    def step() -> None:
        done[0] += 1
        if chart_progress is not None and chart_progress(done[0], charts) is False:
            raise ReportCancelled()

    return step


def _writer(suffix: str):
    if suffix == ".pdf":
        from workbench.report.pdf import write_pdf

        return write_pdf
    from workbench.report.word import write_docx

    return write_docx


def _check_writable(path: Path) -> None:
    folder = path.parent
    if not folder.is_dir():
        raise ModelError(f"There is no folder {folder} to write {path.name} into.")
    if path.is_dir():
        raise ModelError(f"{path} is a folder; name a report file to write.")
    if not os.access(folder, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise ModelError(f"{path} cannot be written: the folder or file is read-only.")


def _unwritable(path: Path, exc: OSError) -> ModelError:
    return ModelError(f"The report cannot be written to {path}: {exc.strerror or exc}.")


def _share(progress: Progress | None, start: int, end: int) -> Progress | None:
    """Map a part's own (done, total) onto percent `start`..`end` of the whole job."""
    if progress is None:
        return None
    return lambda done, total: progress(start + (end - start) * done // max(total, 1), 100)
