"""The volume's part of an import plan, and what it says about typed-over prices.

The volume's inputs are compared by the same `Differ` as the value's, on the two volume
views, and applied as `OnMeasure(VOLUME, …)` in the import's one undoable step; a project
without a volume gets one first (`AddVolume`), a changed unit a `SetVolumeUnit`. Every
line names its measure ("Volume · History: TikTok 2022 changed from 12 to 14 million
subscriptions").
"""

from __future__ import annotations

import math
from dataclasses import replace

from workbench.core.commands.base import Batch
from workbench.core.commands.measures import AddVolume, OnMeasure, SetVolumeUnit
from workbench.core.derived import growth_ratio
from workbench.core.document import Document
from workbench.core.fields import MEASURE_INPUTS
from workbench.core.measures import PRICE, VOLUME, measure, view
from workbench.core.project import MeasureInputs, Project
from workbench.excel.diff import Differ
from workbench.excel.disagreements import compare_shown
from workbench.excel.grid import Grid
from workbench.excel.layout import cagr_cols, year_col
from workbench.excel.not_taken import TypedOver, not_taken
from workbench.excel.plan import ImportChange, ImportNote, ImportPlan
from workbench.excel.precision import keep_current_precision
from workbench.excel.reader import WorkbookContent
from workbench.numbers import amount

VOLUME_LABEL = measure(VOLUME).label
PRICE_COMPUTED = "the average price is computed from value and volume"


def add_volume(plan: ImportPlan, document: Document, content: WorkbookContent) -> None:
    """Add the volume's changes and commands to `plan` (a note where the workbook has none)."""
    current, part = document.project, content.volume
    if part is None:
        plan.notes += _volume_not_read(current, content.missing_volume)
        return
    unit = part.project.metadata.unit
    first, base = _unit_commands(plan, current, part, unit)
    keep_current_precision(base, part.project)
    differ = Differ(base, part)
    differ.measure_inputs(VOLUME_LABEL, unit)
    for f in MEASURE_INPUTS:  # the view's containers, some replaced above, are the volume's
        setattr(content.project.volume, str(f), getattr(part.project, str(f)))
    plan.changes += differ.changes
    plan.notes += differ.notes
    last = [OnMeasure(VOLUME, Batch("Import workbook", differ.puts))] if differ.puts else []
    plan.command = Batch(plan.command.text, [*first, *plan.command.commands, *last])
    computed = document if current.volume is not None else Document(content.project)
    plan.notes += not_taken(computed, part.typed_over, VOLUME)


def _volume_not_read(current: Project, missing: list[str]) -> list[ImportNote]:
    """One sentence where a workbook's volume was not read: which of its sheets are
    missing, and that the project's volume is kept (a workbook never removes it)."""
    if missing:
        named = ", ".join(repr(name) for name in missing[:-1])
        named = f"{named} and {missing[-1]!r}" if named else repr(missing[-1])
        sheets = "sheets" if len(missing) > 1 else "sheet"
        outcome = (
            "the volume was not added"
            if current.volume is None
            else "its other sheets were not read and the volume was kept as it is"
        )
        verb = "are" if len(missing) > 1 else "is"
        text = f"the volume's {sheets} {named} {verb} missing from the workbook"
        return [ImportNote("Not taken", "", "", f"{text}, so {outcome}")]
    if current.volume is None:
        return []
    kept = (
        "the workbook has no volume sheets; the volume keeps its numbers (Model → Remove "
        "Volume Measure removes it in the app)"
    )
    return [ImportNote("Not taken", "", "", kept)]


def _unit_commands(plan: ImportPlan, current: Project, part: WorkbookContent, unit: str):
    """The commands that give the project the workbook's volume (added, or its unit set),
    and the volume's view to compare the workbook with."""
    sheet, _, where = part.where[("unit",)].rpartition("!")
    if current.volume is None:
        plan.changes.append(
            ImportChange("Measure", sheet, where, f"{VOLUME_LABEL} ({unit})", None, None, "added")
        )
        return [AddVolume(unit)], view(replace(current, volume=MeasureInputs(unit)), VOLUME)
    if current.volume.unit == unit:
        return [], view(current, VOLUME)
    change = ImportChange("Unit", sheet, where, "unit", current.volume.unit, unit)
    plan.changes.append(replace(change, measure=VOLUME_LABEL))
    return [SetVolumeUnit(unit)], view(current, VOLUME)


def volume_disagreements(
    grids: dict[str, Grid], content: WorkbookContent, before: Document, after: Document
) -> list[ImportNote]:
    """The volume sheets' saved values against the engine's volume, as for the value's."""
    part = content.volume
    if part is None:
        return []
    unit = part.project.metadata.unit

    def volume_of(project: Project) -> Document:
        if project.volume is None:
            project = replace(project, volume=MeasureInputs(unit))
        return Document(view(project, VOLUME))

    return compare_shown(grids, part, volume_of(before.project), volume_of(after.project))


def price_notes(document: Document, content: WorkbookContent) -> list[ImportNote]:
    """A note for each number typed over a price that is not the price the app computes."""
    if not content.prices:
        return []
    computed = document if document.project.volume is not None else Document(content.project)
    notes = []
    for item in content.prices:
        price, what = _price(computed, item)
        value = item.value
        if isinstance(value, int | float) and math.isclose(value, price, rel_tol=1e-9):
            continue
        shown = amount(value) if isinstance(value, int | float) else repr(str(value))
        notes.append(
            ImportNote(
                "Not taken",
                item.sheet,
                item.cell,
                f"{shown} typed over the {what}: {PRICE_COMPUTED}",
            )
        )
    return notes


def _price(document: Document, item: TypedOver) -> tuple[float, str]:
    """The app's price (or price CAGR) in that cell, and what it is in words."""
    p = document.project
    meta, name = p.metadata, p.series_name(item.row_id)
    result = document.result(item.scenario_id, PRICE)
    values = result.series_values(item.row_id)
    hist, fore = cagr_cols(meta)
    if item.col in (hist, fore):
        a, b = meta.history_cagr_years if item.col == hist else meta.forecast_cagr_years
        cagr = growth_ratio(float(values[result.col(a)]), float(values[result.col(b)]), b - a)
        return cagr, f"CAGR {a}–{b} of the average price of {name}"
    year = meta.first_year + item.col - year_col(meta, meta.first_year)
    return float(values[result.col(year)]), f"average price of {name} in {year}"

