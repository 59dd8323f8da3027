"""The built-in sample: the Internet Micro Drama Market, anchored on published figures.

The app opens on it and the tests lean on it, so its numbers must be traceable: the total
market of a year is China plus the world outside China, each part taken from a published
figure where there is one (converted from CNY at one stated rate, here only) and from the
analyst's assumption where there is none; the source of every history cell says which.
Segment splits and forecast assumptions are the analyst's and cite the assumption source.
It is data, so it is built with plain constructors from the tables below, not commands.
"""

from __future__ import annotations

from typing import NamedTuple

from workbench.core import sample_text as text
from workbench.core.document import Document
from workbench.core.entities import (
    Assessment,
    Company,
    Criterion,
    Development,
    Factor,
    Force,
    KeyQuestion,
    Rating,
    Source,
    Trend,
)
from workbench.core.project import TOTAL, Dimension, Growth, Member, Metadata, Project, Scenario
from workbench.core.sample_volume import DESCRIPTION as VOLUME_DESCRIPTION
from workbench.core.sample_volume import add_volume

CNY_PER_USD = 7.1
"""The one exchange rate of the sample: every CNY figure is divided by it, here."""

FIRST_YEAR, BASE_YEAR, LAST_YEAR = 2019, 2024, 2031
HISTORY_YEARS = tuple(range(FIRST_YEAR, BASE_YEAR + 1))
FORECAST_YEARS = tuple(range(BASE_YEAR + 1, LAST_YEAR + 1))

CHINA_2023_CNY = 37.39  # bn CNY, iiMedia Research
CHINA_2023_GROWTH = 2.6765  # +267.65 % on 2022, iiMedia Research
CHINA_2024_CNY = 50.44  # bn CNY, CNSA White Paper 2024
CHINA_2021_USD = 0.5  # bn USD, Media Partners Asia
EX_CHINA_2024_USD = 1.4  # bn USD, Media Partners Asia
US_2024_USD = 0.819  # bn USD, Media Partners Asia
OUTLOOK_2030_USD = 16.2 + 9.5  # China + global ex-China in 2030, Media Partners Asia

ASSUMPTION = "src-assumption"
SEED = "src-seed"


DECIMALS = 3
"""History is typed to a million USD (3 decimals of a billion): the precision of the
published CNY figures (10 m CNY) after conversion, and what an analyst would type."""


def usd(bn_cny: float) -> float:
    """Billions of CNY in billions of USD at the sample's one rate, as typed (rounded)."""
    return round(bn_cny / CNY_PER_USD, DECIMALS)


