"""The chapter registry: the report's chapters, in the seed report's order.

Each entry names a chapter and the function that fills it; dimension chapters expand to
one per dimension of the project. Switching a chapter off, or adding one, is a change
here and nowhere else: the writers, the table of contents and the app's export dialog
all read this list.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from workbench.report.chapters import closing, companies, market, qualitative, scenarios
from workbench.report.context import BuildContext
from workbench.report.model import Chapter


@dataclass(frozen=True)
class ChapterEntry:
    key: str
    title: str
    fill: Callable[[BuildContext, Chapter], None] | None = None
    expand: Callable[[BuildContext], list[Chapter]] | None = None
    all_scenarios_only: bool = False
    last: bool = False  # built after every other chapter (it lists what they cite)

    def build(self, ctx: BuildContext) -> list[Chapter]:
        if self.expand is not None:
            return self.expand(ctx)
        chapter = Chapter(self.key, self.title)
        assert self.fill is not None
        self.fill(ctx, chapter)
        return [chapter]


CHAPTERS: tuple[ChapterEntry, ...] = (
    ChapterEntry("executive-summary", "Executive Summary", market.executive_summary),
    ChapterEntry("market-overview", "Market Overview", market.market_overview),
    ChapterEntry("trends-forecast", "Market Trends and Forecast", market.trends_and_forecast),
    ChapterEntry("dimensions", "Market by Dimension", expand=market.dimension_chapters),
    ChapterEntry("competitors", "Competitor Analysis", companies.competitors),
    ChapterEntry("company-profiles", "Company Profiles", companies.company_profiles),
    ChapterEntry("drivers-challenges", "Drivers and Challenges",
                 qualitative.drivers_and_challenges),
    ChapterEntry("emerging-trends", "Emerging Trends", qualitative.emerging_trends),
    ChapterEntry("strategic-analysis", "Strategic Analysis", qualitative.strategic_analysis),
    ChapterEntry("five-forces", "Porter's Five Forces Analysis", qualitative.five_forces),
    ChapterEntry("assessments", "Technology Assessments", qualitative.assessments),
    ChapterEntry("growth-opportunities", "Growth Opportunities", closing.growth_opportunities),
    ChapterEntry("key-questions", "Key Questions Answered", closing.key_questions),
    ChapterEntry("scenario-comparison", "Scenario Comparison", scenarios.scenario_comparison,
                 all_scenarios_only=True),
    ChapterEntry("methodology", "Methodology", closing.methodology),
    ChapterEntry("sources", "Sources", closing.sources, last=True),
)

KEYS = tuple(entry.key for entry in CHAPTERS)
