"""What a segment page redraws after an edit: only the rows that moved, the chart when seen.

Two dimensions, top-down: an edit in one dimension is reconciled within it, so the other
dimension's page has nothing to repaint.
"""

import pytest
from PySide6.QtWidgets import QStackedWidget

from workbench.core.commands import SetHistory, SetHold, SetNote, SetPin
from workbench.core.document import Document
from workbench.core.explain import STATES, cell_states
from workbench.core.project import TOTAL, Dimension, Growth, Member, Metadata, Project, Scenario
from workbench.core.sample import sample_document
from workbench.gui.bridge import DocumentBridge
from workbench.gui.segments import SegmentPage
from workbench.gui.segments.table_model import HELD_ROLE, STATE_ROLE


def two_dimensions() -> Project:
    dims = [
        Dimension("tech", "Technology", (Member("a", "Alpha"), Member("b", "Beta"))),
        Dimension("region", "Region", (Member("n", "North"), Member("s", "South"))),
    ]
    scenarios = [Scenario("base", "Base"), Scenario("up", "Up")]
    p = Project(Metadata("Two", 2020, 2022, 2024), dims, scenarios)
    for year in (2020, 2021, 2022):
        p.history[(TOTAL, year)] = 10.0
        for member, value in {"a": 6.0, "b": 4.0, "n": 5.0, "s": 5.0}.items():
            p.history[(member, year)] = value
    p.growth[("base", TOTAL)] = Growth("cagr", 0.1)
    p.growth[("base", "a")] = Growth("cagr", 0.2)
    return p


@pytest.fixture
def bridge():
    return DocumentBridge(Document(two_dimensions()))


def announced(page):
    """The (first, last) rows of every dataChanged the page's model emits."""
    seen: list[tuple[int, int]] = []
    page.model.dataChanged.connect(lambda a, b, _roles=(): seen.append((a.row(), b.row())))
    return seen


def year_column(page, year: int) -> int:
    return next(i for i, c in enumerate(page.model.layout.columns) if c.year == year)


def painted(page):
    """Read every cell, as a view would when painting."""
    model = page.model
    return [[model.data(model.index(r, c)) for c in range(model.columnCount())]
            for r in range(model.rowCount())]


def test_an_edit_in_another_dimension_announces_nothing(qtbot, bridge):
    page = SegmentPage(bridge, "tech", None)
    qtbot.addWidget(page)
    painted(page)
    seen = announced(page)
    bridge.execute(SetHistory("n", 2022, 6.0))
    assert seen == []


def test_an_edit_in_the_dimension_announces_its_segment_gap_and_share_rows(qtbot, bridge):
    page = SegmentPage(bridge, "tech", None)
    qtbot.addWidget(page)
    painted(page)
    seen = announced(page)
    bridge.execute(SetPin("base", "a", 2023, 9.0))
    rows = [r.label for r in page.model.layout.rows]
    assert seen == [(rows.index("Alpha"), rows.index("Share: Beta"))]
    column = next(i for i, c in enumerate(page.model.layout.columns) if c.year == 2023)
    assert page.model.index(rows.index("Alpha"), column).data(STATE_ROLE) == "pinned"


def test_a_hold_announces_its_row_though_no_number_moves(qtbot, bridge):
    page = SegmentPage(bridge, "tech", None)
    qtbot.addWidget(page)
    painted(page)
    seen = announced(page)
    bridge.execute(SetHold("b", 2021, True))
    rows = [r.label for r in page.model.layout.rows]
    assert seen == [(rows.index("Beta"), rows.index("Beta"))]
    column = next(i for i, c in enumerate(page.model.layout.columns) if c.year == 2021)
    assert page.model.index(rows.index("Beta"), column).data(HELD_ROLE) is True


def test_a_note_announces_nothing(qtbot, bridge):
    page = SegmentPage(bridge, "tech", None)
    qtbot.addWidget(page)
    painted(page)
    seen = announced(page)
    bridge.execute(SetNote("", "a", 2021, "Checked."))
    assert seen == []
    # The tooltip reads it at once.
    assert "Checked." in page.model.index(1, year_column(page, 2021)).data(3)


def test_a_page_off_screen_redraws_its_chart_when_shown(qtbot, bridge):
    stack = QStackedWidget()
    qtbot.addWidget(stack)
    tech, region = SegmentPage(bridge, "tech"), SegmentPage(bridge, "region")
    stack.addWidget(tech)
    stack.addWidget(region)
    stack.show()
    qtbot.waitExposed(stack)
    bridge.execute(SetHistory("n", 2022, 7.0))
    north = next(s for s in region.chart.series if s.name == "North")
    assert north.values[2] == 5.0  # not redrawn while hidden
    stack.setCurrentWidget(region)
    north = next(s for s in region.chart.series if s.name == "North")
    assert north.values[2] == 7.0
    assert region.model.index(1, year_column(region, 2022)).data() == "7.00"


def test_a_page_off_screen_reads_no_forecast_after_an_edit(qtbot, bridge, monkeypatch):
    stack = QStackedWidget()
    qtbot.addWidget(stack)
    tech, region = SegmentPage(bridge, "tech"), SegmentPage(bridge, "region")
    region.set_scenario("up")
    stack.addWidget(tech)
    stack.addWidget(region)
    stack.show()
    qtbot.waitExposed(stack)
    document = bridge.document
    asked: list[str] = []
    real = document.result
    monkeypatch.setattr(document, "result", lambda s, *m: asked.append(s) or real(s, *m))
    bridge.execute(SetHistory("n", 2022, 7.0))  # every scenario's forecast changes
    painted(tech)
    assert set(asked) == {"base"}
    stack.setCurrentWidget(region)
    assert region.model.index(1, year_column(region, 2022)).data() == "7.00" and "up" in asked


def test_the_table_marks_every_cell_with_the_cores_state(qtbot):
    document = sample_document()
    p = document.project
    member = p.dimensions[0].members[0].id
    document.execute(SetPin(p.scenarios[0].id, member, p.metadata.base_year + 1, 3.0))
    document.execute(SetHold(member, p.metadata.base_year, True))
    page = SegmentPage(DocumentBridge(document), p.dimensions[0].id)
    qtbot.addWidget(page)
    model = page.model
    years = list(p.metadata.years)
    year_cols = list(model.layout.year_columns())
    for r in model.layout.series_rows():
        key = model.row(r).key
        states = cell_states(p, page.scenario_id, [key], years, with_holds=False)[0]
        assert [model.index(r, c).data(STATE_ROLE) for c in year_cols] == [
            STATES[s] for s in states.tolist()
        ]
    held = [(model.row(r).key, c) for r in model.layout.series_rows() for c in year_cols
            if model.index(r, c).data(HELD_ROLE)]
    assert held == [(member, year_cols[years.index(p.metadata.base_year)])]
