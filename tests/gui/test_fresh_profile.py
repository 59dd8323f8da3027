"""A fresh machine: empty HOME and XDG folders. Untitled work is autosaved into a recovery
folder the app creates (~/.local/share/Market Workbench, named once), and after a
SIGKILL the next start offers it. Real processes, as a user's would be."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

from workbench.core.commands import SetHistory
from workbench.core.project import TOTAL
from workbench.store import autosave as autosave_module

START = textwrap.dedent(
    """
    import sys, time
    from PySide6.QtWidgets import QApplication
    from workbench.gui import app as app_module, dialogs
    from workbench.gui.settings import APPLICATION, ORGANISATION

    qt = QApplication(sys.argv[:1])
    qt.setOrganizationName(ORGANISATION)
    qt.setApplicationName(APPLICATION)
    dialogs.confirm = lambda _parent, text: print("asked:", text, flush=True) or True
    window = app_module.create_window(None)
    history = window.bridge.document.project.history
    if sys.argv[1] == "edit":
        from workbench.core.commands import SetHistory
        window.bridge.execute(SetHistory("total", 2024, 9.5))
        saver = window.files.autosaver
        saver.every_edits = 1
        window.files.autosave()
        saver.wait()
        window.files.autosave()
        print("status:", repr(window.statusBar().currentMessage()), flush=True)
        print("ready", flush=True)
        time.sleep(600)
    print("total 2024:", history[("total", 2024)], flush=True)
    """
)


def fresh_profile(tmp_path: Path) -> dict[str, str]:
    folders = {
        "HOME": tmp_path / "home",
        "XDG_DATA_HOME": tmp_path / "xdg-data",
        "XDG_CONFIG_HOME": tmp_path / "xdg-config",
        "XDG_CACHE_HOME": tmp_path / "xdg-cache",
        "XDG_RUNTIME_DIR": tmp_path / "xdg-runtime",
    }
    for folder in folders.values():
        folder.mkdir(mode=0o700)
    return dict(
        os.environ,
        **{k: str(v) for k, v in folders.items()},
        QT_QPA_PLATFORM="offscreen",
        PYTHONPATH=str(Path(__file__).parents[2]),
    )


def test_untitled_work_survives_a_kill_on_a_fresh_profile(tmp_path):
    env = fresh_profile(tmp_path)
    first = subprocess.Popen(
        [sys.executable, "-c", START, "edit"], stdout=subprocess.PIPE, text=True, env=env
    )
    try:
        lines = [first.stdout.readline().strip() for _ in range(2)]
    finally:
        first.send_signal(signal.SIGKILL)
        first.wait()
        first.stdout.close()
    assert lines == ["status: ''", "ready"], "no autosave failure in the status bar"
    folder = tmp_path / "xdg-data" / "Market Workbench"
    assert [p.name.startswith(".Untitled-") for p in folder.iterdir()] == [True]
    assert not (folder / "Market Workbench").exists()
    second = subprocess.run(
        [sys.executable, "-c", START, "start"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert "asked: Unsaved work on an unsaved project" in second.stdout, second.stderr
    assert "total 2024: 9.5" in second.stdout


def test_the_failure_message_goes_once_a_write_succeeds(
    qtbot, window, dialogs, monkeypatch, tmp_path
):
    real = autosave_module.write_copy
    failing = [True]

    def sometimes_full(project, target, counter=None):
        if failing[0]:
            raise OSError(28, "No space left on device")
        real(project, target, counter)

    monkeypatch.setattr(autosave_module, "write_copy", sometimes_full)
    files = window.files
    files.autosaver.every_edits = 1
    files.timer.setInterval(10)
    assert window.bridge.execute(SetHistory(TOTAL, 2024, 9.5))
    qtbot.waitUntil(lambda: "Autosave failed" in window.statusBar().currentMessage())
    failing[0] = False
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == "", timeout=5000)
    failing[0] = True
    assert window.bridge.execute(SetHistory(TOTAL, 2023, 5.5))
    qtbot.waitUntil(lambda: "Autosave failed" in window.statusBar().currentMessage())
    files.timer.stop()
    dialogs.queue("ask_save_path", str(tmp_path / "saved.mwp"))
    assert files.save()
    assert window.statusBar().currentMessage() == ""
