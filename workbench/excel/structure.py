"""Segments and scenarios a colleague adds or removes in the workbook.

A segment is added by a row with its name and a blank id in the topmost block of its
sheet, and removed by deleting that row. A scenario is added by a row on About with a new
id and a name (it starts as the app's Add Scenario makes it: `new_scenario`); a scenario
is removed by deleting its row on About.

What a removed segment or scenario leaves elsewhere (Assumptions and Cell notes rows,
blocks, ratings and references of qualitative entries) goes with it, as removing it in
the app does; everything else still has to be consistent, and is checked as ever.
"""

from __future__ import annotations

from dataclasses import replace

from workbench.core.project import MeasureInputs, Project, Scenario
from workbench.excel.values_read import ScenarioIds

SEGMENT_LISTS = ("companies", "factors", "trends")
"""The entity collections whose entries name segments."""


def scenario_blocks(scenarios: list[Scenario], before: Project | None) -> ScenarioIds:
    """Which scenarios' blocks the value sheets must hold, and which they may still hold
    for scenarios removed on About."""
    ids = tuple(s.id for s in scenarios)
    if before is None:
        return ScenarioIds(ids, frozenset(ids))
    had = {s.id for s in before.scenarios}
    return ScenarioIds(ids, frozenset(had & set(ids)), frozenset(had - set(ids)))


def retired_ids(before: Project | None, target: Project) -> set[str]:
    """Series and scenario ids the project has that the workbook no longer lists."""
    if before is None:
        return set()
    had = set(before.series_ids()) | {s.id for s in before.scenarios}
    return had - set(target.series_ids()) - {s.id for s in target.scenarios}


def forget_segments(p: Project, retired: set[str]) -> None:
    """Removed segments leave no references: qualitative entries stop naming them and
    assessments stop rating them."""
    if not retired:
        return
    for collection in SEGMENT_LISTS:
        setattr(
            p,
            collection,
            [
                replace(e, segments=tuple(s for s in e.segments if s not in retired))
                if any(s in retired for s in e.segments)
                else e
                for e in getattr(p, collection)
            ],
        )
    p.assessments = [
        replace(a, cells={k: v for k, v in a.cells.items() if k[1] not in retired})
        for a in p.assessments
    ]


def volume_without(volume: MeasureInputs | None, retired: set[str]) -> MeasureInputs | None:
    """The project's volume inputs (the workbook does not carry them) less those of the
    removed segments and scenarios."""
    if volume is None:
        return None
    kept = volume.copy()
    kept.history = {k: v for k, v in kept.history.items() if k[0] not in retired}
    kept.history_sources = {k: v for k, v in kept.history_sources.items() if k[0] not in retired}
    kept.holds = {k for k in kept.holds if k[0] not in retired}
    for name in ("growth", "pins", "pin_marks", "notes"):
        keyed = getattr(kept, name)
        setattr(kept, name, {k: v for k, v in keyed.items() if not set(k[:2]) & retired})
    return kept
