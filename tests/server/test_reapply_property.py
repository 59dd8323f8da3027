"""Re-applying your edits on top of someone else's is exact, for any two sets of edits.

`three_way` is pure (no server): from a base project, you and they each change some
history cells (set a value or clear it) of one measure, the value or the volume.
Afterwards every cell holds: yours where only you changed it, theirs where only they did
(or you both did alike), theirs where you both changed it differently, and that cell is
listed as a conflict with both values.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tests.benchmarks.synthetic import synthetic_project
from workbench.core import commands as c
from workbench.core.commands.measures import OnMeasure
from workbench.core.document import Document
from workbench.core.measures import MEASURES, inputs_of
from workbench.core.transaction import MISSING
from workbench.store.postgres.reapply import Reapplied, apply_edits, three_way

BASE = synthetic_project(dimensions=2, members=6, scenarios=2, years=12, companies=5,
                         developments=20, volume=True)
CELLS = sorted(BASE.history)[:12]
values = st.one_of(st.none(), st.sampled_from([1.0, 2.0, 3.0]))
edits = st.dictionaries(st.sampled_from(CELLS), values, max_size=8)
typed = st.sampled_from([m.id for m in MEASURES if m.typed])


def _edited(changes: dict, measure: str) -> Document:
    document = Document(BASE.copy())
    document.mark_saved()
    for (series, year), value in changes.items():
        document.execute(OnMeasure(measure, c.SetHistory(series, year, value)))
    return document


@given(mine=edits, theirs=edits, measure=typed)
def test_reapplying_keeps_both_sides_and_lists_real_conflicts(mine, theirs, measure):
    me, them = _edited(mine, measure), _edited(theirs, measure)
    changes, conflicts = three_way(BASE, me.project, them.project, me.dirty())
    merged = Document(them.project.copy())
    apply_edits(merged, changes, "Re-apply my edits")
    expected_conflicts = set()
    base, mine_now, theirs_now, merged_now = (
        inputs_of(project, measure).history
        for project in (BASE, me.project, them.project, merged.project)
    )
    for cell in CELLS:
        was = base.get(cell, MISSING)
        now, there = mine_now.get(cell, MISSING), theirs_now.get(cell, MISSING)
        got = merged_now.get(cell, MISSING)
        if now == was:
            assert got == there
        elif there in (was, now):
            assert got == now
        else:
            assert got == there
            expected_conflicts.add(cell)
    assert {k.key for k in conflicts} == expected_conflicts
    Reapplied(merged, conflicts, len(changes)).keep_mine(conflicts)
    for conflict in conflicts:
        assert inputs_of(merged.project, measure).history.get(conflict.key, MISSING) == (
            conflict.mine
        )
