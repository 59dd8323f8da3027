"""Help → About, opened from the menu bar as a person does: name, version and runtimes."""

from __future__ import annotations

import platform

import PySide6
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLabel, QMenu, QPushButton

from workbench import __version__
from workbench.gui.about import AboutDialog
from workbench.gui.icon import ICON_FOLDER, ICON_SIZES, SVG_NAME, app_icon, png_name


def open_help_menu_item(qtbot, window, text: str) -> None:
    """Click Help in the menu bar, then the item: real clicks, no action triggered."""
    bar = window.menuBar()
    help_action = next(a for a in bar.actions() if a.text() == "&Help")
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.actionGeometry(help_action).center())
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu))
    menu = QApplication.activePopupWidget()
    item = next(a for a in menu.actions() if a.text() == text)
    qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(item).center())


def about_dialog(window) -> AboutDialog | None:
    return window.findChild(AboutDialog, "about-dialog")


def label(dialog: AboutDialog, name: str) -> str:
    return dialog.findChild(QLabel, name).text()


def test_help_about_shows_the_versions_the_app_runs_on(qtbot, window):
    open_help_menu_item(qtbot, window, "&About Market Workbench")
    qtbot.waitUntil(lambda: about_dialog(window) is not None and about_dialog(window).isVisible())
    dialog = about_dialog(window)
    assert dialog.isModal()  # window-modal, opened without blocking the event loop
    assert f"Version {__version__}" in label(dialog, "about-name")
    assert label(dialog, "about-python") == platform.python_version()
    assert label(dialog, "about-qt") == PySide6.QtCore.qVersion()
    assert label(dialog, "about-pyside6") == PySide6.__version__
    assert label(dialog, "about-running-from").startswith("Python installation: ")


def test_copy_versions_then_close(qtbot, window):
    open_help_menu_item(qtbot, window, "&About Market Workbench")
    qtbot.waitUntil(lambda: about_dialog(window) is not None and about_dialog(window).isVisible())
    dialog = about_dialog(window)
    copy = next(b for b in dialog.findChildren(QPushButton) if b.text() == "&Copy Versions")
    qtbot.mouseClick(copy, Qt.MouseButton.LeftButton)
    assert QApplication.clipboard().text().splitlines() == [
        f"workbench {__version__}",
        f"Python {platform.python_version()}",
        f"Qt {PySide6.QtCore.qVersion()}",
        f"PySide6 {PySide6.__version__}",
    ]
    close = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Close)
    qtbot.mouseClick(close, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: about_dialog(window) is None)  # closed and deleted


def test_the_icon_has_every_size_rendered_from_its_svg(qapp):
    assert (ICON_FOLDER / SVG_NAME).read_text(encoding="utf-8").lstrip().startswith("<svg")
    icon = app_icon()
    assert sorted(s.width() for s in icon.availableSizes()) == sorted(ICON_SIZES)
    for size in ICON_SIZES:
        image = icon.pixmap(size, size).toImage()
        assert (image.width(), image.height()) == (size, size), png_name(size)
        assert image.pixelColor(QPoint(0, 0)).alpha() == 0  # rounded corner: see-through
        assert image.pixelColor(QPoint(size // 2, size // 2)).alpha() == 255  # the tile
