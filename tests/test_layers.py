"""The layers of docs/architecture.md hold: the core, store and excel never pull in Qt or plotting.

Imports are checked in a fresh interpreter, because this test process has usually
imported PySide6 already for the GUI tests; the static contract is import-linter's.
"""

import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

PYPROJECT = Path(__file__).resolve().parents[1] / "pyproject.toml"

GUI_MODULES = ("PySide6", "pyqtgraph", "shiboken6")


def loaded_after(*packages: str) -> set[str]:
    """Top-level module names in `sys.modules` after importing `packages` afresh."""
    code = (
        "import importlib, json, sys\n"
        f"for name in {list(packages)!r}: importlib.import_module(name)\n"
        "print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    return set(json.loads(done.stdout))


def test_core_alone_is_pure():
    loaded = loaded_after("workbench.core", "workbench.core.commands", "workbench.core.dump")
    assert "workbench" in loaded and "numpy" in loaded
    assert loaded.isdisjoint({*GUI_MODULES, "sqlite3", "openpyxl", "xlsxwriter"})


def test_core_store_and_excel_pull_in_no_gui():
    loaded = loaded_after("workbench.core", "workbench.store", "workbench.excel")
    assert loaded.isdisjoint(GUI_MODULES)


def test_the_report_pulls_in_no_gui():
    loaded = loaded_after("workbench.report", "workbench.report.pdf", "workbench.report.word")
    assert loaded.isdisjoint(GUI_MODULES)


def test_gui_does_pull_in_qt():
    """The probe above can see Qt when it is there, so its silence means something."""
    assert "PySide6" in loaded_after("workbench.gui.bridge")


@pytest.mark.slow
def test_import_linter_contracts_hold():
    """`lint-imports`, run through this interpreter so that PATH does not matter."""
    code = "import sys; from importlinter.cli import lint_imports_command as c; sys.exit(c())"
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stdout + done.stderr
    contracts = tomllib.loads(PYPROJECT.read_text())["tool"]["importlinter"]["contracts"]
    assert f"Contracts: {len(contracts)} kept, 0 broken." in done.stdout


def test_server_store_pulls_in_no_gui_and_the_file_store_no_driver():
    """The team server backend is a room on the store's floor; the file store alone (and
    so `workbench --version`) never pays for loading the PostgreSQL driver."""
    assert loaded_after("workbench.store.postgres").isdisjoint(GUI_MODULES)
    assert "psycopg" not in loaded_after("workbench.store", "workbench.cli")


def test_the_number_rules_are_pure_python():
    """`workbench.numbers` sits below the core, so every room (the report too) may use it."""
    loaded = loaded_after("workbench.numbers")
    assert loaded.isdisjoint({*GUI_MODULES, "numpy", "pandas", "openpyxl", "xlsxwriter"})


def test_the_app_starts_without_the_server_driver():
    """psycopg takes about a second to import; the app loads it on the first server use."""
    code = (
        "import sys; import workbench.gui.main_window; "
        "print('psycopg' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert done.stdout.strip() == "False", done.stderr
