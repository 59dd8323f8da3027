"""The sheets of each measure: the value's as they always were, the volume's and the
average price's beside them, named after the value's with " (volume)" and " (price)".

The volume's names follow from the value's sheet names (which the About sheet lists) and
nothing else, so the reader finds the volume's sheets of a dimension the colleague renamed
exactly where the writer put them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from workbench.core.measures import PRICE, VALUE, VOLUME, price_unit
from workbench.core.project import Project
from workbench.excel.layout import (
    ASSUMPTIONS,
    CELL_NOTES,
    FIXED_SHEETS,
    MEASURE_SHEETS,
    TOTAL_SHEET,
    dimension_sheets,
    sheet_name,
)


@dataclass(frozen=True)
class MeasureSheets:
    """Where one measure's numbers sit: its total sheet, its sheet per dimension id, and
    (for a typed measure) its Assumptions and Cell notes sheets."""

    measure: str
    total: str
    dimensions: dict[str, str] = field(default_factory=dict)
    assumptions: str = ""
    cell_notes: str = ""

    @property
    def value_sheets(self) -> list[str]:
        """The total's sheet and the dimensions', in order."""
        return [self.total, *self.dimensions.values()]

    @property
    def own_sheets(self) -> list[str]:
        """Every sheet of the measure: its value sheets, Assumptions and Cell notes."""
        return [*self.value_sheets, *(s for s in (self.assumptions, self.cell_notes) if s)]


def ending(measure_id: str) -> str:
    """What a measure's sheet names end with: nothing for value, " (volume)", " (price)"."""
    return "" if measure_id == VALUE else f" ({measure_id})"


def value_names(dimensions: dict[str, str]) -> MeasureSheets:
    """The value's sheets, given the sheet name of each dimension id."""
    return MeasureSheets(VALUE, TOTAL_SHEET, dict(dimensions), ASSUMPTIONS, CELL_NOTES)


def names_of(project: Project) -> MeasureSheets:
    """The value's sheets of a project, as the workbook names them."""
    return value_names(dimension_sheets(project))


def other_names(value: MeasureSheets) -> dict[str, MeasureSheets]:
    """The volume's and the price's sheets, named after the value's."""
    taken = {s.casefold() for s in (*FIXED_SHEETS, *MEASURE_SHEETS, *value.dimensions.values())}
    out = {}
    for measure_id in (VOLUME, PRICE):
        end = ending(measure_id)
        dims = {d: sheet_name(name, taken, end) for d, name in value.dimensions.items()}
        typed = measure_id == VOLUME
        out[measure_id] = MeasureSheets(
            measure_id,
            TOTAL_SHEET + end,
            dims,
            ASSUMPTIONS + end if typed else "",
            CELL_NOTES + end if typed else "",
        )
    return out


def guide(project: Project, value: MeasureSheets) -> dict[str, list[tuple[str, str]]]:
    """The volume's and the price's sheets with what each holds, for About's list: "values"
    (the volume's and price's value sheets), "assumptions" and "cell notes"."""
    out: dict[str, list[tuple[str, str]]] = {"values": [], "assumptions": [], "cell notes": []}
    if project.volume is None:
        return out
    names = other_names(value)
    volume, price = names[VOLUME], names[PRICE]
    unit, explained = project.volume.unit, price_unit(project).explanation
    out["values"] = [
        (volume.total, f"The total market's volume ({unit}) per scenario; its unit in C3"),
        *(
            (volume.dimensions[d.id], f"{d.name}: volume by segment, gap and shares")
            for d in project.dimensions
        ),
        (price.total, f"The total's average price, computed ({explained}), never typed"),
        *(
            (price.dimensions[d.id], f"{d.name}: average price by segment, computed")
            for d in project.dimensions
        ),
    ]
    out["assumptions"] = [(volume.assumptions, "Growth method and parameters of the volume")]
    out["cell notes"] = [(volume.cell_notes, "Notes, sources, holds of the volume's values")]
    return out


def how_to(project: Project) -> list[str]:
    """About's how-to lines on the measures (none for a value-only project)."""
    if project.volume is None:
        return []
    return [
        "Volume: the sheets ending in (volume) work like the value's (history, pins, "
        "assumptions, notes); its unit is on Total market (volume). Segments are added, "
        "renamed and removed on the value's sheets. Deleting volume sheets does not remove "
        "the volume (the app does that): the volume is read only when all its sheets are "
        "here.",
        f"Average price: the sheets ending in (price) are computed "
        f"({price_unit(project).explanation}) and never typed; change the value or the "
        "volume instead.",
    ]
