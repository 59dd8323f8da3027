"""The dump and the tidy frame with every measure: a value-only project is exactly what it
was; a volume adds its inputs, its forecast and the prices, in a stable order.

The sample's volume is its value history × 300 in million subscriptions (USD billions ÷
million subscriptions: prices in USD per subscription, factor 1,000), with one volume pin,
one hold and one note so that every kind of input is in the dump.
"""

import json

import numpy as np
import pandas as pd
import pytest

from workbench.core.commands import Batch, SetHistory, SetHold, SetNote, SetPin
from workbench.core.commands.measures import AddVolume, OnMeasure
from workbench.core.document import Document
from workbench.core.dump import dump, dump_json
from workbench.core.measures import PRICE, VALUE, VOLUME
from workbench.core.sample import sample_document
from workbench.core.tidy import COLUMNS, tidy

VALUE_KEYS = [
    "format", "version", "metadata", "mode", "primary_dimension", "dimensions", "scenarios",
    "history", "history_sources", "holds", "notes", "assumptions", "pins", "pin_marks",
    "sources", "companies", "developments", "factors", "trends", "forces", "assessments",
    "key_questions", "forecast",
]  # fmt: skip


@pytest.fixture
def document() -> Document:
    document = sample_document(volume=False)
    document.execute(AddVolume("million subscriptions"))
    history = [SetHistory(s, y, v * 300) for (s, y), v in document.project.history.items()]
    edits = [
        *history,
        SetPin("base", "tiktok", 2028, 400.0),
        SetHold("kwai", 2027, True),
        SetNote("base", "tiktok", 2028, "Analyst assumption: paid share"),
    ]
    document.execute(OnMeasure(VOLUME, Batch("Volume", edits)))
    return document


def value_only(document: Document) -> Document:
    project = document.project.copy()
    project.volume = None
    return Document(project)


def test_a_value_only_project_dumps_exactly_the_keys_it_always_had(document):
    assert list(dump(value_only(document))) == VALUE_KEYS


def test_a_volume_adds_its_part_at_the_end_and_leaves_the_value_s_bytes_alone(document):
    data = dump(document)
    assert list(data) == [*VALUE_KEYS, VOLUME, PRICE]
    del data[VOLUME], data[PRICE]
    assert json.dumps(data, ensure_ascii=False, indent=1) + "\n" == dump_json(value_only(document))


def test_the_volume_s_inputs_and_forecast_are_dumped_in_the_value_s_layout(document):
    volume = dump(document)[VOLUME]
    assert list(volume) == [
        "unit", "history", "history_sources", "holds", "notes", "assumptions", "pins",
        "pin_marks", "forecast",
    ]  # fmt: skip
    assert volume["unit"] == "million subscriptions"
    value_history = dump(document)["history"]
    assert volume["history"]["tiktok"]["2022"] == pytest.approx(
        300 * value_history["tiktok"]["2022"], rel=1e-15
    )
    assert volume["pins"]["base"]["tiktok"]["2028"] == 400.0
    assert "base" in volume["pin_marks"] and ["kwai", 2027] in volume["holds"]
    assert volume["notes"]["base"]["tiktok"]["2028"] == "Analyst assumption: paid share"
    shown = document.result("base", VOLUME)
    assert volume["forecast"]["base"]["values"]["tiktok"] == shown.series_values("tiktok").tolist()
    assert set(volume["forecast"]["base"]["gaps"]) == {d.id for d in document.project.dimensions}


def test_prices_are_dumped_with_their_unit_and_factor(document):
    price = dump(document)[PRICE]
    assert (price["unit"], price["factor"]) == ("USD per subscription", 1000.0)
    for scenario_id, part in price["forecast"].items():
        assert list(part) == ["values"]
        value, volume = document.result(scenario_id), document.result(scenario_id, VOLUME)
        for series_id, numbers in part["values"].items():
            expected = 1000 * value.series_values(series_id) / volume.series_values(series_id)
            np.testing.assert_allclose(np.array(numbers, dtype=float), expected, rtol=1e-12)


def test_the_dump_does_not_depend_on_the_order_inputs_were_typed(document):
    before = dump_json(document)
    volume = document.project.volume
    volume.history = dict(reversed(volume.history.items()))
    volume.pins = dict(reversed(volume.pins.items()))
    assert dump_json(Document(document.project)) == before


def test_tidy_has_every_measure_value_first(document):
    df = tidy(document)
    assert list(df.columns) == COLUMNS and COLUMNS[0] == "measure"
    assert list(dict.fromkeys(df.measure)) == [VALUE, VOLUME, PRICE]
    old = tidy(value_only(document))
    assert (old.measure == VALUE).all()
    pd.testing.assert_frame_equal(
        df[df.measure == VALUE].drop(columns="measure"), old.drop(columns="measure")
    )


def test_tidy_s_volume_and_price_rows_are_the_engine_s(document):
    df = tidy(document)
    for measure in (VOLUME, PRICE):
        for scenario_id, result in document.results(measure).items():
            rows = df[(df.measure == measure) & (df.scenario == scenario_id)]
            np.testing.assert_array_equal(rows.value.to_numpy(), result.values.ravel())
    volume = df[df.measure == VOLUME]
    pinned = volume[(volume.scenario == "base") & (volume.series == "tiktok")]
    assert pinned[pinned.year == 2028].kind.item() == "pinned"
    value = df[(df.measure == VALUE) & (df.scenario == "base") & (df.series == "tiktok")]
    assert value[value.year == 2028].kind.item() == "computed"
    assert set(df[df.measure == PRICE].kind) == {"computed"}
