"""File › Import Table… as an analyst uses it: keyboard shortcut, the wizard, clicks, keys."""

from __future__ import annotations

import pytest
from openpyxl import Workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from workbench.core.dump import dump_json
from workbench.core.sample import sample_document


@pytest.fixture
def fresh_home(tmp_path, monkeypatch):
    """An empty HOME and XDG folders, as on a new user's machine."""
    for variable in ("HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"):
        folder = tmp_path / "fresh" / variable.lower()
        monkeypatch.setenv(variable, str(folder))


@pytest.fixture
def regions_file(tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.title = "Regions"
    for row in (
        ["Micro drama revenue by region (USD million)"],
        ["Region", 2022, 2023, 2024],
        ["north america", 100, 200, 400],
        ["Europ", 50, 60, 70],
        ["Africa", 5, 6, 7],
        ["Memo: of which paid", 40, 50, 60],
    ):
        sheet.append(row)
    path = tmp_path / "regions.xlsx"
    book.save(path)
    return path


def _open_wizard(qtbot, window, dialogs, path):
    dialogs.queue("ask_open_path", str(path))
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)  # fmt: skip
    wizard = window.table_imports.wizard
    assert wizard is not None and wizard.isVisible()
    wizard.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is wizard)
    return wizard


def _click_cell(qtbot, table, row, column, double=False):
    rect = table.visualRect(table.model().index(row, column))
    click = qtbot.mouseDClick if double else qtbot.mouseClick
    click(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_wizard_maps_rows_by_keyboard_and_imports_one_undoable_step(
    qtbot, window, dialogs, fresh_home, regions_file
):
    before = dump_json(window.bridge.document)
    wizard = _open_wizard(qtbot, window, dialogs, regions_file)
    assert "Unit: USD millions in the source → USD billions (× 0.001)." in (
        wizard.summary.toPlainText()
    )
    # The memo row is left out by default; leave Africa out too: click "Take", press Space.
    assert wizard.rows.item(3, 2).checkState() == Qt.CheckState.Unchecked
    _click_cell(qtbot, wizard.rows, 2, 2)
    assert QApplication.focusWidget() is wizard.rows
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)
    # Call "Europ" Europe explicitly: double-click the segment cell, type, Enter.
    _click_cell(qtbot, wizard.rows, 1, 1, double=True)
    editor = QApplication.focusWidget()
    editor.selectAll()
    qtbot.keyClicks(editor, "Europe")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "Africa" not in wizard.summary.toPlainText())
    wizard.replan()
    assert wizard.mapping().skip == ["Africa", "Memo: of which paid"]
    assert wizard.preview.rowCount() >= 5  # the total and the region segments
    qtbot.mouseClick(wizard.import_button, Qt.MouseButton.LeftButton)
    project = window.bridge.document.project
    assert project.history[("north-america", 2024)] == pytest.approx(0.4)
    assert project.history[("europe", 2022)] == pytest.approx(0.05)
    names = [m.name for m in project.dimension("region").members]
    assert "Africa" not in names and "Memo: of which paid" not in names
    window.actions.undo.trigger()
    assert dump_json(window.bridge.document) == before


def test_wizard_can_make_a_new_project_instead(qtbot, window, dialogs, regions_file):
    wizard = _open_wizard(qtbot, window, dialogs, regions_file)
    qtbot.mouseClick(wizard.into_new, Qt.MouseButton.LeftButton)
    wizard.replan()
    assert wizard.plan is not None and wizard.plan.new
    window.files.maybe_save = lambda: True
    qtbot.mouseClick(wizard.import_button, Qt.MouseButton.LeftButton)
    project = window.bridge.document.project
    assert [d.name for d in project.dimensions] == ["Region"]
    assert project.metadata.unit == "USD millions"
    assert window.files.path is None  # untitled until saved


