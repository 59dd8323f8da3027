"""The pages of the main window, in navigator order (DESIGN.md §7).

`page_entries` lists them for the current project: the Overview, the total market and one
segment page per dimension, Scenarios, the qualitative pages, Sources. Each entry builds
its page lazily.
"""

from __future__ import annotations

from workbench.gui.bridge import DocumentBridge
from workbench.gui.navigator import NavEntry, slug
from workbench.gui.pages.overview import OverviewPage
from workbench.gui.pages.scenarios import ScenariosPage
from workbench.gui.pages.sources import SourcesPage
from workbench.gui.qualitative import PAGES as QUALITATIVE_PAGES
from workbench.gui.segments import SegmentPage

__all__ = ["OverviewPage", "ScenariosPage", "SourcesPage", "page_entries"]


def page_entries(bridge: DocumentBridge) -> list[NavEntry]:
    project = bridge.document.project
    entries = [
        NavEntry("overview", OverviewPage.title, lambda: OverviewPage(bridge), "Market"),
        NavEntry("segment:total", "Total market", lambda: SegmentPage(bridge, None), "Market"),
    ]
    for dim in project.dimensions:
        entries.append(
            NavEntry(
                f"segment:{dim.id}",
                dim.name,
                lambda dim_id=dim.id: SegmentPage(bridge, dim_id),
                "Market",
            )
        )
    entries.append(
        NavEntry("scenarios", ScenariosPage.title, lambda: ScenariosPage(bridge), "Market")
    )
    for page in QUALITATIVE_PAGES:
        entries.append(
            NavEntry(
                f"qualitative:{slug(page.title)}",
                page.title,
                lambda page=page: page(bridge),
                "Qualitative",
            )
        )
    entries.append(NavEntry("sources", SourcesPage.title, lambda: SourcesPage(bridge), "Reference"))
    return entries
