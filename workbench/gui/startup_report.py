"""A hidden hook for packaging checks: report what the app opened, then quit.

With `WORKBENCH_STARTUP_REPORT=PATH` in its environment, the app writes a small JSON file
to PATH once its window shows the project (the path it was given, the file it opened, the
window title, the pages, the window icon's sizes, the versions it runs on and the time)
and closes itself. The bundle's tests and the start-up benchmark use it to prove that a
desktop launcher handed the app a `.mwp` file and that the app opened it; docs/packaging.md
describes it.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from workbench.versions import running_versions

VARIABLE = "WORKBENCH_STARTUP_REPORT"


def requested() -> Path | None:
    value = os.environ.get(VARIABLE)
    return Path(value) if value else None


def report_when_shown(window, argument: str | None, target: Path) -> None:
    """Once the event loop runs (the window is shown), write the report and close."""
    QTimer.singleShot(0, lambda: _report_and_close(window, argument, target))


def _report_and_close(window, argument: str | None, target: Path) -> None:
    """Quits in every case: a report that cannot be written must not leave the app open."""
    try:
        _write(window, argument, target)
    except Exception as exc:
        print(f"workbench: the start-up report failed: {exc}", file=sys.stderr)
        QApplication.exit(1)
    window.close()


def _write(window, argument: str | None, target: Path) -> None:
    opened = window.files.path
    report = {
        "argument": argument,
        "opened": str(opened) if opened is not None else None,
        "title": window.windowTitle(),
        "pages": window.navigator.page_titles(),
        "window_icon_sizes": [s.width() for s in QApplication.windowIcon().availableSizes()],
        "shown_at": time.time(),
        "executable": sys.executable,
        "versions": running_versions().as_dict(),
    }
    partial = target.with_name(target.name + ".partial")
    partial.write_text(json.dumps(report, indent=1), encoding="utf-8")
    partial.replace(target)  # whoever waits for the report never reads half of it
