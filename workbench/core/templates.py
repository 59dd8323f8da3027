"""New projects from the blank template ("File › New from blank template").

A new project starts with what every model needs before the first number is typed: the
years, the unit (and the volume's, when the model sizes the market in volume too), the
dimensions and scenarios the analyst named, the five forces to rate, and an "Analyst
assumption" source to cite. Ids come from `new_id`, so they are the same
kind the editing commands hand out and never collide with later additions.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from workbench.core.commands.base import name
from workbench.core.entities import FORCE_IDS, Force, Source
from workbench.core.errors import ModelError
from workbench.core.project import (
    Dimension,
    MeasureInputs,
    Member,
    Metadata,
    Project,
    Scenario,
    new_id,
)

YEAR_RANGE = range(1900, 2201)
"""Years a project may use (the same bounds as changing the year range)."""


def _years(first_year: int, base_year: int, last_year: int) -> tuple[int, int, int]:
    years = (first_year, base_year, last_year)
    if not all(isinstance(y, int) and not isinstance(y, bool) and y in YEAR_RANGE for y in years):
        raise ModelError(
            f"Years must be whole years from 1900 to 2200; got {first_year}, {base_year}, "
            f"{last_year}."
        )
    return years


def _unique_names(names: Sequence[str], what: str) -> list[str]:
    """Stripped names, refusing empty ones and repeats (case-insensitive), named by `what`."""
    if isinstance(names, str):
        raise ModelError(f"{what} must be a list of names, not the text {names!r}.")
    out: list[str] = []
    for raw in names:
        label = name(raw, f"A name among the {what}")
        if label.casefold() in (n.casefold() for n in out):
            raise ModelError(f"{label!r} appears twice among the {what}.")
        out.append(label)
    return out


def _add_dimensions(project: Project, dimensions: Mapping[str, Sequence[str]]) -> None:
    names = _unique_names(list(dimensions), "dimensions")
    for dimension_name, member_names in zip(names, dimensions.values(), strict=True):
        project.dimensions.append(Dimension(new_id(project, "dim"), dimension_name))
        for member_name in _unique_names(member_names, f"segments of {dimension_name}"):
            dim = project.dimensions[-1]
            member = Member(new_id(project, "seg"), member_name)
            project.dimensions[-1] = replace(dim, members=(*dim.members, member))


def _add_scenarios(project: Project, scenarios: Sequence[str]) -> None:
    names = _unique_names(scenarios, "scenarios")
    if not names:
        raise ModelError("A project needs at least one scenario.")
    for scenario_name in names:
        project.scenarios.append(Scenario(new_id(project, "scn"), scenario_name))


def blank_project(
    title: str,
    first_year: int,
    base_year: int,
    last_year: int,
    unit: str = "USD billions",
    dimensions: Mapping[str, Sequence[str]] | None = None,
    scenarios: Sequence[str] = ("Base",),
    volume_unit: str | None = None,
) -> Project:
    """An empty model: no numbers yet, every growth assumption at its default.

    `dimensions` maps each dimension's name to its segments' names, in order;
    `volume_unit`, when given, adds an empty volume measure in that unit ("million paid
    subscriptions"). Bad input (years out of order or range, an empty or repeated name)
    raises ModelError.
    """
    years = _years(first_year, base_year, last_year)
    metadata = Metadata(
        name(title, "A project's title"), *years, unit=name(unit, "A project's unit")
    )
    project = Project(metadata)
    if volume_unit is not None:
        project.volume = MeasureInputs(name(volume_unit, "The volume's unit"))
    _add_dimensions(project, dimensions or {})
    _add_scenarios(project, scenarios)
    project.forces.extend(Force(force_id) for force_id in FORCE_IDS)
    assumption = Source(new_id(project, "src"), "Analyst", "Analyst assumption", assumption=True)
    project.sources.append(assumption)
    return project
