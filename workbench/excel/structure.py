"""Segments and scenarios a colleague adds or removes in the workbook.

A segment is added by a row with its name and a blank id in the topmost block of its
sheet, and removed by deleting that row. A scenario is added by a row on About with a new
id and a name; its Assumptions rows (the first scenario's copied, with the new id) say
how it grows, and any series without one grows as in the first scenario; blocks on the
value sheets are optional (a copied block brings its pins). A scenario is removed by
deleting its row on About.

What a removed segment or scenario leaves elsewhere (Assumptions and Cell notes rows,
blocks, ratings and references of qualitative entries) goes with it, as removing it in
the app does; everything else still has to be consistent, and is checked as ever.
"""

from __future__ import annotations

from dataclasses import replace

from workbench.core.project import MeasureInputs, Project, Scenario
from workbench.excel.plan import ImportNote
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


def grow_as_first(content, before: Project | None) -> list[ImportNote]:
    """Series without an Assumptions row in a new scenario grow as in the first one."""
    p = content.project
    if before is None or not p.scenarios:
        return []
    had = {s.id for s in before.scenarios}
    first = p.scenarios[0]
    notes = []
    for scenario in p.scenarios:
        if scenario.id in had or scenario.id == first.id:
            continue
        missing = [x for x in p.series_ids() if (scenario.id, x) not in p.growth]
        for series_id in missing:
            if (first.id, series_id) in p.growth:
                p.growth[(scenario.id, series_id)] = p.growth[(first.id, series_id)]
        if missing:
            notes.append(
                ImportNote(
                    "Taken",
                    "Assumptions",
                    "",
                    f"the new scenario {scenario.name!r} grows as {first.name!r} for the "
                    f"{len(missing)} series without an Assumptions row in it",
                )
            )
    return notes


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
