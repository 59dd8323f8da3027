"""Numbers written for people: hand-worked examples of every shape and edge."""

import math

import pytest

from workbench.numbers import DASH, Notation, amount, money, number, percent, plain, points
from workbench.numbers.formatting import plain_percent

GERMAN = Notation(decimal=",", group=".")
FRENCH = Notation(decimal=",", group="\u202f")


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (1234.5, "1,234.50"),
        (16.5, "16.50"),
        (0.5, "0.50"),
        (0.004, "0.004"),
        (0.0041234, "0.00412"),
        (-0.0123456, "-0.0123"),
        (0.000001, "0.000001"),
        (0.0, "0.00"),
        (-0.001, "-0.001"),
        (-1e-3 / 3, "-0.000333"),
        (12345678.9, "12,345,678.90"),
        (1e15, "1.00e+15"),
        (-1.2345e300, "-1.23e+300"),
        (3.5e-9, "3.50e-09"),
        (math.nan, DASH),
        (math.inf, DASH),
        (None, DASH),
    ],
)
def test_amounts_show_small_values_and_stay_short(value, text):
    assert amount(value) == text


def test_an_amount_that_rounds_to_zero_has_no_sign():
    assert amount(-0.0) == "0.00"
    assert amount(-0.004, decimals=0) == "-0.004"
    assert amount(-0.4, decimals=0) == "-0.4"


def test_no_three_hundred_digit_strings():
    assert len(amount(1e300)) < 12 and len(number(-1e300)) < 12
    assert len(percent(1e300)) < 14 and len(points(1e300)) < 15


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (9.91, "9.91"),
        (12345.6, "12,346"),
        (0.00123456, "0.001235"),
        (110.0, "110"),
        (0.98214, "0.9821"),
        (-0.00004, "-0.00004"),
        (2.5e-8, "2.5e-08"),
        (4e20, "4e+20"),
        (0.0, "0"),
        (math.nan, DASH),
    ],
)
def test_numbers_in_sentences(value, text):
    assert number(value) == text


@pytest.mark.parametrize(
    ("ratio", "text"),
    [
        (0.2412, "24.1 %"),
        (0.1, "10.0 %"),
        (-0.022, "-2.2 %"),
        (0.005, "0.5 %"),
        (0.00123, "0.123 %"),
        (0.000412, "0.0412 %"),
        (0.0000412, "0.0 %"),  # below a basis point (0.01 %): zero
        (0.0001, "0.01 %"),
        (-0.00001, "0.0 %"),  # below a basis point: zero, unsigned
        (2.6766, "267.7 %"),
        (math.nan, DASH),
    ],
)
def test_percentages(ratio, text):
    assert percent(ratio) == text


def test_whole_percentages_and_points():
    assert percent(1.31, decimals=0) == "131 %"
    assert points(0.031) == "+3.1 pp"
    assert points(-0.0834) == "-8.3 pp"
    assert points(-0.00001) == "+0.0 pp"
    assert points(0.0005) == "+0.05 pp"


def test_money_says_its_unit_as_a_sentence_does():
    assert money(2.551, "USD billions") == "USD 2.551 billion"
    assert money(1234.56, "EUR millions", notation=GERMAN) == "EUR 1.235 million"
    assert money(12.5, "million subscribers") == "12.5 million subscribers"
    assert money(3.0, "usd billions") == "3 usd billions"  # not a currency code
    assert money(math.nan, "USD billions") == DASH
    assert money(2.0, "") == "2"


def test_a_price_is_said_in_cents_with_its_currency_first():
    assert money(3.4, "USD per subscription") == "USD 3.40 per subscription"
    assert money(2953.126, "USD per paid episode") == "USD 2,953.13 per paid episode"
    assert money(0.0041, "USD per viewing hour") == "USD 0.0041 per viewing hour"
    assert money(1234.5, "EUR per subscription", notation=GERMAN) == "EUR 1.234,50 per subscription"
    assert money(3.4, "USD billions per million subscriptions") == (
        "3.4 USD billions per million subscriptions"  # no readable factor: the plain ratio
    )


def test_editor_text_is_exact_and_ungrouped():
    assert plain(1234.5) == "1234.5"
    assert plain(1 / 3) == "0.3333333333"
    assert plain(1 / 3, 6) == "0.333333"
    assert plain(math.nan) == ""
    assert plain_percent(0.125) == "12.5 %"
    assert plain_percent(None) == ""


def test_a_locale_changes_only_the_separators():
    assert amount(1234567.891, notation=GERMAN) == "1.234.567,89"
    assert amount(1234.5, notation=FRENCH) == "1\u202f234,50"
    assert number(0.9821, notation=GERMAN) == "0,9821"
    assert percent(0.182, notation=GERMAN) == "18,2 %"
    assert amount(2e16, notation=GERMAN) == "2,00e+16"
    assert plain(1234.5, notation=GERMAN) == "1234,5"


def test_a_notation_needs_two_different_separators():
    with pytest.raises(ValueError, match="unusable"):
        Notation(decimal=",", group=",")
