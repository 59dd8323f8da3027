"""The sample's volume: paid subscriptions, anchored on published audience figures.

Audiences overlap (a viewer of TikTok and Kwai is in both platforms' audiences), so an
audience cannot be split into segments that add up. The sample's volume is therefore
*paid subscriptions*: a viewer paying on a platform in the year counts once for that
platform, so a payer on two platforms counts twice and every dimension adds up. A year's
total is China plus the world outside China, each derived from a published audience
figure where there is one and the analyst's paying shares (docs/sample.md):

    China       = viewers × paying share × subscriptions per payer
    outside     = app audiences (counted per app, as app monthly users are) × paying share

The source of every history cell states its derivation; segment splits and forecast
assumptions are the analyst's and say so. It is data, built with plain constructors.
"""

from __future__ import annotations

from typing import NamedTuple

from workbench.core.entities import Source
from workbench.core.project import TOTAL, Growth, MeasureInputs, Project

UNIT = "million paid subscriptions"
"""The volume's unit: the price then reads "USD per paid subscription" (USD billions ÷
million subscriptions × 1,000)."""

DECIMALS = 3
"""Volume history is typed to a thousand subscriptions (3 decimals of a million): the
smallest region of 2019 still has a number, as the value's is typed to a million USD."""

CHINA_VIEWERS_JUNE_2024 = 576  # m, CNSA White Paper 2024
CHINA_VIEWERS_DEC_2024 = 662  # m, CNNIC
CHINA_VIEWERS_2024 = (CHINA_VIEWERS_JUNE_2024 + CHINA_VIEWERS_DEC_2024) / 2  # 619 m
TOP_FIVE_APPS_MAU_2025 = 150  # m, Omdia, February 2025, combined over the five apps
KUAISHOU_DAILY_VIEWERS_2023 = 270  # m, Kuaishou: a floor for China's 2023 viewers
SUBSCRIPTIONS_PER_PAYER = 1.5  # China: platforms a payer pays on in a year (assumption)

DESCRIPTION = (
    " Volume is paid subscriptions: a viewer paying on a platform in a year counts once for "
    "that platform (audiences overlap across platforms and cannot be added up). China's 2024 "
    f"viewers are the mean of the CNSA's {CHINA_VIEWERS_JUNE_2024} m (June) and CNNIC's "
    f"{CHINA_VIEWERS_DEC_2024} m (December), the apps' audiences outside China Omdia's "
    f"{TOP_FIVE_APPS_MAU_2025} m (top five apps, February 2025); paying shares, earlier "
    "years, splits and forecast assumptions are the analyst's."
)
"""The sentences the sample's description gains with the volume."""

ASSUMPTION = "src-volume-assumption"
PUBLISHED = "China Netcasting Services Association; CNNIC; Omdia; analyst"


class VolumeYear(NamedTuple):
    """One year's inputs of the total (millions and shares); `viewers_from` and
    `audiences_from` say where China's viewers and the apps' audiences come from."""

    viewers: float
    paying: float
    audiences: float
    audiences_paying: float
    viewers_from: str = "analyst assumption"
    audiences_from: str = "analyst assumption"

    def china(self) -> float:
        return _typed(self.viewers * self.paying * SUBSCRIPTIONS_PER_PAYER)

    def outside(self) -> float:
        return _typed(self.audiences * self.audiences_paying)

    def derivation(self, year: int) -> str:
        return (
            f"Global {year} paid subscriptions = China {self.viewers:g} m viewers "
            f"({self.viewers_from}) × {_percent(self.paying)} paying × {SUBSCRIPTIONS_PER_PAYER:g} "
            f"subscriptions per payer = {self.china():g} m, + outside China "
            f"{self.audiences:g} m app audiences ({self.audiences_from}) × "
            f"{_percent(self.audiences_paying)} paying = {self.outside():g} m; the paying shares "
            "and subscriptions per payer are analyst assumptions"
        )


TOTAL_BY_YEAR: dict[int, VolumeYear] = {
    2019: VolumeYear(100, 0.04, 2.5, 0.08),
    2020: VolumeYear(160, 0.045, 5, 0.09),
    2021: VolumeYear(250, 0.06, 12, 0.10),
    2022: VolumeYear(350, 0.08, 30, 0.11),
    2023: VolumeYear(
        480, 0.14, 70, 0.12,
        f"analyst assumption, above Kuaishou's {KUAISHOU_DAILY_VIEWERS_2023} m daily "
        "micro-drama viewers of 2023"),
    2024: VolumeYear(
        CHINA_VIEWERS_2024, 0.15, TOP_FIVE_APPS_MAU_2025, 0.12,
        f"the mean of {CHINA_VIEWERS_JUNE_2024} m in June, CNSA White Paper 2024, and "
        f"{CHINA_VIEWERS_DEC_2024} m in December 2024, CNNIC",
        f"the top five apps' {TOP_FIVE_APPS_MAU_2025} m combined monthly users of "
        "February 2025, Omdia, taken for 2024"),
}
PUBLISHED_YEARS = (2024,)
"""Years whose total rests on published audience figures (the others are assumptions)."""

