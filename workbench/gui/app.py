"""Starting the desktop app: `workbench [PROJECT]` ends up in `run`.

Qt aborts the whole process when it has no display to draw on, so `run` checks for one
first and prints how to start the app without a screen instead.
"""

from __future__ import annotations

import os
import sys

NO_DISPLAY = (
    "There is no display to open the Market Workbench window on; run it under Xvfb "
    '(xvfb-run -a -s "-screen 0 1440x900x24" workbench) or set QT_QPA_PLATFORM=offscreen.'
)


def has_display() -> bool:
    """A screen Qt can use: X11, Wayland, an explicit platform, or a desktop OS."""
    if sys.platform in ("win32", "darwin"):
        return True
    return any(os.environ.get(v) for v in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"))


def create_window(path: str | None = None, settings=None, recovery_folder=None):
    """The main window on `path`, the last project or the sample (QApplication must exist)."""
    from workbench.core.document import Document
    from workbench.core.project import Metadata, Project
    from workbench.gui.bridge import DocumentBridge
    from workbench.gui.main_window import MainWindow
    from workbench.gui.settings import Settings

    placeholder = Document(Project(Metadata("Market Workbench", 2000, 2001, 2002)))
    bridge = DocumentBridge(placeholder)
    window = MainWindow(bridge, settings or Settings(), recovery_folder)
    window.start(path)
    return window


def run(path: str | None = None) -> int:
    """Open the main window and run until it closes; the process exit status."""
    if not has_display():
        print(NO_DISPLAY, file=sys.stderr)
        return 2
    from PySide6.QtWidgets import QApplication

    from workbench import __version__
    from workbench.gui import startup_report
    from workbench.gui.icon import APP_ID, app_icon
    from workbench.gui.settings import APPLICATION, ORGANISATION

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(APP_ID)
    app.setWindowIcon(app_icon())
    window = create_window(path)
    window.show()
    report = startup_report.requested()
    if report is not None:
        startup_report.report_when_shown(window, path, report)
    return app.exec()


if __name__ == "__main__":
    sys.exit(run(sys.argv[1] if len(sys.argv) > 1 else None))
