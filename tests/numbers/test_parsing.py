"""The one reader of typed numbers: what it takes, what it refuses, in which locale."""

import pytest

from workbench.numbers import Notation, NumberError, Reading, read_number, read_percent

GERMAN = Notation(decimal=",", group=".")
FRENCH = Notation(decimal=",", group="\u202f")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1,234.5", 1234.5),
        ("−3.5", -3.5),
        ("(3.5)", -3.5),
        ("1\u00a0234.5", 1234.5),
        (".5", 0.5),
        ("1e3", 1000.0),
        ("1.23e+15", 1.23e15),
        ("+7", 7.0),
    ],
)
def test_values(text, value):
    assert read_number(text) == Reading(value, False)


def test_empty_is_no_number():
    assert read_number("") is None and read_number("  ") is None and read_number(None) is None
    assert read_percent("") is None


@pytest.mark.parametrize(
    "text", ["abc", "1,23", "18,2", "12..5", "1,2345", "%", "()", "inf", "nan", "e5", "1.2.3"]
)
def test_anything_else_is_refused(text):
    with pytest.raises(NumberError, match="not a number"):
        read_number(text)


def test_a_number_past_the_float_range_is_refused_as_too_large():
    with pytest.raises(NumberError, match="too large") as caught:
        read_number("1e999")
    assert caught.value.too_large


def test_a_percent_sign_gives_a_ratio():
    assert read_number("12 %") == Reading(pytest.approx(0.12), True)
    assert read_number("−3.5%") == Reading(pytest.approx(-0.035), True)


@pytest.mark.parametrize(
    ("text", "ratio"),
    [("18.2", 0.182), ("18,2", 0.182), ("18,2 %", 0.182), ("12%", 0.12), ("1,500 %", 15.0),
     ("0.5", 0.005), ("-3", -0.03)],
)
def test_a_percentage_field_reads_a_decimal_comma(text, ratio):
    """"18,2" cannot be a thousands group, and a percentage is rarely typed in thousands."""
    assert read_percent(text) == pytest.approx(ratio)


def test_a_percent_typed_into_a_value_field_also_reads_a_decimal_comma():
    assert read_number("18,2 %") == Reading(pytest.approx(0.182), True)


@pytest.mark.parametrize(
    ("notation", "text", "value"),
    [
        (GERMAN, "1.234,5", 1234.5),
        (GERMAN, "1,23", 1.23),
        (GERMAN, "1234,5", 1234.5),
        (FRENCH, "1\u202f234,5", 1234.5),
        (FRENCH, "1 234,5", 1234.5),
    ],
)
def test_values_in_a_locale(notation, text, value):
    assert read_number(text, notation) == Reading(value, False)


def test_a_locale_reads_the_other_decimal_point_only_where_unambiguous():
    assert read_percent("18.2", GERMAN) == pytest.approx(0.182)
    assert read_percent("18.2 %", FRENCH) == pytest.approx(0.182)
    with pytest.raises(NumberError):
        read_number("1.5", GERMAN)  # 1.5, or 1.500 cut short?
    assert read_number("1.500", GERMAN) == Reading(1500.0, False)