# Shares of the total paid subscriptions by year (2019–2024); the last member of each
# dimension is the remainder. Mini programs and WeChat sell dearer episodes than the
# short-video platforms, so their share of subscriptions is below their share of value.
SHARES: dict[str, tuple[float, ...]] = {
    "short-video": (0.88, 0.82, 0.70, 0.56, 0.50, 0.48),
    "tiktok": (0.32, 0.33, 0.34, 0.34, 0.33, 0.32),
    "kwai": (0.36, 0.34, 0.30, 0.26, 0.22, 0.20),
    "wechat": (0.08, 0.10, 0.14, 0.19, 0.22, 0.23),
}

# Shares of the subscriptions outside China, every year; Asia Pacific adds China's, the
# Rest of the World is the remainder (18 %). About half of ReelShort's audience is in
# the United States (The Wrap); North America pays more per subscription, so 45 %.
OUTSIDE_SHARES: dict[str, float] = {
    "north-america": 0.45,
    "europe": 0.15,
    "asia-pacific": 0.22,
}

SPLIT_SOURCES: dict[str, tuple[str, str]] = {
    "technology": (
        "src-volume-technology",
        "Short Video Short Drama's share of paid subscriptions by year (88 % in 2019 to "
        "48 % in 2024, above its share of value: cheaper episodes); Mini Program Short "
        "Drama the remainder"),
    "application": (
        "src-volume-application",
        "TikTok 32–34 %, Kwai 36 % falling to 20 %, WeChat 8 % rising to 23 % of paid "
        "subscriptions by year (2019–2024); Others the remainder"),
    "region": (
        "src-volume-region",
        "Outside China: North America 45 % (about half of ReelShort's audience is in the "
        "United States, The Wrap), Europe 15 %, Asia Pacific 22 %, the Rest of the World "
        "the remainder; Asia Pacific adds all of China's subscriptions"),
}

# -- forecast assumptions (Base, Optimistic, Pessimistic) -----------------------------------
# The total grows at a CAGR: China's viewers near its internet population (662 m were
# 59.7 % of it) while the paying share rises; outside China grows faster (docs/sample.md
# checks 2031 against both). The largest-moving segment of each dimension grows by year
# at rates (to a tenth of a point) that meet the total with the others' assumptions.
TOTAL_CAGR = (0.14, 0.18, 0.09)
CAGRS: dict[str, tuple[float, float, float]] = {
    "short-video": (0.09, 0.12, 0.05),
    "tiktok": (0.13, 0.17, 0.08),
    "others": (0.15, 0.19, 0.10),
    "north-america": (0.26, 0.32, 0.18),
    "europe": (0.25, 0.31, 0.17),
    "rest-of-world": (0.28, 0.34, 0.19),
}
S_CURVES: dict[str, tuple[tuple[float, float], ...]] = {
    "kwai": ((60.0, 0.30), (70.0, 0.32), (48.0, 0.28)),
}
RATES_BY_YEAR: dict[str, tuple[tuple[float, ...], ...]] = {
    "mini-program": (
        (0.186, 0.183, 0.179, 0.176, 0.173, 0.171, 0.169),
        (0.235, 0.231, 0.225, 0.222, 0.218, 0.216, 0.212),
        (0.127, 0.124, 0.122, 0.121, 0.118, 0.116, 0.115),
    ),
    "wechat": (
        (0.142, 0.164, 0.18, 0.193, 0.198, 0.2, 0.198),
        (0.185, 0.211, 0.231, 0.245, 0.251, 0.251, 0.246),
        (0.091, 0.107, 0.118, 0.126, 0.131, 0.134, 0.133),
    ),
    "asia-pacific": (
        (0.128, 0.127, 0.124, 0.123, 0.121, 0.119, 0.115),
        (0.166, 0.164, 0.162, 0.16, 0.156, 0.153, 0.149),
        (0.081, 0.08, 0.08, 0.078, 0.078, 0.076, 0.075),
    ),
}


