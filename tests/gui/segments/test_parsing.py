"""Numbers as people type them, and everything else refused with a sentence."""

import pytest

from workbench.core.errors import ModelError
from workbench.gui.segments.parsing import read_cell, read_rate, read_value


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1,234.5", 1234.5),
        ("−3.5", -3.5),
        ("-3.5", -3.5),
        ("(3.5)", -3.5),
        (" 7 ", 7.0),
        ("1\u00a0234.5", 1234.5),
        (".5", 0.5),
        ("1e3", 1000.0),
        ("", None),
        ("   ", None),
    ],
)
def test_values(text, expected):
    assert read_value(text, "A, 2021") == expected


@pytest.mark.parametrize(("text", "expected"), [("12%", 0.12), ("12 %", 0.12), ("12", 0.12),
                                                ("−3.5 %", -0.035), ("0.5", 0.005)])
def test_rates(text, expected):
    assert read_rate(text, "A, Rate") == pytest.approx(expected)


def test_percent_is_flagged():
    assert read_cell("12 %", "x") == (pytest.approx(0.12), True)
    assert read_cell("12", "x") == (12.0, False)


@pytest.mark.parametrize("text", ["abc", "1,23", "12..5", "1 2 3 a", "%", "()", "inf", "nan"])
def test_anything_else_is_refused_naming_the_cell(text):
    with pytest.raises(ModelError, match="Alpha, 2021"):
        read_value(text, "Alpha, 2021")


def test_a_percentage_is_no_value():
    with pytest.raises(ModelError, match="percentage"):
        read_value("12 %", "Alpha, 2021")
