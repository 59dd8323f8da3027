"""Validation findings as the Overview lists them, each pointing at a page and a cell.

The checks belong to the core (`workbench.core.validation`); this module only turns a
finding into a line of text and a place to go: the segment page of its series or
dimension, at its cell when the finding names one.
"""

from __future__ import annotations

from dataclasses import dataclass

from workbench.core.document import Document
from workbench.core.project import TOTAL, Project
from workbench.core.validation import Finding as CoreFinding
from workbench.core.validation import validate


@dataclass(frozen=True)
class Finding:
    message: str
    severity: str = "warning"
    page_key: str | None = None
    cell: tuple[str, str, int] | None = None

    @property
    def marker(self) -> str:
        return "✖" if self.severity == "error" else "⚠"


def page_key_of(project: Project, series_id: str | None) -> str | None:
    """The navigator key of the segment page that shows `series_id`."""
    if series_id is None:
        return None
    if series_id == TOTAL:
        return "segment:total"
    for d in project.dimensions:
        if series_id in d.member_ids():
            return f"segment:{d.id}"
    return None


def findings_of(document: Document) -> list[Finding]:
    project = document.project
    return [_placed(project, f) for f in validate(document)]


def _placed(project: Project, f: CoreFinding) -> Finding:
    page_key = page_key_of(project, f.series_id)
    if page_key is None and f.dimension_id is not None:
        page_key = f"segment:{f.dimension_id}"
    cell = None
    series_id = f.series_id
    if series_id is None and f.dimension_id is not None:
        members = next((d.member_ids() for d in project.dimensions if d.id == f.dimension_id), ())
        series_id = members[0] if members else None
    if series_id is not None and f.year is not None:
        scenario_id = f.scenario_id or (project.scenarios[0].id if project.scenarios else "")
        cell = (scenario_id, series_id, f.year)
    return Finding(f.message, f.severity, page_key, cell)
