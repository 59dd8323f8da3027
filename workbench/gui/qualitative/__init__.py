"""The qualitative pages: companies, drivers & challenges, trends, five forces,
assessments and key questions, in navigator order (`PAGES`).

Each page is a QWidget with a `title` and a `(bridge, parent=None)` constructor; it edits
only through `bridge.execute` and refreshes on the bridge's `changed`.
"""

from workbench.gui.qualitative.companies import CompaniesPage

PAGES = [CompaniesPage]

__all__ = ["PAGES", "CompaniesPage"]
