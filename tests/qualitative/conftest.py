"""The sample with awkward qualitative values, shared by the file and workbook round trips.

Awkward on purpose: markdown with newlines, text that looks like a formula, unicode,
shares at 0 % and 100 %, an assessment note, a development without a source.
"""

from dataclasses import replace

import pytest

from workbench.core.commands import AddEntity, Batch, UpdateEntity
from workbench.core.entities import Company, Development, KeyQuestion
from workbench.core.sample import sample_document

FORMULA_NAME = '=HYPERLINK("http://x","y")'
AT_TEXT = "@acquired a studio — 收购"


@pytest.fixture
def awkward_document():
    document = sample_document()
    p = document.project
    simei = p.entity("companies", "co-simei")
    tech = p.entity("assessments", "assessment-technology")
    cell = ("regulation", "short-video")
    document.execute(Batch("Awkward entities", [
        AddEntity("companies", Company(
            "co-x", FORMULA_NAME, founded=1999, website="https://x.example",
            description="**Bold** lead.\n\n- one\n- two", strategy="@mention +plus -minus",
            segments=("wechat", "europe"), shares={2019: 0.0, 2031: 1.0, 2024: 0.1234567},
            source_ids=("src-seed",))),
        AddEntity("developments", Development("dev-x", "co-x", "2024-06-30", "m&a",
                                              AT_TEXT)),
        UpdateEntity("companies", replace(simei, name="SIMEI 思美")),
        UpdateEntity("assessments", replace(tech, cells={
            **tech.cells, cell: replace(tech.cells[cell], note="Line one\nline two")})),
        AddEntity("key_questions", KeyQuestion("q-x", "Growth?", "Total {{cagr:total}}.")),
    ]))
    return document


