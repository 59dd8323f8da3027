"""The main window with the sample: navigation, editing through a page, undo, the inspector."""

from __future__ import annotations

import math
from dataclasses import replace

import pytest
from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication, QLineEdit

from workbench.core.project import TOTAL
from workbench.gui.page import CellTarget, PageKey
from workbench.gui.pages import OverviewPage, ScenariosPage, SourcesPage
from workbench.gui.segments import SegmentPage

NAVIGATOR_ORDER = [
    "Overview",
    "Total market",
    "Technology",
    "Application",
    "Region",
    "Scenarios",
    "Companies",
    "Drivers & Challenges",
    "Trends",
    "Five Forces",
    "Assessments",
    "Key Questions",
    "Sources",
]


def test_navigator_lists_pages_in_design_order_and_builds_them_lazily(window):
    titles = [
        window.navigator.item(i).text()
        for i in range(window.navigator.count())
        if window.navigator.item(i).flags() & Qt.ItemFlag.ItemIsSelectable
    ]
    assert titles[:6] == NAVIGATOR_ORDER[:6] and titles[-1] == "Sources"
    assert list(window.pages) == [PageKey(OverviewPage)]  # only the first page exists at start
    assert isinstance(window.current_page(), OverviewPage)
    assert isinstance(window.show_page(PageKey(SegmentPage, "region")), SegmentPage)
    assert isinstance(window.show_page(PageKey(ScenariosPage)), ScenariosPage)
    assert isinstance(window.show_page(PageKey(SourcesPage)), SourcesPage)
    assert window.navigator.current_key() == PageKey(SourcesPage)
    window.actions.next_page.trigger()
    assert window.current_key() == PageKey(OverviewPage)  # wraps around


def _type_into(qtbot, page: SegmentPage, series_id: str, year: int, text: str) -> None:
    layout = page.model.layout
    row = next(i for i, r in enumerate(layout.rows) if r.is_series and r.key == series_id)
    column = next(i for i, c in enumerate(layout.columns) if c.year == year)
    page.select_cell(row, column)
    qtbot.keyClick(page.table, text[0])  # typing opens the editor, as in Excel
    editor = page.table.findChild(QLineEdit)
    qtbot.keyClicks(editor, text[1:])
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.wait(20)  # the delegate commits on the next event loop turn


def test_typing_into_a_cell_changes_model_total_chart_and_title(qtbot, window):
    page = window.show_page(PageKey(SegmentPage, "technology"))
    document = window.bridge.document
    project = document.project
    member = project.dimension("technology").members[0].id
    base = project.metadata.base_year
    assert not window.isWindowModified()
    _type_into(qtbot, page, member, base, "12.5")
    assert project.history[(member, base)] == 12.5
    assert window.isWindowModified() and window.windowTitle().endswith("— Market Workbench")
    chart_values = {s.name: list(s.values) for s in page.chart.series}
    name = project.series_name(member)
    assert chart_values[name][base - project.metadata.first_year] == pytest.approx(12.5)
    overview = window.show_page(PageKey(OverviewPage))
    total_before = overview.headline()
    window.actions.undo.trigger()
    assert (member, base) in project.history and project.history[(member, base)] != 12.5
    assert not window.isWindowModified()
    assert window.actions.redo.text().replace("&", "") == "Redo Set history value"
    window.actions.redo.trigger()
    assert project.history[(member, base)] == 12.5
    assert overview.headline() == total_before  # the total history did not change


def test_typing_into_the_total_moves_the_overview_headline(qtbot, window):
    page = window.show_page(PageKey(SegmentPage, TOTAL))
    project = window.bridge.document.project
    base, last = project.metadata.base_year, project.metadata.last_year
    _type_into(qtbot, page, TOTAL, base, "20")
    overview = window.show_page(PageKey(OverviewPage))
    scenario = project.scenarios[0]
    size, rate = overview.headline()[scenario.name]
    result = window.bridge.document.result(scenario.id)
    assert size == pytest.approx(result.value(TOTAL, last))
    assert rate == pytest.approx((size / 20.0) ** (1 / (last - base)) - 1)
    assert overview.chart.series[0].values[base - project.metadata.first_year] == 20.0


def test_refused_text_shows_one_sentence_and_changes_nothing(qtbot, window, dialogs):
    page = window.show_page(PageKey(SegmentPage, TOTAL))
    project = window.bridge.document.project
    before = dict(project.history)
    _type_into(qtbot, page, TOTAL, project.metadata.base_year, "abc")
    assert project.history == before
    assert len(dialogs.errors) == 1 and "abc" in dialogs.errors[0]
    assert not window.isWindowModified()


