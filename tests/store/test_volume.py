"""Schema 4: the volume measure's unit and every keyed input saved, read back and guarded.

A project without a volume stays value-only (its volume tables empty, no `measures` row);
one with a volume keeps its unit, history, sources, growth, pins, holds, pin marks and
notes exactly, through whole and incremental saves, undo across a save, autosave and
recovery. A damaged volume row is refused in one sentence, the file left as it was.
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest

from tests.store.support import (
    dump_of,
    folder_state,
    sample_with_volume,
    writes,
)
from workbench.core import commands as c
from workbench.core.commands.measures import AddVolume, OnMeasure, RemoveVolume, SetVolumeUnit
from workbench.core.errors import ModelError
from workbench.core.measures import VOLUME
from workbench.core.project import TOTAL, Growth, MeasureInputs
from workbench.core.sample import sample_document
from workbench.store import (
    Autosaver,
    StoreError,
    open_project,
    recover,
    save_project,
    write_recovery,
)

VOLUME_TABLES = (
    "volume_history", "volume_history_sources", "volume_growth", "volume_growth_rates",
    "volume_growth_values", "volume_pins", "volume_holds", "volume_pin_marks", "volume_notes",
)


def count_rows(path: Path, table: str) -> int:
    connection = sqlite3.connect(path)
    try:
        return connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    finally:
        connection.close()


# -- round trips -----------------------------------------------------------------------------


def test_the_sample_with_a_volume_keeps_every_input(tmp_path):
    document = sample_with_volume()
    volume = document.project.volume
    assert volume.history and volume.history_sources and volume.growth
    assert volume.pins and volume.holds and volume.pin_marks and volume.notes
    save_project(document, tmp_path / "v.mwp")
    back = open_project(tmp_path / "v.mwp").project
    assert back.volume == volume
    assert back.volume.unit == "million subscriptions"
    assert back.volume.history[("tiktok", 2022)] == 3.0 * back.history[("tiktok", 2022)]
    assert back.volume.growth[("base", TOTAL)].rate == 0.07
    assert back.history == document.project.history, "the value is untouched"
    assert dump_of(open_project(tmp_path / "v.mwp")) == dump_of(document)


def test_the_sample_s_own_volume_survives_save_and_open(tmp_path):
    document = sample_document(volume=True)
    save_project(document, tmp_path / "v.mwp")
    reopened = open_project(tmp_path / "v.mwp")
    assert reopened.project.volume == document.project.volume
    assert reopened.project == document.project
    assert dump_of(reopened) == dump_of(document)
    assert not reopened.is_modified


def test_a_project_without_a_volume_stays_value_only(tmp_path):
    document = sample_document(volume=False)
    save_project(document, tmp_path / "v.mwp")
    assert open_project(tmp_path / "v.mwp").project.volume is None
    for table in ("measures", *VOLUME_TABLES):
        assert count_rows(tmp_path / "v.mwp", table) == 0, table


# -- incremental saves -----------------------------------------------------------------------


def test_a_volume_edit_saves_one_volume_row(tmp_path, statements):
    path = tmp_path / "v.mwp"
    document = sample_with_volume()
    save_project(document, path)
    document.execute(OnMeasure(VOLUME, c.SetHistory("kwai", 2021, 12.25)))
    statements.clear()
    save_project(document, path)
    written = writes(statements)
    assert len(written) == 1 and written[0].startswith("INSERT OR REPLACE INTO volume_history")
    back = open_project(path).project
    assert back.volume.history[("kwai", 2021)] == 12.25
    assert back.history[("kwai", 2021)] == document.project.history[("kwai", 2021)]
    assert back == document.project


def test_volume_growth_and_its_years_save_incrementally(tmp_path, statements):
    path = tmp_path / "v.mwp"
    document = sample_with_volume()
    save_project(document, path)
    growth = Growth("growth_by_year", 0.0, {2025: 0.2, 2026: -0.0})
    document.execute(OnMeasure(VOLUME, c.SetGrowth("base", "tiktok", growth)))
    statements.clear()
    save_project(document, path)
    touched = {re.search(r"(?:INTO|FROM) (\w+)", s).group(1) for s in writes(statements)}
    assert touched == {"volume_growth", "volume_growth_rates"}
    assert open_project(path).project == document.project


def test_adding_renaming_and_removing_the_volume_save_incrementally(tmp_path, statements):
    path = tmp_path / "v.mwp"
    document = sample_document(volume=False)
    save_project(document, path)
    document.execute(AddVolume("paid episodes, millions"))
    document.execute(OnMeasure(VOLUME, c.SetHistory(TOTAL, 2024, 900.0)))
    statements.clear()
    save_project(document, path)
    assert "BEGIN IMMEDIATE" in statements, "an incremental save, not a whole write"
    assert open_project(path).project.volume == MeasureInputs(
        "paid episodes, millions", history={(TOTAL, 2024): 900.0}
    )
    document.execute(SetVolumeUnit("million paid episodes"))
    save_project(document, path)
    assert open_project(path).project.volume.unit == "million paid episodes"
    document.execute(RemoveVolume())
    save_project(document, path)
    assert open_project(path).project.volume is None
    for table in ("measures", *VOLUME_TABLES):
        assert count_rows(path, table) == 0, table


def test_undo_across_a_save_gives_back_the_saved_volume(tmp_path):
    path = tmp_path / "v.mwp"
    document = sample_with_volume()
    save_project(document, path)
    before = open_project(path).project
    document.execute(OnMeasure(VOLUME, c.SetPin("base", "kwai", 2028, 77.0)))
    document.execute(RemoveVolume())
    save_project(document, path)
    assert open_project(path).project.volume is None
    document.undo()
    save_project(document, path)
    assert open_project(path).project.volume.pins[("base", "kwai", 2028)] == 77.0
    document.undo()
    save_project(document, path)
    assert open_project(path).project == before
    document.redo()
    document.redo()
    save_project(document, path)
    assert open_project(path).project.volume is None


# -- autosave and recovery -------------------------------------------------------------------


def test_a_volume_edit_is_kept_by_the_recovery_file(tmp_path):
    path = tmp_path / "v.mwp"
    document = sample_with_volume()
    save_project(document, path)
    document.execute(OnMeasure(VOLUME, c.SetHistory("tiktok", 2023, 55.5)))
    write_recovery(document, path)
    recovered = recover(path)
    assert recovered.project.volume.history[("tiktok", 2023)] == 55.5
    assert recovered.project == document.project
    assert open_project(path).project.volume.history[("tiktok", 2023)] != 55.5


def test_the_background_autosaver_keeps_a_volume_edit(tmp_path):
    path = tmp_path / "v.mwp"
    document = sample_with_volume()
    save_project(document, path)
    saver = Autosaver(document, path, every_edits=1, in_background=True)
    document.execute(OnMeasure(VOLUME, c.SetPin("base", "wechat", 2029, 12.5)))
    written = saver.maybe_save()
    saver.wait()
    assert written is not None and written.exists()
    document.execute(OnMeasure(VOLUME, c.SetPin("base", "wechat", 2029, 99.0)))  # after it
    recovered = recover(path)
    assert recovered.project.volume.pins[("base", "wechat", 2029)] == 12.5
    assert recovered.is_modified
    saver.close()


# -- damaged volume rows ---------------------------------------------------------------------


@pytest.fixture
def volume_file(tmp_path) -> Path:
    path = tmp_path / "v.mwp"
    save_project(sample_with_volume(), path)
    return path


@pytest.mark.parametrize(
    ("statement", "message"),
    [
        (
            "UPDATE volume_history SET value = 'twelve' WHERE series = 'total' AND year = 2024",
            r"volume_history\.value holds the text 'twelve' where a number belongs \(in the "
            r"row 'total', 2024, 'twelve'\)",
        ),
        (
            "UPDATE measures SET id = 'weight'",
            r"measures names 'weight', which is not a measure with inputs of its own "
            r"\(only volume is\)",
        ),
        (
            "INSERT INTO volume_history VALUES ('nowhere', 2020, 1.0)",
            r"volume_history holds a row for the segment 'nowhere', which the project does "
            r"not have",
        ),
        (
            "INSERT INTO volume_pins VALUES ('gone', 'total', 2027, 1.0)",
            r"volume_pins holds a row for the scenario 'gone', which the project does not have",
        ),
        (
            "DELETE FROM measures",
            r"volume_history holds rows, but the project has no volume measure",
        ),
    ],
    ids=["text-in-a-number", "not-a-measure", "no-such-segment", "no-such-scenario",
         "rows-without-the-measure"],
)
def test_a_damaged_volume_row_is_refused_in_one_sentence(volume_file, statement, message):
    connection = sqlite3.connect(volume_file)
    connection.execute(statement)
    connection.commit()
    connection.close()
    before = folder_state(volume_file.parent)
    with pytest.raises(StoreError) as caught:
        open_project(volume_file)
    text = str(caught.value)
    assert re.search(rf"^{re.escape(str(volume_file))} is damaged and cannot be opened: "
                     rf"{message}\.$", text), text
    assert text.count(". ") == 0, "one sentence"
    assert isinstance(caught.value, ModelError)
    assert folder_state(volume_file.parent) == before
