"""A small hand-worked project for the segment page tests.

Years 2020–2022 history, 2023–2025 forecast; one dimension (a, b); two scenarios.
Base: total, a and b all grow 10 % a year, so in 2023 total = 16.5, a = 9.9, b = 6.6 and
they already add up. Up: the total grows 20 % (2023 total = 18.0).
"""

import pytest

from workbench.core.document import Document
from workbench.core.entities import Source
from workbench.core.project import TOTAL, Dimension, Growth, Member, Metadata, Project, Scenario
from workbench.gui.bridge import DocumentBridge
from workbench.gui.segments import SegmentPage


def small_project() -> Project:
    p = Project(
        Metadata("Test market", 2020, 2022, 2025, unit="USD bn"),
        [Dimension("tech", "Technology", (Member("a", "Alpha"), Member("b", "Beta")))],
        [Scenario("base", "Base"), Scenario("up", "Up")],
    )
    rows = ((10, 6, 4), (12, 7, 5), (15, 9, 6))
    for year, (t, a, b) in zip((2020, 2021, 2022), rows, strict=True):
        p.history[(TOTAL, year)] = float(t)
        p.history[("a", year)] = float(a)
        p.history[("b", year)] = float(b)
    for scenario, total_rate in (("base", 0.10), ("up", 0.20)):
        p.growth[(scenario, TOTAL)] = Growth("cagr", total_rate)
        p.growth[(scenario, "a")] = Growth("cagr", 0.10)
        p.growth[(scenario, "b")] = Growth("cagr", 0.10)
    p.sources.append(Source("src-1", "Publisher", "Report"))
    return p


@pytest.fixture
def bridge():
    return DocumentBridge(Document(small_project()))


@pytest.fixture
def errors(bridge):
    seen: list[str] = []
    bridge.error.connect(seen.append)
    return seen


@pytest.fixture
def page(qtbot, bridge):
    widget = SegmentPage(bridge, "tech")
    widget.resize(1200, 700)
    qtbot.addWidget(widget)
    return widget


@pytest.fixture
def total_page(qtbot, bridge):
    widget = SegmentPage(bridge, None)
    qtbot.addWidget(widget)
    return widget


def cell(page, row_label: str, column_label: str):
    """The model index of the cell in the row and column with these labels (an assumption
    column by its kind: "Method", "Rate", "K", "r")."""
    model = page.model
    r = next(i for i, row in enumerate(model.layout.rows) if row.label == row_label)
    c = next(i for i, col in enumerate(model.layout.columns)
             if column_label in (col.label, col.kind.capitalize(), col.kind))
    return model.index(r, c)


def shown(page, row_label: str, column_label: str) -> str:
    return page.model.data(cell(page, row_label, column_label))
