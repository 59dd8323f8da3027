"""The Companies page driven as a user would: search, add, rename, edit, merge, delete."""

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFocusEvent

from workbench.gui import dialogs
from workbench.gui.qualitative.companies import CompaniesPage
from workbench.gui.qualitative.dossier import Dossier


def make_page(qtbot, bridge) -> CompaniesPage:
    page = CompaniesPage(bridge)
    qtbot.addWidget(page)
    return page


def names(page) -> list[str]:
    return [page.proxy.index(r, 0).data() for r in range(page.proxy.rowCount())]


def test_list_models_pass_the_model_tester(qtbot, qtmodeltester, bridge):
    page = make_page(qtbot, bridge)
    qtmodeltester.check(page.model)
    qtmodeltester.check(page.dossier.shares_model)
    qtmodeltester.check(page.dossier.developments.model)


def test_search_filters_and_header_sorts(qtbot, bridge):
    page = make_page(qtbot, bridge)
    assert len(names(page)) == 8
    qtbot.keyClicks(page.search, "hua")
    assert names(page) == ["Huace Film & TV", "Huayi Brothers Media Corporation"]
    page.search.clear()
    page.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    assert names(page)[0] == "Yowant Technology"


def test_latest_development_column_shows_the_newest_entry(qtbot, bridge, project):
    page = make_page(qtbot, bridge)
    row = page.model.row_of("co-simei")
    assert page.model.index(row, 4).data().startswith("2024 · Product: SIMEI has leveraged")


def test_add_company_then_undo(qtbot, bridge, project):
    page = make_page(qtbot, bridge)
    page.add_company()
    assert project.companies[-1].name == "New company"
    assert page.dossier.company_id == project.companies[-1].id
    page.add_company()
    assert project.companies[-1].name == "New company 2"
    bridge.undo()
    bridge.undo()
    assert len(project.companies) == 8


def test_rename_in_the_list_keeps_the_id_and_developments(qtbot, bridge, project):
    page = make_page(qtbot, bridge)
    index = page.model.index(page.model.row_of("co-simei"), 0)
    assert page.model.setData(index, "SIMEI Group")
    company = project.entity("companies", "co-simei")
    assert company.name == "SIMEI Group"
    assert any(d.company_id == "co-simei" for d in project.developments)
    bridge.undo()
    assert project.entity("companies", "co-simei").name == "SIMEI"


def test_empty_name_is_refused_with_a_sentence(qtbot, bridge, project, errors):
    page = make_page(qtbot, bridge)
    index = page.model.index(0, 0)
    assert not page.model.setData(index, "  ")
    assert errors == ["A company's name must not be empty."]
    assert not bridge.document.can_undo


def test_dossier_fields_commit_once_on_enter(qtbot, bridge, project):
    page = make_page(qtbot, bridge)
    page.select("co-linmon")
    field = page.dossier.facts["headquarters"]
    field.clear()
    qtbot.keyClicks(field, "Beijing")
    assert project.entity("companies", "co-linmon").headquarters == "Shanghai"
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert project.entity("companies", "co-linmon").headquarters == "Beijing"
    assert bridge.document.undo_text == "Edit company"
    state = bridge.document.state
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert bridge.document.state == state
    bridge.undo()
    assert project.entity("companies", "co-linmon").headquarters == "Shanghai"
    assert field.text() == "Shanghai"


def test_founded_must_be_a_year(qtbot, bridge, project, errors):
    dossier = Dossier(bridge)
    qtbot.addWidget(dossier)
    dossier.show_company("co-simei")
    dossier.facts["founded"].setText("nineteen")
    dossier.facts["founded"].editingFinished.emit()
    assert errors == ["The founding year must be a year like 2015; got 'nineteen'."]
    dossier.facts["founded"].setText("2014")
    dossier.facts["founded"].editingFinished.emit()
    assert project.entity("companies", "co-simei").founded == 2014


