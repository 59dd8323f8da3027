"""The team server store against a real PostgreSQL: round trips, revisions, history."""

from __future__ import annotations

import itertools
from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.store.support import dump_of, small_project
from tests.strategies import projects, with_volume
from workbench.core import commands as c
from workbench.core.document import Document
from workbench.core.sample import sample_document
from workbench.store import StoreError
from workbench.store.postgres import (
    ReadOnlyProject,
    SaveConflict,
    ServerAddress,
    history,
    list_projects,
    open_server_project,
    reapply,
    restore_revision,
    save_to_server,
    server_project,
)
from workbench.store.postgres.schema import SCHEMA_VERSION

_examples = itertools.count(1)


def _rows_of_revision(cluster, address: str, revision: int) -> dict[str, int]:
    """How many rows each table got in `revision` (what a save wrote)."""
    name = ServerAddress.parse(address).project
    with cluster.admin() as connection:
        tables = [r[0] for r in connection.execute(
            "SELECT table_name FROM information_schema.columns"
            " WHERE table_schema = 'workbench' AND column_name = 'saved_in'")]
        out = {}
        for table in tables:
            n = connection.execute(
                f"SELECT count(*) FROM workbench.{table} t JOIN workbench.projects p"
                " ON p.id = t.project_id WHERE p.name = %s AND t.saved_in = %s",
                (name, revision),
            ).fetchone()[0]
            if n:
                out[table] = n
        return out


def test_sample_round_trips_through_the_server(address):
    document = sample_document()
    assert save_to_server(document, address) == 1
    assert not document.is_modified
    assert dump_of(open_server_project(address)) == dump_of(document)


