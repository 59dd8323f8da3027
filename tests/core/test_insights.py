"""Derived figures and insights against numbers worked out by hand.

The project: base year 2022 with total 100, Technology Alpha 60 and Beta 40; forecast
2023–2024 with the total at 10 % CAGR, Alpha at 20 %, Beta flat. Projected 2024: total
121, Alpha 86.4, Beta 40, so reconciliation scales both segments by 121 / 126.4:
Alpha 2024 = 86.4 × 121 / 126.4, Beta 2024 = 40 × 121 / 126.4; in 2023 (total 110, Alpha
72, Beta 40) by 110 / 112. The headline CAGR runs from the first forecast year, 2023, to
the last, 2024.
"""

import math

import pytest

from workbench.core.commands import SetGrowth
from workbench.core.derived import (
    cagr,
    growth_ratio,
    shares,
    yoy,
)
from workbench.core.document import Document
from workbench.core.errors import ModelError
from workbench.core.insights import (
    figure,
    insights,
    placeholders,
    possessive,
    render_answer,
)
from workbench.core.project import TOTAL, Dimension, Growth, Member, Metadata, Project, Scenario
from workbench.numbers import money, number, percent, points

ALPHA_2024 = 86.4 * 121 / 126.4
BETA_2024 = 40 * 121 / 126.4
ALPHA_2023 = 72 * 110 / 112
BETA_2023 = 40 * 110 / 112
ALPHA_CAGR = ALPHA_2024 / ALPHA_2023 - 1  # 17.0 %
BETA_CAGR = BETA_2024 / BETA_2023 - 1  # -2.5 %


@pytest.fixture
def document() -> Document:
    return tiny_document()


def tiny_document() -> Document:
    """The project of this module's docstring (also the value of test_insights_measures)."""
    tech = Dimension("tech", "Technology", (Member("a", "Alpha"), Member("b", "Beta")))
    p = Project(Metadata("Tiny", 2020, 2022, 2024), [tech], [Scenario("base", "Base")])
    for series_id, value in {TOTAL: 100.0, "a": 60.0, "b": 40.0}.items():
        for year, factor in ((2020, 0.5), (2021, 0.8), (2022, 1.0)):
            p.history[(series_id, year)] = value * factor
    p.growth[("base", TOTAL)] = Growth("cagr", 0.1)
    p.growth[("base", "a")] = Growth("cagr", 0.2)
    return Document(p)


# -- derived figures ------------------------------------------------------------------------


def test_cagr_is_the_constant_rate_between_two_years():
    assert cagr({2020: 100.0, 2025: 200.0}, 2020, 2025) == pytest.approx(2 ** (1 / 5) - 1)
    assert cagr({2020: 50.0, 2021: 40.0}, 2020, 2021) == pytest.approx(-0.2)


@pytest.mark.parametrize(
    "values, a, b",
    [
        ({2020: 0.0, 2021: 5.0}, 2020, 2021),  # from zero
        ({2020: -1.0, 2021: 5.0}, 2020, 2021),  # from a negative value
        ({2021: 5.0}, 2020, 2021),  # a blank start
        ({2020: 5.0, 2021: 6.0}, 2021, 2020),  # backwards
    ],
)
def test_cagr_is_undefined_rather_than_invented(values, a, b):
    assert math.isnan(cagr(values, a, b))


def test_growth_ratio_works_element_wise():
    out = growth_ratio([100.0, 0.0, 10.0], [121.0, 5.0, math.nan], 2)
    assert out[0] == pytest.approx(0.1)
    assert math.isnan(out[1]) and math.isnan(out[2])


def test_yoy_needs_the_previous_year():
    assert yoy({2020: 100.0, 2021: 110.0, 2023: 121.0}) == {2021: pytest.approx(0.1)}


def test_shares_of_a_total_and_of_a_zero_total():
    assert shares({"a": 30.0, "b": 70.0}, 100.0) == {"a": 0.3, "b": 0.7}
    assert all(math.isnan(v) for v in shares({"a": 1.0}, 0.0).values())


def test_figures_are_written_as_analysts_read_them():
    assert number(9.91) == "9.91"
    assert number(12345.6) == "12,346"
    assert number(0.00123456) == "0.001235"
    assert number(math.nan) == "–"
    assert percent(0.2412) == "24.1 %"
    assert percent(-0.00001) == "0.0 %"
    assert points(0.031) == "+3.1 pp"
    assert points(-0.0834) == "-8.3 pp"


# -- figures by key -------------------------------------------------------------------------


def test_value_share_and_yoy_figures(document):
    value = figure(document, "base", "value:a:2024")
    assert value.value == pytest.approx(ALPHA_2024)
    assert value.sentence == "Alpha: USD 82.71 billion in 2024"
    share = figure(document, "base", "share:a:2024")
    assert share.value == pytest.approx(86.4 / 126.4)
    assert share.text == "68.4 %"
    assert figure(document, "base", "yoy:total:2024").text == "10.0 %"


