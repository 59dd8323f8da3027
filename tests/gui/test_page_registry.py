"""Pages keep one contract and live in one registry: adding a page is one registry entry.

The trivial `ClockPage` below is added to a copy of the app's registry with one
`PageEntry`; the main window then lists it, builds it on its first visit, feeds the
inspector from it, refreshes it on a change and takes the analyst to it when another page
asks for what it shows. Nothing else in the app names it.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout

from workbench.core.commands import SetHistory
from workbench.core.project import TOTAL
from workbench.core.sample import sample_document
from workbench.gui.bridge import DocumentBridge
from workbench.gui.main_window import MainWindow
from workbench.gui.page import CellTarget, EntityTarget, Page, PageKey
from workbench.gui.page_registry import PAGES, PageEntry
from workbench.gui.pages import OverviewPage, SourcesPage
from workbench.gui.qualitative.companies import CompaniesPage
from workbench.gui.segments import SegmentPage


@pytest.fixture
def bridge(qtbot):
    return DocumentBridge(sample_document())


class ClockPage(Page):
    """Counts the document's changes; shows the "clocks" entities (there are none)."""

    title = "Change clock"

    def __init__(self, bridge: DocumentBridge) -> None:
        super().__init__()
        self.bridge = bridge
        self.changes = 0
        self.shown: list = []
        self.label = QLabel("0 changes")
        QVBoxLayout(self).addWidget(self.label)
        self.follow(bridge)

    @classmethod
    def shows(cls, project, target):
        return "" if isinstance(target, EntityTarget) and target.collection == "clocks" else None

    def refresh(self, change) -> None:
        self.changes += 1
        self.label.setText(f"{self.changes} changes")

    def inspection(self):
        return CellTarget("base", TOTAL, 2020)

    def show_target(self, target) -> None:
        self.shown.append(target)


def _titles(window: MainWindow) -> list[str]:
    navigator = window.navigator
    items = [navigator.item(i) for i in range(navigator.count())]
    return [i.text() for i in items if i.flags() & Qt.ItemFlag.ItemIsSelectable]


def test_a_new_page_is_one_registry_entry(
    qtbot, dialogs, settings, recovery_dir, tmp_path, monkeypatch
):
    for variable in ("HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(variable, str(tmp_path / "fresh" / variable.lower()))
    registry = PAGES.with_entry(PageEntry(ClockPage, "Reference"), before=SourcesPage)
    document = sample_document()
    window = MainWindow(DocumentBridge(document), settings, recovery_dir, registry=registry)
    window.start(document=document)
    window.show()
    qtbot.addWidget(window)
    assert _titles(window)[-2:] == ["Change clock", "Sources"]
    assert PageKey(ClockPage) not in window.pages  # built on its first visit only
    page = window.show_page(PageKey(ClockPage))
    assert isinstance(page, ClockPage) and page.key == PageKey(ClockPage)
    assert window.inspector.cell == CellTarget("base", TOTAL, 2020)
    window.bridge.execute(SetHistory(TOTAL, 2020, 10.0))
    assert page.changes == 1 and page.label.text() == "1 changes"
    window.show_page(PageKey(OverviewPage))
    window.navigate_to(EntityTarget("clocks", "c1"))
    assert window.current_page() is page and page.shown == [EntityTarget("clocks", "c1")]
    window.files.maybe_save = lambda: True
    window.close()


def test_the_app_registry_lists_every_page_once_in_navigator_order(bridge):
    entries = PAGES.entries(bridge.document.project)
    keys = [e.key for e in entries]
    assert len(set(keys)) == len(keys)
    dimensions = [PageKey(SegmentPage, d.id) for d in bridge.document.project.dimensions]
    assert keys[:2 + len(dimensions)] == [PageKey(OverviewPage), PageKey(SegmentPage, TOTAL),
                                          *dimensions]
    assert keys[-1] == PageKey(SourcesPage)
    assert [e.section for e in entries] == sorted(
        (e.section for e in entries), key=["Market", "Qualitative", "Reference"].index)


def test_registry_finds_the_page_of_a_cell_and_of_an_entity(bridge):
    project = bridge.document.project
    member = project.dimension("region").members[0].id
    company = project.companies[0].id
    development = next(d for d in project.developments if d.company_id == company)
    assert PAGES.locate(project, CellTarget("", TOTAL, 2020)) == PageKey(SegmentPage, TOTAL)
    assert PAGES.locate(project, CellTarget("", member, None)) == PageKey(SegmentPage, "region")
    assert PAGES.locate(project, EntityTarget("companies", company)) == PageKey(CompaniesPage)
    assert PAGES.locate(project, EntityTarget("developments", development.id)) == PageKey(
        CompaniesPage)
    assert PAGES.locate(project, CellTarget("", "no-such-series", 2020)) is None


def test_a_source_use_opens_the_company_that_cites_it(window):
    project = window.bridge.document.project
    company = next(c for c in project.companies if c.source_ids)
    sources = window.show_page(PageKey(SourcesPage))
    row = [s.id for s in project.sources].index(company.source_ids[0])
    sources.table.selectRow(row)
    line = next(i for i in range(sources.uses.count())
                if sources.uses.item(i).text() == f"Company · {company.name}")
    sources.uses.itemActivated.emit(sources.uses.item(line))
    page = window.current_page()
    assert isinstance(page, CompaniesPage) and page.selected_id() == company.id