def test_a_bad_choice_is_one_sentence_and_import_is_disabled(qtbot, window, dialogs, regions_file):
    wizard = _open_wizard(qtbot, window, dialogs, regions_file)
    qtbot.mouseClick(wizard.scale, Qt.MouseButton.LeftButton)
    assert QApplication.focusWidget() is wizard.scale
    qtbot.keyClicks(QApplication.focusWidget(), "ten")
    wizard.replan()
    assert wizard.problem.text() == "The scale must be a number; got 'ten'."
    assert not wizard.import_button.isEnabled()


def test_a_file_without_a_table_says_so_and_opens_nothing(window, dialogs, tmp_path):
    path = tmp_path / "notes.csv"
    path.write_text("just,some\nwords,here\n")
    assert window.table_imports.open_wizard(path) is None
    assert dialogs.errors == [
        "notes.csv: no table of numbers by year was found (a header of at least three years "
        "with labelled rows under it, or rows of segment, year and value)."
    ]


def test_a_scale_typed_with_a_thousands_separator_is_a_thousand(
    qtbot, window, dialogs, regions_file
):
    # "1,000" was read as 1.0 (its comma taken for a decimal mark), so every number came in
    # a thousand times too small; numbers are read in the user's locale (C/English here).
    wizard = _open_wizard(qtbot, window, dialogs, regions_file)
    qtbot.mouseClick(wizard.scale, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(QApplication.focusWidget(), "1,000")
    wizard.replan()
    assert wizard.mapping().scale == 1000.0
    assert "(× 1,000" in wizard.summary.toPlainText()


@pytest.fixture
def subscriptions_file(tmp_path):
    path = tmp_path / "subs.csv"
    path.write_text(
        "Paid subscriptions by region (thousands)\n"
        "Region,2022,2023,2024\n"
        "North America,1200,1800,2600\n"
        "Europe,300,450,700\n"
        "Asia Pacific,9000,12000,15000\n"
        "Rest of the World,500,800,1200\n"
        "Total,11000,15050,19500\n",
        "utf-8",
    )
    return path


def test_wizard_imports_a_table_as_the_volume_with_its_unit_in_one_step(
    qtbot, make_window, dialogs, fresh_home, subscriptions_file
):
    window = make_window(sample_document(volume=False))  # a project with no volume yet
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    before = dump_json(window.bridge.document)
    wizard = _open_wizard(qtbot, window, dialogs, subscriptions_file)
    assert not wizard.volume_unit.isEnabled()  # value by default
    # "Numbers are": click the drop-down, pick "the volume" with the keys.
    qtbot.mouseClick(wizard.measure, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.measure.view().isVisible())
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Down)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert wizard.measure.currentData() == "volume"
    wizard.replan()
    assert wizard.problem.text().endswith(
        "the project has no volume yet; name the volume's unit (for example 'million "
        "subscriptions')."
    )
    assert not wizard.import_button.isEnabled()
    assert not wizard.rate.isEnabled()  # a volume is not money
    qtbot.mouseClick(wizard.volume_unit, Qt.MouseButton.LeftButton)
    assert QApplication.focusWidget() is wizard.volume_unit
    qtbot.keyClicks(QApplication.focusWidget(), "million subscriptions")
    wizard.replan()
    assert wizard.problem.text() == ""
    summary = wizard.summary.toPlainText()
    assert "The project gets a volume measure, in million subscriptions." in summary
    assert "History of the volume (million subscriptions): 15 numbers (2022–2024)." in summary
    assert wizard.preview_title.text() == (
        "Preview of the resulting volume (million subscriptions)"
    )
    total_2024 = wizard.preview.item(0, wizard.preview.columnCount() - 8)
    assert total_2024.text() == "19.50"  # 2024 of 2019–2031: thousands → millions
    qtbot.mouseClick(wizard.import_button, Qt.MouseButton.LeftButton)
    project = window.bridge.document.project
    assert project.volume.unit == "million subscriptions"
    assert project.volume.history[("europe", 2024)] == pytest.approx(0.7)
    window.actions.undo.trigger()
    assert dump_json(window.bridge.document) == before


