"""Drivers & Challenges and Trends: create, edit, heat map, drag to reorder, undo."""

from PySide6.QtCore import QModelIndex, Qt

from workbench.gui.qualitative.factors import DriversChallengesPage
from workbench.gui.qualitative.heatmap import PALETTE
from workbench.gui.qualitative.table_model import move_index
from workbench.gui.qualitative.trends import TrendsPage


def factor_page(qtbot, bridge) -> DriversChallengesPage:
    page = DriversChallengesPage(bridge)
    qtbot.addWidget(page)
    return page


def titles(model) -> list[str]:
    return [model.index(r, 0).data() for r in range(model.rowCount())]


def test_models_pass_the_model_tester(qtbot, qtmodeltester, bridge):
    page = factor_page(qtbot, bridge)
    qtmodeltester.check(page.drivers.model)
    qtmodeltester.check(page.challenges.model)


def test_each_table_shows_its_kind_with_impacts_as_a_heat_map(qtbot, bridge):
    page = factor_page(qtbot, bridge)
    assert page.drivers.model.rowCount() == page.challenges.model.rowCount() == 5
    first = page.drivers.model.index(0, 1)
    assert first.data() == "5"
    assert first.data(Qt.ItemDataRole.BackgroundRole).name() == PALETTE[4]
    assert page.challenges.model.index(4, 1).data() == "2"
    assert page.challenges.model.index(4, 1).data(Qt.ItemDataRole.BackgroundRole).name() == (
        PALETTE[1]
    )


def test_add_edit_impact_and_undo(qtbot, bridge, project):
    page = factor_page(qtbot, bridge)
    page.challenges.add()
    added = project.factors[-1]
    assert (added.kind, added.title) == ("challenge", "New challenge")
    model = page.challenges.model
    row = model.row_of(added.id)
    assert model.setData(model.index(row, 3), 5)
    assert project.entity("factors", added.id).impact_long == 5
    assert model.index(row, 3).data(Qt.ItemDataRole.BackgroundRole).name() == PALETTE[4]
    bridge.undo()
    assert project.entity("factors", added.id).impact_long == 3
    bridge.undo()
    assert added.id not in {f.id for f in project.factors}


def test_an_impact_of_six_is_refused(qtbot, bridge, project, errors):
    page = factor_page(qtbot, bridge)
    assert not page.drivers.model.setData(page.drivers.model.index(0, 1), 6)
    assert errors == ["The short-term impact of 'Increase in social media sites' must be a "
                      "whole number from 1 to 5; got 6."]


def test_drop_reorders_within_the_kind_as_one_move(qtbot, bridge, project):
    page = factor_page(qtbot, bridge)
    model = page.drivers.model
    before = titles(model)
    data = model.mimeData([model.index(4, 0)])
    assert model.dropMimeData(data, Qt.DropAction.MoveAction, 0, 0, QModelIndex())
    assert titles(model) == [before[4], *before[:4]]
    assert titles(page.challenges.model)[0] == "Fragmentation of platforms"
    assert bridge.document.undo_text == "Move driver or challenge"
    bridge.undo()
    assert titles(model) == before


def test_move_index_maps_filtered_rows_into_the_whole_list():
    class E:
        def __init__(self, id):
            self.id = id

    items = [E(x) for x in "aXbYc"]
    rows = [e for e in items if e.id.islower()]
    assert move_index(items, rows, "c", 0) == 0
    assert move_index(items, rows, "a", 3) == 4
    assert move_index(items, rows, "a", 2) == 3
    assert move_index(items[:1], rows[:1], "a", 0) is None


def test_selecting_a_factor_fills_the_detail_and_links_segments(qtbot, bridge, project):
    page = factor_page(qtbot, bridge)
    page.challenges.select("factor-7")
    assert page.detail.entity_id == "factor-7"
    page.drivers.select("factor-1")
    assert page.detail.entity_id == "factor-1"
    assert not page.challenges.table.currentIndex().isValid()
    page.detail.segments.item_for("europe").setCheckState(0, Qt.CheckState.Checked)
    assert "europe" in project.entity("factors", "factor-1").segments
    assert "Europe" in page.drivers.model.index(0, 4).data()


def test_trends_create_edit_reorder_undo(qtbot, qtmodeltester, bridge, project):
    page = TrendsPage(bridge)
    qtbot.addWidget(page)
    qtmodeltester.check(page.model)
    page.trends.add()
    trend_id = project.trends[-1].id
    assert page.detail.entity_id == trend_id
    page.detail.text.editor.setPlainText("Studios **license** IP abroad.")
    page.detail.text.editor.commit()
    assert project.entity("trends", trend_id).text == "Studios **license** IP abroad."
    assert page.model.move(trend_id, 0)
    assert project.trends[0].id == trend_id
    for _ in range(3):
        bridge.undo()
    assert len(project.trends) == 5
