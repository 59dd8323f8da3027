"""Every qualitative field survives the project file: save, reopen, compare the dump."""

from dataclasses import replace

from workbench.core.commands import AddEntity, UpdateEntity
from workbench.core.dump import dump_json
from workbench.core.entities import Development
from workbench.core.sample import sample_document
from workbench.store import open_project, save_project


def test_save_and_reopen_keeps_every_qualitative_field(tmp_path, awkward_document):
    document = awkward_document
    path = tmp_path / "micro.mwp"
    save_project(document, path)
    reopened = open_project(path)
    assert dump_json(reopened) == dump_json(document)
    company = reopened.project.entity("companies", "co-x")
    assert company.shares == {2019: 0.0, 2024: 0.1234567, 2031: 1.0}
    assert company.description == "**Bold** lead.\n\n- one\n- two"
    assert [c.id for c in reopened.project.companies] == [c.id for c in document.project.companies]


def test_incremental_save_after_entity_edits_and_undo(tmp_path):
    path = tmp_path / "micro.mwp"
    document = sample_document()
    save_project(document, path)
    document.execute(UpdateEntity("forces", replace(
        document.project.entity("forces", "rivalry"), rating=2, rationale="Cooling.")))
    document.execute(AddEntity("developments", Development(
        "dev-new", "co-huace", "2025-01", "funding", "Raised a fund.")))
    document.undo()
    save_project(document, path)
    assert dump_json(open_project(path)) == dump_json(document)
