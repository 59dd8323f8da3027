"""Insights and live figures of the volume and the average price, against numbers worked
out by hand.

The project of test_insights (value: base 2022 total 100, Alpha 60, Beta 40; total +10 %,
Alpha +20 %, Beta flat) with a volume in million subscriptions: base 2022 total 50,
Alpha 20, Beta 30; total +15 % a year, Beta +10 %, Alpha flat. Volume 2023 before
reconciliation: total 57.5, Alpha 20, Beta 33 (sum 53), so both segments are scaled by
57.5 / 53; 2024: total 66.125, Alpha 20, Beta 36.3 (sum 56.3), scaled by 66.125 / 56.3.
The price is USD billions ÷ million subscriptions × 1,000 = USD per subscription:
total 2023 = 110,000 / 57.5, total 2024 = 121,000 / 66.125, its CAGR 1.1 / 1.15 − 1.
"""

import math
from dataclasses import replace

import pytest
from hypothesis import given

from tests.core.test_insights import ALPHA_2024, tiny_document
from tests.core.test_properties import projects
from workbench.core.commands import Batch, SetGrowth, SetHistory
from workbench.core.commands.measures import AddVolume, OnMeasure, RemoveVolume
from workbench.core.derived import growth_ratio
from workbench.core.document import Document
from workbench.core.errors import ModelError
from workbench.core.insights import figure, insights, render_answer
from workbench.core.measures import PRICE, VOLUME
from workbench.core.project import TOTAL, Dimension, Growth, Member, Metadata, Project, Scenario
from workbench.core.sample import sample_document

V_ALPHA_2023, V_BETA_2023 = 20 * 57.5 / 53, 33 * 57.5 / 53
V_ALPHA_2024, V_BETA_2024 = 20 * 66.125 / 56.3, 36.3 * 66.125 / 56.3
V_BETA_CAGR = V_BETA_2024 / V_BETA_2023 - 1  # 1.1 × (66.125 / 56.3) / (57.5 / 53) − 1: 19.1 %
V_ALPHA_CAGR = V_ALPHA_2024 / V_ALPHA_2023 - 1  # (66.125 / 56.3) / (57.5 / 53) − 1: 8.3 %
PRICE_2023, PRICE_2024 = 110_000 / 57.5, 121_000 / 66.125  # 1,913.04 and 1,829.87
PRICE_CAGR = 1.1 / 1.15 - 1  # -4.3 %


@pytest.fixture
def document() -> Document:
    document = tiny_document()
    document.execute(AddVolume("million subscriptions"))
    edits = [
        SetHistory(series_id, year, value * factor)
        for series_id, value in {TOTAL: 50.0, "a": 20.0, "b": 30.0}.items()
        for year, factor in ((2020, 0.5), (2021, 0.8), (2022, 1.0))
    ]
    edits += [SetGrowth("base", TOTAL, Growth("cagr", 0.15)),
              SetGrowth("base", "b", Growth("cagr", 0.1))]
    document.execute(OnMeasure(VOLUME, Batch("Volume", edits)))
    return document


def test_the_hand_worked_volume_is_the_engines(document):
    volume = document.result("base", VOLUME)
    assert volume.value("a", 2024) == pytest.approx(V_ALPHA_2024, rel=1e-12)
    assert volume.value("b", 2023) == pytest.approx(V_BETA_2023, rel=1e-12)


def test_the_fastest_segment_by_volume_is_not_the_fastest_by_value(document):
    by_value = figure(document, "base", "fastest:tech")
    assert by_value.series_id == "a"
    assert by_value.sentence == "Alpha grows fastest by value (USD billions): 17.0 % CAGR 2023–2024"
    assert by_value.text == "Alpha (17.0 % CAGR 2023–2024)"  # answers read as they did
    by_volume = figure(document, "base", "fastest:tech:volume")
    assert (by_volume.series_id, by_volume.value) == ("b", pytest.approx(V_BETA_CAGR))
    assert by_volume.sentence == (
        "Beta grows fastest by volume (million subscriptions): 19.1 % CAGR 2023–2024"
    )
    assert by_volume.text == "Beta (19.1 % CAGR 2023–2024 by volume)"
    slowest = figure(document, "base", "slowest:tech:volume")
    assert (slowest.series_id, slowest.value) == ("a", pytest.approx(V_ALPHA_CAGR))


