"""The sample's volume: paid subscriptions that add up, cells that cite their figures or
their derivation, clean validation, and an average price a reader can believe."""

import math

import numpy as np
import pytest

from workbench.core.document import Document
from workbench.core.measures import PRICE, VALUE, VOLUME, measures_of, price_unit, unit_of, view
from workbench.core.project import TOTAL
from workbench.core.sample import sample_document, sample_project
from workbench.core.validation import validate

SCENARIOS = ("base", "optimistic", "pessimistic")
HISTORY = range(2019, 2025)
FORECAST = range(2025, 2032)


@pytest.fixture(scope="module")
def document():
    return sample_document()


@pytest.fixture(scope="module")
def project(document):
    return document.project


@pytest.fixture(scope="module")
def volume(project):
    return project.volume


def source_of(project, series_id, year):
    return project.entity("sources", project.volume.history_sources[(series_id, year)])


# -- the measure and its unit ---------------------------------------------------------------


def test_the_volume_is_paid_subscriptions_and_the_price_is_per_subscription(project):
    assert measures_of(project) == (VALUE, VOLUME, PRICE)
    assert unit_of(project, VOLUME) == "million paid subscriptions"
    unit = price_unit(project)
    assert (unit.text, unit.factor) == ("USD per paid subscription", 1000.0)
    assert "paid subscriptions" in project.metadata.description
    assert "audiences overlap" in project.metadata.description


def test_the_value_only_sample_is_the_sample_without_its_volume():
    with_volume, value_only = sample_project(), sample_project(volume=False)
    assert value_only.volume is None
    volume_sources = {s.id for s in with_volume.sources} - {s.id for s in value_only.sources}
    assert volume_sources and all(i.startswith("src-volume") or i in {
        "src-omdia-2025", "src-thewrap-2024", "src-app-pricing-2025"} for i in volume_sources)
    assert with_volume.history == value_only.history
    assert with_volume.growth == value_only.growth
    assert "paid subscriptions" not in value_only.metadata.description


# -- history: additive, anchored, cited -----------------------------------------------------


def test_each_dimension_adds_up_to_the_total_every_history_year(project, volume):
    assert len(volume.history) == len(project.series_ids()) * len(HISTORY)
    for dim in project.dimensions:
        for year in HISTORY:
            parts = math.fsum(volume.history[(m, year)] for m in dim.member_ids())
            assert parts == pytest.approx(volume.history[(TOTAL, year)], rel=1e-12), (dim.id, year)


def test_history_is_positive_and_typed_to_a_thousand_subscriptions(volume):
    for key, value in volume.history.items():
        assert value > 0 and value == round(value, 3), (key, value)


def test_the_2024_total_is_the_cited_viewers_times_the_stated_shares(volume):
    # China: (576 m in June + 662 m in December) / 2 = 619 m viewers
    #        × 15 % paying × 1.5 subscriptions per payer = 139.275 m
    # outside China: 150 m app audiences (top five apps, Omdia) × 12 % paying = 18 m
    assert volume.history[(TOTAL, 2024)] == 157.275
    # 480 m × 14 % × 1.5 = 100.8 + 70 m × 12 % = 8.4
    assert volume.history[(TOTAL, 2023)] == 109.2
    # 100 m × 4 % × 1.5 = 6 + 2.5 m × 8 % = 0.2
    assert volume.history[(TOTAL, 2019)] == 6.2


def test_segment_cells_follow_their_stated_splits(volume):
    assert volume.history[("north-america", 2024)] == 8.1  # 45 % of 18 m outside China
    assert volume.history[("europe", 2024)] == 2.7  # 15 % of 18 m
    assert volume.history[("asia-pacific", 2024)] == 143.235  # 22 % of 18 m + 139.275 China
    assert volume.history[("rest-of-world", 2024)] == 3.24  # the remainder: 18 % of 18 m
    assert volume.history[("short-video", 2024)] == 75.492  # 48 % of 157.275
    assert volume.history[("mini-program", 2024)] == 81.783  # the remainder
    # 2022: 350 m × 8 % × 1.5 = 42 + 30 m × 11 % = 3.3 → 45.3; WeChat 19 % of it
    assert volume.history[(TOTAL, 2022)] == 45.3
    assert volume.history[("wechat", 2022)] == 8.607


def test_every_history_cell_cites_a_source_that_exists(project, volume):
    assert set(volume.history_sources) == set(volume.history)
    ids = {s.id for s in project.sources}
    assert set(volume.history_sources.values()) <= ids


def test_the_2024_total_cites_the_published_figures_with_its_derivation(project):
    source = source_of(project, TOTAL, 2024)
    assert not source.assumption
    for publisher in ("China Netcasting Services Association", "CNNIC", "Omdia"):
        assert publisher in source.publisher
    for words in ("619 m viewers", "576 m in June", "662 m in December", "× 15 % paying",
                  "× 1.5 subscriptions per payer", "150 m app audiences", "× 12 % paying",
                  "= 139.275 m", "= 18 m"):
        assert words in source.title, words
    published = {s.id: s for s in project.sources}
    assert "576 m" in published["src-cnsa-2024"].title
    assert "662 m" in published["src-cnnic-2024"].title
    assert "150 m monthly active users" in published["src-omdia-2025"].title
    assert published["src-mpa-2025"].url.startswith("http://www.campaignasia.com/article/")


