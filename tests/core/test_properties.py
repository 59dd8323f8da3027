"""Laws that hold for any project and any sequence of edits (hypothesis).

Random projects are small (≤ 3 dimensions × 3 segments, ≤ 3 scenarios, ≤ 3 history and
≤ 4 forecast years) but use every growth method, pins, holds and both modes. Edits are
drawn one at a time against the project as it is at that moment; an edit the model
refuses (ModelError) is part of the law too: it must change nothing.
"""

import math
from types import SimpleNamespace

import numpy as np
from hypothesis import assume, event, given
from hypothesis import strategies as st

from tests.strategies import no_entities, plain_ids
from tests.strategies import projects as shared_projects
from workbench.core import commands as c
from workbench.core.document import Document
from workbench.core.dump import dump_json
from workbench.core.engine import compute_scenario
from workbench.core.entities import Trend
from workbench.core.errors import ModelError
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


def projects():
    """The shared `projects()` strategy, small and forecastable: ≤ 3 dimensions × 3
    segments, ≤ 3 scenarios, ≤ 3 history and ≤ 4 forecast years, no entities; held
    forecast cells carry the pins a hold writes, as the commands make them."""
    return shared_projects(
        forecastable=True, text=st.sampled_from(["D0", "M0", "S0", "Other"]), values=values,
        ids=plain_ids, dimensions=(1, 3), members=(1, 3), scenarios=(1, 3), years=(2, 4),
        entities=no_entities,
    ).map(_pin_holds)


def _pin_holds(p: Project) -> Project:
    """Give held forecast cells the pins a hold writes: each scenario's shown number."""
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
    return p


@given(projects())
def test_reconciled_segments_add_up_to_the_total_where_validation_is_silent(project):
    primary = project.primary_dimension if project.mode == "bottom_up" else None
    document = Document(project)
    found = validate(document)
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
        r = document.result(scenario.id)
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


@given(projects())
def test_every_pinned_and_held_segment_shows_its_number(project):
    for scenario in project.scenarios:
        r = compute_scenario(project, scenario.id)
        for (scn, series_id, year), pin in project.pins.items():
            if scn == scenario.id and not (series_id == TOTAL and project.mode == "bottom_up"):
                assert r.value(series_id, year) == pin
        for series_id, year in project.holds:
            if year > project.metadata.base_year:
                assert r.value(series_id, year) == r.projected_value(series_id, year)


def _shown(doc: Document) -> dict[str, np.ndarray]:
    return {s.id: doc.result(s.id).values.copy() for s in doc.project.scenarios}


@given(projects(), st.data())
def test_holding_never_changes_a_shown_number(project, data):
    doc = Document(project)
    series = data.draw(st.sampled_from([m.id for d in project.dimensions for m in d.members]))
    year = data.draw(st.sampled_from(list(project.metadata.years)))
    if (series, year) in project.holds:
        doc.execute(c.SetHold(series, year, False))
    before = _shown(doc)
    # Known exceptions, where the chain after the held year restarts differently: the
    # dimension is flagged by validation (its projections stand unscaled); the segment is
    # scaled by 0 (fixed ones fill the total); or it is the last free segment that year, so
    # once held the year has none and its pin continues ÷ 1 (docs: "f_y = 1 in a year
    # with no free segment"). Everywhere else a hold changes nothing.
    dim = project.dimension(project.dimension_of(series).id)
    results = [doc.result(s.id) for s in project.scenarios]
    assume(all(not r.reasons[dim.id].any() for r in results))
    assume(all(r.scale(dim.id, year) != 0 for r in results))
    if year > project.metadata.base_year:
        others = [m for m in dim.member_ids() if m != series]
        assume(all(any(not r.is_fixed(m, year) for m in others) for r in results))
    doc.execute(c.SetHold(series, year, True))
    after = _shown(doc)
    for scenario_id, values in before.items():
        np.testing.assert_allclose(after[scenario_id], values, rtol=1e-9, atol=1e-12)
        if year > project.metadata.base_year:
            r = doc.result(scenario_id)
            assert r.is_fixed(series, year)
            assert (scenario_id, series, year) in doc.project.pins


@given(projects(), st.data())
def test_back_solve_hits_every_target(project, data):
    doc = Document(project)
    dim = data.draw(st.sampled_from(project.dimensions))
    scenario = data.draw(st.sampled_from(project.scenarios)).id
    chosen = data.draw(st.lists(st.sampled_from(dim.member_ids()), min_size=1, unique=True))
    last = project.metadata.last_year
    for series_id in chosen:
        project.growth[(scenario, series_id)] = Growth("cagr", 0.05)
        project.pins.pop((scenario, series_id, last), None)
        project.holds.discard((series_id, last))
    shown = doc.result(scenario)
    factor = data.draw(st.floats(0.2, 1.5))
    targets = {m: shown.value(m, last) * factor for m in chosen}
    try:
        doc.execute(c.BackSolve(scenario, targets))
    except ModelError as refusal:
        event("refused")
        assert str(refusal).endswith(".")
        return
    event("solved")
    r = doc.result(scenario)
    for series_id, target in targets.items():
        assert math.isclose(r.value(series_id, last), target, rel_tol=1e-9)


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


EDITS = [
    lambda draw, p, t: c.SetHistory(t.series, t.year, draw(st.none() | values)),
    _growth_edit,
    lambda draw, p, t: c.SetPin(t.scenario, t.series, t.year, draw(st.none() | values)),
    lambda draw, p, t: c.SetHold(t.series, t.year, draw(st.booleans())),
    lambda draw, p, t: c.BackSolveCagr(t.scenario, t.series, draw(values)),
    lambda draw, p, t: c.SetNote(draw(st.sampled_from(["", t.scenario])), t.series, t.year, t.name),
    lambda draw, p, t: c.ShiftGrowth(t.scenario, draw(st.floats(-0.1, 0.1))),
    lambda draw, p, t: c.SpreadTotal(t.year, draw(values), t.scenario),
    lambda draw, p, t: c.ScaleHistoryToTotal(t.dim),
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
    kind = draw(st.integers(0, len(EDITS) - 1))
    command = EDITS[kind](draw, p, draw(targets(p)))
    event(type(command).__name__)
    return command


def assert_cache_is_current(doc: Document) -> None:
    for scenario in doc.project.scenarios:
        cached, fresh = doc.result(scenario.id), compute_scenario(doc.project, scenario.id)
        assert cached.series == fresh.series
        assert np.array_equal(cached.values, fresh.values, equal_nan=True)
        assert np.array_equal(cached.projected, fresh.projected, equal_nan=True)
        assert cached.gaps.keys() == fresh.gaps.keys()
        for dim_id, gap in fresh.gaps.items():
            assert np.array_equal(cached.gaps[dim_id], gap, equal_nan=True)


@given(projects(), st.data())
def test_undo_all_gives_back_the_original_and_redo_the_edited(project, data):
    doc = Document(project)
    original = dump_json(doc)
    steps = 0
    for _ in range(data.draw(st.integers(1, 12), label="edits")):
        before = dump_json(doc)
        command = _edit(data.draw, doc.project)
        try:
            change = doc.execute(command)
        except ModelError:
            event("refused")
            assert dump_json(doc) == before
            continue
        event("no change" if change is None else "applied")
        steps += change is not None
        assert_cache_is_current(doc)
    edited = dump_json(doc)
    for _ in range(steps):
        doc.undo()
        assert_cache_is_current(doc)
    assert not doc.can_undo and dump_json(doc) == original
    for _ in range(steps):
        doc.redo()
    assert not doc.can_redo and dump_json(doc) == edited
    assert_cache_is_current(doc)