def test_the_price_trend_names_both_prices_the_unit_and_the_rate(document):
    trend = figure(document, "base", "price_trend")
    assert trend.value == pytest.approx(PRICE_CAGR, rel=1e-12)
    assert trend.sentence == (
        "The market's average price falls from USD 1,913.04 per subscription in 2023 to "
        "USD 1,829.87 per subscription in 2024, -4.3 % a year"
    )
    assert trend.text == (
        "USD 1,913.04 per subscription → USD 1,829.87 per subscription (-4.3 % a year, "
        "2023–2024)"
    )
    alpha = figure(document, "base", "price_trend:a:2022:2024")
    price_2022 = 1000 * 60 / 20
    price_2024 = 1000 * ALPHA_2024 / V_ALPHA_2024
    assert alpha.value == pytest.approx((price_2024 / price_2022) ** 0.5 - 1, rel=1e-12)
    assert alpha.sentence.startswith("Alpha's average price rises from USD 3,000.00 per")


def test_the_volume_headline_and_figures_in_the_volumes_unit(document):
    headline = figure(document, "base", "trend:volume")
    assert headline.value == pytest.approx(0.15, rel=1e-12)
    assert headline.sentence == (
        "The market's volume rises from 57.5 million subscriptions in 2023 to 66.12 million "
        "subscriptions in 2024, 15.0 % a year"
    )
    value = figure(document, "base", "value:b:2024:volume")
    assert value.value == pytest.approx(V_BETA_2024, rel=1e-12)
    assert value.sentence == "Beta's volume: 42.63 million subscriptions in 2024"
    share = figure(document, "base", "share:b:2024:volume")
    assert share.value == pytest.approx(36.3 / 56.3, rel=1e-12)
    assert share.sentence == (
        "Beta holds 64.5 % of the market's volume (million subscriptions) in 2024"
    )
    cagr = figure(document, "base", "cagr:total:price")
    assert cagr.value == pytest.approx(PRICE_CAGR, rel=1e-12)
    assert cagr.sentence == (
        "The market's average price falls 4.3 % a year (CAGR 2023–2024), from USD 1,913.04 "
        "per subscription to USD 1,829.87 per subscription"
    )


@pytest.mark.parametrize("key", ["share:a:2024:price", "largest:tech:price", "shift:a:price"])
def test_a_price_has_no_shares_or_sizes(document, key):
    with pytest.raises(ModelError, match="average price has no"):
        figure(document, "base", key)


def test_a_value_only_project_has_no_volume_or_price_figures():
    document = tiny_document()
    for key in ("fastest:tech:volume", "price_trend", "trend:volume", "value:a:2024:price"):
        with pytest.raises(ModelError, match="no volume measure"):
            figure(document, "base", key)
    assert render_answer("{{price_trend}}", document, "base") == "[unknown figure: price_trend]"


def test_a_value_only_project_keeps_todays_insights(document):
    """Adding and removing a volume brings back exactly the value-only sentences."""
    before = [(i.key, i.text, i.sentence) for i in insights(tiny_document(), "base")]
    assert before[1][2] == "Alpha grows fastest: 17.0 % CAGR 2023–2024"
    document.execute(RemoveVolume())
    assert [(i.key, i.text, i.sentence) for i in insights(document, "base")] == before


def test_a_project_with_a_volume_adds_volume_and_price_insights_naming_measure_and_unit(
    document,
):
    found = insights(document, "base")
    keys = [i.key for i in found]
    assert keys == [
        "cagr:total", "fastest:tech", "slowest:tech", "largest:tech:2024", "shift:a",
        "trend:volume", "fastest:tech:volume", "slowest:tech:volume", "price_trend",
    ]  # fmt: skip
    units = {"value": "USD", "volume": "million subscriptions",
             "average price": "USD", "price": "per subscription"}  # fmt: skip
    for insight in found:
        measure = ("average price" if "price" in insight.key
                   else "volume" if "volume" in insight.key else "value")
        assert measure in insight.sentence, insight.sentence
        assert units[measure] in insight.sentence, insight.sentence
    assert found[0].sentence == (
        "The market's value grows 10.0 % a year (CAGR 2023–2024), from USD 110 billion to "
        "USD 121 billion"
    )


