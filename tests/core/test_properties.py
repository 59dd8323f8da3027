"""Laws that hold for any project and any sequence of edits (hypothesis).

Random projects are small (≤ 3 dimensions × 3 segments, ≤ 3 scenarios, ≤ 3 history and
≤ 4 forecast years) but use every growth method, pins, holds and both modes. Edits are
drawn one at a time against the project as it is at that moment; an edit the model
refuses (ModelError) is part of the law too: it must change nothing.

Every law of the forecast holds per measure: each runs on the value and, on projects with
a volume, on the volume, edited through `OnMeasure` and read through
`Document.result(..., VOLUME)`; an edit to the volume never changes a value number.
"""

import math
from dataclasses import fields, is_dataclass, replace
from types import SimpleNamespace

import numpy as np
import pytest
from hypothesis import assume, event, given
from hypothesis import strategies as st

from tests.strategies import no_entities, plain_ids, with_volume
from tests.strategies import projects as shared_projects
from workbench.core import commands as c
from workbench.core.commands.measures import OnMeasure
from workbench.core.document import Document
from workbench.core.dump import dump_json
from workbench.core.engine import compute_scenario
from workbench.core.entities import Trend
from workbench.core.errors import ModelError
from workbench.core.measures import PRICE, VALUE, VOLUME, price_unit, typed_measures, view
from workbench.core.methods import REGISTERED
from workbench.core.methods.base import Seed
from workbench.core.project import (
    TOTAL,
    Growth,
    Project,
)
from workbench.core.validation import validate

values = st.floats(1.0, 1000.0, allow_nan=False)
rates = st.floats(-0.5, 0.5, allow_nan=False)


def projects(measure_id: str = VALUE):
    """The shared `projects()` strategy, small and forecastable: ≤ 3 dimensions × 3
    segments, ≤ 3 scenarios, ≤ 3 history and ≤ 4 forecast years, no entities; held
    forecast cells carry the pins a hold writes, as the commands make them. For the
    volume's laws, every project has a volume drawn by the same rules."""
    drawn = shared_projects(
        forecastable=True, text=st.sampled_from(["D0", "M0", "S0", "Other"]), values=values,
        ids=plain_ids, dimensions=(1, 3), members=(1, 3), scenarios=(1, 3), years=(2, 4),
        entities=no_entities,
    )
    if measure_id == VOLUME:
        units = st.just("million subscriptions")
        drawn = with_volume(drawn, forecastable=True, units=units, values=values)
    return drawn.map(_pin_every_measures_holds)


per_measure = pytest.mark.parametrize("measure_id", [VALUE, VOLUME])
"""A law of the forecast, run on the value and on the volume."""


def _pin_every_measures_holds(p: Project) -> Project:
    for measure_id in typed_measures(p):
        _pin_holds(view(p, measure_id))
    return p


def _pin_holds(p: Project) -> None:
    """Give held forecast cells the pins a hold writes: each scenario's shown number (on a
    measure's view, whose containers are that measure's own)."""
    held = [(s, y) for s, y in p.holds if y > p.metadata.base_year]
    p.holds -= set(held)
    shown = {s.id: compute_scenario(p, s.id) for s in p.scenarios}
    for scenario_id, result in shown.items():
        for series_id, year in held:
            key = (scenario_id, series_id, year)
            if key not in p.pins:
                p.pins[key] = result.value(series_id, year)
                p.pin_marks[key] = "hold"
    p.holds |= set(held)


