"""The shell's own pages: Overview, Scenarios, Sources, and their item models."""

from __future__ import annotations

import math

import pytest
from PySide6.QtCore import Qt

from workbench.core.commands import SetHistory, SetHistorySource
from workbench.core.project import TOTAL
from workbench.core.sample import sample_document
from workbench.gui.bridge import DocumentBridge
from workbench.gui.page import PageKey
from workbench.gui.page_registry import PAGES
from workbench.gui.pages import OverviewPage, ScenariosPage, SourcesPage
from workbench.gui.pages.scenarios import ScenarioTotalsModel
from workbench.gui.pages.sources import SourcesModel, uses_of
from workbench.gui.segments import SegmentPage


@pytest.fixture
def bridge(qtbot):
    return DocumentBridge(sample_document())


def test_item_models_pass_the_model_tester(qtmodeltester, bridge):
    qtmodeltester.check(ScenarioTotalsModel(bridge))
    qtmodeltester.check(SourcesModel(bridge))


def test_overview_headline_is_the_engine_total_and_its_cagr(qtbot, bridge):
    page = OverviewPage(bridge)
    qtbot.addWidget(page)
    project = bridge.document.project
    base, last = project.metadata.base_year, project.metadata.last_year
    for scenario in project.scenarios:
        size, rate = page.headline()[scenario.name]
        start = project.history[(TOTAL, base)]
        assert size == bridge.document.result(scenario.id).value(TOTAL, last)
        assert rate == pytest.approx((size / start) ** (1 / (last - base)) - 1)
    assert [s.name for s in page.chart.series] == [s.name for s in project.scenarios]


def test_overview_findings_link_to_the_dimension_page(qtbot, bridge):
    project = bridge.document.project
    member = project.dimension("region").members[0].id
    year = project.metadata.base_year
    bridge.execute(SetHistory(member, year, project.history[(member, year)] + 1.0))
    page = OverviewPage(bridge)
    qtbot.addWidget(page)
    items = [page.findings.item(i) for i in range(page.findings.count())]
    region = [i for i in items if "Region" in i.text() and str(year) in i.text()]
    assert region, [i.text() for i in items]
    with qtbot.waitSignal(page.navigate) as signal:
        page.findings.itemActivated.emit(region[0])
    target = signal.args[0]
    assert PAGES.locate(project, target) == PageKey(SegmentPage, "region")
    assert target.year == year


def test_scenarios_add_copy_rename_shift_delete(qtbot, bridge, dialogs):
    page = ScenariosPage(bridge)
    qtbot.addWidget(page)
    project = bridge.document.project
    base = project.scenarios[0]
    dialogs.queue("ask_text", "Stress")
    dialogs.queue("ask_item", 1)  # copy of the first scenario
    page.add()
    stress = project.scenarios[-1]
    assert stress.name == "Stress"
    last = project.metadata.last_year
    assert bridge.document.result(stress.id).value(TOTAL, last) == pytest.approx(
        bridge.document.result(base.id).value(TOTAL, last)
    )
    assert page.model.rowCount() == len(project.scenarios)
    page.table.selectRow(len(project.scenarios) - 1)
    dialogs.queue("ask_text", "Stress test")
    page.rename()
    assert project.scenarios[-1].name == "Stress test"
    page.table.selectRow(len(project.scenarios) - 1)
    rate = project.growth_of(stress.id, TOTAL).rate
    page.shift(-0.02)
    assert project.growth_of(stress.id, TOTAL).rate == pytest.approx(rate - 0.02)
    assert page.model.value(len(project.scenarios) - 1, page.model.columnCount() - 1) < (
        page.model.value(0, page.model.columnCount() - 1)
    )
    page.table.selectRow(len(project.scenarios) - 1)
    dialogs.queue("confirm", True)
    page.delete()
    assert stress.id not in [s.id for s in project.scenarios]


def test_scenario_table_shows_totals_and_cagr(qtbot, bridge):
    model = ScenarioTotalsModel(bridge)
    project = bridge.document.project
    meta = project.metadata
    years = list(meta.years)
    column = years.index(meta.last_year)
    value = bridge.document.result(project.scenarios[0].id).value(TOTAL, meta.last_year)
    assert model.value(0, column) == value
    assert model.headerData(column, Qt.Orientation.Horizontal) == f"{meta.last_year} F"
    text = model.data(model.index(0, len(years)))
    assert text.endswith(" %") and not math.isnan(model.value(0, len(years)))


def test_sources_add_edit_remove_and_uses(qtbot, bridge, dialogs):
    page = SourcesPage(bridge)
    qtbot.addWidget(page)
    errors = []
    bridge.error.connect(errors.append)
    project = bridge.document.project
    count = len(project.sources)
    dialogs.queue(
        "ask_form",
        {
            "publisher": "Statista",
            "title": "Short video revenue",
            "date": "2025-03",
            "url": "https://example.com",
            "assumption": False,
        },
    )
    page.add()
    source = project.sources[-1]
    assert (source.publisher, source.date) == ("Statista", "2025-03") and len(
        project.sources
    ) == count + 1
    bridge.execute(SetHistorySource(TOTAL, 2019, source.id))
    bridge.execute(SetHistorySource(TOTAL, 2020, source.id))
    assert uses_of(project, source.id)[0][0] == "History · Total market · 2019–2020"
    page.table.selectRow(len(project.sources) - 1)
    assert page.uses.item(0).text() == "History · Total market · 2019–2020"
    dialogs.queue(
        "ask_form",
        {"publisher": "Statista", "title": "t", "date": "March", "url": "", "assumption": False},
    )
    page.edit()
    assert "date" in errors[-1] and project.sources[-1].date == "2025-03"
    page.table.selectRow(len(project.sources) - 1)
    dialogs.queue("confirm", True)
    page.remove()
    assert len(project.sources) == count
    assert source.id not in project.history_sources.values()


def test_scenario_comparison_shows_each_segment_against_base_in_unit_and_percent(qtbot, bridge):
    from workbench.core.commands import AddScenario, SetGrowth
    from workbench.core.project import Growth

    project = bridge.document.project
    bridge.execute(AddScenario("Copy", copy_from=project.scenarios[0].id))
    copy = project.scenarios[-1]
    member = project.dimension("region").members[0]
    bridge.execute(SetGrowth(copy.id, member.id, Growth("cagr", 0.5)))
    page = ScenariosPage(bridge)
    qtbot.addWidget(page)
    panel = page.comparison
    panel.dimension.setCurrentIndex(panel.dimension.findData("region"))
    model, year = panel.model, project.metadata.last_year
    assert panel.year.currentData() == year
    rows = [model.headerData(r, Qt.Orientation.Vertical) for r in range(model.rowCount())]
    assert rows == ["Total market", *(m.name for m in project.dimension("region").members)]
    labels = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    column = labels.index("Copy\nvs Base")
    base = bridge.document.result(project.scenarios[0].id).value(member.id, year)
    mine = bridge.document.result(copy.id).value(member.id, year)
    row = rows.index(member.name)
    assert model.figure(row, column) == pytest.approx(mine - base)
    assert model.figure(row, column + 1) == pytest.approx(mine / base - 1)
    assert model.index(row, column).data().startswith("+")
    assert model.figure(0, column) == pytest.approx(0.0)  # top-down: the total is the total
