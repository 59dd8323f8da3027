"""The main window's actions (menu items with their shortcuts), made in one place.

Standard shortcuts come from `QKeySequence.StandardKey`, so they follow each platform's
conventions. Undo and Redo are the mirrored QUndoStack's own actions, whose text reads
"Undo Set growth". Cut, Copy and Paste go to whichever widget has the keyboard focus.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QApplication

from workbench.gui.preferences import edit_preferences

if TYPE_CHECKING:
    from workbench.core.project import Project
    from workbench.gui.main_window import MainWindow

Key = QKeySequence.StandardKey


def make_action(parent, text: str, slot: Callable, shortcut=None, tip: str = "") -> QAction:
    action = QAction(text, parent)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    if tip:
        action.setStatusTip(tip)
    action.triggered.connect(lambda _checked=False: slot())
    return action


def send_edit_key(name: str) -> None:
    """Cut, copy or paste in the focused widget: its own method, else its key handling.

    Tables handle Ctrl+C/Ctrl+V in `keyPressEvent`; the menu's shortcut takes the key
    first, so the action hands the same key press to the focused widget.
    """
    focus = QApplication.focusWidget()
    if focus is None:
        return
    method = getattr(focus, name, None)
    if callable(method):
        method()
        return
    combination = QKeySequence(getattr(Key, name.capitalize()))[0]
    press = QKeyEvent(QEvent.Type.KeyPress, combination.key(), combination.keyboardModifiers())
    QApplication.sendEvent(focus, press)


class Actions:
    def __init__(self, w: MainWindow) -> None:
        files, workbooks, model = w.files, w.workbooks, w.model_actions
        self.new_sample = make_action(
            w,
            "New from &Sample",
            files.new_from_sample,
            Key.New,
            "A new project from the built-in micro drama sample.",
        )
        self.new_blank = make_action(
            w,
            "New from &Blank Template…",
            files.new_blank,
            "Ctrl+Shift+N",
            "A new, empty project: years, unit, names.",
        )
        self.open = make_action(w, "&Open…", files.open_dialog, Key.Open)
        self.save = make_action(w, "&Save", files.save, Key.Save)
        self.save_as = make_action(w, "Save &As…", files.save_as, Key.SaveAs)
        self.open_server = make_action(
            w, "Open from Se&rver…", files.servers.open_dialog, "Ctrl+Shift+O",
            "A project on a team server (PostgreSQL); passwords come from ~/.pgpass.",
        )
        self.save_to_server = make_action(
            w, "Save to Server as New &Project…", files.servers.save_as_new, None,
            "This project as a new project on a team server.",
        )
        self.server_history = make_action(
            w, "Server &History…", files.servers.show_history, None,
            "Who saved which revision when; open an old one read-only or restore it.",
        )
        self.import_workbook = make_action(
            w,
            "&Import Workbook…",
            workbooks.import_dialog,
            "Ctrl+I",
            "Review and apply an edited workbook.",
        )
        self.import_table = make_action(
            w,
            "Import &Table…",
            lambda: w.table_imports.import_dialog(),
            "Ctrl+Shift+T",
            "Bring a foreign workbook or CSV in: map its rows and years, preview, apply.",
        )
        self.export_workbook = make_action(
            w,
            "&Export Workbook…",
            workbooks.export_dialog,
            "Ctrl+E",
            "A workbook with live formulas.",
        )
        self.export_report = make_action(
            w,
            "Export &Report…",
            w.export_report,
            "Ctrl+Shift+R",
            "The market report as PDF or Word, with a preview of its first pages.",
        )
        self.export_chart = make_action(
            w,
            "Export &Chart…",
            w.export_chart,
            "Ctrl+Shift+E",
            "The current page's chart as PNG or SVG.",
        )
        self.quit = make_action(w, "&Quit", w.close, Key.Quit)
        self.undo = w.undo.stack.createUndoAction(w, "&Undo")
        self.undo.setShortcut(QKeySequence(Key.Undo))
        self.redo = w.undo.stack.createRedoAction(w, "&Redo")
        # Ctrl+Y (Windows, Office) and Ctrl+Shift+Z (most else) both redo, on every system.
        redo_keys = [*QKeySequence.keyBindings(Key.Redo), QKeySequence("Ctrl+Y"),
                     QKeySequence("Ctrl+Shift+Z")]
        unique = dict.fromkeys(k.toString() for k in redo_keys if not k.isEmpty())
        self.redo.setShortcuts([QKeySequence(text) for text in unique])
        self.cut = make_action(w, "Cu&t", lambda: send_edit_key("cut"), Key.Cut)
        self.copy = make_action(w, "&Copy", lambda: send_edit_key("copy"), Key.Copy)
        self.paste = make_action(w, "&Paste", lambda: send_edit_key("paste"), Key.Paste)
        self.copy_chart = make_action(
            w, "Copy C&hart", w.copy_chart, "Ctrl+Shift+C",
            "The current page's chart as an image, to paste into a slide or a document.")
        self.preferences = make_action(
            w, "Pre&ferences…", lambda: edit_preferences(w), Key.Preferences
        )
        self.inspector = w.inspector.toggleViewAction()
        self.inspector.setShortcut(QKeySequence("Ctrl+Shift+I"))
        self.next_page = make_action(w, "&Next Page", lambda: w.step_page(1), "Ctrl+PgDown")
        self.previous_page = make_action(w, "&Previous Page", lambda: w.step_page(-1), "Ctrl+PgUp")
        self.mode = make_action(w, "Forecast &Mode…", model.set_mode)
        self.years = make_action(w, "&Year Range…", model.set_years)
        self.details = make_action(w, "Project &Details…", model.edit_details)
        self.add_dimension = make_action(w, "Add &Dimension…", model.add_dimension)
        self.add_segment = make_action(
            w, "Add &Segment…", lambda: model.add_segment(w.current_dimension())
        )
        self.add_volume = make_action(
            w, "Add &Volume Measure…", model.add_volume, None,
            "Forecast the market in a volume too (subscriptions, episodes, hours); the "
            "average price is derived from the two.")
        self.volume_unit = make_action(w, "Set Volume &Unit…", model.set_volume_unit)
        self.remove_volume = make_action(w, "&Remove Volume Measure", model.remove_volume)
        self.about = make_action(w, "&About Market Workbench", w.about)

    def follow(self, project: Project) -> None:
        """Offer the volume's actions that apply: add one, or rename and remove it."""
        has_volume = project.volume is not None
        self.add_volume.setEnabled(not has_volume)
        self.volume_unit.setEnabled(has_volume)
        self.remove_volume.setEnabled(has_volume)
