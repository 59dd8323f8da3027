"""Measures: the volume edited through the same commands, kept apart from the value, and
the average price derived from both."""

import numpy as np
import pytest

from workbench.core.commands import Batch, SetGrowth, SetHistory, SetPin
from workbench.core.commands.measures import AddVolume, OnMeasure, RemoveVolume, SetVolumeUnit
from workbench.core.errors import ModelError
from workbench.core.fields import Field
from workbench.core.measures import PRICE, VALUE, VOLUME, PriceUnit, measures_of, price_unit, view
from workbench.core.project import Growth
from workbench.core.sample import sample_document


def with_volume(unit="million subscriptions", scale=3.0):
    """The value-only sample given a volume whose history is `scale` × the value's history."""
    document = sample_document(volume=False)
    document.execute(AddVolume(unit))
    history = [
        SetHistory(series, year, value * scale)
        for (series, year), value in document.project.history.items()
    ]
    document.execute(OnMeasure(VOLUME, Batch("Volume history", history)))
    return document


def test_the_price_unit_names_its_factor():
    document = with_volume()
    unit = price_unit(document.project)
    assert (unit.text, unit.factor) == ("USD per subscription", 1000.0)
    assert unit.explanation == "value ÷ volume × 1,000"
    document.execute(SetVolumeUnit("viewing hours"))  # no scale word: single hours
    assert price_unit(document.project) == PriceUnit("USD per viewing hour", 1e9)
    document.execute(SetVolumeUnit("thousand million episodes"))  # two scales: unreadable
    assert price_unit(document.project) == PriceUnit(
        "USD billions per thousand million episodes", 1.0
    )
    assert price_unit(document.project).explanation == "value ÷ volume"


def test_a_volume_edit_writes_the_volume_and_leaves_the_value_alone():
    document = with_volume()
    value_before = document.result("base")
    values = value_before.values.copy()
    change = document.execute(OnMeasure(VOLUME, SetHistory("tiktok", 2022, 9.0)))
    assert change.fields == {Field.VOLUME_HISTORY}
    assert document.project.volume.history[("tiktok", 2022)] == 9.0
    assert document.project.history[("tiktok", 2022)] != 9.0
    assert document.result("base") is value_before  # the value's forecast was kept
    np.testing.assert_array_equal(document.result("base").values, values)
    assert document.result("base", VOLUME).value("tiktok", 2022) == 9.0


def test_a_volume_growth_edit_forecasts_the_volume_by_the_same_rules():
    document = with_volume()
    document.execute(OnMeasure(VOLUME, SetGrowth("base", "total", Growth("cagr", 0.1))))
    volume = document.result("base", VOLUME)
    base = document.project.metadata.base_year
    total = document.project.volume.history[("total", base)]
    assert volume.value("total", base + 2) == pytest.approx(total * 1.1**2, rel=1e-12)
    # the same engine on the view: identical to computing the view directly
    from workbench.core.engine import compute_scenario

    direct = compute_scenario(view(document.project, VOLUME), "base")
    np.testing.assert_array_equal(direct.values, volume.values)


def test_price_is_value_over_volume_with_the_factor_everywhere():
    document = with_volume()
    document.execute(OnMeasure(VOLUME, SetPin("base", "tiktok", 2028, 40.0)))
    for scenario in document.project.scenarios:
        value = document.result(scenario.id).values
        volume = document.result(scenario.id, VOLUME).values
        price = document.result(scenario.id, PRICE).values
        usable = np.isfinite(volume) & (volume != 0)
        np.testing.assert_allclose(price[usable], 1000 * value[usable] / volume[usable],
                                   rtol=1e-12)
        assert np.isnan(price[~usable]).all()


def test_price_is_blank_where_the_volume_is_zero_or_blank():
    document = with_volume()
    document.execute(OnMeasure(VOLUME, SetHistory("tiktok", 2020, 0.0)))
    document.execute(OnMeasure(VOLUME, SetHistory("tiktok", 2021, None)))
    price = document.result("base", PRICE)
    assert np.isnan(price.value("tiktok", 2020)) and np.isnan(price.value("tiktok", 2021))
    assert price.value("tiktok", 2022) == pytest.approx(1000 / 3, rel=1e-12)


def test_the_price_cannot_be_typed():
    document = with_volume()
    with pytest.raises(ModelError, match="value ÷ volume"):
        document.execute(OnMeasure(PRICE, SetHistory("tiktok", 2022, 1.0)))


def test_adding_and_removing_the_volume_are_undoable_edits():
    document = sample_document(volume=False)
    assert measures_of(document.project) == (VALUE,)
    with pytest.raises(ModelError, match="no volume measure"):
        document.execute(OnMeasure(VOLUME, SetHistory("tiktok", 2022, 1.0)))
    document = with_volume()
    before = document.project.copy()
    assert measures_of(document.project) == (VALUE, VOLUME, PRICE)
    document.execute(RemoveVolume())
    assert document.project.volume is None
    with pytest.raises(ModelError, match="no volume measure"):
        document.result("base", VOLUME)
    document.undo()
    assert document.project == before
    assert document.result("base", VOLUME).value("tiktok", 2022) == pytest.approx(
        3 * document.project.history[("tiktok", 2022)]
    )


def test_undo_of_a_volume_edit_restores_it_bit_for_bit():
    document = with_volume()
    before = document.project.copy()
    volume_before = document.result("base", VOLUME).values.copy()
    document.execute(OnMeasure(VOLUME, SetPin("base", "tiktok", 2027, 12.5)))
    assert document.result("base", VOLUME).value("tiktok", 2027) == 12.5
    document.undo()
    assert document.project == before
    np.testing.assert_array_equal(document.result("base", VOLUME).values, volume_before)
    document.redo()
    assert document.project.volume.pins[("base", "tiktok", 2027)] == 12.5
    assert ("base", "tiktok", 2027) not in document.project.pins


def test_a_failed_volume_edit_changes_nothing():
    document = with_volume()
    before = document.project.copy()
    bad = Batch("Two", [SetHistory("tiktok", 2022, 5.0), SetHistory("nobody", 2022, 1.0)])
    with pytest.raises(ModelError):
        document.execute(OnMeasure(VOLUME, bad))
    assert document.project == before
