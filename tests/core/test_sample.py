"""The built-in sample: published anchors, history that adds up, sane forecasts, the seed's
qualitative side, and a canonical dump that does not move."""

import math

import numpy as np
import pytest

from workbench.core.commands.entities import check_references
from workbench.core.dump import dump_json
from workbench.core.entities import FORCE_IDS
from workbench.core.insights import placeholders, render_answer
from workbench.core.project import ENTITY_COLLECTIONS, TOTAL
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


def source_of(project, series_id, year):
    return project.entity("sources", project.history_sources[(series_id, year)])


# -- structure ------------------------------------------------------------------------------


def test_metadata_years_unit_and_the_one_exchange_rate(project):
    meta = project.metadata
    assert (meta.title, meta.unit) == ("Internet Micro Drama Market", "USD billions")
    assert (meta.first_year, meta.base_year, meta.last_year) == (2019, 2024, 2031)
    assert "7.1 CNY per USD" in meta.currency_note
    assert "China plus the world outside China" in meta.description
    assert project.mode == "top_down"


def test_dimensions_members_and_scenarios_have_stable_readable_ids(project):
    layout = {d.id: [(m.id, m.name) for m in d.members] for d in project.dimensions}
    assert layout == {
        "technology": [("short-video", "Short Video Short Drama"),
                       ("mini-program", "Mini Program Short Drama")],
        "application": [("tiktok", "TikTok"), ("kwai", "Kwai"), ("wechat", "WeChat"),
                        ("others", "Others")],
        "region": [("north-america", "North America"), ("europe", "Europe"),
                   ("asia-pacific", "Asia Pacific"), ("rest-of-world", "Rest of the World")],
    }
    assert [(s.id, s.name) for s in project.scenarios] == [
        ("base", "Base"), ("optimistic", "Optimistic"), ("pessimistic", "Pessimistic")]


# -- history --------------------------------------------------------------------------------


def test_anchored_cells_equal_the_published_figures_at_7_1_cny_per_usd(project):
    h = project.history
    # Typed to a million USD, as an analyst types the converted figures:
    # 50.44 bn CNY / 7.1 = 7.104 bn USD (China, CNSA) + 1.4 ex-China (MPA)
    assert h[(TOTAL, 2024)] == 8.504
    # 37.39 / 7.1 = 5.266 (China, iiMedia) + 0.55 ex-China (assumed)
    assert h[(TOTAL, 2023)] == 5.816
    # 37.39 / 3.6765 (the +267.65 % of 2023) = 10.170 bn CNY = 1.432 bn USD, + 0.17
    assert h[(TOTAL, 2022)] == 1.602
    assert h[(TOTAL, 2021)] == 0.54  # MPA China + assumed
    assert h[("north-america", 2024)] == 0.819  # MPA, United States


def test_anchored_cells_cite_their_published_sources(project):
    total_2024 = source_of(project, TOTAL, 2024)
    assert not total_2024.assumption
    assert all(s in total_2024.title for s in ("50.44 bn CNY", "7.1 CNY/USD", "1.4 bn USD"))
    assert "Media Partners Asia" in total_2024.publisher
    assert "37.39 bn CNY" in source_of(project, TOTAL, 2023).title
    assert "+267.65 %" in source_of(project, TOTAL, 2022).title
    assert "0.5 bn USD" in source_of(project, TOTAL, 2021).title
    assert "819 m USD" in source_of(project, "north-america", 2024).title


def test_every_history_cell_has_a_source_and_the_rest_are_assumptions(project):
    anchored = {(TOTAL, 2021), (TOTAL, 2022), (TOTAL, 2023), (TOTAL, 2024),
                ("north-america", 2024)}
    assert set(project.history_sources) == set(project.history)
    assert len(project.history) == len(project.series_ids()) * len(HISTORY)
    for key in project.history:
        assert source_of(project, *key).assumption is (key not in anchored), key


def test_each_dimension_adds_up_to_the_total_every_history_year(project):
    for dim in project.dimensions:
        for year in HISTORY:
            parts = math.fsum(project.history[(m, year)] for m in dim.member_ids())
            total = project.history[(TOTAL, year)]
            assert parts == pytest.approx(total, rel=1e-12), (dim.id, year)


def test_history_is_positive(project):
    assert all(value > 0 for value in project.history.values())


def test_history_is_what_an_analyst_types(project):
    """Derived once and rounded to the sources' precision: 0.15, never 0.15000000000000002."""
    for key, value in project.history.items():
        assert value == round(value, 3) and len(repr(value)) <= 5, (key, value)


def test_no_dimension_needs_a_large_unexplained_scale(document):
    for scenario_id, result in document.results().items():
        for dim_id, gap in result.gaps.items():
            relative = np.abs(gap[6:]) / result.values[0, 6:]
            assert relative.max() < 1e-3, (scenario_id, dim_id)  # under 0.1 % of the total


# -- assumptions and forecasts --------------------------------------------------------------


def test_every_series_has_an_explicit_assumption_in_every_scenario(project):
    keys = {(s, x) for s in SCENARIOS for x in project.series_ids()}
    assert set(project.growth) == keys
    methods = {g.method for g in project.growth.values()}
    assert {"cagr", "growth_by_year", "s_curve"} <= methods
    for (_scenario, series), g in project.growth.items():
        if g.method == "s_curve":
            assert g.k > project.history[(series, 2024)] and g.r > 0
        if g.method == "growth_by_year":
            assert set(g.rates) == set(FORECAST)


