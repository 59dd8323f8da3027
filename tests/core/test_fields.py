"""The change fields: one `Field` per project attribute, groups that mean one thing."""

from dataclasses import fields

from workbench.core.commands import AddScenario, SetGrowth, SetHistory, SetMode
from workbench.core.fields import ENTITIES, FORECAST, SCENARIO_KEYED, STRUCTURE, Field
from workbench.core.project import ENTITY_COLLECTIONS, Growth, Project
from workbench.core.sample import sample_document


def test_there_is_one_field_per_project_attribute():
    from workbench.core.project import MeasureInputs

    volume = {f"volume.{f.name}" for f in fields(MeasureInputs)}
    assert {f.value for f in Field} == {f.name for f in fields(Project)} | volume
    assert set(ENTITY_COLLECTIONS) == ENTITIES
    assert SCENARIO_KEYED.isdisjoint(FORECAST) and ENTITIES.isdisjoint(STRUCTURE | FORECAST)


def test_a_change_names_its_fields_as_members():
    document = sample_document()
    change = document.execute(SetHistory("tiktok", 2020, 1.0))
    assert change.fields == {Field.HISTORY}
    assert all(type(f) is Field for f in change.fields)
    assert change.scenarios is None  # history feeds every scenario
    change = document.execute(SetGrowth("base", "tiktok", Growth("cagr", 0.3)))
    assert change.fields == {Field.GROWTH} and change.scenarios == {"base"}
    assert not change.touches_any(STRUCTURE)


def test_structure_is_one_group_for_mode_and_scenarios():
    document = sample_document()
    assert document.execute(SetMode("bottom_up", "application")).touches_any(STRUCTURE)
    assert document.execute(AddScenario("Stress")).touches_any(STRUCTURE)

