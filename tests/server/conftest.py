"""The session's PostgreSQL server: started once in a temporary folder, stopped at the end.

Skipped, with the reason, only where the PostgreSQL binaries are absent (CI installs them
through packaging/system-deps.sh, so there they always run).
"""

from __future__ import annotations

import itertools

import pytest

from tests.server.cluster import Cluster, missing_binaries
from workbench.store.postgres import disconnect, list_projects

_names = itertools.count(1)


@pytest.fixture(scope="session")
def cluster():
    reason = missing_binaries()
    if reason:
        pytest.skip(reason)
    server = Cluster().start()
    list_projects(server.url())  # the database's owner connects first: the schema is made
    yield server
    disconnect()
    server.stop()


@pytest.fixture
def address(cluster, request):
    """A fresh project address on the session's server, for the superuser."""
    return cluster.url("postgres", f"{request.node.name[:40]}-{next(_names)}")


@pytest.fixture(autouse=True)
def _fresh_connections():
    """Each test starts with no kept connection (a killed server leaves broken ones)."""
    yield
    disconnect()
