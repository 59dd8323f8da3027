"""Fixtures for the qualitative pages: the sample in a bridge, errors collected not shown."""

import pytest

from workbench.core.sample import sample_document
from workbench.gui.bridge import DocumentBridge


@pytest.fixture
def bridge(qtbot):
    return DocumentBridge(sample_document())


@pytest.fixture
def errors(bridge):
    """Every refusal the bridge reports, in order (the shell would show each in a dialog)."""
    seen: list[str] = []
    bridge.error.connect(seen.append)
    return seen


@pytest.fixture
def project(bridge):
    return bridge.document.project
