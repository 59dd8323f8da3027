"""The menu bar: File, Edit, View, Model, Help, laid out from the window's `Actions`."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMenu

if TYPE_CHECKING:
    from workbench.gui.main_window import MainWindow


def build_menus(w: MainWindow) -> None:
    a = w.actions
    bar = w.menuBar()
    file_menu = bar.addMenu("&File")
    for action in (a.new_sample, a.new_blank, a.open, a.open_server):
        file_menu.addAction(action)
    w.recent_menu = file_menu.addMenu("Open &Recent")
    w.recent_menu.aboutToShow.connect(lambda: fill_recent(w, w.recent_menu))
    file_menu.addSeparator()
    for action in (a.save, a.save_as, a.save_to_server, a.server_history):
        file_menu.addAction(action)
    file_menu.addSeparator()
    for action in (
        a.import_workbook,
        a.import_table,
        a.export_workbook,
        a.export_report,
        a.export_chart,
    ):
        file_menu.addAction(action)
    file_menu.addSeparator()
    file_menu.addAction(a.quit)
    _menu(bar, "&Edit", [a.undo, a.redo, None, a.cut, a.copy, a.paste, a.copy_chart, None,
                         a.preferences])
    _menu(bar, "&View", [a.inspector, None, a.next_page, a.previous_page])
    _menu(bar, "&Model", [a.mode, a.years, a.details, None, a.add_dimension, a.add_segment,
                          None, a.add_volume, a.volume_unit, a.remove_volume])
    _menu(bar, "&Help", [a.about])


def _menu(bar, title: str, actions: list) -> QMenu:
    menu = bar.addMenu(title)
    for action in actions:
        if action is None:
            menu.addSeparator()
        else:
            menu.addAction(action)
    return menu


def fill_recent(w: MainWindow, menu: QMenu) -> None:
    """The recent projects, newest first; rebuilt each time the menu opens."""
    menu.clear()
    recent = w.settings.recent_files()
    for number, path in enumerate(recent, start=1):
        action = menu.addAction(f"&{number} {Path(path).name}")
        action.setStatusTip(path)
        action.triggered.connect(lambda _checked=False, p=path: w.files.open_path(p))
    if not recent:
        menu.addAction("No recent projects").setEnabled(False)
