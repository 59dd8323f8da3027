"""Helpers the store tests share: dumps that tolerate extreme numbers, folder snapshots,
the sample with a volume in every kind of input."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from tests.benchmarks.synthetic import synthetic_project
from workbench.core import commands as c
from workbench.core.commands.measures import AddVolume, OnMeasure
from workbench.core.document import Document
from workbench.core.dump import dump_json
from workbench.core.measures import VOLUME
from workbench.core.project import TOTAL, Growth, Project
from workbench.core.sample import sample_document


def dump_of(document: Document) -> str:
    """The canonical dump; the forecast of 1e300-sized inputs may overflow, and that is fine
    here: these tests compare two dumps of the same inputs, not the engine."""
    with np.errstate(all="ignore"):
        return dump_json(document)


def folder_state(folder: Path) -> dict[str, bytes]:
    """Every file in `folder` with its bytes: equal states mean nothing was touched."""
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def writes(statements: list[str]) -> list[str]:
    """The statements inside the save's transaction (see the `statements` fixture)."""
    begin = statements.index("BEGIN IMMEDIATE")
    return statements[begin + 1 : statements.index("COMMIT", begin)]


def small_project() -> Project:
    """The synthetic project at a size that saves in milliseconds."""
    return synthetic_project(
        dimensions=2, members=6, scenarios=2, years=12, companies=5, developments=20
    )


def sample_with_volume() -> Document:
    """The value-only sample given a volume in every kind of input, each typed by a command."""
    document = sample_document(volume=False)
    document.execute(AddVolume("million subscriptions"))
    history = [
        c.SetHistory(series, year, value * 3.0)
        for (series, year), value in document.project.history.items()
    ]
    document.execute(OnMeasure(VOLUME, c.Batch("Volume history", history)))
    on_volume = [
        c.SetHistorySource(TOTAL, 2024, document.project.sources[0].id),
        c.SetGrowth("base", TOTAL, Growth("cagr", 0.07)),
        c.SetPin("base", "tiktok", 2027, 41.5),
        c.SetHold("kwai", 2026, True),
        c.SetNote("base", "tiktok", 2027, "Paid subscriptions, company filing."),
    ]
    for command in on_volume:
        document.execute(OnMeasure(VOLUME, command))
    document.mark_saved()
    return document