def test_every_other_cell_is_an_assumption_that_says_how_it_was_derived(project, volume):
    for (series, year) in volume.history:
        source = source_of(project, series, year)
        if (series, year) == (TOTAL, 2024):
            continue
        assert source.assumption and source.publisher == "Analyst", (series, year)
        if series == TOTAL:
            assert f"Global {year} paid subscriptions = China" in source.title
            assert "paying" in source.title and "subscriptions per payer" in source.title
        else:
            assert "share" in source.title or "%" in source.title, (series, year)
    assert "above Kuaishou's 270 m daily" in source_of(project, TOTAL, 2023).title
    assert "ReelShort" in source_of(project, "north-america", 2024).title


# -- forecasts ------------------------------------------------------------------------------


def test_every_series_has_an_assumption_in_every_scenario(project, volume):
    assert set(volume.growth) == {(s, x) for s in SCENARIOS for x in project.series_ids()}
    assert {g.method for g in volume.growth.values()} >= {"cagr", "growth_by_year", "s_curve"}
    for (_scenario, series), g in volume.growth.items():
        if g.method == "s_curve":
            assert g.k > volume.history[(series, 2024)] and g.r > 0
        if g.method == "growth_by_year":
            assert set(g.rates) == set(FORECAST)


def test_shown_segments_add_up_to_the_total_every_scenario_and_year(document, project):
    for scenario_id in SCENARIOS:
        result = document.result(scenario_id, VOLUME)
        assert np.isfinite(result.values).all() and (result.values > 0).all()
        for dim in project.dimensions:
            for year in (*HISTORY, *FORECAST):
                parts = math.fsum(result.value(m, year) for m in dim.member_ids())
                assert parts == pytest.approx(result.value(TOTAL, year), rel=1e-9), (
                    scenario_id, dim.id, year)


def test_no_dimension_needs_a_large_unexplained_scale(document):
    for scenario_id in SCENARIOS:
        result = document.result(scenario_id, VOLUME)
        for dim_id, gap in result.gaps.items():
            relative = np.abs(gap[6:]) / result.values[0, 6:]
            assert relative.max() < 1e-3, (scenario_id, dim_id)


def test_base_total_grows_at_its_cagr_and_scenarios_are_ordered(document, volume):
    base = document.result("base", VOLUME)
    assert base.value(TOTAL, 2031) == pytest.approx(157.275 * 1.14**7, rel=1e-12)
    for year in FORECAST:
        o, b, p = (document.result(s, VOLUME).value(TOTAL, year)
                   for s in ("optimistic", "base", "pessimistic"))
        assert o > b > p, year


def test_the_volume_edits_nothing_of_the_value():
    with_volume, value_only = sample_document(), sample_document(volume=False)
    for scenario_id in SCENARIOS:
        np.testing.assert_array_equal(
            with_volume.result(scenario_id).values, value_only.result(scenario_id).values)


# -- validation -----------------------------------------------------------------------------


def test_validation_has_no_errors_and_no_warnings_for_either_measure(document, project):
    assert [f for f in validate(document) if f.severity != "info"] == []
    volume_view = Document(view(project, VOLUME))
    assert [f for f in validate(volume_view) if f.severity != "info"] == []


# -- the average price ----------------------------------------------------------------------


def test_the_2024_prices_are_the_hand_worked_divisions(document, project):
    price = document.result("base", PRICE)
    # 8.504 bn USD ÷ 157.275 m subscriptions × 1,000
    assert price.value(TOTAL, 2024) == pytest.approx(54.07, abs=0.005)
    # North America: the United States' 819 m USD ÷ 8.1 m subscriptions = 101.1 USD
    assert price.value("north-america", 2024) == pytest.approx(101.11, abs=0.005)
    # outside China: 1.4 bn USD (Media Partners Asia) ÷ 18 m = 77.8 USD a subscription, within
    # the press's 10–20 USD a week to continue watching (4–8 weeks of it a year)
    outside = 1000 * 1.4 / 18.0
    assert 4 * 10 <= outside <= 8 * 20


def test_every_price_is_plausible_and_the_base_total_rises_gently(document, project):
    """Between 5 and 250 USD a paid subscription a year everywhere (a week of watching at
    the low end, three months at 80 USD a month at the high end), and the Base total's
    price grows by less than 10 % a year over the forecast."""
    for scenario_id in SCENARIOS:
        price = document.result(scenario_id, PRICE).values
        assert np.isfinite(price).all()
        assert price.min() > 5 and price.max() < 250, scenario_id
    base = document.result("base", PRICE)
    yearly = (base.value(TOTAL, 2031) / base.value(TOTAL, 2024)) ** (1 / 7) - 1
    assert 0 < yearly < 0.10
