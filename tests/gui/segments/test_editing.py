"""Typing into the segment table: the model, the total, the chart, undo and redo."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from workbench.core.commands import SetHistory
from workbench.core.dump import dump_json
from workbench.core.project import TOTAL, Growth
from workbench.gui.segments.table_model import STATE_ROLE

from .conftest import cell, shown


def chart_value(page, name: str, year: int) -> float:
    series = next(s for s in page.chart.series if s.name == name)
    return float(series.values[year - 2020])


def test_the_page_shows_the_hand_worked_forecast(page):
    assert page.title == "Technology"
    assert shown(page, "Total market", "2023F") == "16.50"
    assert shown(page, "Alpha", "2023F") == "9.90"
    assert shown(page, "Share: Alpha", "2022") == "60.0 %"
    assert shown(page, "Unreconciled: Σ projected − total", "2023F") == "0.00"
    assert shown(page, "Alpha", "CAGR 23–25") == "10.0 %"
    assert [s.name for s in page.chart.series] == ["Alpha", "Beta"]


def test_typing_a_forecast_value_pins_it_and_the_total_reconciles(qtbot, page, bridge):
    index = cell(page, "Alpha", "2023F")
    page.select_cell(index.row(), index.column())
    qtbot.keyClick(page.table, "1")  # typing opens the editor, as in Excel
    editor = page.table.findChild(QLineEdit)
    qtbot.keyClicks(editor, "1")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the delegate commits on the next event loop turn
    qtbot.waitUntil(lambda: ("base", "a", 2023) in bridge.document.project.pins)
    assert bridge.document.project.pins[("base", "a", 2023)] == 11.0
    # The pin shows as typed; Beta (projected 6.6) takes the rest of the total 16.5: 5.5.
    # Before scaling the segments were 11 + 6.6 − 16.5 = 1.1 over the total.
    assert shown(page, "Alpha", "2023F") == "11.00"
    assert shown(page, "Beta", "2023F") == "5.50"
    assert shown(page, "Unreconciled: Σ projected − total", "2023F") == "1.10"
    assert cell(page, "Alpha", "2023F").data(STATE_ROLE) == "pinned"
    assert chart_value(page, "Alpha", 2023) == 11.0


def test_typing_the_total_spreads_history_and_moves_the_forecast(page, bridge):
    assert page.model.setData(cell(page, "Total market", "2022"), "20")
    history = bridge.document.project.history
    assert history[(TOTAL, 2022)] == 20.0
    assert history[("a", 2022)] == pytest.approx(12.0)  # 9 / 15 × 20
    assert history[("b", 2022)] == pytest.approx(8.0)
    assert shown(page, "Total market", "2023F") == "22.00"
    assert chart_value(page, "Beta", 2023) == pytest.approx(8.8)


def test_undo_and_redo_restore_model_table_and_chart(page, bridge):
    before = dump_json(bridge.document)
    page.model.setData(cell(page, "Beta", "2021"), "1,234.5")
    assert shown(page, "Beta", "2021") == "1,234.50"
    assert chart_value(page, "Beta", 2021) == 1234.5
    bridge.undo()
    assert dump_json(bridge.document) == before
    assert shown(page, "Beta", "2021") == "5.00"
    assert chart_value(page, "Beta", 2021) == 5.0
    bridge.redo()
    assert shown(page, "Beta", "2021") == "1,234.50"
    assert chart_value(page, "Beta", 2021) == 1234.5


def test_abc_is_refused_with_a_message_and_nothing_changes(page, bridge, errors):
    before = dump_json(bridge.document)
    assert not page.model.setData(cell(page, "Alpha", "2021"), "abc")
    assert errors and "'abc' is not a number (Alpha, 2021)" in errors[0]
    assert dump_json(bridge.document) == before
    assert not bridge.document.can_undo


def test_computed_cells_are_not_editable(page):
    for row, column in (("Unreconciled: Σ projected − total", "2023F"), ("Share: Alpha", "2021"),
                        ("Alpha", "CAGR 23–25")):
        assert not page.model.flags(cell(page, row, column)) & Qt.ItemFlag.ItemIsEditable


def test_unchanged_text_is_no_edit(page, bridge):
    index = cell(page, "Alpha", "2023F")
    assert not page.model.setData(index, page.model.edit_text(index.row(), index.column()))
    assert not bridge.document.project.pins


def test_rate_method_and_growth_by_year_cells(page, bridge):
    p = bridge.document.project
    assert page.model.setData(cell(page, "Alpha", "Rate"), "20")
    assert p.growth_of("base", "a").rate == pytest.approx(0.20)
    assert page.model.setData(cell(page, "Alpha", "Method"), "Growth by year")
    g = p.growth_of("base", "a")
    assert g.method == "growth_by_year" and g.rates == {2023: 0.2, 2024: 0.2, 2025: 0.2}
    assert page.model.setData(cell(page, "Alpha", "2024F"), "−5 %")
    assert p.growth_of("base", "a").rates[2024] == pytest.approx(-0.05)
    assert ("base", "a", 2024) not in p.pins
    # Alpha projected: 9 × 1.2 = 10.8, × 0.95 = 10.26; reconciled with Beta 7.26 to 18.15.
    assert page.model.result.projected_value("a", 2024) == pytest.approx(10.26)


def test_manual_series_cells_are_its_values(page, bridge):
    p = bridge.document.project
    p.growth[("base", "b")] = Growth("manual", values={2023: 1.0, 2024: 2.0, 2025: 3.0})
    assert page.model.setData(cell(page, "Beta", "2024F"), "4.5")
    assert p.growth_of("base", "b").values[2024] == 4.5 and not p.pins
    assert page.model.setData(cell(page, "Beta", "2025F"), "")
    assert 2025 not in p.growth_of("base", "b").values


def test_a_percentage_in_a_cagr_forecast_cell_is_refused(page, errors):
    assert not page.model.setData(cell(page, "Alpha", "2023F"), "12 %")
    assert "percentage" in errors[0]


def test_switching_scenario_changes_values_and_chart(page, total_page):
    page.set_scenario("up")
    assert page.scenario_id == "up"
    assert shown(page, "Total market", "2023F") == "18.00"
    # Alpha and Beta (both +10 %) are scaled up to the Up total: 9.9 / 16.5 × 18.
    assert chart_value(page, "Alpha", 2023) == pytest.approx(9.9 / 16.5 * 18)
    assert [s.name for s in total_page.chart.series] == ["Base", "Up"]


def test_cell_selection_reports_scenario_series_and_year(qtbot, page):
    index = cell(page, "Beta", "2024F")
    with qtbot.waitSignal(page.inspected) as blocker:
        page.select_cell(index.row(), index.column())
    assert blocker.args == [("base", "b", 2024, "value")]
    with qtbot.waitSignal(page.inspected) as blocker:
        page.select_cell(cell(page, "Share: Beta", "2021").row(), 3)
    assert blocker.args == [None]


def test_total_page_rows_and_an_edit_elsewhere_updates_its_overlay(total_page, bridge):
    labels = [r.label for r in total_page.model.layout.rows]
    assert labels == [
        "Total market",
        "Growth year on year",
        "Technology · Unreconciled: Σ projected − total",
        "Technology · Scale of free segments",
    ]
    assert shown(total_page, "Growth year on year", "2023F") == "10.0 %"
    assert total_page.model.setData(cell(total_page, "Total market", "2023F"), "30")
    up = next(s for s in total_page.chart.series if s.name == "Up")
    total_page.set_scenario("up")
    assert total_page.model.setData(cell(total_page, "Total market", "2024F"), "40")
    assert next(s for s in total_page.chart.series if s.name == "Up").values[4] == 40.0
    assert up.values[4] != 40.0


def test_models_pass_the_qt_model_tester(qtmodeltester, page, total_page):
    qtmodeltester.check(page.model)
    qtmodeltester.check(total_page.model)


def test_triple_digit_percentages_are_whole_so_they_fit_the_year_columns(total_page, bridge):
    """2020→2021: 10 → 12 is 20.0 %; forcing 2021 to 25 makes it 150 %, shown "150 %"."""
    model = total_page.model
    rows = [r.kind for r in model.layout.rows]
    columns = [c.year for c in model.layout.columns]
    yoy = model.index(rows.index("yoy"), columns.index(2021))
    assert model.data(yoy) == "20.0 %"
    assert bridge.execute(SetHistory(TOTAL, 2021, 25.0))
    assert model.data(yoy) == "150 %"


def test_the_chart_names_measure_unit_and_scenario_and_marks_pins(page, bridge):
    from workbench.core.commands import SetPin

    page.show()
    bridge.execute(SetPin("up", "a", 2024, 12.0))
    page.set_scenario("up")
    assert page.chart.title == "Technology: value, USD bn · Up scenario"
    assert dict(page.chart.pinned_points())["Alpha"][0][0] == 2024.0
    page.set_chart_mode("share")
    assert page.chart.mode == "share" and page.chart.title.startswith(
        "Technology: share of the market")