# -- sources --------------------------------------------------------------------------------
# id: (publisher, title, date)
PUBLISHED_SOURCES: dict[str, tuple[str, str, str]] = {
    "src-iimedia-2023": (
        "iiMedia Research (quoted by China Daily)",
        "China micro-drama market 2023: 37.39 bn CNY, +267.65 % year on year (2nd Beijing "
        "Internet Audiovisual Arts Conference)", "2024-09"),
    "src-cnsa-2024": (
        "China Netcasting Services Association",
        "White Paper on the Development of China's Micro Short Drama Industry (2024): China "
        "50.44 bn CNY in 2024, +34.9 %; over 100 bn CNY expected in 2027; 576 m users "
        "(June 2024)", "2024-11"),
    "src-cnnic-2024": (
        "CNNIC", "China micro-drama users: 662 m in December 2024, 59.7 % of internet users",
        ""),
    "src-mpa-2025": (
        "Media Partners Asia (via Campaign Asia)",
        "Micro-drama revenue: China 0.5 bn USD (2021), 7.0 bn (2024), 9.4 bn (2025), 16.2 bn "
        "(2030), 2030 mix advertising 56 %, subscriptions 39 %, commerce 5 %; global ex-China "
        "1.4 bn USD (2024) to 9.5 bn (2030); United States 819 m USD (2024) to about 3.8 bn "
        "in five years", "2025"),
    "src-reportify-2025": (
        "reportify.ai (industry report summary)",
        "Overseas market of Chinese micro-drama apps about 5 bn CNY in 2024; 370 m+ downloads "
        "in 2024", "2025"),
    "src-kuaishou-2024": (
        "Kuaishou (via China Daily)",
        "270 m daily active users watching micro dramas (2023); 94 m heavy viewers", "2024"),
    "src-kuaishou-2025": (
        "Kuaishou Big Data Research Institute",
        "2025 Short Drama White Paper: over 300 m daily active users (July 2024)", "2025"),
    "src-questmobile": (
        "QuestMobile (via reportify.ai)",
        "Red Fruit (ByteDance) micro-drama app: 158 m monthly active users (December 2024)", ""),
    "src-appfigures-2024": (
        "Appfigures",
        "Global consumer spending in short-drama apps: 146 m USD in Q1 2024 across 66 apps",
        "2024"),
    "src-caixin-2024": (
        "China Netcasting Services Association (via Caixin)",
        "22,600 micro dramas online on mini-program and app platforms by August 2024",
        "2024-11"),
    "src-dataeye-2024": (
        "DataEye (via Red Star News)",
        "Traffic purchase is commonly 80–90 % of a mini-program drama's spend", "2024"),
    SEED: (
        "Market research report (seed)",
        "Technology Trends in the Global Internet Micro Drama Market, 2019–2031", ""),
}
SOURCE_URLS: dict[str, str] = {
    "src-mpa-2025": "http://www.campaignasia.com/article/chinas-micro-drama-boom-will-overtake-"
    "box-office-revenues-this-year-report/504833",
    "src-reportify-2025": "https://reportify.ai/news/1133444989712470016",
}
"""Where a source's figures were read, for the sources whose page is known."""

# -- history --------------------------------------------------------------------------------


class TotalYear(NamedTuple):
    """One year of the total = China + the world outside China (bn USD).

    `publisher` is who published the figures behind the year ("" when both parts are the
    analyst's); `china_from` says how China's figure was found, and the year's source
    title is written from these fields, so the derivation is stated where it is cited.
    """

    china: float
    ex_china: float
    publisher: str = ""
    china_from: str = ""
    ex_china_from: str = "analyst assumption"

    def derivation(self, year: int) -> str:
        return (f"Global {year} = {self.china_from} + global ex-China {self.ex_china:g} bn USD "
                f"({self.ex_china_from})")


TOTAL_BY_YEAR: dict[int, TotalYear] = {
    2019: TotalYear(0.06, 0.005),
    2020: TotalYear(0.14, 0.01),
    2021: TotalYear(
        CHINA_2021_USD, 0.04, "Media Partners Asia; analyst",
        f"China {CHINA_2021_USD:g} bn USD (Media Partners Asia)"),
    2022: TotalYear(
        usd(CHINA_2023_CNY / (1 + CHINA_2023_GROWTH)), 0.17, "iiMedia Research; analyst",
        f"China {CHINA_2023_CNY:g} bn CNY ÷ {1 + CHINA_2023_GROWTH:g} (the "
        f"+{100 * CHINA_2023_GROWTH:.2f} % growth iiMedia Research reports for 2023) ÷ "
        f"{CNY_PER_USD:g} CNY/USD"),
    2023: TotalYear(
        usd(CHINA_2023_CNY), 0.55, "iiMedia Research; analyst",
        f"China {CHINA_2023_CNY:g} bn CNY (iiMedia Research) ÷ {CNY_PER_USD:g} CNY/USD"),
    2024: TotalYear(
        usd(CHINA_2024_CNY), EX_CHINA_2024_USD,
        "China Netcasting Services Association; Media Partners Asia",
        f"China {CHINA_2024_CNY:g} bn CNY (CNSA White Paper 2024) ÷ {CNY_PER_USD:g} CNY/USD",
        "Media Partners Asia"),
}