@settings(max_examples=20, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(project=st.one_of(projects(), with_volume(projects())))
def test_any_project_round_trips(cluster, project):
    """Value-only or with a volume measure (its unit and every keyed input)."""
    address = cluster.url("postgres", f"hypothesis-{next(_examples)}")
    document = Document(project)
    try:
        save_to_server(document, address)
    except StoreError as exc:
        # PostgreSQL text cannot hold NUL: refused whole, in a sentence, nothing written.
        assert "NUL character, which a PostgreSQL server cannot store" in str(exc)
        with pytest.raises(StoreError, match="There is no project"):
            open_server_project(address)
        return
    back = open_server_project(address)
    assert dump_of(back) == dump_of(document)
    assert back.project == project


def test_a_save_after_one_edit_writes_one_row_and_bumps_the_revision(cluster, address):
    document = Document(small_project())
    save_to_server(document, address)
    document.execute(c.SetHistory("d0m1", 2003, 123.5))
    assert save_to_server(document, address) == 2
    assert _rows_of_revision(cluster, address, 2) == {"history": 1}
    again = open_server_project(address)
    assert again.project.history[("d0m1", 2003)] == 123.5
    assert server_project(again).revision == 2
    assert dump_of(again) == dump_of(document)


def test_entity_edits_moves_and_removals_save_incrementally(address):
    document = Document(small_project())
    save_to_server(document, address)
    companies = document.project.companies
    document.execute(c.RemoveEntity("companies", companies[0].id))
    document.execute(c.MoveEntity("developments", document.project.developments[3].id, 0))
    save_to_server(document, address)
    assert dump_of(open_server_project(address)) == dump_of(document)


def test_a_save_based_on_an_old_revision_is_refused_saying_who_saved_what(address):
    mine = Document(small_project())
    save_to_server(mine, address)
    theirs = open_server_project(address)
    theirs.execute(c.SetHistory("d0m2", 2004, 7.0))
    save_to_server(theirs, address)
    mine.execute(c.SetHistory("d0m3", 2004, 9.0))
    with pytest.raises(SaveConflict) as refused:
        save_to_server(mine, address)
    message = str(refused.value)
    assert "since your revision 1" in message and "revision 2 by postgres" in message
    assert "history (1)" in message and "save yours as a new project" in message
    assert [r.revision for r in refused.value.since] == [2]
    assert open_server_project(address).project.history[("d0m3", 2004)] != 9.0
    assert mine.is_modified  # nothing lost: the edit is still in the document


def test_history_old_revision_read_only_and_restore(address):
    document = Document(small_project())
    save_to_server(document, address)
    first = dump_of(document)
    document.execute(c.SetHistory("d0m1", 2003, 1.0))
    save_to_server(document, address, summary="Fixed one cell")
    revisions = history(address)
    assert [(r.revision, r.saved_by) for r in revisions] == [(2, "postgres"), (1, "postgres")]
    assert revisions[0].summary == "Fixed one cell" and revisions[1].summary == "Created"

    old = open_server_project(address, revision=1)
    assert dump_of(old) == first
    old.execute(c.SetHistory("d0m1", 2003, 5.0))
    with pytest.raises(ReadOnlyProject, match="old revision 1, read-only"):
        save_to_server(old, address)

    assert restore_revision(address, 1) == 3
    assert dump_of(open_server_project(address)) == first
    assert history(address)[0].summary == "Restored revision 1"
    assert dump_of(open_server_project(address, revision=2)) == dump_of(document)


def test_many_projects_share_one_database(cluster):
    names = ["alpha one", "beta; two", "gamma's three"]
    for i, name in enumerate(names):
        project = small_project()
        project.metadata = replace(project.metadata, title=name)
        save_to_server(Document(project), cluster.url(project=name))
        assert i + 1 == len([n for n, _r in list_projects(cluster.url()) if n in names])
    for name in names:
        assert open_server_project(cluster.url(project=name)).project.metadata.title == name


def test_missing_project_and_bad_revision_are_sentences(cluster, address):
    with pytest.raises(StoreError, match="There is no project"):
        open_server_project(cluster.url(project="no such project"))
    save_to_server(Document(small_project()), address)
    with pytest.raises(StoreError, match="no revision 9"):
        open_server_project(address, revision=9)
    with pytest.raises(StoreError, match="already a project"):
        save_to_server(Document(small_project()), address)


def test_a_newer_server_schema_is_refused_and_an_older_one_migrated(cluster):
    from workbench.store.postgres import disconnect

    with cluster.admin() as connection:
        connection.execute("UPDATE workbench.schema_version SET version = %s",
                           (SCHEMA_VERSION + 1,))
    disconnect()
    try:
        with pytest.raises(StoreError, match="newer version of Market Workbench"):
            list_projects(cluster.url())
    finally:
        with cluster.admin() as connection:
            connection.execute("UPDATE workbench.schema_version SET version = %s",
                               (SCHEMA_VERSION,))
    # An older server (the file's version 1 had no notes table) gains it on connect.
    with cluster.admin() as connection:
        connection.execute("DROP TABLE workbench.notes")
        connection.execute("UPDATE workbench.schema_version SET version = 1")
    disconnect()
    document = sample_document()
    document.execute(c.SetNote("", "total", 2020, "checked"))
    address = cluster.url(project="after migration")
    save_to_server(document, address)
    with cluster.admin() as connection:
        assert connection.execute("SELECT version FROM workbench.schema_version"
                                  ).fetchone() == (SCHEMA_VERSION,)
    assert open_server_project(address).project.notes[("", "total", 2020)] == "checked"


def test_reload_reapplies_my_edits_and_lists_cells_both_changed(address):
    mine = Document(small_project())
    save_to_server(mine, address)
    theirs = open_server_project(address)
    theirs.execute(c.SetHistory("d0m1", 2003, 7.0))  # only theirs
    theirs.execute(c.SetHistory("d0m2", 2003, 8.0))  # both, differently
    theirs.execute(c.SetHistory("d0m4", 2003, 5.5))  # both, alike
    save_to_server(theirs, address)
    mine.execute(c.SetHistory("d0m2", 2003, 80.0))
    mine.execute(c.SetHistory("d0m3", 2003, 9.0))  # only mine
    mine.execute(c.SetHistory("d0m4", 2003, 5.5))
    developments = mine.project.developments
    mine.execute(c.RemoveEntity("developments", developments[1].id))
    with pytest.raises(SaveConflict):
        save_to_server(mine, address)

    again = reapply(mine)
    history_now = again.document.project.history
    assert history_now[("d0m1", 2003)] == 7.0 and history_now[("d0m3", 2003)] == 9.0
    assert history_now[("d0m2", 2003)] == 8.0  # the server's value until decided
    assert history_now[("d0m4", 2003)] == 5.5
    assert developments[1].id not in {d.id for d in again.document.project.developments}
    assert [(k.field, k.key, k.mine, k.theirs) for k in again.conflicts] == [
        ("history", ("d0m2", 2003), 80.0, 8.0)
    ]
    assert again.conflicts[0].label(again.document.project) == (
        "Segment 0.2 2003 (history): yours 80.0; on the server 8.0"
    )
    again.keep_mine(again.conflicts)
    assert save_to_server(again.document, address) == 3
    final = open_server_project(address).project.history
    assert (final[("d0m1", 2003)], final[("d0m2", 2003)], final[("d0m3", 2003)]) == (7.0, 80.0, 9.0)
    again.document.undo()  # keeping mine is a step of its own
    assert again.document.project.history[("d0m2", 2003)] == 8.0
