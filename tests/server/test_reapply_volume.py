"""Re-applying edits when the volume measure itself was added or removed on one side.

`three_way` is pure (no server). A volume you added, or edited while they removed it, is
one change of the whole measure, never a cell written into a measure that is not there.
"""

from __future__ import annotations

from tests.store.support import sample_with_volume
from workbench.core import commands as c
from workbench.core.commands.measures import AddVolume, OnMeasure, RemoveVolume
from workbench.core.document import Document
from workbench.core.fields import Field
from workbench.core.measures import VOLUME
from workbench.core.sample import sample_document
from workbench.core.transaction import WHOLE
from workbench.store.postgres.reapply import Reapplied, apply_edits, three_way


def _copy(document: Document) -> Document:
    copied = Document(document.project.copy())
    copied.mark_saved()
    return copied


def test_a_volume_i_added_is_re_applied_whole_over_their_value_edits():
    base = sample_document(volume=False)
    base.mark_saved()
    mine, theirs = _copy(base), _copy(base)
    mine.execute(AddVolume("million subscriptions"))
    mine.execute(OnMeasure(VOLUME, c.SetHistory("tiktok", 2022, 30.0)))
    theirs.execute(c.SetHistory("tiktok", 2022, 3.5))
    edits, conflicts = three_way(base.project, mine.project, theirs.project, mine.dirty())
    assert conflicts == []
    assert [(put.field, put.key) for put in edits] == [(Field.VOLUME, None)]
    apply_edits(theirs, edits, "Re-apply my edits")
    assert theirs.project.volume == mine.project.volume
    assert theirs.project.volume is not mine.project.volume
    assert theirs.project.history[("tiktok", 2022)] == 3.5
    theirs.execute(OnMeasure(VOLUME, c.SetHistory("tiktok", 2022, 31.0)))
    assert mine.project.volume.history[("tiktok", 2022)] == 30.0, "not shared"


def test_editing_a_volume_they_removed_is_one_conflict_of_the_whole_measure():
    base = sample_with_volume()
    mine, theirs = _copy(base), _copy(base)
    mine.execute(OnMeasure(VOLUME, c.SetHistory("tiktok", 2022, 30.0)))
    mine.execute(OnMeasure(VOLUME, c.SetPin("base", "kwai", 2027, 9.0)))
    theirs.execute(RemoveVolume())
    edits, conflicts = three_way(base.project, mine.project, theirs.project, mine.dirty())
    assert edits == []
    assert [(k.field, k.key) for k in conflicts] == [(Field.VOLUME, WHOLE)]
    assert conflicts[0].label(theirs.project) == (
        "volume: yours a volume in million subscriptions; on the server removed"
    )
    Reapplied(theirs, conflicts, 0).keep_mine(conflicts)
    assert theirs.project.volume == mine.project.volume