@per_measure
@given(data=st.data())
def test_reconciled_segments_add_up_to_the_total_where_validation_is_silent(measure_id, data):
    project = data.draw(projects(measure_id))
    primary = project.primary_dimension if project.mode == "bottom_up" else None
    document = Document(project)
    found = [f for f in validate(document) if f.measure == measure_id]
    flagged = [
        (f.scenario_id, f.dimension_id, f.message)
        for f in found
        if f.code == "reconcile_impossible"
    ]
    # An error on a series (a negative pin...) is the reason its dimension is not
    # reconciled; validation says it once, on the series.
    faulty = {(f.scenario_id, f.series_id) for f in found if f.is_error and f.series_id}
    checked = 0
    for scenario in project.scenarios:
        r = document.result(scenario.id, measure_id)
        total = r.series_values(TOTAL)[r.col(project.metadata.base_year + 1) :]
        assert np.isfinite(total).all() and (total > 0).all()
        for dim in project.dimensions:
            if dim.id == primary:
                assert (r.gaps[dim.id][r.col(project.metadata.base_year + 1) :] == 0).all()
            for year in project.metadata.forecast_years:
                if r.reason(dim.id, year):
                    series = {TOTAL, *dim.member_ids()}
                    assert any(
                        (s, d) == (scenario.id, dim.id) and str(year) in message
                        for s, d, message in flagged
                    ) or any(s in (None, scenario.id) and x in series for s, x in faulty)
                    continue
                shown = sum(r.value(m, year) for m in dim.member_ids())
                assert math.isclose(shown, r.value(TOTAL, year), rel_tol=1e-9)
                checked += 1
    event("years checked" if checked else "every year flagged")


@per_measure
@given(data=st.data())
def test_every_pinned_and_held_segment_shows_its_number(measure_id, data):
    project = data.draw(projects(measure_id))
    inputs, doc = view(project, measure_id), Document(project)
    for scenario in project.scenarios:
        r = doc.result(scenario.id, measure_id)
        for (scn, series_id, year), pin in inputs.pins.items():
            if scn == scenario.id and not (series_id == TOTAL and project.mode == "bottom_up"):
                assert r.value(series_id, year) == pin
        for series_id, year in inputs.holds:
            if year > project.metadata.base_year:
                assert r.value(series_id, year) == r.projected_value(series_id, year)


def _shown(doc: Document, measure_id: str = VALUE) -> dict[str, np.ndarray]:
    return {s.id: doc.result(s.id, measure_id).values.copy() for s in doc.project.scenarios}


@per_measure
@given(data=st.data())
def test_holding_never_changes_a_shown_number(measure_id, data):
    project = data.draw(projects(measure_id))
    inputs = view(project, measure_id)
    doc = Document(project)
    series = data.draw(st.sampled_from([m.id for d in project.dimensions for m in d.members]))
    year = data.draw(st.sampled_from(list(project.metadata.years)))
    if (series, year) in inputs.holds:
        doc.execute(OnMeasure(measure_id, c.SetHold(series, year, False)))
    before, value_before = _shown(doc, measure_id), _shown(doc)
    value_holds, value_pins = set(doc.project.holds), dict(doc.project.pins)
    # Known exceptions, where the chain after the held year restarts differently: the
    # dimension is flagged by validation (its projections stand unscaled); the segment is
    # scaled by 0 (fixed ones fill the total); or it is the last free segment that year, so
    # once held the year has none and its pin continues ÷ 1 (docs: "f_y = 1 in a year
    # with no free segment"). Everywhere else a hold changes nothing.
    dim = project.dimension(project.dimension_of(series).id)
    results = [doc.result(s.id, measure_id) for s in project.scenarios]
    assume(all(not r.reasons[dim.id].any() for r in results))
    assume(all(r.scale(dim.id, year) != 0 for r in results))
    if year > project.metadata.base_year:
        others = [m for m in dim.member_ids() if m != series]
        assume(all(any(not r.is_fixed(m, year) for m in others) for r in results))
    doc.execute(OnMeasure(measure_id, c.SetHold(series, year, True)))
    after = _shown(doc, measure_id)
    for scenario_id, values in before.items():
        np.testing.assert_allclose(after[scenario_id], values, rtol=1e-9, atol=1e-12)
        if year > project.metadata.base_year:
            r = doc.result(scenario_id, measure_id)
            assert r.is_fixed(series, year)
            assert (scenario_id, series, year) in view(doc.project, measure_id).pins
    if measure_id != VALUE:  # the hold wrote the volume's pins and holds, not the value's
        assert (doc.project.holds, doc.project.pins) == (value_holds, value_pins)
        for scenario_id, values in value_before.items():
            np.testing.assert_array_equal(_shown(doc)[scenario_id], values)


