"""The tidy DataFrame: its shape, its values against the engine's, and the kind of each cell."""

import numpy as np
import pandas as pd
import pytest

from tests.benchmarks.synthetic import synthetic_project
from workbench.core.commands import SetGrowth, SetMode, SetPin
from workbench.core.document import Document
from workbench.core.project import TOTAL, Dimension, Growth, Member, Metadata, Project, Scenario
from workbench.core.tidy import COLUMNS, tidy


@pytest.fixture
def document() -> Document:
    tech = Dimension("tech", "Technology", (Member("a", "Alpha"), Member("b", "Beta")))
    p = Project(
        Metadata("Tiny", 2020, 2022, 2024),
        [tech],
        [Scenario("base", "Base"), Scenario("high", "High")],
    )
    for series_id, value in {TOTAL: 100.0, "a": 60.0, "b": 40.0}.items():
        for year in (2021, 2022):
            p.history[(series_id, year)] = value
    p.growth[("base", TOTAL)] = Growth("cagr", 0.1)
    p.growth[("high", TOTAL)] = Growth("cagr", 0.3)
    p.growth[("base", "a")] = Growth("cagr", 0.2)
    return Document(p)


def cell(df: pd.DataFrame, scenario: str, series: str, year: int) -> pd.Series:
    [row] = df[(df.scenario == scenario) & (df.series == series) & (df.year == year)].index
    return df.loc[row]


def test_one_row_per_scenario_series_and_year(document):
    df = tidy(document)
    assert list(df.columns) == COLUMNS
    assert len(df) == 2 * 3 * 5
    assert not df.duplicated(["scenario", "series", "year"]).any()
    assert df.year.dtype == np.int64 and df.value.dtype == np.float64


def test_values_are_the_reconciled_values_of_each_scenario(document):
    df = tidy(document)
    for scenario_id, result in document.results().items():
        part = df[df.scenario == scenario_id]
        np.testing.assert_array_equal(part.value.to_numpy(), result.values.ravel())
    # By hand: Alpha 2023 in Base = 72 / (72 + 40) × 110.
    assert cell(df, "base", "a", 2023).value == pytest.approx(72 / 112 * 110, rel=1e-12)


def test_history_repeats_in_every_scenario_as_input(document):
    df = tidy(document)
    history = df[df.year <= 2022]
    assert set(history.kind) == {"input"}
    base = history[history.scenario == "base"].value.to_numpy()
    high = history[history.scenario == "high"].value.to_numpy()
    np.testing.assert_array_equal(base, high)  # blanks (2020) included, as NaN
    assert np.isnan(cell(df, "high", "a", 2020).value)


def test_kinds_of_forecast_cells(document):
    document.execute(SetPin("base", "a", 2024, 70.0))
    document.execute(SetGrowth("base", "b", Growth("manual", values={2023: 41.0, 2024: 42.0})))
    df = tidy(document)
    assert cell(df, "base", "a", 2024).kind == "pinned"
    assert cell(df, "base", "a", 2023).kind == "computed"
    assert cell(df, "base", "b", 2023).kind == "input"
    assert cell(df, "high", "b", 2023).kind == "computed"


def test_the_bottom_up_total_is_computed(document):
    document.execute(SetGrowth("base", TOTAL, Growth("manual", values={2023: 1.0, 2024: 2.0})))
    document.execute(SetMode("bottom_up", "tech"))
    df = tidy(document)
    total = cell(df, "base", TOTAL, 2024)
    assert total.kind == "computed"
    assert total.value == pytest.approx(60 * 1.2**2 + 40)


def test_dimension_is_missing_for_the_total_only(document):
    df = tidy(document)
    assert df[df.series == TOTAL].dimension.isna().all()
    assert set(df[df.series != TOTAL].dimension) == {"tech"}


def test_the_synthetic_project_matches_the_engine_cell_for_cell():
    document = Document(
        synthetic_project(dimensions=3, members=20, scenarios=3, companies=0, developments=0)
    )
    df = tidy(document)
    values = np.concatenate([r.values.ravel() for r in document.results().values()])
    np.testing.assert_array_equal(df.value.to_numpy(), values)
    pinned = df[df.kind == "pinned"]
    assert len(pinned) == len(document.project.pins)