def test_wizard_leaves_hidden_rows_out_and_takes_them_by_a_click(
    qtbot, window, dialogs, fresh_home, tmp_path
):
    from tests.ingest import corpus

    path = corpus.hidden_rows_and_columns(tmp_path)
    wizard = _open_wizard(qtbot, window, dialogs, path)
    summary = wizard.summary.toPlainText()
    assert "2 hidden rows left out: 3, 4 (include hidden rows and columns to take them)." in (
        summary)
    assert "2 hidden columns left out: H, I" in summary
    assert wizard.rows.rowCount() == 3
    assert wizard.include_hidden.text() == "include (4 hidden in this file)"
    qtbot.mouseClick(wizard.include_hidden, Qt.MouseButton.LeftButton)
    assert wizard.include_hidden.isChecked() and wizard.mapping().include_hidden
    qtbot.waitUntil(lambda: "taken like the others" in wizard.summary.toPlainText())
    labels = [wizard.rows.item(i, 0).text() for i in range(wizard.rows.rowCount())]
    assert labels[1:3] == ["Working: China adj.  (A3)", "Old scenario: China  (A4)"]
    # Leave the working row out again (click "Take", press Space); keep the old scenario.
    _click_cell(qtbot, wizard.rows, 1, 2)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)
    qtbot.mouseClick(wizard.into_new, Qt.MouseButton.LeftButton)
    wizard.replan()
    assert wizard.plan is not None
    window.files.maybe_save = lambda: True
    qtbot.mouseClick(wizard.import_button, Qt.MouseButton.LeftButton)
    project = window.bridge.document.project
    names = [m.name for m in project.dimensions[0].members]
    assert names == ["China", "Old scenario: China", "North America"]
    assert project.metadata.base_year == 2025  # the hidden 2025 and 2026 came in too


def test_a_sheet_whose_header_row_is_hidden_opens_with_hidden_lines_included(
    qtbot, window, dialogs, tmp_path
):
    from openpyxl import load_workbook

    from tests.ingest import corpus

    path = corpus.years_across_total_label(tmp_path)
    book = load_workbook(path)
    book.active.row_dimensions[1].hidden = True
    book.save(path)
    wizard = _open_wizard(qtbot, window, dialogs, path)
    assert wizard.include_hidden.isChecked() and wizard.plan is not None
    assert "1 hidden row taken like the others (as chosen): 1." in wizard.summary.toPlainText()
    qtbot.mouseClick(wizard.include_hidden, Qt.MouseButton.LeftButton)
    wizard.replan()
    assert "1 hidden row or column was not looked at" in wizard.problem.text()
    assert not wizard.import_button.isEnabled() and wizard.rows.rowCount() == 0


def test_a_new_project_from_a_volume_table_is_one_sentence_in_the_wizard(
    qtbot, window, dialogs, fresh_home, subscriptions_file
):
    before = dump_json(window.bridge.document)
    wizard = _open_wizard(qtbot, window, dialogs, subscriptions_file)
    qtbot.mouseClick(wizard.into_new, Qt.MouseButton.LeftButton)
    wizard.measure.setFocus()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Down)  # "the volume"
    assert wizard.measure.currentData() == "volume"
    wizard.replan()
    assert wizard.problem.text() == (
        "subs.csv: a new project is made from a table of values, and this table is a volume; "
        "import the value first and then this table into that project, or import this table "
        "into an existing project."
    )
    assert not wizard.import_button.isEnabled()
    assert wizard.summary.toPlainText().startswith(
        "Nothing can be imported yet:\n\nsubs.csv: a new project is made from a table of values")
    qtbot.mouseClick(wizard.import_button, Qt.MouseButton.LeftButton)
    assert dump_json(window.bridge.document) == before


def test_the_wizard_opens_within_a_small_screen(qtbot, window, dialogs, regions_file):
    # It opened at 1180 × 760 whatever the screen: past the edges of a 1024 × 700 laptop.
    wizard = _open_wizard(qtbot, window, dialogs, regions_file)
    area = wizard.screen().availableGeometry()
    assert area.width() < 1180  # the offscreen test screen is smaller than the wizard was
    assert wizard.width() <= area.width() and wizard.height() <= area.height()
    assert wizard.width() >= wizard.minimumSizeHint().width()
