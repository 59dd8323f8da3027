"""The desktop bundle on a machine without Python: command line, workbook round trip, app.

Every run goes through `env -i` with a PATH that holds no Python and no PYTHONHOME or
PYTHONPATH, so the bundle can only use what it carries.
"""

from __future__ import annotations

import json
import platform
import subprocess
import sys
import zipfile
from pathlib import Path

import PySide6
import pytest
from PyInstaller.archive.readers import pkg_archive_contents
from PySide6.QtCore import qVersion

from workbench import __version__
from workbench.gui.icon import ICON_SIZES
from workbench.gui.startup_report import VARIABLE

pytestmark = pytest.mark.slow

MAX_SIZE_MB = 300
LEFT_OUT_MODULES = ("pytest", "hypothesis", "pytestqt", "tkinter", "scipy", "IPython",
                    "pandas.tests", "numpy.tests", "PyQt5", "PyQt6",
                    "matplotlib.backends.backend_qtagg",
                    "matplotlib.backends.backend_tkagg")  # fmt: skip
LEFT_OUT_QT = ("QtNetwork", "QtQml", "QtQuick", "QtWebEngineCore", "QtPdf", "QtMultimedia",
               "QtTest", "QtPrintSupport", "QtSql", "QtDBus")  # fmt: skip


def size_mb(folder: Path) -> float:
    files = (p for p in folder.rglob("*") if p.is_file() and not p.is_symlink())
    return sum(p.stat().st_size for p in files) / 2**20


def test_the_bundle_is_small_and_leaves_out_what_the_app_does_not_use(bundle):
    assert size_mb(bundle) <= MAX_SIZE_MB
    internal = bundle / "_internal"
    for module in LEFT_OUT_QT:
        assert not list((internal / "PySide6").glob(f"{module}.*")), module
    assert not (internal / "PySide6" / "Qt" / "translations").exists()
    archived = set(pkg_archive_contents(str(bundle / "workbench")))
    assert "workbench.cli" in archived and "pyqtgraph" in archived
    for module in LEFT_OUT_MODULES:
        assert not any(n == module or n.startswith(module + ".") for n in archived), module
    dangling = [p.name for p in internal.iterdir() if p.is_symlink() and not p.exists()]
    assert dangling == []


def test_the_bundle_carries_its_desktop_files_and_icons(bundle):
    for name in ("install-desktop.sh", "market-workbench.desktop", "market-workbench-mime.xml"):
        assert (bundle / name).is_file(), name
    icons = bundle / "_internal" / "workbench" / "gui" / "icons"
    assert {p.name for p in icons.glob("*.png")} == {
        f"market-workbench-{size}.png" for size in ICON_SIZES
    }


def test_version_names_what_the_bundle_carries(bare_run):
    done = bare_run("--version")
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.splitlines() == [
        f"workbench {__version__} (desktop bundle)",
        f"Python {platform.python_version()}",  # the interpreter that built it
        f"Qt {qVersion()}",
        f"PySide6 {PySide6.__version__}",
    ]


def test_new_sample_export_import_round_trip(bare_run, tmp_path):
    steps = [
        ("new-sample", "sample.mwp"),
        ("export", "sample.mwp", "sample.xlsx"),
        ("import", "sample.xlsx", "imported.mwp"),
    ]
    for step in steps:
        done = bare_run(*step)
        assert done.returncode == 0, (step, done.stderr)
        assert "Traceback" not in done.stderr
    assert "3 dimensions, 10 segments, 3 scenarios" in done.stdout
    dumps = [bare_run("dump", name).stdout for name in ("sample.mwp", "imported.mwp")]
    assert json.loads(dumps[0])["metadata"] == json.loads(dumps[1])["metadata"]
    source = subprocess.run(
        [sys.executable, "-m", "workbench", "dump", str(tmp_path / "imported.mwp")],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert dumps[1] == source.stdout  # the bundle and the source install agree exactly


def test_the_report_as_pdf_and_word(bare_run, tmp_path):
    """reportlab, svglib, matplotlib and python-docx came along, with their fonts."""
    assert bare_run("new-sample", "sample.mwp").returncode == 0
    for name in ("report.pdf", "report.docx"):
        done = bare_run("report", "sample.mwp", name)
        assert done.returncode == 0, done.stderr
        assert "Traceback" not in done.stderr
    assert (tmp_path / "report.pdf").read_bytes().startswith(b"%PDF-")
    with zipfile.ZipFile(tmp_path / "report.docx") as word:
        document = word.read("word/document.xml").decode("utf-8")
    assert "Internet Micro Drama Market" in document


def test_bad_input_is_one_line_and_exit_2(bare_run):
    done = bare_run("show", "missing.mwp")
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and done.stderr.startswith("workbench: ")


def test_the_app_opens_the_sample_offscreen_and_quits(bundle, bare_run, tmp_path):
    assert bare_run("new-sample", "sample.mwp").returncode == 0
    report = tmp_path / "report.json"
    project = str(tmp_path / "sample.mwp")
    done = bare_run(project, QT_QPA_PLATFORM="offscreen", **{VARIABLE: str(report)})
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    shown = json.loads(report.read_text(encoding="utf-8"))
    assert shown["argument"] == shown["opened"] == project
    assert shown["title"] == "sample.mwp[*] — Market Workbench"
    assert shown["pages"][:3] == ["Overview", "Total market", "Technology"]
    assert sorted(shown["window_icon_sizes"]) == sorted(ICON_SIZES)
    assert shown["versions"]["bundle"] is True
    assert Path(shown["executable"]) == bundle / "workbench"
