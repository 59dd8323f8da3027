"""The inspector's words for volume and price cells, on a project small enough to check by
hand.

History 2021–2022, forecast 2023–2024, Technology (Alpha, Beta). Value (USD billions):
total 2.55 = Alpha 1.5 + Beta 1.05, the total growing 10 %. Volume (million
subscriptions): total 797 = Alpha 500 + Beta 297, the total growing 5 %, cited to CNSA in
2022. The price is 1,000 × value ÷ volume, in USD per subscription: 2022 total
2,550 ÷ 797 = 3.1995…; 2023 total 2.805 ÷ 836.85 × 1,000 = 3.3518….
"""

import pytest

from workbench.core.commands import SetHold, SetNote, SetPin
from workbench.core.commands.measures import OnMeasure
from workbench.core.document import Document
from workbench.core.entities import Source
from workbench.core.explain import CellInfo, explain_cell
from workbench.core.measures import PRICE, VALUE, VOLUME
from workbench.core.project import (
    TOTAL,
    Dimension,
    Growth,
    MeasureInputs,
    Member,
    Metadata,
    Project,
    Scenario,
)


@pytest.fixture
def document() -> Document:
    tech = Dimension("tech", "Technology", (Member("a", "Alpha"), Member("b", "Beta")))
    p = Project(Metadata("Tiny", 2021, 2022, 2024), [tech], [Scenario("base", "Base")])
    p.volume = MeasureInputs("million subscriptions")
    for year in (2021, 2022):
        p.history.update({(TOTAL, year): 2.55, ("a", year): 1.5, ("b", year): 1.05})
        p.volume.history.update({(TOTAL, year): 797.0, ("a", year): 500.0, ("b", year): 297.0})
    p.growth[("base", TOTAL)] = Growth("cagr", 0.1)
    p.volume.growth[("base", TOTAL)] = Growth("cagr", 0.05)
    p.sources.append(Source("cnsa", "CNSA", "White Paper", "2024"))
    p.volume.history_sources[(TOTAL, 2022)] = "cnsa"
    return Document(p)


def test_a_price_cell_shows_its_division_with_both_numbers_and_the_factor(document):
    assert explain_cell(document, "base", TOTAL, 2022, PRICE) == CellInfo(
        "computed",
        False,
        None,
        "",
        "USD 3.199 per subscription = 2.55 USD billions ÷ 797 million subscriptions × 1,000",
        "USD per subscription",
    )
    assert explain_cell(document, "base", TOTAL, 2023, PRICE).formula == (
        "USD 3.352 per subscription = 2.805 USD billions ÷ 836.9 million subscriptions × 1,000"
    )


def test_a_price_is_blank_where_the_volume_is_zero_or_blank(document):
    volume = document.project.volume.history  # as a file could hold it, before any forecast
    volume[("b", 2021)] = 0.0
    del volume[("a", 2021)]
    zero = explain_cell(document, "base", "b", 2021, PRICE)
    assert (zero.state, zero.formula) == (
        "blank", "Blank: the volume is 0 in 2021, so no average price"
    )
    blank = explain_cell(document, "base", "a", 2021, PRICE)
    assert blank.formula == "Blank: no volume for 2021, so no average price"


def test_a_volume_cell_is_explained_as_a_value_cell_from_the_volume_s_inputs(document):
    info = explain_cell(document, "base", TOTAL, 2023, VOLUME)
    assert (info.state, info.formula, info.unit) == (
        "computed", "2023 = 2022 × (1 + 5.0 %) (CAGR)", "million subscriptions"
    )
    assert explain_cell(document, "base", TOTAL, 2023).formula == (
        "2023 = 2022 × (1 + 10.0 %) (CAGR)"
    )
    history = explain_cell(document, "base", TOTAL, 2022, VOLUME)
    assert history.formula == "Input (history), source: CNSA, White Paper, 2024"
    assert explain_cell(document, "base", TOTAL, 2022).formula == "Input (history), no source"


def test_a_volume_pin_hold_and_note_belong_to_the_volume_s_cell_only(document):
    document.execute(OnMeasure(VOLUME, SetPin("base", "a", 2024, 600.0)))
    document.execute(OnMeasure(VOLUME, SetHold("b", 2023, True)))
    document.execute(OnMeasure(VOLUME, SetNote("base", "a", 2024, "Platform filings")))
    pinned = explain_cell(document, "base", "a", 2024, VOLUME)
    assert (pinned.state, pinned.note) == ("pinned", "Platform filings")
    assert pinned.formula.startswith("Pinned at 600 (replaces the CAGR)")
    assert explain_cell(document, "base", "b", 2023, VOLUME).held
    value = explain_cell(document, "base", "a", 2024, VALUE)
    assert (value.state, value.note, value.unit) == ("computed", "", "USD billions")
    assert not explain_cell(document, "base", "b", 2023, VALUE).held