# -- sources --------------------------------------------------------------------------------
# id: (publisher, title, date, url) of the published figures the volume cites
PUBLISHED_SOURCES: dict[str, tuple[str, str, str, str]] = {
    "src-omdia-2025": (
        "Omdia (via Deadline)",
        "Asia's top five micro-drama apps (DramaBox, GoodShort, ReelShort, ShortMax, "
        "MoboReels): 150 m monthly active users combined (February 2025); app-store revenue "
        "DramaBox 8 m USD (2023) to 217 m (2024), ReelShort 36 m to 214 m", "2025", ""),
    "src-thewrap-2024": (
        "Crazy Maple Studio (via The Wrap)",
        "ReelShort: about 45–50 m monthly active users, about half in the United States, "
        "about 70 % women", "2024-10", ""),
    "src-app-pricing-2025": (
        "Press reports of app pricing",
        "Price of watching: first episodes free; about 10–20 USD a week to continue, up to "
        "about 80 USD a month", "2025", ""),
}


def _percent(share: float) -> str:
    return f"{100 * share:g} %"


def _typed(value: float) -> float:
    """A derived figure as an analyst types it: to a thousand subscriptions."""
    return round(value, DECIMALS)


def _total_source(year: int) -> str:
    return f"src-volume-{year}"


def volume_sources() -> list[Source]:
    """The sources the volume cites: published figures, each year's derivation, splits."""
    sources = [Source(ASSUMPTION, "Analyst", "Illustrative assumption: paid subscriptions' "
                      "forecast assumptions", assumption=True)]
    sources += [Source(i, *fields) for i, fields in PUBLISHED_SOURCES.items()]
    for year, parts in TOTAL_BY_YEAR.items():
        published = year in PUBLISHED_YEARS
        sources.append(Source(
            _total_source(year), PUBLISHED if published else "Analyst",
            parts.derivation(year), assumption=not published))
    sources += [
        Source(i, "Analyst", f"Illustrative assumption: {title}", assumption=True)
        for i, title in SPLIT_SOURCES.values()
    ]
    return sources


# -- history --------------------------------------------------------------------------------


def _year_history(project: Project, index: int, parts: VolumeYear) -> dict[str, float]:
    """Every series of one history year; the last member of a dimension is the remainder,
    so each dimension adds up to the total exactly as typed."""
    total = _typed(parts.china() + parts.outside())
    values = {m: _typed(share[index] * total) for m, share in SHARES.items()}
    values |= {m: _typed(share * parts.outside()) for m, share in OUTSIDE_SHARES.items()}
    values["asia-pacific"] = _typed(values["asia-pacific"] + parts.china())
    for dimension in project.dimensions:
        *given, last = dimension.member_ids()
        values[last] = _typed(total - sum(values[m] for m in given))
    return {TOTAL: total, **values}


def _fill_history(project: Project, inputs: MeasureInputs) -> None:
    split_source = {
        m: SPLIT_SOURCES[d.id][0] for d in project.dimensions for m in d.member_ids()
    }
    for index, (year, parts) in enumerate(TOTAL_BY_YEAR.items()):
        for series, value in _year_history(project, index, parts).items():
            inputs.history[(series, year)] = value
            source = _total_source(year) if series == TOTAL else split_source[series]
            inputs.history_sources[(series, year)] = source


def _growths(series: str) -> tuple[Growth, ...]:
    """The series' assumption in Base, Optimistic and Pessimistic, from the tables above."""
    if series == TOTAL:
        return tuple(Growth("cagr", rate) for rate in TOTAL_CAGR)
    if series in CAGRS:
        return tuple(Growth("cagr", rate) for rate in CAGRS[series])
    if series in S_CURVES:
        return tuple(Growth("s_curve", k=k, r=r) for k, r in S_CURVES[series])
    return tuple(Growth("growth_by_year", rates=rates) for rates in _by_year(series))


def _by_year(series: str) -> list[dict[int, float]]:
    first = max(TOTAL_BY_YEAR) + 1
    return [{first + i: rate for i, rate in enumerate(rates)}
            for rates in RATES_BY_YEAR[series]]


def add_volume(project: Project) -> None:
    """Give the sample its volume measure and the sources its history cites."""
    inputs = MeasureInputs(UNIT)
    _fill_history(project, inputs)
    for series in project.series_ids():
        for scenario, growth in zip(project.scenarios, _growths(series), strict=True):
            inputs.growth[(scenario.id, series)] = growth
    project.volume = inputs
    project.sources.extend(volume_sources())
