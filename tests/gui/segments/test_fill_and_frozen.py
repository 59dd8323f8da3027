"""Filling a selection with one pasted value, and the frozen name column."""

import pytest
from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt
from PySide6.QtWidgets import QLineEdit

from workbench.core.document import Document
from workbench.core.dump import dump_json
from workbench.core.project import TOTAL, Dimension, Growth, Member, Metadata, Project, Scenario
from workbench.gui.bridge import DocumentBridge
from workbench.gui.segments import SegmentPage

from .conftest import cell


def select(page, top_left, bottom_right):
    flags = QItemSelectionModel.SelectionFlag.ClearAndSelect
    page.table.selectionModel().select(QItemSelection(top_left, bottom_right), flags)


def test_one_value_fills_a_selection_as_one_undo_step(page, bridge):
    before = dump_json(bridge.document)
    select(page, cell(page, "Alpha", "2020"), cell(page, "Beta", "2022"))
    assert page.table.paste_text("5\n")
    p = bridge.document.project
    assert {(s, y): p.history[(s, y)] for s in "ab" for y in (2020, 2021, 2022)} == {
        (s, y): 5.0 for s in "ab" for y in (2020, 2021, 2022)
    }
    assert bridge.document.undo_text == "Fill"
    bridge.undo()
    assert dump_json(bridge.document) == before


def test_one_value_fills_forecast_cells_as_pins(page, bridge):
    select(page, cell(page, "Alpha", "2023F"), cell(page, "Alpha", "2025F"))
    assert page.table.paste_text("7")
    assert [bridge.document.project.pins[("base", "a", y)] for y in (2023, 2024, 2025)] == [
        7.0, 7.0, 7.0
    ]


def test_a_fill_over_a_computed_cell_is_refused_whole(page, bridge, errors):
    before = dump_json(bridge.document)
    gap = cell(page, "Unreconciled: Σ projected − total", "2020")
    select(page, cell(page, "Beta", "2020"), gap)
    assert not page.table.paste_text("5")
    assert "computed" in errors[-1]
    assert dump_json(bridge.document) == before


def test_a_block_still_pastes_from_the_top_left_of_a_selection(page, bridge):
    select(page, cell(page, "Alpha", "2020"), cell(page, "Beta", "2022"))
    assert page.table.paste_text("1\t2\n")
    p = bridge.document.project
    assert (p.history[("a", 2020)], p.history[("a", 2021)], p.history[("a", 2022)]) == (
        1.0, 2.0, 15 - 6.0
    )


# -- the frozen name column ---------------------------------------------------------------


def wide_project(segments: int = 30) -> Project:
    """One dimension of many segments over many years, so the table scrolls both ways."""
    members = tuple(Member(f"m{i}", f"Segment number {i}") for i in range(segments))
    p = Project(Metadata("Wide", 2000, 2015, 2030), [Dimension("d", "Dim", members)],
                [Scenario("base", "Base")])
    for year in range(2000, 2016):
        p.history[(TOTAL, year)] = float(segments)
        for m in members:
            p.history[(m.id, year)] = 1.0
    p.growth[("base", TOTAL)] = Growth("cagr", 0.05)
    return p


@pytest.fixture
def wide(qtbot):
    page = SegmentPage(DocumentBridge(Document(wide_project())), "d")
    page.resize(900, 600)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    return page


def test_the_frozen_columns_show_names_and_assumptions_over_the_tables_left_edge(wide):
    table, frozen = wide.table, wide.table.frozen
    assert frozen.isVisible()
    assert frozen.model() is table.model() and frozen.selectionModel() is table.selectionModel()
    kinds = [c.kind for c in wide.model.layout.columns]
    assert kinds[:3] == ["name", "method", "rate"] and frozen.count() == 3
    assert not any(frozen.isColumnHidden(c) for c in range(3))
    assert all(frozen.isColumnHidden(c) for c in range(3, table.model().columnCount()))
    assert frozen.geometry().x() == table.viewport().x()
    assert frozen.width() == sum(table.columnWidth(c) for c in range(3)) + 1
    assert frozen.horizontalHeader().height() == table.horizontalHeader().height()


def test_the_frozen_column_scrolls_with_the_rows_and_stays_while_years_scroll(wide):
    table, frozen = wide.table, wide.table.frozen
    table.verticalScrollBar().setValue(table.verticalScrollBar().maximum())
    assert table.verticalScrollBar().value() > 0
    assert frozen.verticalScrollBar().value() == table.verticalScrollBar().value()
    left = frozen.geometry().x()
    table.horizontalScrollBar().setValue(400)
    assert table.columnViewportPosition(0) < 0  # the table's own name column scrolled away
    assert frozen.geometry().x() == left and frozen.columnViewportPosition(0) == 0
    bottom = wide.model.rowCount() - 1
    assert frozen.indexAt(frozen.visualRect(frozen.model().index(bottom, 0)).center()).row() == (
        bottom
    )


def test_the_frozen_column_follows_the_name_column_width(wide):
    table = wide.table
    table.setColumnWidth(0, 300)
    assert table.frozen.columnWidth(0) == 300
    assert table.frozen.width() == 301 + table.columnWidth(1) + table.columnWidth(2)


def test_moving_left_under_the_frozen_column_scrolls_the_cell_into_view(qtbot, wide):
    table = wide.table
    first_year = wide.model.layout.frozen
    table.horizontalScrollBar().setValue(
        table.columnWidth(first_year) + table.columnWidth(first_year + 1))
    table.setFocus()
    table.setCurrentIndex(wide.model.index(3, first_year + 3))
    for _ in range(3):
        qtbot.keyClick(table, Qt.Key.Key_Left)
    assert table.currentIndex().column() == first_year
    assert table.visualRect(table.currentIndex()).x() >= table.frozen.width_covered()


def test_a_name_typed_into_the_frozen_column_renames_the_segment(qtbot, wide):
    index = wide.model.index(1, 0)
    assert wide.model.setData(index, "Renamed")
    project = wide.bridge.document.project
    assert project.dimension("d").members[0].name == "Renamed"
    assert wide.table.frozen.model().data(wide.model.index(1, 0)) == "Renamed"


def test_typing_on_a_name_in_the_table_edits_it_on_the_frozen_column(qtbot, wide):
    table = wide.table
    table.setFocus()
    table.setCurrentIndex(wide.model.index(1, 0))
    qtbot.keyClick(table, "Q")
    editor = wide.table.frozen.findChild(QLineEdit)
    assert editor is not None and editor.isVisible()
    qtbot.keyClicks(editor, "uartz")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: wide.model.index(1, 0).data() == "Quartz")
    assert wide.bridge.document.project.dimension("d").members[0].name == "Quartz"
