"""The Model menu: forecast mode, year range, project details, new dimensions and segments,
and the volume measure (add it with its unit, rename the unit, remove it).

Each action asks through `dialogs.ask_form` and runs one core command through the bridge,
so a refused value shows its sentence and changes nothing, and every change can be undone.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from workbench.core.commands import (
    AddDimension,
    AddMember,
    Batch,
    Command,
    SetGrowth,
    SetHistory,
    SetMetadata,
    SetMode,
    SetYearRange,
)
from workbench.core.commands.measures import AddVolume, RemoveVolume, SetVolumeUnit
from workbench.core.measures import VOLUME
from workbench.core.project import Growth, Project, new_id
from workbench.gui import dialogs
from workbench.gui.bridge import DocumentBridge
from workbench.gui.dialogs import Field
from workbench.gui.locale_numbers import read_number, read_percent

VOLUME_HINT = (
    "Volume must add up across each dimension's segments: count something every segment "
    "has its own of, such as paid subscriptions, paid episodes or viewing hours, not "
    "audiences (a viewer of two platforms would count twice)."
)
TOP_DOWN = "Top-down: the total has its own growth"
BOTTOM_UP = "Bottom-up: the total is the sum of a primary dimension"


class ModelActions:
    def __init__(self, bridge: DocumentBridge, parent: QWidget) -> None:
        self.bridge = bridge
        self.parent = parent

    def set_mode(self) -> None:
        project = self.bridge.document.project
        dims = [d.name for d in project.dimensions]
        primary = project.primary_dimension
        current = project.dimension(primary).name if primary else (dims[0] if dims else "")
        fields = dialogs.ask_form(
            self.parent,
            "Forecast mode",
            [
                Field(
                    "mode",
                    "Mode",
                    "choice",
                    BOTTOM_UP if project.mode == "bottom_up" else TOP_DOWN,
                    (TOP_DOWN, BOTTOM_UP),
                ),
                Field("primary", "Primary dimension (bottom-up)", "choice", current, tuple(dims)),
            ],
        )
        if fields is None:
            return
        if fields["mode"] == TOP_DOWN:
            self.bridge.execute(SetMode("top_down"))
            return
        chosen = next((d.id for d in project.dimensions if d.name == fields["primary"]), None)
        self.bridge.execute(SetMode("bottom_up", chosen))

    def set_years(self) -> None:
        meta = self.bridge.document.project.metadata
        fields = dialogs.ask_form(
            self.parent,
            "Year range",
            [
                Field(
                    "first",
                    "First history year",
                    "int",
                    meta.first_year,
                    minimum=1900,
                    maximum=2200,
                ),
                Field(
                    "base",
                    "Base year (last history)",
                    "int",
                    meta.base_year,
                    minimum=1900,
                    maximum=2200,
                ),
                Field(
                    "last", "Last forecast year", "int", meta.last_year, minimum=1900, maximum=2200
                ),
            ],
        )
        if fields is not None:
            self.bridge.execute(SetYearRange(fields["first"], fields["base"], fields["last"]))

    def edit_details(self) -> None:
        meta = self.bridge.document.project.metadata
        fields = dialogs.ask_form(
            self.parent,
            "Project details",
            [
                Field("title", "Title", value=meta.title),
                Field("unit", "Unit", value=meta.unit),
                Field("currency_note", "Currency note", value=meta.currency_note),
                Field("description", "Description", "multiline", meta.description),
            ],
        )
        if fields is not None:
            self.bridge.execute(SetMetadata(**fields))

    def add_dimension(self) -> None:
        fields = dialogs.ask_form(
            self.parent,
            "Add dimension",
            [
                Field("name", "Name", value=""),
                Field("segments", "Segments (comma separated)", value=""),
            ],
        )
        if fields is not None:
            segments = [s.strip() for s in fields["segments"].split(",") if s.strip()]
            self.bridge.execute(AddDimension(fields["name"], segments))

    # -- the volume measure ------------------------------------------------------------------

    def add_volume(self) -> bool:
        """Model → Add Volume Measure…: ask its unit; the pages switch to the (empty) volume."""
        if self.bridge.document.project.volume is not None:
            dialogs.show_error(self.parent, "This project already has a volume measure.")
            return False
        unit = self._ask_unit("Add volume measure", "")
        if unit is None or not self.bridge.execute(AddVolume(unit)):
            return False
        self.bridge.measure.pick(VOLUME)
        return True

    def set_volume_unit(self) -> bool:
        """Model → Set Volume Unit…: a new name for the unit (the numbers stay as typed)."""
        volume = self.bridge.document.project.volume
        if volume is None:
            dialogs.show_error(self.parent, "This project has no volume measure; add one "
                               "first (Model → Add Volume Measure…).")
            return False
        unit = self._ask_unit("Volume unit", volume.unit)
        return unit is not None and self.bridge.execute(SetVolumeUnit(unit))

    def remove_volume(self) -> bool:
        """Model → Remove Volume Measure, after a confirmation (Edit → Undo restores it)."""
        volume = self.bridge.document.project.volume
        if volume is None:
            dialogs.show_error(self.parent, "This project has no volume measure to remove.")
            return False
        question = (f"Remove the volume measure ({volume.unit}) with all its history, "
                    "assumptions, pins and notes? Edit → Undo brings it back.")
        return dialogs.confirm(self.parent, question) and self.bridge.execute(RemoveVolume())

    def _ask_unit(self, title: str, current: str) -> str | None:
        fields = dialogs.ask_form(
            self.parent, title,
            [Field("unit", "Volume unit", value=current,
                   placeholder="e.g. million paid subscriptions")],
            check=lambda values: None if values["unit"].strip() else "Name the unit.",
            note=VOLUME_HINT,
        )
        return None if fields is None else fields["unit"].strip()

    def add_segment(self, dimension_id: str | None = None) -> bool:
        """Add a segment with its base-year value and growth rate, asked in one form, to
        `dimension_id` or a dimension the analyst picks; one undoable step."""
        project = self.bridge.document.project
        dims = project.dimensions
        if not dims:
            dialogs.show_error(self.parent, "Add a dimension first; segments belong to one.")
            return False
        base = project.metadata.base_year
        current = next((d.name for d in dims if d.id == dimension_id), dims[0].name)
        values = dialogs.ask_form(
            self.parent,
            "Add segment",
            [
                Field("dimension", "Dimension", "choice", current, tuple(d.name for d in dims)),
                Field("name", "Segment name"),
                Field("value", f"Value in {base} ({project.metadata.unit})",
                      placeholder="needed for the forecast"),
                Field("rate", "Growth, % a year (every scenario)", placeholder="e.g. 12"),
            ],
            check=_segment_refusal,
            note=f"A dimension's forecast needs every segment's {base} value: until the new "
                 f"segment has one, the segments of its dimension show no forecast.",
        )
        if values is None:
            return False
        try:
            commands = _segment_commands(project, values)
        except ValueError as exc:  # a scripted answer the form would have refused
            dialogs.show_error(self.parent, str(exc))
            return False
        return self.bridge.execute(Batch("Add segment", commands))


def _segment_refusal(values: dict) -> str | None:
    if not values["name"].strip():
        return "Name the segment."
    try:
        read_number(values["value"])
        read_percent(values["rate"])
    except ValueError as exc:  # NumberError: the text is not a number
        return f"{exc}."
    return None


def _segment_commands(project: Project, values: dict) -> list[Command]:
    """The new segment, its base-year value and its growth in every scenario."""
    dimension = next(d for d in project.dimensions if d.name == values["dimension"])
    member_id = new_id(project, "seg")
    commands: list[Command] = [AddMember(dimension.id, values["name"], member_id=member_id)]
    value = read_number(values["value"])
    if value is not None:
        commands.append(SetHistory(member_id, project.metadata.base_year, value.value))
    rate = read_percent(values["rate"])
    if rate is not None:
        commands += [SetGrowth(s.id, member_id, Growth("cagr", rate)) for s in project.scenarios]
    return commands
