"""The shell's own pages: Overview, Scenarios and Sources (the page registry, in
`workbench.gui.page_registry`, puts them in the navigator beside the segment and
qualitative pages)."""

from workbench.gui.pages.overview import OverviewPage
from workbench.gui.pages.scenarios import ScenariosPage
from workbench.gui.pages.sources import SourcesPage

__all__ = ["OverviewPage", "ScenariosPage", "SourcesPage"]
