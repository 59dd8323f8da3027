"""The round-trip law: save then open gives back the same project, byte for byte in its dump."""

from __future__ import annotations

import math
import sqlite3
import tempfile
from dataclasses import fields
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.store.support import dump_of, small_project
from tests.strategies import projects, with_volume
from workbench.core.document import Document
from workbench.core.fields import Field
from workbench.core.project import ENTITY_COLLECTIONS, TOTAL, Growth, Project
from workbench.core.sample import sample_document
from workbench.store import (
    APPLICATION_ID,
    SCHEMA_VERSION,
    ProjectStore,
    SqliteStore,
    StoreError,
    open_project,
    save_project,
    save_project_as,
    writer,
)
from workbench.store.tables import ENTITY_TABLE


def test_sample_round_trips(tmp_path):
    document = sample_document()
    save_project(document, tmp_path / "sample.mwp")
    reopened = open_project(tmp_path / "sample.mwp")
    assert dump_of(reopened) == dump_of(document)
    assert reopened.project == document.project
    assert not reopened.is_modified


def test_synthetic_project_round_trips(tmp_path):
    document = Document(small_project())
    save_project_as(document, tmp_path / "synthetic.mwp")
    assert dump_of(open_project(tmp_path / "synthetic.mwp")) == dump_of(document)


@given(st.one_of(projects(), with_volume(projects())))
def test_any_project_round_trips(project):
    """Value-only or with a volume measure (its unit and every keyed input)."""
    document = Document(project)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "p.mwp"
        save_project(document, path)
        reopened = open_project(path)
    assert dump_of(reopened) == dump_of(document)
    assert reopened.project == project


def test_extreme_floats_keep_their_exact_bits(tmp_path):
    """-0.0 would come back as 0.0 from a REAL column; subnormals and huge values exactly."""
    project = small_project()
    values = [-0.0, 5e-324, 1e-300, 1e300, -1e300, 0.1 + 0.2, 2.0**70]
    years = list(project.metadata.history_years)
    for year, value in zip(years, values, strict=False):
        project.history[(TOTAL, year)] = value
    project.growth[("s0", TOTAL)] = Growth("s_curve", -0.0, {2011: 5e-324}, 1e300, -0.0, {})
    save_project(Document(project), tmp_path / "f.mwp")
    back = open_project(tmp_path / "f.mwp").project
    for year, value in zip(years, values, strict=False):
        assert math.copysign(1.0, back.history[(TOTAL, year)]) == math.copysign(1.0, value)
        assert back.history[(TOTAL, year)].hex() == value.hex()
    growth = back.growth[("s0", TOTAL)]
    assert math.copysign(1.0, growth.rate) == -1.0 and growth.rates == {2011: 5e-324}
    assert growth.k == 1e300 and math.copysign(1.0, growth.r) == -1.0


def test_list_order_of_every_collection_is_kept(tmp_path):
    document = sample_document()
    project = document.project
    project.dimensions.reverse()
    project.scenarios.reverse()
    for collection in ENTITY_COLLECTIONS:
        getattr(project, collection).reverse()
    save_project(document, tmp_path / "r.mwp")
    back = open_project(tmp_path / "r.mwp").project
    assert [d.id for d in back.dimensions] == [d.id for d in project.dimensions]
    assert [m.id for d in back.dimensions for m in d.members] == [
        m.id for d in project.dimensions for m in d.members
    ]
    for collection in ENTITY_COLLECTIONS:
        assert [e.id for e in getattr(back, collection)] == [
            e.id for e in getattr(project, collection)
        ], collection


def test_every_entity_field_has_a_home_in_the_file():
    """A field added to an entity without a column or child table fails here, not in use."""
    for collection, entity_type in ENTITY_COLLECTIONS.items():
        table = ENTITY_TABLE[collection]
        stored = {"id", *table.columns, *(child.field for child in table.children)}
        assert stored == {f.name for f in fields(entity_type)}, collection


def test_every_project_field_is_known_to_the_incremental_writer():
    """Every field an edit can log (the volume's dotted ones too) has rows the incremental
    writer knows, and every attribute of Project is one of those fields."""
    assert set(Field) == writer.FIELDS
    assert {f.name for f in fields(Project)} == {f for f in Field if "." not in f}


def test_the_file_is_ours_and_configured(tmp_path):
    path = tmp_path / "p.mwp"
    save_project(Document(small_project()), path)
    connection = sqlite3.connect(path)
    try:
        assert connection.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        assert connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert connection.execute("PRAGMA quick_check").fetchone()[0] == "ok"
        history = connection.execute("SELECT typeof(value) FROM history GROUP BY 1").fetchall()
        assert history == [("real",)]
    finally:
        connection.close()
    assert [p.name for p in tmp_path.iterdir()] == ["p.mwp"]


def test_duplicate_ids_are_refused_in_one_sentence_and_the_old_file_stays(tmp_path):
    path = tmp_path / "p.mwp"
    document = Document(small_project())
    save_project(document, path)
    before = path.read_bytes()
    document.project.companies.append(document.project.companies[0])
    with pytest.raises(StoreError, match=r"^Cannot save .*p\.mwp: two rows of companies share"):
        save_project_as(document, path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["p.mwp"]


def test_saving_into_a_missing_folder_is_refused(tmp_path):
    with pytest.raises(StoreError, match=r"the folder .*nowhere does not exist"):
        save_project(Document(small_project()), tmp_path / "nowhere" / "p.mwp")
    assert list(tmp_path.iterdir()) == []


def test_the_store_interface_opens_and_saves(tmp_path):
    store: ProjectStore = SqliteStore(tmp_path)
    document = sample_document()
    store.save_as(document, tmp_path / "a.mwp")
    reopened = store.open(tmp_path / "a.mwp")
    reopened.project.history[(TOTAL, 2019)] = 0.5
    store.save(reopened, tmp_path / "b.mwp")
    assert open_project(tmp_path / "b.mwp").project.history[(TOTAL, 2019)] == 0.5
    assert dump_of(store.open(tmp_path / "a.mwp")) == dump_of(document)