@per_measure
@given(data=st.data())
def test_back_solve_hits_every_target(measure_id, data):
    project = data.draw(projects(measure_id))
    inputs = view(project, measure_id)
    doc = Document(project)
    dim = data.draw(st.sampled_from(project.dimensions))
    scenario = data.draw(st.sampled_from(project.scenarios)).id
    chosen = data.draw(st.lists(st.sampled_from(dim.member_ids()), min_size=1, unique=True))
    last = project.metadata.last_year
    for series_id in chosen:
        inputs.growth[(scenario, series_id)] = Growth("cagr", 0.05)
        inputs.pins.pop((scenario, series_id, last), None)
        inputs.holds.discard((series_id, last))
    shown = doc.result(scenario, measure_id)
    value_before = doc.result(scenario).values.copy()
    factor = data.draw(st.floats(0.2, 1.5))
    targets = {m: shown.value(m, last) * factor for m in chosen}
    try:
        doc.execute(OnMeasure(measure_id, c.BackSolve(scenario, targets)))
    except ModelError as refusal:
        event("refused")
        assert str(refusal).endswith(".")
        return
    event("solved")
    r = doc.result(scenario, measure_id)
    for series_id, target in targets.items():
        assert math.isclose(r.value(series_id, last), target, rel_tol=1e-9)
    if measure_id != VALUE:
        np.testing.assert_array_equal(doc.result(scenario).values, value_before)


# -- random edits ---------------------------------------------------------------------------


def _members(p: Project) -> list[str]:
    return [m.id for d in p.dimensions for m in d.members]


@st.composite
def targets(draw, p: Project) -> SimpleNamespace:
    """What an edit aims at: mostly things that exist, sometimes things that do not."""
    meta = p.metadata
    return SimpleNamespace(
        meta=meta,
        scenario=draw(st.sampled_from([s.id for s in p.scenarios] + ["nope"])),
        series=draw(st.sampled_from([TOTAL, *(m.id for d in p.dimensions for m in d.members)])),
        year=draw(st.integers(meta.first_year - 1, meta.last_year + 1)),
        dim=draw(st.sampled_from([d.id for d in p.dimensions] + ["nope"])),
        name=draw(st.sampled_from(["New", "Other", "M0", "D0", "S0", ""])),
        index=draw(st.integers(-1, 4)),
    )


def _growth_edit(draw, p: Project, t) -> c.Command:
    v0 = p.history.get((t.series, t.meta.base_year), 1.0)
    grows = draw(st.sampled_from(REGISTERED))
    last = t.meta.last_year
    start = Growth(grows.code, draw(rates), rates={last: draw(rates)})
    seed = Seed(v0, range(last, last + 1), {last: draw(values)})
    return c.SetGrowth(t.scenario, t.series, grows.seeded(start, seed))


def _years_edit(draw, p: Project, t) -> c.Command:
    first = draw(st.integers(t.meta.first_year - 1, t.meta.first_year + 1))
    base = draw(st.integers(t.meta.base_year - 1, t.meta.base_year + 1))
    return c.SetYearRange(first, base, draw(st.integers(base, t.meta.last_year + 2)))


