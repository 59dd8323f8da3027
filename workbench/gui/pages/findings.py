"""Validation findings as the Overview lists them, each pointing at a page and a cell.

The checks belong to the core (`workbench.core.validation`); this module only turns a
finding into a line of text and a place to go (a `CellTarget`; the page registry knows
which page shows it).
"""

from __future__ import annotations

from dataclasses import dataclass

from workbench.core.document import Document
from workbench.core.project import Project
from workbench.core.validation import Finding as CoreFinding
from workbench.core.validation import validate
from workbench.gui.page import CellTarget


@dataclass(frozen=True)
class Finding:
    message: str
    severity: str = "warning"
    target: CellTarget | None = None
    """The cell (or, with no year, the series row) the finding is about."""

    @property
    def marker(self) -> str:
        return {"error": "✖", "warning": "⚠"}.get(self.severity, "ℹ")


def findings_of(document: Document) -> list[Finding]:
    project = document.project
    return [_placed(project, f) for f in validate(document)]


def _placed(project: Project, f: CoreFinding) -> Finding:
    """The finding with the place to go: its series (or its dimension's first segment)."""
    series_id = f.series_id
    if series_id is None and f.dimension_id is not None:
        members = next((d.member_ids() for d in project.dimensions if d.id == f.dimension_id), ())
        series_id = members[0] if members else None
    if series_id is None:
        return Finding(f.message, f.severity)
    scenario_id = f.scenario_id or (project.scenarios[0].id if project.scenarios else "")
    return Finding(f.message, f.severity, CellTarget(scenario_id, series_id, f.year, f.measure))
