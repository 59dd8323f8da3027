"""Helpers the store tests share: dumps that tolerate extreme numbers, folder snapshots."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from tests.benchmarks.synthetic import synthetic_project
from workbench.core.document import Document
from workbench.core.dump import dump_json
from workbench.core.project import Project


def dump_of(document: Document) -> str:
    """The canonical dump; the forecast of 1e300-sized inputs may overflow, and that is fine
    here: these tests compare two dumps of the same inputs, not the engine."""
    with np.errstate(all="ignore"):
        return dump_json(document)


def folder_state(folder: Path) -> dict[str, bytes]:
    """Every file in `folder` with its bytes: equal states mean nothing was touched."""
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def small_project() -> Project:
    """The synthetic project at a size that saves in milliseconds."""
    return synthetic_project(
        dimensions=2, members=6, scenarios=2, years=12, companies=5, developments=20
    )