# Shares of the total by year (2019–2024); the last member of each is the remainder.
SHARES: dict[str, tuple[float, ...]] = {
    "short-video": (0.85, 0.78, 0.65, 0.50, 0.44, 0.42),
    "tiktok": (0.30, 0.31, 0.32, 0.32, 0.31, 0.30),
    "kwai": (0.35, 0.33, 0.28, 0.24, 0.20, 0.18),
    "wechat": (0.10, 0.12, 0.17, 0.22, 0.26, 0.27),
}

# Regions outside China, bn USD by year (2019–2024); Asia Pacific adds China to its part,
# North America 2024 is the published United States figure, the Rest of the World is the
# remainder of the total.
EX_CHINA_REGIONS: dict[str, tuple[float, ...]] = {
    "north-america": (0.002, 0.004, 0.02, 0.10, 0.30, US_2024_USD),
    "europe": (0.001, 0.002, 0.006, 0.02, 0.08, 0.20),
    "asia-pacific": (0.001, 0.002, 0.008, 0.03, 0.10, 0.22),
}

DIMENSIONS: tuple[tuple[str, str, tuple[tuple[str, str], ...]], ...] = (
    ("technology", "Technology", (
        ("short-video", "Short Video Short Drama"),
        ("mini-program", "Mini Program Short Drama"))),
    ("application", "Application", (
        ("tiktok", "TikTok"), ("kwai", "Kwai"), ("wechat", "WeChat"), ("others", "Others"))),
    ("region", "Region", (
        ("north-america", "North America"), ("europe", "Europe"),
        ("asia-pacific", "Asia Pacific"), ("rest-of-world", "Rest of the World"))),
)
SCENARIOS = (("base", "Base"), ("optimistic", "Optimistic"), ("pessimistic", "Pessimistic"))


# -- forecast assumptions -------------------------------------------------------------------


def cagr(rate: float) -> Growth:
    return Growth("cagr", rate)


def by_year(rates: tuple[float, ...]) -> Growth:
    """Rates for 2025–2031 in order."""
    rates_by_year = dict(zip(FORECAST_YEARS, rates, strict=True))
    return Growth("growth_by_year", rates=rates_by_year)


def by_year_each(rates: tuple[tuple[float, ...], ...]) -> tuple[Growth, Growth, Growth]:
    """Growth by year in each scenario (Base, Optimistic, Pessimistic) from its rates."""
    base, optimistic, pessimistic = rates
    return by_year(base), by_year(optimistic), by_year(pessimistic)


def s_curve(k: float, r: float) -> Growth:
    return Growth("s_curve", k=k, r=r)


def base_total_cagr() -> float:
    """The Base CAGR that lands the total on the published 2030 outlook."""
    base = TOTAL_BY_YEAR[BASE_YEAR]
    total_2024 = base.china + base.ex_china
    return (OUTLOOK_2030_USD / total_2024) ** (1 / (2030 - BASE_YEAR)) - 1


# The largest segment of each dimension grows by year at rates (to a tenth of a point)
# chosen so that, with the other segments' own assumptions, the dimension meets the
# total's outlook within a tenth of a percent: no dimension needs a large unexplained
# scale. Mini programs keep gaining on short video; WeChat's mini-program dramas speed up
# as Kwai saturates; Asia Pacific slows as China matures.
MINI_PROGRAM_RATES = (
    (0.291, 0.277, 0.265, 0.256, 0.248, 0.242, 0.237),
    (0.348, 0.332, 0.319, 0.309, 0.301, 0.294, 0.289),
    (0.231, 0.216, 0.204, 0.195, 0.187, 0.181, 0.175),
)
WECHAT_RATES = (
    (0.175, 0.19, 0.208, 0.226, 0.242, 0.253, 0.258),
    (0.217, 0.233, 0.254, 0.275, 0.294, 0.307, 0.312),
    (0.121, 0.134, 0.148, 0.163, 0.175, 0.185, 0.191),
)
ASIA_PACIFIC_RATES = (
    (0.182, 0.18, 0.177, 0.174, 0.17, 0.165, 0.16),
    (0.229, 0.226, 0.222, 0.218, 0.212, 0.206, 0.199),
    (0.127, 0.126, 0.124, 0.122, 0.12, 0.118, 0.115),
)

