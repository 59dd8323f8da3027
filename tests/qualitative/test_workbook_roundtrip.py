"""Qualitative entities through the workbook: round trip, edit laws, formula injection."""

import openpyxl
import pytest

from workbench.core.dump import dump_json
from workbench.core.sample import sample_document
from workbench.excel.export import export_workbook
from workbench.excel.importer import read_workbook

from .conftest import AT_TEXT, FORMULA_NAME


def rows_by_id(ws) -> dict[str, int]:
    """Row number of each entity id (column A, below the header in row 3)."""
    return {ws.cell(r, 1).value: r for r in range(4, ws.max_row + 1) if ws.cell(r, 1).value}


def column_of(ws, header: str) -> int:
    return next(c for c in range(1, ws.max_column + 1) if ws.cell(3, c).value == header)


def import_into(document, path):
    plan = read_workbook(path, document)
    document.execute(plan.command)
    return plan


def test_export_then_import_changes_nothing(tmp_path, awkward_document):
    path = tmp_path / "out.xlsx"
    export_workbook(awkward_document, path)
    before = dump_json(awkward_document)
    plan = read_workbook(path, awkward_document)
    assert plan.is_empty, plan.summary_lines()
    awkward_document.execute(plan.command)
    assert dump_json(awkward_document) == before


def test_formula_like_text_is_written_as_text(tmp_path, awkward_document):
    path = tmp_path / "out.xlsx"
    export_workbook(awkward_document, path)
    wb = openpyxl.load_workbook(path)
    companies, developments = wb["Companies"], wb["Developments"]
    name = companies.cell(rows_by_id(companies)["co-x"], column_of(companies, "Name"))
    text = developments.cell(rows_by_id(developments)["dev-x"], column_of(developments, "Text"))
    assert (name.data_type, name.value) == ("s", FORMULA_NAME)
    assert (text.data_type, text.value) == ("s", AT_TEXT)
    strategy = companies.cell(rows_by_id(companies)["co-x"], column_of(companies, "Strategy"))
    assert strategy.data_type == "s"


@pytest.fixture
def exported(tmp_path):
    document = sample_document()
    path = tmp_path / "sample.xlsx"
    export_workbook(document, path)
    return document, path


def test_development_added_in_the_workbook_appears_in_the_dossier(qtbot, exported):
    from workbench.gui.bridge import DocumentBridge
    from workbench.gui.qualitative.dossier import Dossier

    document, path = exported
    wb = openpyxl.load_workbook(path)
    ws = wb["Developments"]
    row = ws.max_row + 1
    for header, value in (("Company id", "co-huace"), ("Date", "2025-03"),
                          ("Kind", "partnership"), ("Text", "Co-produces dramas with Kwai.")):
        ws.cell(row, column_of(ws, header), value)
    wb.save(path)
    bridge = DocumentBridge(document)
    dossier = Dossier(bridge)
    qtbot.addWidget(dossier)
    dossier.show_company("co-huace")
    assert dossier.developments.model.rowCount() == 1
    import_into(document, path)
    texts = {dossier.developments.model.index(r, 2).data()
             for r in range(dossier.developments.model.rowCount())}
    assert "Co-produces dramas with Kwai." in texts
    assert dossier.developments.model.rowCount() == 2
    bridge.undo()
    assert dossier.developments.model.rowCount() == 1


def test_company_renamed_in_excel_stays_the_same_company(exported):
    document, path = exported
    wb = openpyxl.load_workbook(path)
    ws = wb["Companies"]
    ws.cell(rows_by_id(ws)["co-simei"], column_of(ws, "Name"), "SIMEI Media Group")
    wb.save(path)
    import_into(document, path)
    project = document.project
    assert project.entity("companies", "co-simei").name == "SIMEI Media Group"
    assert len(project.companies) == 8
    assert [d.id for d in project.developments if d.company_id == "co-simei"] == ["dev-simei-1"]
