"""Fixtures of the workbook tests: exporting into tmp_path, editing as a colleague would
(openpyxl), and LibreOffice as the real recalculating spreadsheet.

LibreOffice must be installed (CI installs libreoffice-calc-nogui); without it the tests
that need it fail, unless WORKBENCH_SKIP_LIBREOFFICE=1 says to skip them.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from types import SimpleNamespace

import openpyxl
import pytest

from workbench.core.document import Document
from workbench.core.dump import dump_json
from workbench.excel import export_workbook


@pytest.fixture
def exported(tmp_path):
    """export(document, name="book.xlsx") -> path of the written workbook."""

    def export(document: Document, name: str = "book.xlsx") -> Path:
        path = tmp_path / name
        export_workbook(document, path)
        return path

    return export


def row_of(ws, row_id: str, start: int = 1) -> int:
    """The 1-based row whose id column (A) holds `row_id`, searching from `start`."""
    for row in range(start, ws.max_row + 1):
        if ws.cell(row, 1).value == row_id:
            return row
    raise AssertionError(f"no row {row_id!r} on {ws.title}")


def edit(path: Path, out: Path, change) -> Path:
    """Open with openpyxl as a colleague would, apply `change(workbook)`, save as `out`."""
    book = openpyxl.load_workbook(path)
    change(book)
    book.save(out)
    return out


@pytest.fixture
def xl():
    """Helpers for tests: row_of(ws, id), edit(path, out, change), dump(document)."""
    return SimpleNamespace(row_of=row_of, edit=edit, dump=dump_json)


EDITOR = Path(__file__).with_name("libreoffice_edit.py")


def python_with_uno() -> str | None:
    """A Python that has LibreOffice's bridge (the system's, with python3-uno)."""
    for candidate in ("/usr/bin/python3", shutil.which("python3")):
        if candidate and os.path.exists(candidate):
            probe = subprocess.run([candidate, "-c", "import uno"], capture_output=True)
            if probe.returncode == 0:
                return candidate
    return None


@pytest.fixture(scope="session")
def libreoffice_edit(office):
    """edit(path, operations) -> path of the workbook LibreOffice edited (sorted rows,
    inserted rows: see libreoffice_edit.py), recalculated and saved."""
    soffice, profile = office
    python = python_with_uno()
    if python is None:
        if os.environ.get("WORKBENCH_SKIP_LIBREOFFICE") == "1":
            pytest.skip("python3-uno is not installed and WORKBENCH_SKIP_LIBREOFFICE=1")
        pytest.fail("python3-uno is needed to sort rows in LibreOffice; install it.")

    def edit(path: Path, operations: list[dict]) -> Path:
        out = path.with_name(f"{path.stem}-edited.xlsx")
        command = [python, str(EDITOR), soffice, profile.as_uri(), str(path), str(out)]
        run = subprocess.run(
            [*command, json.dumps(operations)], capture_output=True, text=True, timeout=300
        )
        assert run.returncode == 0 and out.exists(), run.stderr
        return out

    return edit
