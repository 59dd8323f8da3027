"""Starting the app: no display gives one sentence; a real start opens the sample."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

from workbench.gui.app import NO_DISPLAY, has_display, run


def test_without_a_display_run_explains_and_returns_2(monkeypatch, capsys):
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(sys, "platform", "linux")
    assert not has_display()
    assert run(None) == 2
    err = capsys.readouterr().err
    assert err.strip() == NO_DISPLAY and "xvfb-run" in err and "QT_QPA_PLATFORM=offscreen" in err


HEAVY = (
    "pandas", "openpyxl", "xlsxwriter", "python_calamine", "psycopg", "reportlab",
    "matplotlib", "docx", "workbench.ingest", "workbench.excel",
)
"""Rooms a start-up does not need: each is imported when its command is first used."""


def test_start_up_in_a_subprocess_opens_the_sample(tmp_path):
    """The whole start: run() builds the window, shows the sample, and exec returns 0."""
    script = textwrap.dedent(f"""
        from PySide6.QtCore import QSettings
        from PySide6.QtWidgets import QApplication
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, {str(tmp_path)!r})
        def fake_exec(*_args):
            windows = [w for w in QApplication.topLevelWidgets() if w.objectName() == "main-window"]
            window = windows[0]
            print("TITLE", window.windowTitle())
            print("PAGES", len(window.navigator.page_keys()))
            import sys
            print("LOADED", sorted(m for m in sys.modules if m in HEAVY))
            return 0
        HEAVY = {HEAVY!r}
        QApplication.exec = fake_exec
        from workbench.gui.app import run
        raise SystemExit(run(None))
    """)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_DATA_HOME": str(tmp_path)}
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "TITLE Internet Micro Drama Market[*] — Market Workbench" in done.stdout
    assert "PAGES 14" in done.stdout  # Overview … Scenarios, Opportunities, … Sources
    assert "LOADED []" in done.stdout  # what only an import, export or report needs waits