# series id: growth in (Base, Optimistic, Pessimistic)
SEGMENT_GROWTH: dict[str, tuple[Growth, Growth, Growth]] = {
    "short-video": (cagr(0.08), cagr(0.12), cagr(0.02)),
    "mini-program": by_year_each(MINI_PROGRAM_RATES),
    "tiktok": (cagr(0.19), cagr(0.24), cagr(0.13)),
    "kwai": (s_curve(6.0, 0.30), s_curve(7.5, 0.33), s_curve(4.5, 0.27)),
    "wechat": by_year_each(WECHAT_RATES),
    "others": (cagr(0.22), cagr(0.28), cagr(0.15)),
    "north-america": (cagr(0.33), cagr(0.40), cagr(0.24)),
    "europe": (cagr(0.30), cagr(0.37), cagr(0.21)),
    "asia-pacific": by_year_each(ASIA_PACIFIC_RATES),
    "rest-of-world": (cagr(0.35), cagr(0.42), cagr(0.25)),
}


# -- builders -------------------------------------------------------------------------------


def _sources() -> list[Source]:
    sources = [Source(ASSUMPTION, "Analyst", "Illustrative assumption: segment splits, years "
                      "without a published figure and forecast assumptions", assumption=True)]
    sources += [
        Source(i, *fields, url=SOURCE_URLS.get(i, "")) for i, fields in PUBLISHED_SOURCES.items()
    ]
    sources += [
        Source(_total_source(year), parts.publisher, parts.derivation(year))
        for year, parts in TOTAL_BY_YEAR.items()
        if parts.publisher
    ]
    return sources


def _total_source(year: int) -> str:
    return f"src-global-{year}"


def _typed(value: float) -> float:
    """A derived figure as an analyst types it: 0.15, not 0.15000000000000002."""
    return round(value, DECIMALS)


def _total_history() -> dict[int, float]:
    return {year: _typed(parts.china + parts.ex_china) for year, parts in TOTAL_BY_YEAR.items()}


def _segment_history(total: dict[int, float]) -> dict[str, dict[int, float]]:
    """Every segment by year, each derived once from its share and typed to the sample's
    precision; the last one of each dimension is the remainder, so the history adds up."""
    out: dict[str, dict[int, float]] = {}
    for i, year in enumerate(HISTORY_YEARS):
        china = TOTAL_BY_YEAR[year].china
        values = {m: _typed(share[i] * total[year]) for m, share in SHARES.items()}
        values |= {m: parts[i] for m, parts in EX_CHINA_REGIONS.items()}
        values["asia-pacific"] = _typed(values["asia-pacific"] + china)
        for _, _, members in DIMENSIONS:
            *given, (last, _) = members
            values[last] = _typed(total[year] - sum(values[m] for m, _ in given))
        for member, value in values.items():
            out.setdefault(member, {})[year] = value
    return out


def _fill_history(project: Project) -> None:
    total = _total_history()
    for year, value in total.items():
        published = bool(TOTAL_BY_YEAR[year].publisher)
        project.history[(TOTAL, year)] = value
        project.history_sources[(TOTAL, year)] = _total_source(year) if published else ASSUMPTION
    for member, values in _segment_history(total).items():
        for year, value in values.items():
            project.history[(member, year)] = value
            project.history_sources[(member, year)] = ASSUMPTION
    project.history_sources[("north-america", BASE_YEAR)] = "src-mpa-2025"
    project.notes[("", "north-america", BASE_YEAR)] = (
        "The published United States figure; Canada and Mexico are not broken out."
    )


