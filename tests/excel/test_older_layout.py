"""A workbook exported by the version before pin rows (pins typed into the projected rows,
formulas reading cells by address) still imports: the fixture is the sample with a pin
and a hold, exported by that version."""

from __future__ import annotations

from pathlib import Path

from workbench.core.commands import SetHold, SetPin
from workbench.core.dump import dump_json
from workbench.core.sample import sample_document
from workbench.excel import read_workbook
from workbench.excel.importer import project_from_workbook

OLDER = Path(__file__).parents[1] / "fixtures" / "excel" / "sample-before-pin-rows.xlsx"


def document_it_was_exported_from():
    document = sample_document(volume=False)  # the fixture is of the value-only sample
    document.execute(SetPin("base", "kwai", 2027, 2.0))
    document.execute(SetHold("tiktok", 2028, True))
    return document


def test_a_workbook_before_pin_rows_imports_unchanged():
    document = document_it_was_exported_from()
    plan = read_workbook(OLDER, document)
    assert plan.is_empty, plan.summary_lines()


def test_its_pins_and_holds_come_back_into_an_unpinned_project():
    document = sample_document(volume=False)
    plan = read_workbook(OLDER, document)
    document.execute(plan.command)
    assert dump_json(document) == dump_json(document_it_was_exported_from())


def test_it_makes_the_same_new_project():
    project = project_from_workbook(OLDER)
    assert project.pins == document_it_was_exported_from().project.pins
