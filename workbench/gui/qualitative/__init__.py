"""The qualitative pages: companies, drivers & challenges, trends, five forces,
assessments and key questions (the page registry lists them in navigator order).

Each page is a `Page` with a `(bridge, parent=None)` constructor; it edits only through
`bridge.execute` and follows the document through `refresh` and `reload`.
"""

from workbench.gui.qualitative.assessments import AssessmentsPage
from workbench.gui.qualitative.companies import CompaniesPage
from workbench.gui.qualitative.factors import DriversChallengesPage
from workbench.gui.qualitative.forces import FiveForcesPage
from workbench.gui.qualitative.questions import KeyQuestionsPage
from workbench.gui.qualitative.trends import TrendsPage

__all__ = [
    "AssessmentsPage",
    "CompaniesPage",
    "DriversChallengesPage",
    "FiveForcesPage",
    "KeyQuestionsPage",
    "TrendsPage",
]
