"""Fixtures the store tests share."""

from __future__ import annotations

import pytest

from workbench.store import project_file as project_file_module


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