def _fill_growth(project: Project) -> None:
    rate = base_total_cagr()
    total = (cagr(rate), cagr(rate + 0.05), cagr(rate - 0.06))
    for series, growths in {TOTAL: total, **SEGMENT_GROWTH}.items():
        for (scenario_id, _), growth in zip(SCENARIOS, growths, strict=True):
            project.growth[(scenario_id, series)] = growth


def _fill_companies(project: Project) -> None:
    for company_id, row in text.COMPANIES.items():
        name, hq, founded, listing, kind, description, strategy, segments = row
        project.companies.append(Company(
            company_id, name, headquarters=hq, founded=founded, listing=listing, type=kind,
            description=description, strategy=strategy, segments=segments, source_ids=(SEED,),
        ))
        dev_kind, dev_text = text.DEVELOPMENTS[company_id]
        project.developments.append(
            Development(f"dev-{company_id[3:]}-1", company_id, "2024", dev_kind, dev_text, SEED)
        )


def _fill_factors(project: Project) -> None:
    rows = [("driver", r) for r in text.DRIVERS] + [("challenge", r) for r in text.CHALLENGES]
    for i, (kind, (title, body, short, medium, long, segments)) in enumerate(rows, start=1):
        project.factors.append(
            Factor(f"factor-{i}", kind, title, body, short, medium, long, segments, (SEED,))
        )
    for i, (title, body, segments) in enumerate(text.TRENDS, start=1):
        project.trends.append(Trend(f"trend-{i}", title, body, segments, (SEED,)))


def _fill_judgements(project: Project) -> None:
    """Five forces, the technology assessment and the key questions."""
    project.forces.extend(Force(i, rating, why) for i, (rating, why) in text.FORCES.items())
    project.assessments.append(Assessment(
        "assessment-technology", "Technology assessment", "technology",
        tuple(Criterion(i, name) for i, name in text.ASSESSMENT_CRITERIA),
        {key: Rating(score, note) for key, (score, note) in text.ASSESSMENT_CELLS.items()},
    ))
    project.key_questions.extend(
        KeyQuestion(f"q{i}", question, answer)
        for i, (question, answer) in enumerate(text.KEY_QUESTIONS, start=1)
    )


def _metadata(volume: bool) -> Metadata:
    return Metadata(
        "Internet Micro Drama Market", FIRST_YEAR, BASE_YEAR, LAST_YEAR,
        unit="USD billions",
        currency_note=f"CNY figures are converted at {CNY_PER_USD} CNY per USD.",
        description=(
            "Global market for internet micro dramas (short serial dramas watched on phones). "
            "The total is China plus the world outside China: China from iiMedia Research "
            "(2022–2023), the CNSA White Paper (2024) and Media Partners Asia (2021), the "
            "world outside China from Media Partners Asia (2024). North America 2024 is the "
            "United States figure. The Base total grows at the CAGR that reaches Media "
            "Partners Asia's 2030 outlook (China 16.2 + ex-China 9.5 bn USD). Segment splits, "
            "earlier years and forecast assumptions are the analyst's illustrative "
            "assumptions; the source of each history cell says which it is."
        ) + (VOLUME_DESCRIPTION if volume else ""),
    )


def sample_project(volume: bool = True) -> Project:
    """A fresh copy of the built-in sample (each call builds a new one); with `volume`, the
    volume measure (paid subscriptions) too, else value only."""
    dimensions = [
        Dimension(d, name, tuple(Member(m, label) for m, label in members))
        for d, name, members in DIMENSIONS
    ]
    project = Project(_metadata(volume), dimensions, [Scenario(i, n) for i, n in SCENARIOS])
    project.sources.extend(_sources())
    _fill_history(project)
    _fill_growth(project)
    if volume:
        add_volume(project)
    _fill_companies(project)
    _fill_factors(project)
    _fill_judgements(project)
    return project


def sample_document(volume: bool = True) -> Document:
    """The sample as an unmodified document: opening it leaves nothing to save."""
    document = Document(sample_project(volume))
    document.mark_saved()
    return document