def test_forecasts_are_finite_and_positive_in_every_scenario(document):
    for scenario_id, result in document.results().items():
        assert np.isfinite(result.values).all(), scenario_id
        assert (result.values > 0).all(), scenario_id


def test_base_total_lands_on_the_published_2030_outlook(document):
    # Media Partners Asia 2030: China 16.2 + global ex-China 9.5 = 25.7 bn USD
    base = document.result("base").value(TOTAL, 2030)
    assert 0.9 * 25.7 <= base <= 1.1 * 25.7


def test_optimistic_above_base_above_pessimistic_every_forecast_year(document):
    results = document.results()
    for year in FORECAST:
        o, b, p = (results[s].value(TOTAL, year) for s in ("optimistic", "base", "pessimistic"))
        assert o > b > p, year


def test_mini_program_and_small_regions_grow_faster(document):
    result = document.result("base")

    def growth(series_id):
        return result.value(series_id, 2031) / result.value(series_id, 2024)

    assert growth("mini-program") > growth("short-video")
    assert growth("north-america") > growth("asia-pacific")
    assert growth("rest-of-world") > growth("asia-pacific")


def test_the_sample_has_no_errors_and_no_warnings(document):
    assert [f for f in validate(document) if f.severity != "info"] == []


# -- the qualitative side -------------------------------------------------------------------

SEED_PHRASES = {
    "Hicon Network Technology": "interactive storytelling",
    "Mango Excellent Media": "mini-program dramas",
    "Huace Film & TV": "collaborations with TikTok",
    "Linmon Media": "AI-driven content creation tools",
    "SIMEI": "e-commerce",
    "DIANZHONG TECH": "AR and VR",
    "Huayi Brothers Media Corporation": "vote on key story outcomes",
    "Yowant Technology": "big data analytics",
}


def test_the_eight_companies_each_start_with_their_seed_development(project):
    assert [c.name for c in project.companies] == list(SEED_PHRASES)
    seed = next(s for s in project.sources if "seed" in s.publisher)
    for company in project.companies:
        first = next(d for d in project.developments if d.company_id == company.id)
        assert first.text.startswith(company.name), company.name
        assert SEED_PHRASES[company.name] in first.text
        assert (first.date, first.source_id) == ("2024", seed.id)
        assert first.kind in ("technology", "product")
        assert company.segments


def test_company_facts_are_the_certain_ones(project):
    by_name = {c.name: c for c in project.companies}
    assert (by_name["Huace Film & TV"].headquarters, by_name["Huace Film & TV"].listing) == (
        "Hangzhou", "SZSE: 300133")
    assert by_name["Huayi Brothers Media Corporation"].listing == "SZSE: 300027"
    assert by_name["Hicon Network Technology"].listing == ""


def test_counts_of_the_qualitative_entities(project):
    kinds = [f.kind for f in project.factors]
    assert (kinds.count("driver"), kinds.count("challenge")) == (5, 5)
    assert len(project.trends) == 5
    assert sorted(f.id for f in project.forces) == sorted(FORCE_IDS)
    assert all(f.rationale for f in project.forces)
    assert len(project.key_questions) == 11
    (assessment,) = project.assessments
    assert assessment.name == "Technology assessment"
    assert assessment.dimension_id == "technology"
    assert [c.name for c in assessment.criteria] == [
        "Technology readiness", "Competitive intensity", "Regulatory burden",
        "Disruption potential"]
    assert len(assessment.cells) == 2 * 4
    assert {m for _c, m in assessment.cells} == {"short-video", "mini-program"}


def test_quantitative_key_questions_carry_live_figures(document):
    questions = {q.id: q for q in document.project.key_questions}
    assert "technology segments" in questions["q2"].question
    assert "regions" in questions["q3"].question
    assert all(q.answer for q in questions.values())
    for scenario_id in SCENARIOS:
        q2 = render_answer(questions["q2"].answer, document, scenario_id)
        q3 = render_answer(questions["q3"].answer, document, scenario_id)
        assert "fastest Mini Program Short Drama (" in q2 and "slowest Asia Pacific (" in q3
        assert "{{" not in q2 + q3 and "unknown figure" not in q2 + q3
    assert [q for q in questions if placeholders(questions[q].answer)] == ["q2", "q3"]


def test_every_entity_reference_points_at_something_that_exists(project):
    for collection in ENTITY_COLLECTIONS:
        for entity in getattr(project, collection):
            check_references(project, entity)
    ids = [e.id for c in ENTITY_COLLECTIONS for e in getattr(project, c)]
    assert len(ids) == len(set(ids))


# -- the document and its dump --------------------------------------------------------------


def test_sample_document_is_unmodified_and_projects_are_independent():
    document = sample_document()
    assert not document.is_modified and not document.can_undo
    first, second = sample_project(), sample_project()
    first.history[(TOTAL, 2024)] = 1.0
    first.companies.clear()
    assert second.history[(TOTAL, 2024)] != 1.0 and len(second.companies) == 8


def test_dump_is_stable_bytes():
    document = sample_document()
    once = dump_json(document)
    assert dump_json(document) == once
    assert dump_json(sample_document()) == once
    assert '"Internet Micro Drama Market"' in once
