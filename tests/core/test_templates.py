"""New from blank template: the structure asked for, nothing else, and bad input refused."""

import numpy as np
import pytest

from workbench.core.commands import AddMember, SetGrowth, SetHistory
from workbench.core.commands.measures import OnMeasure
from workbench.core.document import Document
from workbench.core.entities import FORCE_IDS
from workbench.core.errors import ModelError
from workbench.core.measures import PRICE, VOLUME
from workbench.core.project import TOTAL, Growth
from workbench.core.templates import blank_project


def regional():
    return blank_project(
        "Drone delivery", 2020, 2024, 2030, unit="EUR millions",
        dimensions={"Region": ["Europe", "Asia"], " Payload ": [" Light", "Heavy "]},
        scenarios=("Base", "High"),
    )


def test_metadata_is_what_was_asked():
    meta = regional().metadata
    assert (meta.title, meta.unit) == ("Drone delivery", "EUR millions")
    assert (meta.first_year, meta.base_year, meta.last_year) == (2020, 2024, 2030)
    assert (meta.currency_note, meta.description) == ("", "")


def test_dimensions_and_scenarios_get_fresh_ids_in_the_given_order():
    project = regional()
    layout = [(d.id, d.name, [(m.id, m.name) for m in d.members]) for d in project.dimensions]
    assert layout == [
        ("dim-1", "Region", [("seg-1", "Europe"), ("seg-2", "Asia")]),
        ("dim-2", "Payload", [("seg-3", "Light"), ("seg-4", "Heavy")]),
    ]
    assert [(s.id, s.name) for s in project.scenarios] == [("scn-1", "Base"), ("scn-2", "High")]


def test_forces_are_all_present_at_three_and_one_assumption_source():
    project = regional()
    assert [(f.id, f.rating, f.rationale) for f in project.forces] == [
        (force_id, 3, "") for force_id in FORCE_IDS]
    (source,) = project.sources
    assert source.assumption and source.title == "Analyst assumption" and source.url == ""


def test_defaults_give_one_base_scenario_and_nothing_else():
    project = blank_project("Empty", 2019, 2024, 2031)
    assert project.metadata.unit == "USD billions"
    assert project.dimensions == []
    assert [s.name for s in project.scenarios] == ["Base"]
    assert project.series_ids() == [TOTAL]
    empty = (project.history, project.history_sources, project.growth, project.pins,
             project.notes, project.companies, project.factors, project.key_questions)
    assert not any(empty)
    assert project.mode == "top_down"


def test_a_blank_project_is_editable_and_new_ids_do_not_collide():
    project = regional()
    document = Document(project)
    document.execute(AddMember("dim-1", "Africa"))
    added = project.dimension("dim-1").members[-1]
    assert added.id == "seg-5"
    document.execute(SetHistory(TOTAL, 2024, 10.0))
    document.execute(SetGrowth("scn-1", TOTAL, Growth("cagr", 0.1)))
    assert document.result("scn-1").value(TOTAL, 2026) == pytest.approx(12.1, rel=1e-12)


def test_a_blank_project_may_size_the_market_in_volume_too():
    assert blank_project("Empty", 2019, 2024, 2031).volume is None
    project = blank_project(
        "Micro drama", 2019, 2024, 2031, dimensions={"Platform": ["TikTok", "Kwai"]},
        volume_unit=" million paid subscriptions ",
    )  # fmt: skip
    assert project.volume.unit == "million paid subscriptions"
    assert not any((project.volume.history, project.volume.growth, project.volume.pins))
    document = Document(project)
    document.execute(OnMeasure(VOLUME, SetHistory(TOTAL, 2024, 150.0)))
    assert document.result("scn-1", VOLUME).value(TOTAL, 2031) == 150.0  # CAGR 0 by default
    assert np.isnan(document.result("scn-1", PRICE).value(TOTAL, 2031))  # no value yet


def test_each_call_builds_an_independent_project():
    first, second = regional(), regional()
    first.dimensions.clear()
    first.forces.clear()
    assert len(second.dimensions) == 2 and len(second.forces) == 5


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"first_year": 2025}, r"first ≤ base < last"),
        ({"last_year": 2024}, r"first ≤ base < last"),
        ({"first_year": 1850}, r"from 1900 to 2200"),
        ({"last_year": 2500}, r"from 1900 to 2200"),
        ({"base_year": 2024.5}, r"whole years"),
        ({"base_year": True}, r"whole years"),
        ({"title": "  "}, r"title must not be empty"),
        ({"unit": ""}, r"unit must not be empty"),
        ({"dimensions": {"Region": ["Europe", " "]}}, r"segments of Region must not be empty"),
        ({"dimensions": {"": ["Europe"]}}, r"dimensions must not be empty"),
        ({"dimensions": {"Region": ["Asia", "asia "]}}, r"'asia' appears twice"),
        ({"dimensions": {"Region": [], " region": []}}, r"'region' appears twice"),
        ({"dimensions": {"Region": "Europe"}}, r"list of names"),
        ({"scenarios": ()}, r"at least one scenario"),
        ({"scenarios": "Base"}, r"list of names"),
        ({"scenarios": ("Base", "BASE")}, r"'BASE' appears twice among the scenarios"),
        ({"volume_unit": " "}, r"volume's unit must not be empty"),
    ],
)
def test_bad_input_is_refused_with_one_clear_sentence(kwargs, message):
    args = {"title": "T", "first_year": 2019, "base_year": 2024, "last_year": 2031} | kwargs
    with pytest.raises(ModelError, match=message):
        blank_project(**args)