MEASURE_EDITS = [
    lambda draw, p, t: c.SetHistory(t.series, t.year, draw(st.none() | values)),
    _growth_edit,
    lambda draw, p, t: c.SetPin(t.scenario, t.series, t.year, draw(st.none() | values)),
    lambda draw, p, t: c.SetHold(t.series, t.year, draw(st.booleans())),
    lambda draw, p, t: c.BackSolveCagr(t.scenario, t.series, draw(values)),
    lambda draw, p, t: c.SetNote(draw(st.sampled_from(["", t.scenario])), t.series, t.year, t.name),
    lambda draw, p, t: c.ShiftGrowth(t.scenario, draw(st.floats(-0.1, 0.1))),
    lambda draw, p, t: c.SpreadTotal(t.year, draw(values), t.scenario),
    lambda draw, p, t: c.ScaleHistoryToTotal(t.dim),
]
"""Edits of one measure's inputs: drawn against that measure's view, run through
`OnMeasure` (the value's or the volume's)."""

STRUCTURE_EDITS = [
    lambda draw, p, t: c.AddMember(t.dim, t.name, index=t.index),
    lambda draw, p, t: c.RenameMember(t.series, t.name),
    lambda draw, p, t: c.MoveMember(t.series, t.index),
    lambda draw, p, t: c.RemoveMember(t.series),
    lambda draw, p, t: c.AddDimension(t.name, draw(st.lists(st.sampled_from("ABC"), max_size=2))),
    lambda draw, p, t: c.RemoveDimension(t.dim),
    lambda draw, p, t: c.MoveDimension(t.dim, t.index),
    lambda draw, p, t: c.AddScenario(t.name, copy_from=draw(st.sampled_from([None, t.scenario]))),
    lambda draw, p, t: c.RenameScenario(t.scenario, t.name),
    lambda draw, p, t: c.RemoveScenario(t.scenario),
    _years_edit,
    lambda draw, p, t: c.SetMode(draw(st.sampled_from(["top_down", "bottom_up"])), t.dim),
    lambda draw, p, t: c.AddEntity("trends", Trend(f"t{t.year}", "T", segments=(t.series,))),
    lambda draw, p, t: c.Batch("Paste", [_edit(draw, p), _edit(draw, p)]),
]


def _edit(draw, p: Project) -> c.Command:
    kind = draw(st.integers(0, len(MEASURE_EDITS) + len(STRUCTURE_EDITS) - 1))
    if kind >= len(MEASURE_EDITS):
        command = STRUCTURE_EDITS[kind - len(MEASURE_EDITS)](draw, p, draw(targets(p)))
        event(type(command).__name__)
        return command
    measure_id = draw(st.sampled_from(typed_measures(p)))
    shown = view(p, measure_id)
    command = MEASURE_EDITS[kind](draw, shown, draw(targets(shown)))
    event(f"{type(command).__name__} ({measure_id})")
    return OnMeasure(measure_id, command)


def assert_cache_is_current(doc: Document) -> None:
    """Every measure's cached forecast is what the engine computes now; prices are value ÷
    volume × the factor to 1e-12."""
    p = doc.project
    for measure_id in typed_measures(p):
        for scenario in p.scenarios:
            cached = doc.result(scenario.id, measure_id)
            fresh = compute_scenario(view(p, measure_id), scenario.id)
            assert cached.series == fresh.series
            assert np.array_equal(cached.values, fresh.values, equal_nan=True)
            assert np.array_equal(cached.projected, fresh.projected, equal_nan=True)
            assert cached.gaps.keys() == fresh.gaps.keys()
            for dim_id, gap in fresh.gaps.items():
                assert np.array_equal(cached.gaps[dim_id], gap, equal_nan=True)
    if p.volume is not None:
        factor = price_unit(p).factor
        for scenario in p.scenarios:
            value, volume = doc.result(scenario.id).values, doc.result(scenario.id, VOLUME).values
            price = doc.result(scenario.id, PRICE).values
            usable = np.isfinite(volume) & (volume != 0)
            np.testing.assert_allclose(
                price[usable], factor * value[usable] / volume[usable], rtol=1e-12
            )
            assert np.isnan(price[~usable]).all()


