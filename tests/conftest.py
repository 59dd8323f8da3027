"""Test configuration shared by every suite.

Qt runs offscreen and hypothesis has a CI-sized profile; both are set here, by the tests
themselves, so that `pytest` needs nothing from the environment.
"""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile(
    "default",
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.load_profile("default")


@pytest.fixture(scope="session")
def cluster():
    """A real PostgreSQL server for the session, in a temporary folder (tests/server).

    Skipped, with the reason, only where the PostgreSQL binaries are absent; CI installs
    them through packaging/system-deps.sh, so there these tests always run.
    """
    from tests.server.cluster import Cluster, missing_binaries

    reason = missing_binaries()
    if reason:
        pytest.skip(reason)
    from workbench.store.postgres import disconnect, list_projects

    server = Cluster().start()
    list_projects(server.url())  # the database's owner connects first: the schema is made
    yield server
    disconnect()
    server.stop()
