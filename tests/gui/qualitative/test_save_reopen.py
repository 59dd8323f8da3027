"""Edits made on the pages are in the project file after save and reopen."""

from workbench.core.commands import RemoveEntity
from workbench.core.dump import dump_json
from workbench.gui.bridge import DocumentBridge
from workbench.gui.page_registry import PAGES, QUALITATIVE
from workbench.gui.qualitative.assessments import AssessmentsPage
from workbench.gui.qualitative.companies import CompaniesPage
from workbench.store import open_project, save_project


def test_page_edits_survive_save_and_reopen(qtbot, bridge, project, tmp_path, dialogs):
    companies = CompaniesPage(bridge)
    qtbot.addWidget(companies)
    companies.add_company()
    company_id = companies.dossier.company_id
    companies.dossier.facts["name"].setText("Red Fruit")
    companies.dossier.facts["name"].editingFinished.emit()
    dialogs.queue("ask_form", {"date": "2025-02", "kind": "Product", "text": "Launched",
                               "source": "(no source)"})
    assert companies.dossier.developments.add_development()
    assessments = AssessmentsPage(bridge)
    qtbot.addWidget(assessments)
    assessments.model.setData(assessments.model.index(0, 1), 2)
    path = tmp_path / "edited.mwp"
    save_project(bridge.document, path)
    reopened = DocumentBridge(open_project(path))
    assert dump_json(reopened.document) == dump_json(bridge.document)
    again = CompaniesPage(reopened)
    qtbot.addWidget(again)
    again.select(company_id)
    assert again.dossier.facts["name"].text() == "Red Fruit"
    assert again.dossier.developments.model.rowCount() == 1


def test_every_page_rebuilds_when_the_document_is_replaced(qtbot, bridge, tmp_path):
    entries = PAGES.entries(bridge.document.project)
    pages = [PAGES.build(bridge, e.key) for e in entries if e.section == QUALITATIVE]
    for page in pages:
        qtbot.addWidget(page)
    assert [p.title for p in pages] == ["Companies", "Drivers & Challenges", "Trends",
                                       "Five Forces", "Assessments", "Key Questions"]
    path = tmp_path / "other.mwp"
    bridge.document.execute(RemoveEntity("companies", "co-hicon"))
    save_project(bridge.document, path)
    bridge.replace_document(open_project(path))
    assert pages[0].model.rowCount() == 7
    assert pages[0].dossier.company_id == pages[0].selected_id() is not None
    assert pages[1].drivers.model.rowCount() == 5
    assert pages[4].model.rowCount() == 4
    assert pages[5].insight_list.topLevelItemCount() > 0
