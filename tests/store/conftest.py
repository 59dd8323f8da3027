"""Fixtures the store tests share."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.store.support import small_project
from workbench.core.document import Document
from workbench.store import project_file as project_file_module
from workbench.store import save_project


@pytest.fixture
def project_file(tmp_path) -> Path:
    """A small project saved as a file of the current version."""
    path = tmp_path / "model.mwp"
    save_project(Document(small_project()), path)
    return path


@pytest.fixture
def statements(monkeypatch) -> list[str]:
    """Every SQL statement the store runs on the project file, as executed."""
    seen: list[str] = []
    real_connect = project_file_module.connect

    def traced(path, mode):
        connection = real_connect(path, mode)
        connection.set_trace_callback(seen.append)
        return connection

    monkeypatch.setattr(project_file_module, "connect", traced)
    return seen
