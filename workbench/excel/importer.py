"""Reading a workbook into an import plan, and building a new project from one.

`read_workbook` reads and checks everything and changes nothing: the returned plan lists
every change and carries the one command that applies them. A workbook it cannot take is
refused with an ExcelError naming sheet and cell, before the document is touched.
"""

from __future__ import annotations

import os
from collections.abc import Callable

from workbench.core.document import Document
from workbench.core.measures import VALUE, VOLUME, measure, view
from workbench.core.project import Project
from workbench.core.validation import validate
from workbench.excel.checks import check_content
from workbench.excel.diff import Differ
from workbench.excel.disagreements import compare_shown
from workbench.excel.grid import Grid
from workbench.excel.new_scenario import start_new_scenarios
from workbench.excel.not_taken import not_taken
from workbench.excel.plan import ImportNote, ImportPlan
from workbench.excel.precision import keep_current_precision
from workbench.excel.reader import WorkbookContent, load_grids, read_content
from workbench.excel.structure import retired_ids, volume_without
from workbench.excel.volume_plan import add_volume, price_notes, volume_disagreements
from workbench.excel.volume_read import read_volume

Progress = Callable[[int, int], bool] | None


def read_content_of(
    path: str | os.PathLike, before: Project | None, progress: Progress = None
) -> tuple[WorkbookContent, dict[str, Grid]]:
    """The checked content of a workbook to import into `before` (None: a new project)."""
    grids = load_grids(path, progress)
    used = set() if before is None else before.all_ids()
    content = read_content(grids, used, before)
    if before is not None:
        retired = retired_ids(before, content.project)
        content.project.volume = volume_without(before.volume, retired)
    read_volume(grids, content, before)
    if content.volume is None and content.project.volume is not None:  # the kept volume
        kept = view(content.project, VOLUME)
        content.notes += start_new_scenarios(kept, {}, before, VOLUME)
    check_content(content)
    return content, grids


def read_workbook(
    path: str | os.PathLike, document: Document, progress: Progress = None
) -> ImportPlan:
    """What importing `path` into `document` would change; the document is not touched."""
    content, grids = read_content_of(path, document.project, progress)
    keep_current_precision(document.project, content.project)
    labels = ()
    if document.project.volume is not None or content.volume is not None:
        labels = (measure(VALUE).label, content.project.metadata.unit)
    plan = Differ(document.project, content).plan(*labels)
    plan.notes += not_taken(document, content.typed_over)
    add_volume(plan, document, content)
    plan.notes += price_notes(document, content)
    after = Document(content.project) if plan.changes else document
    plan.notes += compare_shown(grids, content, document, after)
    plan.notes += volume_disagreements(grids, content, document, after)
    plan.notes = list(dict.fromkeys(plan.notes))  # "not compared" is said once for both
    if plan.changes:
        plan.notes += findings_after(document, after)
    if progress is not None:
        progress(1, 1)
    return plan


def findings_after(document: Document, after: Document) -> list[ImportNote]:
    """The validation findings the import would bring that the project does not have now,
    so a history that no longer adds up or a pin of -5 is said before it is applied."""
    before = {(f.code, f.message) for f in validate(document)}
    return [
        ImportNote("Check", "", "", f"after the import, {f.severity}: {f.message}")
        for f in validate(after)
        if f.severity in ("error", "warning") and (f.code, f.message) not in before
    ]


def project_from_workbook(path: str | os.PathLike, progress: Progress = None) -> Project:
    """A complete new project from a workbook of ours (for `workbench import` of a new file)."""
    return read_content_of(path, None, progress)[0].project