def test_cagr_figures_default_to_the_first_forecast_year_to_the_last(document):
    default = figure(document, "base", "cagr:a")
    assert default.value == pytest.approx(ALPHA_CAGR)
    assert default.sentence == "Alpha grows 17.0 % a year (CAGR 2023–2024)"
    history = figure(document, "base", "cagr:a:2020:2022")
    assert history.value == pytest.approx(2**0.5 - 1)  # 30 → 60 in two years


def test_fastest_slowest_and_ranking_of_a_dimension(document):
    fastest = figure(document, "base", "fastest:tech")
    assert (fastest.series_id, fastest.value) == ("a", pytest.approx(ALPHA_CAGR))
    assert fastest.sentence == "Alpha grows fastest: 17.0 % CAGR 2023–2024"
    assert fastest.text == "Alpha (17.0 % CAGR 2023–2024)"
    slowest = figure(document, "base", "slowest:tech")
    assert slowest.sentence == "Beta grows slowest: -2.5 % CAGR 2023–2024"
    ranking = figure(document, "base", "ranking:tech")
    assert ranking.text == "Alpha, Beta"
    assert ranking.sentence == "Technology by CAGR 2023–2024: Alpha (17.0 %), Beta (-2.5 %)"


def test_ties_go_to_the_first_segment_in_order(document):
    document.execute(SetGrowth("base", "a", Growth("cagr", 0.0)))
    assert figure(document, "base", "fastest:tech").series_id == "a"
    assert figure(document, "base", "slowest:tech").series_id == "a"


def test_largest_segment_and_share_shift(document):
    largest = figure(document, "base", "largest:tech:2022")
    assert largest.sentence == (
        "Alpha is the largest Technology segment in 2022: USD 60 billion (60.0 % of the market)"
    )
    shift = figure(document, "base", "shift:b")
    assert shift.value == pytest.approx(40 / 126.4 - 40 / 112)
    assert shift.sentence == "Beta's share moves from 35.7 % in 2023 to 31.6 % in 2024 (-4.1 pp)"


@pytest.mark.parametrize(
    "key",
    ["nope:a", "value:a", "value:ghost:2024", "value:a:2030", "cagr:a:2024:2022", "cagr:a:x:y"],
)
def test_bad_keys_are_model_errors(document, key):
    with pytest.raises(ModelError, match="not a figure"):
        figure(document, "base", key)


def test_insights_of_a_scenario_in_a_stable_order(document):
    keys = [i.key for i in insights(document, "base")]
    assert keys == [
        "cagr:total",
        "fastest:tech",
        "slowest:tech",
        "largest:tech:2024",  # Alpha leads in 2023 and 2024: one line says both
        "shift:a",  # two segments: no ranking, and Beta's shift mirrors Alpha's
    ]
    both = next(i for i in insights(document, "base") if i.key == "largest:tech:2024")
    assert both.sentence == (
        "Alpha is the largest Technology segment in 2023 and in 2024: USD 70.71 billion → "
        "USD 82.71 billion (68.4 % of the market in 2024)"
    )
    ranged = insights(document, "base", 2020, 2024)
    assert ranged[1].key == "fastest:tech:2020:2024"
    assert ranged[1].value == pytest.approx((ALPHA_2024 / 30) ** 0.25 - 1)


# -- live figures in answers ------------------------------------------------------------------


def test_placeholders_are_listed_once_in_order():
    text = "{{cagr:a}} then {{ share:b:2024 }} and {{cagr:a}} again"
    assert placeholders(text) == ["cagr:a", "share:b:2024"]


def test_answers_render_live_figures_and_mark_unknown_ones(document):
    answer = "Alpha grows {{cagr:a}} a year; {{fastest:tech}}; {{typo:a}}."
    assert render_answer(answer, document, "base") == (
        "Alpha grows 17.0 % a year; Alpha (17.0 % CAGR 2023–2024); [unknown figure: typo:a]."
    )
    document.execute(SetGrowth("base", "a", Growth("cagr", -0.1)))
    assert render_answer("{{fastest:tech}}", document, "base").startswith("Beta (")
    assert render_answer("No figures here.", document, "base") == "No figures here."


def test_sentences_say_amounts_and_possessives_in_english(document):
    assert money(2.551, "USD billions") == "USD 2.551 billion"
    assert money(12.5, "million subscribers") == "12.5 million subscribers"
    assert possessive("Others") == "Others'" and possessive("TikTok") == "TikTok's"


def test_the_sample_says_nothing_twice():
    from workbench.core.sample import sample_document

    sentences = [i.sentence for i in insights(sample_document(volume=False), "base")]
    assert len(sentences) == len(set(sentences))
    assert not any("Others's" in s or "USD billions" in s for s in sentences)
    assert "Others' share moves from" in " ".join(sentences)
