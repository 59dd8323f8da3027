"""Structure is shared by the measures: every structure edit takes the volume's inputs
along exactly as it takes the value's.

The project: history 2020–2022, forecast 2023–2025; Technology (A, B), Region (X, Y);
scenarios Base and High; history, a cited source, assumptions, pins (one on the total),
holds and notes hang on A and B. Its volume is the value's mirror: the same keys, every
number twice the value's. An edit that keeps the volume consistent keeps it the mirror,
so after each edit the volume's inputs are compared with the value's, doubled.
"""

from dataclasses import replace

import numpy as np
import pytest

from workbench.core.commands import (
    AddMember,
    AddScenario,
    MoveMember,
    RemoveDimension,
    RemoveEntity,
    RemoveMember,
    RemoveScenario,
    SetHold,
    SetMode,
    SetYearRange,
)
from workbench.core.commands.measures import OnMeasure, on_every_measure
from workbench.core.document import Document
from workbench.core.entities import Source
from workbench.core.errors import ModelError
from workbench.core.fields import MEASURE_INPUTS, Field
from workbench.core.measures import VALUE, VOLUME, inputs_of
from workbench.core.project import (
    TOTAL,
    Dimension,
    Growth,
    MeasureInputs,
    Member,
    Metadata,
    Project,
    Scenario,
)
from workbench.core.transaction import Transaction


def _doubled(p: Project) -> MeasureInputs:
    """The value's inputs with every number twice as large: the volume's mirror."""
    growth = {
        k: replace(g, values={y: 2 * v for y, v in g.values.items()}) for k, g in p.growth.items()
    }
    return MeasureInputs(
        "million subscriptions",
        history={k: 2 * v for k, v in p.history.items()},
        history_sources=dict(p.history_sources),
        growth=growth,
        pins={k: 2 * v for k, v in p.pins.items()},
        holds=set(p.holds),
        pin_marks=dict(p.pin_marks),
        notes=dict(p.notes),
    )


@pytest.fixture
def doc() -> Document:
    p = Project(
        Metadata("Tiny", 2020, 2022, 2025),
        [
            Dimension("tech", "Technology", (Member("a", "A"), Member("b", "B"))),
            Dimension("region", "Region", (Member("x", "X"), Member("y", "Y"))),
        ],
        [Scenario("base", "Base"), Scenario("high", "High")],
        sources=[Source("s", "Statista")],
    )
    for series_id, value in ((TOTAL, 20.0), ("a", 12.0), ("b", 8.0), ("x", 5.0), ("y", 15.0)):
        p.history[(series_id, 2020)] = value * 0.8
        p.history[(series_id, 2022)] = value
    p.history_sources[("a", 2020)] = "s"
    p.growth[("high", "a")] = Growth("growth_by_year", rates={2023: 0.1, 2025: 0.3})
    p.growth[("base", "a")] = Growth("manual", values={2023: 11.0, 2024: 12.5})
    p.growth[("base", TOTAL)] = Growth("cagr", 0.05)
    p.pins.update({("high", "a", 2024): 15.0, ("base", "b", 2025): 7.0})
    p.pins[("high", TOTAL, 2025)] = 30.0
    p.holds.update({("a", 2020), ("x", 2025)})
    p.notes.update({("", "a", 2021): "n1", ("high", "a", 2023): "n2"})
    hold_pins = {("base", "x", 2025): 5.25, ("high", "x", 2025): 6.0}
    p.pins.update(hold_pins)
    p.pin_marks.update(dict.fromkeys(hold_pins, "hold"))
    p.volume = _doubled(p)
    return Document(p)


def assert_volume_mirrors_value(p: Project) -> None:
    mirror, volume = _doubled(p), p.volume
    for field in MEASURE_INPUTS:
        if field == Field.PINS:  # a hold's pins are shown numbers: doubled up to rounding
            assert volume.pins == pytest.approx(mirror.pins, rel=1e-12)
        else:
            assert getattr(volume, field) == getattr(mirror, field), field


STRUCTURE_EDITS = {
    "remove a segment": RemoveMember("a"),
    "remove a dimension": RemoveDimension("tech"),
    "add a scenario copying another": AddScenario("Stress", copy_from="high"),
    "add an empty scenario": AddScenario("Flat"),
    "remove a scenario": RemoveScenario("high"),
    "narrow the years": SetYearRange(2021, 2023, 2024),
    "widen the years": SetYearRange(2019, 2022, 2030),
    "go bottom-up": SetMode("bottom_up", "tech"),
    "remove a cited source": RemoveEntity("sources", "s"),
    "add a segment": AddMember("tech", "C", index=0),
    "move a segment": MoveMember("a", 1),
}


