"""Laws that hold for any project and any sequence of edits (hypothesis).

Random projects are small (≤ 3 dimensions × 3 segments, ≤ 3 scenarios, ≤ 3 history and
≤ 4 forecast years) but use every growth method, pins, holds and both modes. Edits are
drawn one at a time against the project as it is at that moment; an edit the model
refuses (ModelError) is part of the law too: it must change nothing.
"""

from types import SimpleNamespace

import numpy as np
from hypothesis import event, given
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

values = st.floats(1.0, 1000.0, allow_nan=False)
rates = st.floats(-0.5, 0.5, allow_nan=False)


def projects():
    """The shared `projects()` strategy, small and forecastable: ≤ 3 dimensions × 3
    segments, ≤ 3 scenarios, ≤ 3 history and ≤ 4 forecast years, no entities."""
    return shared_projects(
        forecastable=True, text=st.sampled_from(["D0", "M0", "S0", "Other"]), values=values,
        ids=plain_ids, dimensions=(1, 3), members=(1, 3), scenarios=(1, 3), years=(2, 4),
        entities=no_entities,
    )


@given(projects())
def test_reconciled_segments_add_up_to_the_total(project):
    primary = project.primary_dimension if project.mode == "bottom_up" else None
    for scenario in project.scenarios:
        r = compute_scenario(project, scenario.id)
        fc = slice(r.col(project.metadata.base_year + 1), None)
        total = r.series_values(TOTAL)[fc]
        assert np.isfinite(total).all() and (total > 0).all()
        for dim in project.dimensions:
            sums = r.values[[r.row[m] for m in dim.member_ids()], fc].sum(axis=0)
            np.testing.assert_allclose(sums, total, rtol=1e-12, atol=0)
            if dim.id == primary:
                assert (r.gaps[dim.id][fc] == 0).all()


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
