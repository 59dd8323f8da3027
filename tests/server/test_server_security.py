"""Who may read and write is the database's decision, and names and texts stay data."""

from __future__ import annotations

import ast
import itertools
from dataclasses import replace
from pathlib import Path

import psycopg
import pytest

from tests.store.support import dump_of, small_project
from workbench.core import commands as c
from workbench.core.document import Document
from workbench.core.entities import KeyQuestion
from workbench.store import StoreError
from workbench.store.postgres import (
    ReadOnlyProject,
    list_projects,
    open_server_project,
    restore_revision,
    save_to_server,
    share,
)

_people = itertools.count(1)

HOSTILE = [
    "x'); DROP TABLE workbench.projects; --",
    'Robert"); DROP SCHEMA workbench CASCADE; --',
    "%s %(name)s {} {0} $1 ? :name",
    "back\\slash \\' \\x00 literal",
    "line one\nline two\ttab",
    "  leading and trailing  ",
    "😀 emoji and שלום and مرحبا",
    "mwb_1_1_edit",
    "'; GRANT ALL ON workbench.history TO PUBLIC; --",
    "COPY workbench.history FROM PROGRAM 'id'",
    "a" * 190,
]


@pytest.fixture
def people(cluster):
    """Three login roles of this test: an owner, a reader, and someone not invited."""
    n = next(_people)
    names = {who: f"{who}_{n}" for who in ("owner", "reader", "stranger")}
    for name in names.values():
        cluster.add_user(name)
    return names


def test_a_reader_can_read_but_the_database_refuses_their_writes(cluster, people):
    owner = cluster.url(people["owner"], "shared model")
    reader = cluster.url(people["reader"], "shared model")
    document = Document(small_project())
    save_to_server(document, owner)  # a plain login role creates a project
    share(owner, people["reader"], edit=False)

    theirs = open_server_project(reader)
    assert dump_of(theirs) == dump_of(document)
    theirs.execute(c.SetHistory("d0m1", 2003, 42.0))
    with pytest.raises(ReadOnlyProject, match=rf"You \({people['reader']}\) may read .* not save"):
        save_to_server(theirs, reader)
    with pytest.raises(ReadOnlyProject):
        restore_revision(reader, 1)

    # Not only the app: the reader's own SQL is refused or changes nothing.
    with psycopg.connect(reader.partition("#")[0], autocommit=True) as sql:
        project_id = sql.execute("SELECT id FROM workbench.projects").fetchone()[0]
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            sql.execute(
                "INSERT INTO workbench.history (project_id, series, year, value, saved_in)"
                " VALUES (%s, 'd0m1', 2003, 1.0, 9)", (project_id,))
        for statement in ("UPDATE workbench.history SET value = 0",
                          "DELETE FROM workbench.history"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                sql.execute(statement)
        assert sql.execute("UPDATE workbench.history SET replaced_in = 9").rowcount == 0
        assert sql.execute("UPDATE workbench.projects SET revision = 9").rowcount == 0
    assert dump_of(open_server_project(owner)) == dump_of(document)

    share(owner, people["reader"], edit=True)
    assert save_to_server(theirs, reader) == 2


def test_a_stranger_sees_no_project_of_others(cluster, people):
    save_to_server(Document(small_project()), cluster.url(people["owner"], "private model"))
    stranger = cluster.url(people["stranger"], "private model")
    assert "private model" not in [name for name, _r in list_projects(stranger)]
    with pytest.raises(StoreError, match="not one of its readers"):
        open_server_project(stranger)
    with psycopg.connect(stranger.partition("#")[0]) as sql:
        assert sql.execute("SELECT count(*) FROM workbench.history").fetchone() == (0,)


def test_hostile_names_and_texts_stay_data(cluster):
    for i, name in enumerate(HOSTILE):
        project = small_project()
        project.metadata = replace(project.metadata, title=name)
        project.key_questions = [KeyQuestion("kq1", name, name[::-1])]
        document = Document(project)
        address = cluster.url(project=f"{i} {name}")
        save_to_server(document, address)
        assert dump_of(open_server_project(address)) == dump_of(document)
    listed = {n for n, _r in list_projects(cluster.url())}
    assert {f"{i} {name}" for i, name in enumerate(HOSTILE)} <= listed
    with cluster.admin() as sql:
        assert sql.execute("SELECT to_regclass('workbench.projects')").fetchone()[0]
    for bad in ("a" * 201, "nul\x00name", "   "):
        with pytest.raises(StoreError, match="name"):
            save_to_server(Document(small_project()), cluster.url(project=bad))


def test_a_hostile_member_name_is_a_name_not_code(cluster, people):
    owner = cluster.url(people["owner"], "shared with nobody")
    save_to_server(Document(small_project()), owner)
    with pytest.raises(StoreError, match="Cannot share"):
        share(owner, 'x"; DROP SCHEMA workbench CASCADE; --', edit=True)
    assert open_server_project(owner)


def test_every_statement_is_built_from_parameters_and_identifiers():
    """No statement text in the backend is an f-string, a % format or a .format of a str:
    names go through psycopg.sql.Identifier, values through parameters."""
    package = Path(__file__).parents[2] / "workbench" / "store" / "postgres"
    offenders = []
    for path in package.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
                continue
            if node.func.attr not in {"execute", "executemany", "copy"} or not node.args:
                continue
            query = node.args[0]
            if isinstance(query, ast.JoinedStr) or (
                isinstance(query, ast.BinOp) and isinstance(query.op, ast.Mod | ast.Add)
            ) or (isinstance(query, ast.Call) and getattr(query.func, "attr", "") == "format"
                  and isinstance(query.func.value, ast.Constant)):
                offenders.append(f"{path.name}:{node.lineno}")
    assert offenders == []


def test_a_plain_user_cannot_create_the_schema_and_is_told_who_can(cluster, people):
    with cluster.admin() as admin:
        admin.execute("CREATE DATABASE fresh_for_plain_users")
    plain = cluster.url(people["owner"]).replace("/workbench", "/fresh_for_plain_users")
    with pytest.raises(StoreError, match="ask the database's owner to connect once first"):
        list_projects(plain)
    with cluster.admin("fresh_for_plain_users") as sql:
        assert sql.execute("SELECT to_regnamespace('workbench')").fetchone() == (None,)
