"""`workbench --version`: the app's version and the Python, Qt and PySide6 it runs on."""

from __future__ import annotations

import platform
import subprocess
import sys
import textwrap

import PySide6
from PySide6.QtCore import qVersion

from workbench import __version__
from workbench.cli import main
from workbench.versions import UNKNOWN, Versions, pyside_version, qt_version


def test_version_names_the_app_python_qt_and_pyside(capsys):
    assert main(["--version"]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert out == (
        f"workbench {__version__}\n"
        f"Python {platform.python_version()}\n"
        f"Qt {qVersion()}\n"
        f"PySide6 {PySide6.__version__}\n"
    )


def test_version_reads_qt_from_its_library_without_importing_qt():
    """`--version` stays fast: no PySide6 module is imported, yet Qt's version is right."""
    script = textwrap.dedent("""
        import sys
        from workbench.cli import main
        main(["--version"])
        print("IMPORTED", sorted(m for m in sys.modules if m.startswith("PySide6")))
    """)
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[2] == f"Qt {qVersion()}"
    assert lines[-1] == "IMPORTED []"


def test_versions_agree_with_the_loaded_qt_and_the_installed_wheel():
    assert qt_version() == qVersion()  # PySide6.QtCore is loaded here: asked directly
    assert pyside_version() == PySide6.__version__ != UNKNOWN


def test_the_bundle_says_so_in_its_first_line():
    versions = Versions(app="1.2.3", python="3.11.9", qt="6.11.3", pyside="6.11.3", bundle=True)
    assert versions.lines() == [
        "workbench 1.2.3 (desktop bundle)",
        "Python 3.11.9",
        "Qt 6.11.3",
        "PySide6 6.11.3",
    ]
