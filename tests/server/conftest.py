"""Fixtures of the team server tests (the session's server, `cluster`, is in
tests/conftest.py, so that the GUI's server tests share it)."""

from __future__ import annotations

import itertools

import pytest

from workbench.store.postgres import disconnect

_names = itertools.count(1)


@pytest.fixture
def address(cluster, request):
    """A fresh project address on the session's server, for the superuser."""
    return cluster.url("postgres", f"{request.node.name[:40]}-{next(_names)}")


@pytest.fixture(autouse=True)
def _fresh_connections():
    """Each test starts with no kept connection (a killed server leaves broken ones)."""
    yield
    disconnect()
