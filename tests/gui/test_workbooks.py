"""Import and export of workbooks from the window: off-thread, reviewed, cancellable."""

from __future__ import annotations

import threading

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QLabel

from workbench.core.commands import SetHistory
from workbench.core.dump import dump_json
from workbench.core.project import TOTAL
from workbench.core.sample import sample_document
from workbench.excel import export_workbook, read_workbook
from workbench.gui import workbooks
from workbench.gui.import_dialog import ImportSummaryDialog
from workbench.gui.workers import run_in_background


@pytest.fixture
def edited_workbook(tmp_path):
    """The sample exported after typing 8.25 into the 2024 total."""
    document = sample_document()
    document.execute(SetHistory(TOTAL, 2024, 8.25))
    path = tmp_path / "edited.xlsx"
    export_workbook(document, path)
    return path


def test_import_accepted_is_one_undo_step(window, dialogs, monkeypatch, edited_workbook):
    shown = []
    monkeypatch.setattr(workbooks, "review_import", lambda _p, plan: shown.append(plan) or True)
    before = dump_json(window.bridge.document)
    dialogs.queue("ask_open_path", str(edited_workbook))
    window.actions.import_workbook.trigger()
    assert window.bridge.document.project.history[(TOTAL, 2024)] == 8.25
    assert any("2024" in line for line in shown[0].summary_lines())
    assert window.isWindowModified()
    window.actions.undo.trigger()
    assert dump_json(window.bridge.document) == before


def test_import_cancelled_changes_nothing(window, dialogs, monkeypatch, edited_workbook):
    monkeypatch.setattr(workbooks, "review_import", lambda _p, _plan: False)
    before = dump_json(window.bridge.document)
    assert not window.workbooks.import_path(edited_workbook)
    assert dump_json(window.bridge.document) == before
    assert not window.undo.stack.canUndo()


def test_summary_dialog_lists_each_change_and_each_finding(qtbot, edited_workbook):
    plan = read_workbook(edited_workbook, sample_document())
    dialog = ImportSummaryDialog(plan)
    qtbot.addWidget(dialog)
    assert len(plan.changes) >= 1 and len(plan.notes) >= 1  # the total no longer adds up
    assert dialog.table.rowCount() == len(plan.changes) + len(plan.notes)
    rows = range(len(plan.changes), dialog.table.rowCount())
    assert {dialog.table.item(row, 0).text() for row in rows} == {"Check"}
    assert any("history of" in dialog.table.item(row, 1).text() for row in rows)
    assert dialog.apply_button.isEnabled()
    qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == dialog.DialogCode.Accepted


def test_import_of_a_broken_workbook_is_one_sentence(window, dialogs, tmp_path):
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    before = dump_json(window.bridge.document)
    assert not window.workbooks.import_path(broken)
    assert len(dialogs.errors) == 1 and "broken.xlsx" in dialogs.errors[0]
    assert dump_json(window.bridge.document) == before


def test_export_writes_a_workbook_that_reads_back(window, dialogs, tmp_path):
    dialogs.queue("ask_save_path", str(tmp_path / "out"))
    window.actions.export_workbook.trigger()
    assert (tmp_path / "out.xlsx").is_file()
    assert read_workbook(tmp_path / "out.xlsx", window.bridge.document).is_empty
    assert not list(tmp_path.glob(".out-*"))  # no temporary file left behind


def test_cancelling_a_job_drops_its_result(qtbot):
    release = threading.Event()
    finished = threading.Event()

    def job(ticket):
        release.wait(5)
        finished.set()
        return "value"

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton

    def cancel_dialog():
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QProgressDialog):
                widget.findChild(QPushButton).click()

    QTimer.singleShot(50, cancel_dialog)
    QTimer.singleShot(60, release.set)
    outcome = run_in_background(None, "Working…", job)
    assert outcome.cancelled and outcome.value is None
    assert finished.wait(5)


def test_job_errors_come_back_as_sentences(qtbot):
    from workbench.core.errors import ModelError

    def job(_ticket):
        raise ModelError("Sheet Total!C7: 'abc' is not a number.")

    outcome = run_in_background(None, "Working…", job)
    assert outcome.error == "Sheet Total!C7: 'abc' is not a number." and not outcome.ok


def test_a_colleagues_rewritten_formula_is_called_out_before_anything_is_applied(
    tmp_path, monkeypatch, qtbot, libreoffice, window, dialogs
):
    """From an empty HOME: a workbook whose TikTok 2027 cell a colleague made read Kwai's
    row (LibreOffice recalculated it) has nothing to apply, but the summary says that two
    computed values differ from the app's and lists them; cancelling changes nothing."""
    for variable in ("HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(variable, str(tmp_path / "fresh" / variable.lower()))
    path = tmp_path / "slip.xlsx"
    export_workbook(sample_document(), path)
    book = openpyxl.load_workbook(path)
    ws = book["Application"]
    rows = {ws.cell(r, 1).value: r for r in range(ws.max_row, 0, -1)}
    ws.cell(rows["tiktok"], 11).value = ws.cell(rows["kwai"], 11).value
    book.save(path)
    saved = libreoffice(path)
    seen = {}

    def review(parent, plan):
        dialog = ImportSummaryDialog(plan, parent)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        seen["headline"] = dialog.findChildren(QLabel)[0].text()
        seen["kinds"] = [dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())]
        seen["where"] = [dialog.table.item(r, 2).text() for r in range(dialog.table.rowCount())]
        seen["apply"] = dialog.apply_button.isEnabled()
        cancel = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Cancel)
        qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
        return dialog.result() == dialog.DialogCode.Accepted

    monkeypatch.setattr(workbooks, "review_import", review)
    before = dump_json(window.bridge.document)
    dialogs.queue("ask_open_path", str(saved))
    window.actions.import_workbook.trigger()
    qtbot.waitUntil(lambda: "headline" in seen, timeout=30_000)
    assert seen["headline"].startswith("The workbook's inputs match the project")
    assert "2 computed values in the workbook differ from the app's" in seen["headline"]
    assert seen["kinds"] == ["Disagrees", "Disagrees"]
    assert seen["where"][0] == f"Application!K{rows['tiktok']}"
    assert not seen["apply"]
    assert dump_json(window.bridge.document) == before
