"""File → Export Report…: options, a preview of the first pages, export with progress and
cancel. Driven as a person: the shortcut, clicks on the chapter list and the buttons, typing
into the focused field; the save path is the only scripted dialog.
"""

from __future__ import annotations

import docx
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton

from workbench.gui.report_export import PREVIEW_PAGES, ReportDialog
from workbench.report import template_path


def open_dialog(qtbot, window) -> ReportDialog:
    qtbot.keyClick(window, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: window.findChild(ReportDialog) is not None)
    dialog = window.findChild(ReportDialog)
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    return dialog


def uncheck(qtbot, dialog: ReportDialog, title: str) -> None:
    view = dialog.chapters
    item = view.findItems(title, Qt.MatchFlag.MatchExactly)[0]
    rect = view.visualItemRect(item)
    # the check box sits at the left of the row
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(rect.left() + 10, rect.center().y()))
    assert item.checkState() == Qt.CheckState.Unchecked


def type_into(qtbot, widget, text: str) -> None:
    """Click into the field, select what is there (Ctrl+A) and type over it."""
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(QApplication.focusWidget(), text)


def test_export_with_options_and_a_preview_on_a_fresh_machine(
    qtbot, window, dialogs, tmp_path, monkeypatch
):
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    for name in ("XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME"):
        monkeypatch.setenv(name, str(home / name.lower()))
    window.files.path = tmp_path / "market.mwp"  # as if saved there: the template goes beside
    dialog = open_dialog(qtbot, window)
    uncheck(qtbot, dialog, "Company Profiles")
    type_into(qtbot, dialog.publisher, "Acme Research")
    type_into(qtbot, dialog.subtitle, "Board briefing")

    qtbot.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(dialog.pages) == PREVIEW_PAGES, timeout=60000)
    assert all(not label.pixmap().isNull() for label in dialog.pages)
    assert dialog.pages[0].pixmap().height() > dialog.pages[0].pixmap().width()  # a page

    out = tmp_path / "board.docx"
    dialogs.queue("ask_save_path", str(out))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.written == out, timeout=60000)
    paragraphs = [p.text for p in docx.Document(str(out)).paragraphs]
    assert "Board briefing" in paragraphs and "Company Profiles" not in paragraphs
    assert any("Acme Research" in p for p in paragraphs)
    assert '"subtitle": "Board briefing"' in template_path(window.files.path).read_text()
    assert not dialogs.errors


def test_cancelling_the_export_leaves_no_file(qtbot, window, dialogs, tmp_path):
    dialog = open_dialog(qtbot, window)
    out = tmp_path / "cancelled.pdf"
    dialogs.queue("ask_save_path", str(out))

    def cancel_when_shown() -> None:
        """Click the progress dialog's Cancel button as soon as the analyst could."""
        progress = dialog.findChild(QProgressDialog)
        if progress is None or not progress.isVisible():
            QTimer.singleShot(50, cancel_when_shown)
            return
        button = next(b for b in progress.findChildren(QPushButton) if "Cancel" in b.text())
        QTest.mouseClick(button, Qt.MouseButton.LeftButton)

    QTimer.singleShot(50, cancel_when_shown)
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.status.text().startswith("Cancelled"), timeout=60000)
    # the job stops at its next progress step and removes its temporary file
    qtbot.waitUntil(lambda: not list(tmp_path.glob(".cancelled*")), timeout=30000)
    assert not out.exists()
    assert dialog.written is None and not dialogs.errors


def test_a_missing_logo_is_one_sentence(qtbot, window, dialogs, tmp_path):
    dialog = open_dialog(qtbot, window)
    type_into(qtbot, dialog.logo, str(tmp_path / "nope.png"))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert dialogs.errors == [f"There is no logo file {tmp_path / 'nope.png'}."]
