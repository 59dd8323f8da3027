"""Re-applying your edits on top of someone else's is exact, for any two sets of edits.

`three_way` is pure (no server): from a base project, you and they each change some
history cells (set a value or clear it). Afterwards every cell holds: yours where only
you changed it, theirs where only they did (or you both did alike), theirs where you
both changed it differently, and that cell is listed as a conflict with both values.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tests.store.support import small_project
from workbench.core import commands as c
from workbench.core.document import Document
from workbench.core.transaction import MISSING
from workbench.store.postgres.reapply import Reapplied, apply_edits, three_way

BASE = small_project()
CELLS = sorted(BASE.history)[:12]
values = st.one_of(st.none(), st.sampled_from([1.0, 2.0, 3.0]))
edits = st.dictionaries(st.sampled_from(CELLS), values, max_size=8)


def _edited(changes: dict) -> Document:
    document = Document(BASE.copy())
    document.mark_saved()
    for (series, year), value in changes.items():
        document.execute(c.SetHistory(series, year, value))
    return document


@given(mine=edits, theirs=edits)
def test_reapplying_keeps_both_sides_and_lists_real_conflicts(mine, theirs):
    me, them = _edited(mine), _edited(theirs)
    changes, conflicts = three_way(BASE, me.project, them.project, me.dirty())
    merged = Document(them.project.copy())
    apply_edits(merged, changes, "Re-apply my edits")
    expected_conflicts = set()
    for cell in CELLS:
        was = BASE.history.get(cell, MISSING)
        now, there = me.project.history.get(cell, MISSING), them.project.history.get(cell, MISSING)
        got = merged.project.history.get(cell, MISSING)
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
        assert merged.project.history.get(conflict.key, MISSING) == conflict.mine