@pytest.mark.parametrize("edit", STRUCTURE_EDITS.values(), ids=STRUCTURE_EDITS.keys())
def test_a_structure_edit_takes_the_volume_along_as_the_value_and_undo_restores_it(doc, edit):
    before = doc.project.copy()
    value_before = {s.id: doc.result(s.id).values.copy() for s in before.scenarios}
    doc.execute(edit)
    assert_volume_mirrors_value(doc.project)
    for scenario in doc.project.scenarios:  # the volume forecasts as the value does, doubled
        np.testing.assert_allclose(
            doc.result(scenario.id, VOLUME).values,
            2 * doc.result(scenario.id).values,
            rtol=1e-12,
        )
    doc.undo()
    assert doc.project == before
    for scenario_id, values in value_before.items():
        np.testing.assert_array_equal(doc.result(scenario_id).values, values)


def test_removing_a_segment_leaves_no_volume_input_of_it(doc):
    doc.execute(RemoveMember("a"))
    volume = doc.project.volume
    assert all(k[0] != "a" for k in [*volume.history, *volume.history_sources, *volume.holds])
    assert all(k[1] != "a" for k in [*volume.growth, *volume.pins, *volume.notes])
    assert volume.pins == {
        ("base", "b", 2025): 14.0,
        ("high", TOTAL, 2025): 60.0,
        ("base", "x", 2025): 10.5,
        ("high", "x", 2025): 12.0,
    }


def test_a_copied_scenario_copies_the_volume_s_assumptions_pins_and_notes(doc):
    doc.execute(AddScenario("Stress", copy_from="high", scenario_id="stress"))
    volume = doc.project.volume
    assert volume.growth[("stress", "a")] == Growth("growth_by_year", rates={2023: 0.1, 2025: 0.3})
    assert volume.pins[("stress", "a", 2024)] == 30.0
    assert volume.pins[("stress", TOTAL, 2025)] == 60.0
    assert volume.notes[("stress", "a", 2023)] == "n2"
    assert volume.pin_marks[("stress", "x", 2025)] == "hold"


def test_bottom_up_unpins_the_volume_s_total_and_undo_brings_the_pin_back(doc):
    doc.execute(SetMode("bottom_up", "tech"))
    assert ("high", TOTAL, 2025) not in doc.project.volume.pins
    doc.undo()
    assert doc.project.volume.pins[("high", TOTAL, 2025)] == 60.0


def test_narrowing_the_years_clips_the_volume(doc):
    doc.execute(SetYearRange(2021, 2023, 2024))
    volume = doc.project.volume
    assert set(volume.history) == {(s, 2022) for s in (TOTAL, "a", "b", "x", "y")}
    assert volume.history_sources == {} and volume.holds == set()
    assert volume.growth[("base", "a")].values == {2024: 25.0}
    assert volume.pins == {("high", "a", 2024): 30.0}


def test_a_hold_on_a_volume_cell_pins_the_volume_s_shown_numbers_only(doc):
    shown = {s.id: doc.result(s.id, VOLUME).value("b", 2024) for s in doc.project.scenarios}
    value_pins, value_holds = dict(doc.project.pins), set(doc.project.holds)
    change = doc.execute(OnMeasure(VOLUME, SetHold("b", 2024, True)))
    assert change.fields == {Field.VOLUME_HOLDS, Field.VOLUME_PINS, Field.VOLUME_PIN_MARKS}
    volume = doc.project.volume
    assert ("b", 2024) in volume.holds
    for scenario_id, number in shown.items():
        assert volume.pins[(scenario_id, "b", 2024)] == number
        assert volume.pin_marks[(scenario_id, "b", 2024)] == "hold"
        assert doc.result(scenario_id, VOLUME).value("b", 2024) == number
    assert (doc.project.pins, doc.project.holds) == (value_pins, value_holds)
    # a scenario added later gets the volume's hold pin (its own shown number), not a value pin
    doc.execute(AddScenario("Flat", scenario_id="flat"))
    flat_pin = volume.pins[("flat", "b", 2024)]
    assert ("flat", "b", 2024) not in doc.project.pins
    doc.execute(OnMeasure(VOLUME, SetHold("b", 2024, False)))
    assert doc.result("flat", VOLUME).value("b", 2024) == flat_pin  # it showed that before
    assert all(k[1:] != ("b", 2024) for k in volume.pins)


def test_every_measure_gets_the_step_each_on_its_own_view(doc):
    seen = []

    def step(tx: Transaction) -> None:
        seen.append(tx.project.metadata.unit)
        tx.delete(Field.HISTORY, ("a", 2020))

    tx = Transaction(doc.project)
    on_every_measure(tx, step)
    assert seen == ["USD billions", "million subscriptions"]
    assert ("a", 2020) not in inputs_of(doc.project, VALUE).history
    assert ("a", 2020) not in inputs_of(doc.project, VOLUME).history
    tx.undo()
    assert doc.project.volume.history[("a", 2020)] == 2 * doc.project.history[("a", 2020)]


def test_a_value_only_project_edits_as_before(doc):
    doc.project.volume = None
    doc.execute(RemoveMember("a"))
    assert doc.project.volume is None
    with pytest.raises(ModelError, match="no volume measure"):
        doc.result("base", VOLUME)
