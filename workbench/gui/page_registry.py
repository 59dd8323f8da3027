"""The one list of the main window's pages, in navigator order (docs/architecture.md).

Adding a page is one `PageEntry` here: its `Page` class and the navigator section it sits
under. The shell asks the registry which pages a project has (`entries`), builds a page
on its first visit (`build`) and finds the page that shows a cell or an entity
(`locate`); it never names a page class itself.
"""

from __future__ import annotations

from dataclasses import dataclass

from workbench.core.project import Project
from workbench.gui.bridge import DocumentBridge
from workbench.gui.navigator import NavEntry
from workbench.gui.page import Page, PageKey, Target
from workbench.gui.pages.opportunities import OpportunitiesPage
from workbench.gui.pages.overview import OverviewPage
from workbench.gui.pages.scenarios import ScenariosPage
from workbench.gui.pages.sources import SourcesPage
from workbench.gui.qualitative.assessments import AssessmentsPage
from workbench.gui.qualitative.companies import CompaniesPage
from workbench.gui.qualitative.factors import DriversChallengesPage
from workbench.gui.qualitative.forces import FiveForcesPage
from workbench.gui.qualitative.questions import KeyQuestionsPage
from workbench.gui.qualitative.trends import TrendsPage
from workbench.gui.segments.page import SegmentPage


@dataclass(frozen=True)
class PageEntry:
    page: type[Page]
    section: str


class PageRegistry:
    def __init__(self, entries: list[PageEntry]) -> None:
        self._entries = list(entries)

    def with_entry(self, entry: PageEntry, before: type[Page] | None = None) -> PageRegistry:
        """A copy with `entry` added (before the entry of `before`, else at the end)."""
        entries = list(self._entries)
        classes = [e.page for e in entries]
        entries.insert(classes.index(before) if before in classes else len(entries), entry)
        return PageRegistry(entries)

    def entries(self, project: Project) -> list[NavEntry]:
        """The navigator's lines for `project`, in order."""
        return [
            NavEntry(PageKey(e.page, ident), title, e.section)
            for e in self._entries
            for ident, title in e.page.instances(project)
        ]

    def build(self, bridge: DocumentBridge, key: PageKey) -> Page:
        return key.page.create(bridge, key.ident)

    def locate(self, project: Project, target: Target) -> PageKey | None:
        """The key of the first page that shows `target`, or None when none does."""
        for entry in self._entries:
            ident = entry.page.shows(project, target)
            if ident is not None:
                return PageKey(entry.page, ident)
        return None


MARKET, QUALITATIVE, REFERENCE = "Market", "Qualitative", "Reference"

PAGES = PageRegistry(
    [
        PageEntry(OverviewPage, MARKET),
        PageEntry(SegmentPage, MARKET),
        PageEntry(ScenariosPage, MARKET),
        PageEntry(OpportunitiesPage, MARKET),
        PageEntry(CompaniesPage, QUALITATIVE),
        PageEntry(DriversChallengesPage, QUALITATIVE),
        PageEntry(TrendsPage, QUALITATIVE),
        PageEntry(FiveForcesPage, QUALITATIVE),
        PageEntry(AssessmentsPage, QUALITATIVE),
        PageEntry(KeyQuestionsPage, QUALITATIVE),
        PageEntry(SourcesPage, REFERENCE),
    ]
)
"""Every page of the main window, in navigator order."""