def test_answers_mix_measures_and_follow_a_volume_edit(document):
    answer = "By value {{fastest:tech}}; by volume {{fastest:tech:volume}}; {{price_trend}}."
    rendered = render_answer(answer, document, "base")
    assert rendered.startswith("By value Alpha (17.0 % CAGR 2023–2024); by volume Beta (19.1 %")
    document.execute(OnMeasure(VOLUME, SetGrowth("base", "a", Growth("cagr", 0.5))))
    assert "by volume Alpha (" in render_answer(answer, document, "base")
    assert render_answer("{{fastest:tech}}", document, "base").startswith("Alpha (17.0 %")


def test_a_segment_id_that_spells_a_measure_stays_a_segment():
    """'cagr:volume' is a segment's CAGR when the key has no room for a measure."""
    dim = Dimension("kind", "Kind", (Member("volume", "Volume deals"), Member("b", "Other")))
    p = Project(Metadata("Deals", 2020, 2022, 2024), [dim], [Scenario("base", "Base")])
    p.history.update({("volume", 2022): 10.0, ("b", 2022): 30.0, (TOTAL, 2022): 40.0})
    p.growth[("base", "volume")] = Growth("cagr", 0.3)
    p.growth[("base", TOTAL)] = Growth("cagr", 0.3)
    p.growth[("base", "b")] = Growth("cagr", 0.3)
    found = figure(Document(p), "base", "cagr:volume")
    assert (found.series_id, found.value) == ("volume", pytest.approx(0.3, rel=1e-12))


def test_the_sample_with_a_volume_says_nothing_twice():
    document = sample_document()
    sentences = [i.sentence for i in insights(document, "base")]
    assert len(sentences) == len(set(sentences))
    assert not any(math.isnan(i.value) for i in insights(document, "base") if "price" in i.key)


def test_a_volume_without_numbers_adds_no_insights_and_its_trend_says_so():
    document = tiny_document()
    keys = [i.key for i in insights(document, "base")]
    document.execute(AddVolume("million subscriptions"))
    assert [i.key for i in insights(document, "base")] == keys  # value's only
    trend = figure(document, "base", "trend:volume")
    assert trend.text == "–"
    assert trend.sentence == "The market's volume has no figures for 2023 and 2024"


# -- any project with a volume (hypothesis) ---------------------------------------------------


@given(projects(VOLUME))
def test_volume_and_price_figures_are_the_engines_for_any_project(project):
    """fastest/slowest by volume are the extreme CAGRs of the volume's forecast (ties to
    the first segment), the price trend is the CAGR of value ÷ volume, every insight
    names its measure, and the value's insights keep their keys."""
    document = Document(project)
    scenario = project.scenarios[0].id
    a, b = project.metadata.forecast_cagr_years
    volume = document.result(scenario, VOLUME)
    for dim in project.dimensions:
        rates = [(m, float(growth_ratio(volume.value(m, a), volume.value(m, b), b - a)))
                 for m in dim.member_ids()]
        rates = [(m, r) for m, r in rates if math.isfinite(r)]
        fastest = figure(document, scenario, f"fastest:{dim.id}:volume")
        if not rates:
            assert fastest.series_id is None
            continue
        top = max(r for _m, r in rates)
        assert fastest.series_id == next(m for m, r in rates if r == top)
        assert fastest.value == top
    price = document.result(scenario, PRICE)
    start, end = price.value(TOTAL, a), price.value(TOTAL, b)
    trend = figure(document, scenario, "price_trend")
    want = growth_ratio(start, end, b - a)
    assert (math.isnan(trend.value) and math.isnan(want)) or trend.value == want
    found = insights(document, scenario)
    for insight in found:
        assert any(word in insight.sentence for word in ("value", "volume", "average price"))
    value_only = replace(project, volume=None)
    assert [i.key for i in insights(Document(value_only), scenario)] == [
        i.key for i in found if "volume" not in i.key and "price" not in i.key
    ]
