"""The hidden start-up report: the app says what it opened, on a fresh machine, and quits.

The desktop bundle's tests and the start-up benchmark rely on it, so it is proven here on
the source install first: a real process, an empty HOME and XDG folders, offscreen.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

from workbench.cli import main
from workbench.gui.icon import ICON_SIZES
from workbench.gui.startup_report import VARIABLE
from workbench.versions import running_versions


def fresh_machine_env(tmp_path) -> dict[str, str]:
    home = tmp_path / "home"
    home.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("XDG_")}
    env.update(
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_DATA_HOME=str(home / ".local" / "share"),
        XDG_CACHE_HOME=str(home / ".cache"),
        QT_QPA_PLATFORM="offscreen",
    )
    return env


def start_app(tmp_path, *argv: str) -> dict:
    report = tmp_path / "report.json"
    env = {**fresh_machine_env(tmp_path), VARIABLE: str(report)}
    done = subprocess.run(
        [sys.executable, "-m", "workbench", *argv],
        capture_output=True, text=True, env=env, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return json.loads(report.read_text(encoding="utf-8"))


def test_the_app_reports_the_project_it_was_given_and_quits(tmp_path, capsys):
    project = tmp_path / "micro drama.mwp"
    assert main(["new-sample", str(project)]) == 0
    capsys.readouterr()
    report = start_app(tmp_path, str(project))
    assert report["argument"] == str(project)
    assert report["opened"] == str(project)
    assert report["title"] == "micro drama.mwp[*] — Market Workbench"
    assert report["pages"][:3] == ["Overview", "Total market", "Technology"]
    assert len(report["pages"]) >= 13
    assert sorted(report["window_icon_sizes"]) == sorted(ICON_SIZES)
    assert report["versions"] == running_versions().as_dict()
    assert report["executable"] == sys.executable


def test_without_a_path_the_report_shows_the_untitled_sample(tmp_path):
    report = start_app(tmp_path)
    assert (report["argument"], report["opened"]) == (None, None)
    assert report["title"] == "Internet Micro Drama Market[*] — Market Workbench"
    assert not (tmp_path / "report.json.partial").exists()