def test_markdown_description_round_trips_exactly(qtbot, bridge, project):
    dossier = Dossier(bridge)
    qtbot.addWidget(dossier)
    dossier.show_company("co-simei")
    text = "**Leader** in commerce dramas.\n\n- live sales\n- in-app purchases\n"
    dossier.description.editor.setPlainText(text)
    assert project.entity("companies", "co-simei").description != text
    dossier.description.editor.focusOutEvent(QFocusEvent(QEvent.Type.FocusOut))
    assert project.entity("companies", "co-simei").description == text
    dossier.description.preview_button.setChecked(True)
    assert "Leader" in dossier.description.preview.toHtml()
    assert "<b>" not in dossier.description.preview.toPlainText()


def test_bold_button_wraps_the_selection(qtbot, bridge):
    dossier = Dossier(bridge)
    qtbot.addWidget(dossier)
    dossier.show_company("co-simei")
    editor = dossier.description.editor
    editor.setPlainText("big news")
    cursor = editor.textCursor()
    cursor.setPosition(0)
    cursor.setPosition(3, cursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)
    dossier.description.make_bold()
    dossier.description.make_list()
    assert editor.toPlainText() == "- **big** news"


def test_segment_and_source_checks_are_single_edits(qtbot, bridge, project):
    dossier = Dossier(bridge)
    qtbot.addWidget(dossier)
    dossier.show_company("co-simei")
    before = project.entity("companies", "co-simei").segments
    dossier.segments.item_for("europe").setCheckState(0, Qt.CheckState.Checked)
    after = project.entity("companies", "co-simei").segments
    assert set(after) == {*before, "europe"}
    dossier.sources.item_for("src-assumption").setCheckState(0, Qt.CheckState.Checked)
    assert "src-assumption" in project.entity("companies", "co-simei").source_ids
    bridge.undo()
    bridge.undo()
    assert project.entity("companies", "co-simei").segments == before


def test_share_estimates_are_typed_as_percentages(qtbot, bridge, project, errors):
    dossier = Dossier(bridge)
    qtbot.addWidget(dossier)
    dossier.show_company("co-simei")
    model = dossier.shares_model
    row_2024 = model.years().index(2024)
    assert model.setData(model.index(row_2024, 0), "18.2 %")
    assert project.entity("companies", "co-simei").shares == {2024: 0.182}
    assert model.index(row_2024, 0).data() == "18.2 %"
    assert not model.setData(model.index(row_2024, 0), "lots")
    assert errors == ["A share must be a percentage like 18.2 %; got 'lots'."]
    assert not model.setData(model.index(row_2024, 0), "140")
    assert "between 0 % and 100 %" in errors[-1]
    assert model.setData(model.index(row_2024, 0), "")
    assert project.entity("companies", "co-simei").shares == {}


def test_merge_moves_developments_and_undo_restores(qtbot, bridge, project):
    page = make_page(qtbot, bridge)
    page.select("co-huace")
    page._fill_merge_menu()
    action = next(a for a in page.merge_menu.actions() if "Linmon" in a.text())
    action.trigger()
    assert "co-linmon" not in {c.id for c in project.companies}
    assert {d.company_id for d in project.developments if d.id.startswith("dev-linmon")} == {
        "co-huace"
    }
    assert page.dossier.developments.model.rowCount() == 2
    bridge.undo()
    assert "co-linmon" in {c.id for c in project.companies}


def test_delete_asks_first(qtbot, bridge, project, monkeypatch):
    page = make_page(qtbot, bridge)
    page.select("co-yowant")
    asked = []
    monkeypatch.setattr(dialogs, "confirm", lambda _parent, text: asked.append(text) or False)
    page.delete_selected()
    assert "co-yowant" in {c.id for c in project.companies}
    monkeypatch.setattr(dialogs, "confirm", lambda _parent, text: True)
    page.delete_selected()
    assert "co-yowant" not in {c.id for c in project.companies}
    assert not any(d.company_id == "co-yowant" for d in project.developments)
    assert asked == ["Delete 'Yowant Technology' and its 1 development(s)? You can undo this."]
    bridge.undo()
    assert any(d.company_id == "co-yowant" for d in project.developments)


def test_share_chart_follows_the_estimates(qtbot, bridge):
    dossier = Dossier(bridge)
    qtbot.addWidget(dossier)
    dossier.show_company("co-simei")
    dossier.shares_model.setData(dossier.shares_model.index(5, 0), "12.5")
    (series,) = dossier.shares_chart.series
    assert series.values[5] == 12.5
    assert sum(v == v for v in series.values) == 1
