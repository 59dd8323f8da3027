"""Put, the core command importers express each difference with."""

from dataclasses import replace

import pytest

from workbench.core.commands import Batch, Put
from workbench.core.dump import dump_json
from workbench.core.errors import ModelError
from workbench.core.fields import Field
from workbench.core.project import Scenario
from workbench.core.sample import sample_document
from workbench.core.transaction import MISSING


def test_puts_set_delete_and_replace_as_one_undoable_step():
    document = sample_document()
    p = document.project
    before = dump_json(document)
    old_2020 = p.history[("tiktok", 2020)]
    scenarios = [*p.scenarios, Scenario("stress", "Stress")]
    change = document.execute(Batch("Import workbook", [
        Put(Field.HISTORY, ("tiktok", 2020), old_2020, 0.5),
        Put("holds", ("kwai", 2021), MISSING, True),
        Put(Field.NOTES, ("", "kwai", 2021), MISSING, "from the workbook"),
        Put(Field.SCENARIOS, None, p.scenarios, scenarios),
    ]))
    assert p.history[("tiktok", 2020)] == 0.5 and ("kwai", 2021) in p.holds
    assert p.scenarios[-1].id == "stress"
    assert change.fields == {Field.HISTORY, Field.HOLDS, Field.NOTES, Field.SCENARIOS}
    document.execute(Put(Field.NOTES, ("", "kwai", 2021), "from the workbook", MISSING))
    assert ("", "kwai", 2021) not in p.notes
    document.undo()
    document.undo()
    assert dump_json(document) == before


def test_a_put_whose_value_moved_on_is_refused_and_nothing_changes():
    document = sample_document()
    before = dump_json(document)
    stale = document.project.history[("tiktok", 2020)] + 1.0
    with pytest.raises(ModelError, match="read the workbook again"):
        document.execute(Batch("Import workbook", [
            Put(Field.NOTES, ("", "kwai", 2021), MISSING, "first"),
            Put(Field.HISTORY, ("tiktok", 2020), stale, 0.5),
        ]))
    assert dump_json(document) == before and not document.can_undo


def test_a_put_to_no_field_of_a_project_is_refused():
    with pytest.raises(ValueError):
        Put("histroy", ("tiktok", 2020), MISSING, 1.0)


def test_puts_on_an_entity_by_its_id_and_on_the_volume_s_inputs():
    """What re-applying your edits over a server's newer revision writes: an entity
    replaced in place, added at the end and removed, and a volume cell."""
    document = sample_document()
    p = document.project
    before, count = dump_json(document), len(p.trends)
    first, second = p.trends[0], p.trends[1]
    renamed = replace(first, title="Renamed")
    added = replace(second, id="trend-new", title="A new trend")
    volume_cell = ("tiktok", 2022)
    old_volume = p.volume.history[volume_cell]
    document.execute(Batch("Re-apply my edits", [
        Put(Field.TRENDS, first.id, first, renamed),
        Put(Field.TRENDS, "trend-new", MISSING, added),
        Put(Field.TRENDS, second.id, second, MISSING),
        Put(Field.VOLUME_HISTORY, volume_cell, old_volume, 7.5),
    ]))
    assert p.trends[0] == renamed and p.trends[-1] == added
    assert second.id not in {t.id for t in p.trends} and len(p.trends) == count
    assert p.volume.history[volume_cell] == 7.5 and p.history == sample_document().project.history
    document.undo()
    assert dump_json(document) == before


def test_a_stale_put_says_the_sentence_it_was_given():
    document = sample_document()
    trend = document.project.trends[0]
    with pytest.raises(ModelError, match=r"^Reload it again\.$"):
        document.execute(Put(Field.TRENDS, trend.id, replace(trend, title="Older"),
                             MISSING, moved_on="Reload it again."))
    assert document.project.trends[0] is trend
