"""The volume measure on a team server: schema 4 follows the file, every path carries it.

Push and pull, an incremental save of a volume edit, history and restore of a revision
with a volume, re-applying volume edits over someone else's, and a server created by a
version-3 app gaining the volume's tables. (Any project with a volume round-trips in
tests/server/test_server_store.py.)
"""

from __future__ import annotations

import pytest

from tests.server.test_server_store import _rows_of_revision
from tests.store.support import dump_of, sample_with_volume
from workbench.core import commands as c
from workbench.core.commands.measures import OnMeasure, RemoveVolume, SetVolumeUnit
from workbench.core.measures import VOLUME
from workbench.core.project import TOTAL, Growth
from workbench.core.sample import sample_document
from workbench.store import open_project, save_project
from workbench.store.postgres import (
    SaveConflict,
    disconnect,
    history,
    open_server_project,
    pull,
    push,
    reapply,
    restore_revision,
    save_to_server,
)
from workbench.store.postgres.layout import data_tables
from workbench.store.postgres.schema import SCHEMA_VERSION


def test_push_and_pull_carry_the_volume(tmp_path, address):
    document = sample_with_volume()
    save_project(document, tmp_path / "mine.mwp")
    assert push(tmp_path / "mine.mwp", address) == 1
    assert open_server_project(address).project.volume == document.project.volume
    pull(address, tmp_path / "theirs.mwp")
    pulled = open_project(tmp_path / "theirs.mwp")
    assert pulled.project == document.project
    assert dump_of(pulled) == dump_of(document)


def test_the_sample_s_own_volume_round_trips_through_the_server(address):
    document = sample_document(volume=True)
    save_to_server(document, address)
    back = open_server_project(address)
    assert back.project == document.project
    assert dump_of(back) == dump_of(document)


def test_a_volume_edit_saves_one_volume_row(cluster, address):
    document = sample_with_volume()
    save_to_server(document, address)
    document.execute(OnMeasure(VOLUME, c.SetHistory("kwai", 2021, 12.25)))
    assert save_to_server(document, address) == 2
    assert _rows_of_revision(cluster, address, 2) == {"volume_history": 1}
    assert history(address)[0].summary == "Changed volume history (1)"
    document.execute(SetVolumeUnit("million paid subscriptions"))
    assert save_to_server(document, address) == 3
    assert _rows_of_revision(cluster, address, 3).get("measures") == 1
    back = open_server_project(address).project
    assert back.volume.history[("kwai", 2021)] == 12.25
    assert back.volume.unit == "million paid subscriptions"
    assert back == document.project


def test_history_and_restore_bring_the_volume_back(address):
    document = sample_with_volume()
    save_to_server(document, address)
    first = document.project.copy()
    document.execute(RemoveVolume())
    save_to_server(document, address)
    assert open_server_project(address).project.volume is None
    assert open_server_project(address, revision=1).project.volume == first.volume
    assert restore_revision(address, 1) == 3
    assert open_server_project(address).project == first


def test_reload_reapplies_volume_edits_and_lists_volume_conflicts(address):
    mine = sample_with_volume()
    save_to_server(mine, address)
    theirs = open_server_project(address)
    theirs.execute(OnMeasure(VOLUME, c.SetHistory("tiktok", 2020, 7.0)))  # only theirs
    theirs.execute(OnMeasure(VOLUME, c.SetHistory("kwai", 2020, 8.0)))  # both, differently
    theirs.execute(c.SetHistory("kwai", 2020, 0.5))  # the value's cell, theirs only
    save_to_server(theirs, address)
    mine.execute(OnMeasure(VOLUME, c.SetHistory("kwai", 2020, 80.0)))
    mine.execute(OnMeasure(VOLUME, c.SetPin("base", TOTAL, 2030, 999.0)))  # only mine
    with pytest.raises(SaveConflict):
        save_to_server(mine, address)
    again = reapply(mine)
    volume = again.document.project.volume
    assert volume.history[("tiktok", 2020)] == 7.0 and volume.history[("kwai", 2020)] == 8.0
    assert volume.pins[("base", TOTAL, 2030)] == 999.0
    assert again.document.project.history[("kwai", 2020)] == 0.5
    assert [(k.field, k.key, k.mine, k.theirs) for k in again.conflicts] == [
        ("volume.history", ("kwai", 2020), 80.0, 8.0)
    ]
    assert again.conflicts[0].label(again.document.project) == (
        "Kwai 2020 (volume history): yours 80.0; on the server 8.0"
    )
    again.keep_mine(again.conflicts)
    save_to_server(again.document, address)
    assert open_server_project(address).project.volume.history[("kwai", 2020)] == 80.0
    assert mine.project.volume is not again.document.project.volume


def test_a_version_3_server_gains_the_volume_tables(cluster):
    volume_tables = [name for name in data_tables() if name.startswith("volume_")]
    assert len(volume_tables) == 9 and "measures" in data_tables()
    with cluster.admin() as connection:
        for name in (*volume_tables, "measures"):
            connection.execute(f"DROP TABLE workbench.{name}")
        connection.execute("UPDATE workbench.schema_version SET version = 3")
    disconnect()
    document = sample_with_volume()
    address = cluster.url(project="volume after migration")
    save_to_server(document, address)
    with cluster.admin() as connection:
        assert connection.execute("SELECT version FROM workbench.schema_version"
                                  ).fetchone() == (SCHEMA_VERSION,)
    assert open_server_project(address).project.volume == document.project.volume


def test_extreme_numbers_come_back_from_the_server_bit_for_bit(address):
    """A history and growth by year come over as one row per series (arrays of years and
    numbers): -0.0, subnormals, huge values and 0.1 + 0.2 keep their exact bits, in the
    live project and in an old revision."""
    document = sample_with_volume()
    numbers = [-0.0, 5e-324, 1e-300, 1e300, -1e300, 0.1 + 0.2, 2.0**70]
    years = list(document.project.metadata.history_years)
    by_year = dict(zip(years, numbers, strict=False))
    for year, number in by_year.items():
        document.execute(c.SetHistory("tiktok", year, number))
        document.execute(OnMeasure(VOLUME, c.SetHistory("kwai", year, number)))
    document.project.growth[("base", "kwai")] = Growth("growth_by_year", rates=by_year)
    save_to_server(document, address)
    document.execute(c.SetHistory("tiktok", years[0], 1.0))
    save_to_server(document, address)
    hexes = {year: number.hex() for year, number in by_year.items()}
    first = open_server_project(address, revision=1).project
    live = open_server_project(address).project
    for back in (first, live):
        rates = back.growth[("base", "kwai")].rates
        assert {year: rate.hex() for year, rate in rates.items()} == hexes
        assert {year: back.volume.history[("kwai", year)].hex() for year in by_year} == hexes
    assert {year: first.history[("tiktok", year)].hex() for year in by_year} == hexes
    assert live.history[("tiktok", years[0])] == 1.0
