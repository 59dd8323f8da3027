"""Cell states and formulas in words, on a project small enough to check by hand.

History 2020–2022 (base 100 = Alpha 60 + Beta 40), forecast 2023–2024. The total grows
10 %, Alpha 20 %, Beta 0 %: in 2023 the segments project 72 + 40 = 112 against a total
of 110, so reconciliation scales them by 110 / 112 = 0.98214…
"""

import pytest

from workbench.core.commands import SetGrowth, SetHold, SetMode, SetNote, SetPin
from workbench.core.document import Document
from workbench.core.entities import Source
from workbench.core.errors import ModelError
from workbench.core.explain import STATES, CellInfo, cell_state, cell_states, explain_cell
from workbench.core.project import TOTAL, Dimension, Growth, Member, Metadata, Project, Scenario


@pytest.fixture
def document() -> Document:
    tech = Dimension("tech", "Technology", (Member("a", "Alpha"), Member("b", "Beta")))
    p = Project(Metadata("Tiny", 2020, 2022, 2024), [tech], [Scenario("base", "Base")])
    for series_id, value in {TOTAL: 100.0, "a": 60.0, "b": 40.0}.items():
        for year in (2021, 2022):
            p.history[(series_id, year)] = value
    p.growth[("base", TOTAL)] = Growth("cagr", 0.1)
    p.growth[("base", "a")] = Growth("cagr", 0.2)
    p.sources.append(Source("cnsa", "CNSA", "White Paper", "2024"))
    p.history_sources[(TOTAL, 2022)] = "cnsa"
    return Document(p)


def formula(document: Document, series_id: str, year: int) -> str:
    return explain_cell(document, "base", series_id, year).formula


def test_a_history_input_shows_its_source(document):
    info = explain_cell(document, "base", TOTAL, 2022)
    assert info == CellInfo(
        "input",
        False,
        document.project.sources[0],
        "",
        "Input (history), source: CNSA, White Paper, 2024",
        "USD billions",
    )
    assert formula(document, "a", 2022) == "Input (history), no source"


def test_a_blank_history_cell(document):
    assert cell_state(document.project, "base", "a", 2020) == "blank"
    assert formula(document, "a", 2020) == "Blank: no history value typed"


def test_a_cagr_cell_and_its_reconciliation(document):
    assert cell_state(document.project, "base", "a", 2023) == "computed"
    assert formula(document, TOTAL, 2023) == "2023 = 2022 × (1 + 10.0 %) (CAGR)"
    assert formula(document, "a", 2023) == (
        "2023 = 2022 × (1 + 20.0 %) (CAGR), then reconciled: × 0.9821 so Technology meets "
        "the total 110"
    )


def test_no_reconciliation_is_mentioned_when_the_segments_already_add_up(document):
    document.execute(SetGrowth("base", "a", Growth("cagr", 0.1)))
    document.execute(SetGrowth("base", "b", Growth("cagr", 0.1)))
    assert formula(document, "b", 2024) == "2024 = 2023 × (1 + 10.0 %) (CAGR)"


def test_a_pinned_cell(document):
    document.execute(SetPin("base", "a", 2023, 66.0))  # Beta (40) takes 110 − 66: × 1.1
    assert cell_state(document.project, "base", "a", 2023) == "pinned"
    assert formula(document, "a", 2023) == (
        "Pinned at 66 (replaces the CAGR); shown exactly (pinned or held: reconciliation "
        "scales only the free segments)"
    )
    assert formula(document, "b", 2023).endswith(
        ", then reconciled: × 1.1 so Technology meets the total 110"
    )


def test_growth_by_year_with_and_without_a_rate(document):
    document.execute(SetGrowth("base", "b", Growth("growth_by_year", rates={2023: 0.05})))
    assert formula(document, "b", 2023).startswith("2023 = 2022 × (1 + 5.0 %) (growth by year),")
    assert formula(document, "b", 2024).startswith(
        "2024 = 2023 × (1 + 0.0 %) (growth by year; no rate typed),"
    )


def test_an_s_curve_cell_names_its_parameters(document):
    document.execute(SetGrowth("base", "b", Growth("s_curve", k=100.0, r=0.35)))
    assert formula(document, "b", 2024).startswith(
        "S-curve: K / (1 + ((K − v0)/v0)·e^(−r·t)) with K = 100, r = 0.35, t = 2, v0 = 40, "
        "then reconciled: × "
    )


def test_manual_values_are_inputs_or_blanks(document):
    document.execute(SetGrowth("base", "b", Growth("manual", values={2023: 41.0})))
    assert cell_state(document.project, "base", "b", 2023) == "input"
    assert cell_state(document.project, "base", "b", 2024) == "blank"
    assert formula(document, "b", 2023).startswith("Typed (manual method), then reconciled")
    assert formula(document, "b", 2024).startswith("Blank: no value typed (manual)")


def test_segments_adding_up_to_zero_say_reconciliation_is_impossible(document):
    zero = Growth("manual", values={2023: 0.0, 2024: 0.0})
    document.execute(SetGrowth("base", "a", zero))
    document.execute(SetGrowth("base", "b", zero))
    assert formula(document, "a", 2023) == (
        "Typed (manual method); not reconciled: the free segments add up to 0, so there is "
        "nothing to scale"
    )


def test_bottom_up_total_is_the_sum_of_the_primary_dimension(document):
    document.execute(SetMode("bottom_up", "tech"))
    assert cell_state(document.project, "base", TOTAL, 2023) == "computed"
    assert formula(document, TOTAL, 2023) == "2023 = sum of the Technology segments (bottom-up)"
    assert formula(document, "a", 2023) == "2023 = 2022 × (1 + 20.0 %) (CAGR)"


def test_a_held_cell_keeps_its_underlying_state_and_note(document):
    document.execute(SetHold("a", 2022, True))
    document.execute(SetNote("", "a", 2022, "Checked against the filing."))
    assert cell_state(document.project, "base", "a", 2022) == "held"
    info = explain_cell(document, "base", "a", 2022)
    assert (info.state, info.held, info.note) == ("input", True, "Checked against the filing.")


@pytest.mark.parametrize(
    "scenario_id, series_id, year, message",
    [
        ("nope", "a", 2023, "no scenario"),
        ("base", "ghost", 2023, "no segment"),
        ("base", "a", 2030, "outside the project's years"),
    ],
)
def test_unknown_cells_are_refused(document, scenario_id, series_id, year, message):
    with pytest.raises(ModelError, match=message):
        explain_cell(document, scenario_id, series_id, year)
    with pytest.raises(ModelError, match=message):
        cell_state(document.project, scenario_id, series_id, year)


def test_cell_states_of_a_block_agree_with_cell_state_cell_by_cell(document):
    document.execute(SetPin("base", "a", 2023, 66.0))
    document.execute(SetHold("b", 2022, True))
    document.execute(SetGrowth("base", "b", Growth("manual", values={2024: 41.0})))
    p = document.project
    series, years = p.series_ids(), list(p.metadata.years)
    codes = cell_states(p, "base", series, years)
    assert [[STATES[c] for c in row] for row in codes] == [
        [cell_state(p, "base", s, y) for y in years] for s in series
    ]
    assert STATES[cell_states(p, "base", ["b"], [2022], with_holds=False)[0, 0]] == "input"
    with pytest.raises(ModelError, match="no segment"):
        cell_states(p, "base", ["ghost"], years)