def assert_nothing_dangles(p: Project) -> None:
    """No input of any measure names a series or scenario the project no longer has, or a
    year outside its range (history to the base year, pins and yearly parameters after)."""
    meta, series = p.metadata, set(p.series_ids())
    scenarios = {s.id for s in p.scenarios}
    history, forecast = set(meta.history_years), set(meta.forecast_years)
    for measure_id in typed_measures(p):
        inputs = view(p, measure_id)
        for field in (inputs.history, inputs.history_sources):
            assert all(s in series and y in history for s, y in field), measure_id
        assert all(s in series and y in set(meta.years) for s, y in inputs.holds), measure_id
        for field in (inputs.pins, inputs.pin_marks):
            assert all(
                c in scenarios and s in series and y in forecast for c, s, y in field
            ), measure_id
        assert set(inputs.pin_marks) <= set(inputs.pins), measure_id
        for c_, s, y in inputs.notes:
            assert s in series and (c_ in scenarios and y in forecast if c_ else y in history)
        for (c_, s), g in inputs.growth.items():
            assert c_ in scenarios and s in series, measure_id
            assert set(g.rates) <= forecast and set(g.values) <= forecast, measure_id


def _bits(thing) -> object:
    """A project as nested tuples of text that tell every number apart (−0.0 from 0.0)
    and ignore the order of keyed containers: undo must give back exactly this."""
    if is_dataclass(thing):
        return (type(thing).__name__, *(_bits(getattr(thing, f.name)) for f in fields(thing)))
    if isinstance(thing, dict):
        return tuple(sorted((repr(k), _bits(v)) for k, v in thing.items()))
    if isinstance(thing, set | frozenset):
        return tuple(sorted(repr(k) for k in thing))
    if isinstance(thing, list | tuple):
        return tuple(_bits(x) for x in thing)
    return repr(thing)


@per_measure
@given(data=st.data())
def test_undo_all_gives_back_the_original_and_redo_the_edited(measure_id, data):
    """On a project with a volume, edits of both measures and of the structure mix."""
    doc = Document(data.draw(projects(measure_id)))
    original, original_bits = dump_json(doc), _bits(doc.project)
    steps = 0
    for _ in range(data.draw(st.integers(1, 12), label="edits")):
        before = _bits(doc.project)
        command = _edit(data.draw, doc.project)
        try:
            change = doc.execute(command)
        except ModelError:
            event("refused")
            assert _bits(doc.project) == before
            continue
        event("no change" if change is None else "applied")
        steps += change is not None
        assert_cache_is_current(doc)
        assert_nothing_dangles(doc.project)
    edited, edited_bits = dump_json(doc), _bits(doc.project)
    for _ in range(steps):
        doc.undo()
        assert_cache_is_current(doc)
    assert not doc.can_undo and dump_json(doc) == original
    assert _bits(doc.project) == original_bits
    for _ in range(steps):
        doc.redo()
    assert not doc.can_redo and dump_json(doc) == edited
    assert _bits(doc.project) == edited_bits
    assert_cache_is_current(doc)


@given(data=st.data())
def test_a_volume_edit_never_changes_a_value_number(data):
    doc = Document(data.draw(projects(VOLUME)))
    inputs_before, shown_before = _bits(replace(doc.project, volume=None)), _shown(doc)
    for _ in range(data.draw(st.integers(1, 6), label="edits")):
        shown = view(doc.project, VOLUME)
        kind = data.draw(st.integers(0, len(MEASURE_EDITS) - 1))
        command = MEASURE_EDITS[kind](data.draw, shown, data.draw(targets(shown)))
        try:
            doc.execute(OnMeasure(VOLUME, command))
        except ModelError:
            event("refused")
    assert _bits(replace(doc.project, volume=None)) == inputs_before
    for scenario_id, values in shown_before.items():
        np.testing.assert_array_equal(_shown(doc)[scenario_id], values)