def test_selected_cell_shows_in_the_inspector(window):
    page = window.show_page(PageKey(SegmentPage, "technology"))
    project = window.bridge.document.project
    member = project.dimension("technology").members[0]
    window.navigate_to(CellTarget(project.scenarios[0].id, member.id, 2027))
    assert window.inspector.cell == CellTarget(page.scenario_id, member.id, 2027)
    text = window.inspector.labels["Cell"].text()
    assert member.name in text and "2027" in text
    assert window.inspector.labels["State"].text().startswith(("computed", "pinned", "input"))
    assert window.inspector.labels["Formula"].text()


def test_inspector_note_is_an_undoable_edit(window):
    project = window.bridge.document.project
    cell = (project.scenarios[0].id, TOTAL, project.metadata.last_year)
    window.inspector.show_cell(cell)
    window.inspector.note.setPlainText("Check against the 2030 outlook.")
    window.inspector.save_note.click()
    assert project.notes[cell] == "Check against the 2030 outlook."
    window.undo.stack.undo()
    assert cell not in project.notes
    assert window.inspector.note.toPlainText() == ""


def test_bridge_errors_become_dialogs(window, dialogs):
    window.bridge.error.emit("Something went wrong in TikTok, Base, 2027.")
    assert dialogs.errors == ["Something went wrong in TikTok, Base, 2027."]


def test_adding_a_dimension_adds_its_page_and_undo_removes_it(window, dialogs):
    dialogs.queue("ask_form", {"name": "Channel", "segments": "Apps, Mini programs"})
    window.actions.add_dimension.trigger()
    dim = window.bridge.document.project.dimensions[-1]
    assert dim.name == "Channel" and [m.name for m in dim.members] == ["Apps", "Mini programs"]
    assert PageKey(SegmentPage, dim.id) in window.navigator.page_keys()
    window.show_page(PageKey(SegmentPage, dim.id))
    window.undo.stack.undo()
    assert PageKey(SegmentPage, dim.id) not in window.navigator.page_keys()
    assert PageKey(SegmentPage, dim.id) not in window.pages


def test_model_menu_year_range_and_details(window, dialogs):
    meta = window.bridge.document.project.metadata
    dialogs.queue("ask_form", {"first": meta.first_year, "base": meta.base_year, "last": 2033})
    window.actions.years.trigger()
    assert window.bridge.document.project.metadata.last_year == 2033
    dialogs.queue(
        "ask_form",
        {"title": "Micro drama", "unit": "USD bn", "currency_note": "", "description": "d"},
    )
    window.actions.details.trigger()
    assert window.bridge.document.project.metadata.title == "Micro drama"
    assert window.windowTitle().startswith("Micro drama")
    dialogs.queue("ask_form", {"first": 2030, "base": 2020, "last": 2040})
    window.actions.years.trigger()
    assert "2030" in dialogs.errors[-1]


def test_forecast_mode_switch(window, dialogs):
    from workbench.gui.model_actions import BOTTOM_UP

    dialogs.queue("ask_form", {"mode": BOTTOM_UP, "primary": "Region"})
    window.actions.mode.trigger()
    project = window.bridge.document.project
    assert (project.mode, project.primary_dimension) == ("bottom_up", "region")
    result = window.bridge.document.result(project.scenarios[0].id)
    region = [m.id for m in project.dimension("region").members]
    year = project.metadata.last_year
    assert result.value(TOTAL, year) == pytest.approx(
        math.fsum(result.value(m, year) for m in region)
    )


def test_export_chart_writes_png_and_svg(window, dialogs, tmp_path):
    window.show_page(PageKey(ScenariosPage))
    dialogs.queue("ask_save_path", str(tmp_path / "totals.png"), str(tmp_path / "totals.svg"))
    assert window.export_chart()
    assert window.export_chart()
    assert (tmp_path / "totals.png").read_bytes()[:4] == b"\x89PNG"
    assert b"<svg" in (tmp_path / "totals.svg").read_bytes()[:400]


def test_copy_action_reaches_the_focused_widget(window):
    page = window.show_page(PageKey(SegmentPage, TOTAL))
    project = window.bridge.document.project
    window.navigate_to(CellTarget(project.scenarios[0].id, TOTAL, project.metadata.base_year))
    page.table.setFocus()
    QApplication.clipboard().clear()
    window.actions.copy.trigger()
    copied = QApplication.clipboard().text().strip()
    assert float(copied.replace(",", "")) == pytest.approx(
        project.history[(TOTAL, project.metadata.base_year)], rel=1e-3
    )


