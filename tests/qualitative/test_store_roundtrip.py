"""Every qualitative field survives the project file: save, reopen, compare the dump.

Awkward values on purpose: markdown with newlines, text that looks like a formula,
unicode, shares at 0 % and 100 %, an assessment note, a development without a source.
"""

from dataclasses import replace

from workbench.core.commands import AddEntity, Batch, UpdateEntity
from workbench.core.dump import dump_json
from workbench.core.entities import Company, Development, KeyQuestion
from workbench.core.sample import sample_document
from workbench.store import open_project, save_project


def edited_sample():
    document = sample_document()
    p = document.project
    simei = p.entity("companies", "co-simei")
    tech = p.entity("assessments", "assessment-technology")
    cell = ("regulation", "short-video")
    document.execute(Batch("Awkward entities", [
        AddEntity("companies", Company(
            "co-x", '=HYPERLINK("http://x","y")', founded=1999, website="https://x.example",
            description="**Bold** lead.\n\n- one\n- two", strategy="@mention +plus -minus",
            segments=("wechat", "europe"), shares={2019: 0.0, 2031: 1.0, 2024: 0.1234567},
            source_ids=("src-seed",))),
        AddEntity("developments", Development("dev-x", "co-x", "2024-06-30", "m&a",
                                              "@acquired a studio — 收购")),
        UpdateEntity("companies", replace(simei, name="SIMEI 思美")),
        UpdateEntity("assessments", replace(tech, cells={
            **tech.cells, cell: replace(tech.cells[cell], note="Line one\nline two")})),
        AddEntity("key_questions", KeyQuestion("q-x", "Growth?", "Total {{cagr:total}}.")),
    ]))
    return document


def test_save_and_reopen_keeps_every_qualitative_field(tmp_path):
    document = edited_sample()
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
