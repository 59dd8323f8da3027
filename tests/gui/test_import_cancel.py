"""Importing from the window with unsaved edits: a huge workbook is cancelled with a click
and its worker is gone at once (it runs in a child process, because one parser call on a
big sheet cannot be interrupted); a hostile workbook is a sentence, and the edits stay."""

from __future__ import annotations

import multiprocessing
import zipfile

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton

from tests.excel.idless import idless_workbook
from workbench.core.commands import SetHistory
from workbench.core.dump import dump_json
from workbench.core.project import TOTAL
from workbench.core.sample import sample_document
from workbench.excel import export_workbook


@pytest.fixture
def edited(window):
    """The window's document with an unsaved edit."""
    assert window.bridge.execute(SetHistory(TOTAL, 2024, 9.5))
    return dump_json(window.bridge.document)


def _click_cancel_when_shown(qtbot, seen: list) -> None:
    """Press the progress dialog's Cancel with the mouse once it shows (and the child runs)."""

    def poll() -> None:
        dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog)]
        shown = [d for d in dialogs if d.isVisible()]
        if shown and multiprocessing.active_children():
            seen.extend(multiprocessing.active_children())
            qtbot.mouseClick(shown[0].findChild(QPushButton), Qt.MouseButton.LeftButton)
        else:
            QTimer.singleShot(50, poll)

    QTimer.singleShot(50, poll)


def test_cancelling_a_huge_import_stops_its_worker(qtbot, window, dialogs, edited, tmp_path):
    """Item 7: cancelling left the worker running (for minutes on a million rows)."""
    book = idless_workbook(tmp_path / "huge.xlsx", 200_000)
    seen: list = []
    _click_cancel_when_shown(qtbot, seen)
    assert not window.workbooks.import_path(book)
    assert seen, "the import ran in a child process while the dialog showed"
    assert all(not child.is_alive() for child in seen)
    assert dump_json(window.bridge.document) == edited
    assert dialogs.errors == []


def test_a_cell_at_xfd1048576_is_a_sentence_and_the_edits_stay(window, dialogs, edited, tmp_path):
    """Item 4: this workbook made the import allocate ~549 GB and abort the app (rc 134)."""
    good = tmp_path / "good.xlsx"
    export_workbook(sample_document(), good)
    far = tmp_path / "far.xlsx"
    with zipfile.ZipFile(good) as old, zipfile.ZipFile(far, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            data = old.read(info)
            if info.filename == "xl/worksheets/sheet3.xml":
                cell = b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>'
                data = data.replace(b"</sheetData>", cell)
            new.writestr(info.filename, data)
    assert not window.workbooks.import_path(far)
    assert len(dialogs.errors) == 1
    assert "the sheet's cells reach column 16,384" in dialogs.errors[0]
    assert dump_json(window.bridge.document) == edited