def test_dropping_a_project_file_opens_it(window, dialogs, tmp_path):
    from workbench.core.sample import sample_document
    from workbench.store import save_project_as

    other = sample_document()
    other.project.metadata = replace(other.project.metadata, title="Dropped")
    path = tmp_path / "dropped.mwp"
    save_project_as(other, path)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    event = QDropEvent(
        QPoint(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dropEvent(event)
    assert window.bridge.document.project.metadata.title == "Dropped"
    assert window.files.path == path
    assert window.windowTitle().startswith("dropped.mwp")


def test_inspector_follows_the_shown_page(window):
    """A page without cells empties the inspector; coming back shows that page's cell."""
    project = window.bridge.document.project
    member = project.dimension("technology").members[0]
    cell = CellTarget(project.scenarios[0].id, member.id, 2027)
    window.navigate_to(cell)
    assert window.inspector.cell == cell
    window.show_page(PageKey(SourcesPage))
    assert window.inspector.cell is None
    assert window.inspector.labels["Number"].text() == ""
    window.show_page(PageKey(SegmentPage, "technology"))
    assert window.inspector.cell == cell


def test_preferences_are_remembered_and_the_autosave_interval_applies_at_once(
    window, dialogs, settings
):
    menu_texts = [a.text() for a in window.menuBar().actions()[1].menu().actions()]
    assert "Pre&ferences…" in menu_texts
    dialogs.queue("ask_form", {"reopen_last": False, "autosave_seconds": 45})
    window.actions.preferences.trigger()
    assert settings.reopen_last is False and settings.autosave_seconds == 45
    assert window.files.autosaver.every_seconds == 45
    dialogs.queue("ask_form", None)  # cancelled: nothing changes
    window.actions.preferences.trigger()
    assert settings.autosave_seconds == 45


def test_jumping_to_a_finding_brings_its_cell_into_view(qtbot, window):
    """At 1024×700 the last forecast year lies far right; the jump scrolls to it, clear
    of the frozen name column."""
    window.resize(1024, 700)
    project = window.bridge.document.project
    member = project.dimension("region").members[-1].id
    for year in (project.metadata.last_year, project.metadata.first_year):
        window.navigate_to(CellTarget(project.scenarios[0].id, member, year))
        qtbot.wait(30)
        table = window.current_page().table
        rect = table.visualRect(table.currentIndex())
        assert table.model().column(table.currentIndex().column()).year == year
        assert rect.left() >= table.frozen.width_covered()
        assert table.viewport().rect().contains(rect)


def test_the_inspector_shows_an_entitys_sources_and_folds_away_where_nothing_is_selected(
    window,
):
    from workbench.gui.qualitative.companies import CompaniesPage

    project = window.bridge.document.project
    company = next(c for c in project.companies if c.source_ids)
    page = window.show_page(PageKey(CompaniesPage))
    page.select(company.id)
    assert window.inspector.isVisible() and window.inspector.entity.entity_id == company.id
    card = window.inspector.card.text()
    source = next(s for s in project.sources if s.id == company.source_ids[0])
    assert company.name in card and source.publisher in card
    window.show_page(PageKey(ScenariosPage))
    assert not window.inspector.isVisible()  # nothing on this page to inspect
    window.show_page(PageKey(SegmentPage, "technology"))
    assert window.inspector.isVisible()
    window.actions.inspector.trigger()  # the analyst closes it: it stays closed
    window.show_page(PageKey(CompaniesPage))
    assert not window.inspector.isVisible()


def test_a_new_segment_is_asked_its_value_and_growth_in_one_step(window, dialogs):
    project = window.bridge.document.project
    page = window.show_page(PageKey(SegmentPage, "region"))
    dialogs.queue("ask_form", {"dimension": "Region", "name": "Latin America", "value": "0.3",
                               "rate": "25"})
    window.actions.add_segment.trigger()
    member = project.dimension("region").members[-1]
    base = project.metadata.base_year
    assert member.name == "Latin America" and project.history[(member.id, base)] == 0.3
    assert {project.growth_of(s.id, member.id).rate for s in project.scenarios} == {0.25}
    assert window.bridge.document.undo_text == "Add segment"
    assert page.blank_note.isHidden()
    window.undo.stack.undo()
    assert member.id not in project.dimension("region").member_ids()


def test_a_segment_without_its_base_year_value_explains_the_blank_forecast(window, dialogs):
    page = window.show_page(PageKey(SegmentPage, "region"))
    dialogs.queue("ask_form", {"dimension": "Region", "name": "Africa", "value": "",
                               "rate": ""})
    window.actions.add_segment.trigger()
    page = window.show_page(PageKey(SegmentPage, "region"))
    base = window.bridge.document.project.metadata.base_year
    assert page.blank_note.isVisible()
    assert f"Africa has no {base} value" in page.blank_note.text()


def test_edit_copy_chart_puts_the_pages_chart_on_the_clipboard(window, dialogs):
    window.show_page(PageKey(SegmentPage, "region"))
    QApplication.clipboard().clear()
    window.actions.copy_chart.trigger()
    assert QApplication.clipboard().image().width() > 100
    window.show_page(PageKey(SourcesPage))
    window.actions.copy_chart.trigger()
    assert dialogs.errors == ["This page has no chart to copy."]
