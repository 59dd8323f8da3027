"""The qualitative pages: companies, drivers & challenges, trends, five forces,
assessments and key questions, in navigator order (`PAGES`).

Each page is a QWidget with a `title` and a `(bridge, parent=None)` constructor; it edits
only through `bridge.execute` and refreshes on the bridge's `changed`.
"""

from workbench.gui.qualitative.assessments import AssessmentsPage
from workbench.gui.qualitative.companies import CompaniesPage
from workbench.gui.qualitative.factors import DriversChallengesPage
from workbench.gui.qualitative.forces import FiveForcesPage
from workbench.gui.qualitative.questions import KeyQuestionsPage
from workbench.gui.qualitative.trends import TrendsPage

PAGES = [
    CompaniesPage,
    DriversChallengesPage,
    TrendsPage,
    FiveForcesPage,
    AssessmentsPage,
    KeyQuestionsPage,
]

__all__ = [
    "PAGES",
    "AssessmentsPage",
    "CompaniesPage",
    "DriversChallengesPage",
    "FiveForcesPage",
    "KeyQuestionsPage",
    "TrendsPage",
]
