"""Properties: whatever is written reads back within its shown precision, and small values
keep at least three significant digits, in every notation."""

import math

from hypothesis import given
from hypothesis import strategies as st

from workbench.numbers import (
    Notation,
    amount,
    exact,
    number,
    percent,
    plain,
    read_number,
    read_percent,
)
from workbench.numbers.formatting import BASIS_POINT, HUGE, TINY

NOTATIONS = st.sampled_from(
    [Notation(), Notation(",", "."), Notation(",", "\u202f"), Notation(".", "'")]
)
MAGNITUDES = st.floats(min_value=TINY, max_value=1e300, allow_nan=False)
SIGNS = st.sampled_from([1.0, -1.0])


def half_unit(value: float, significant: int) -> float:
    """Half a unit in the `significant`-th significant digit of `value`."""
    return 0.5 * 10 ** (math.floor(math.log10(abs(value))) - significant + 1)


@given(MAGNITUDES, SIGNS, NOTATIONS)
def test_amounts_read_back_to_three_significant_digits_at_least(size, sign, notation):
    value = sign * size
    back = read_number(amount(value, notation=notation), notation).value
    assert abs(back - value) <= half_unit(value, 3) * (1 + 1e-9)


@given(st.floats(min_value=TINY, max_value=0.999, allow_nan=False), SIGNS)
def test_small_amounts_show_three_significant_digits(size, sign):
    text = amount(sign * size)
    assert "e" not in text
    assert abs(float(text) - sign * size) <= half_unit(size, 3) * (1 + 1e-9)


@given(MAGNITUDES, SIGNS, NOTATIONS, st.integers(min_value=3, max_value=8))
def test_numbers_in_sentences_read_back_to_their_digits(size, sign, notation, digits):
    value = sign * size
    back = read_number(number(value, digits, notation), notation).value
    assert abs(back - value) <= half_unit(value, digits) * (1 + 1e-9)


@given(st.floats(min_value=BASIS_POINT / 100, max_value=HUGE / 1000), SIGNS, NOTATIONS)
def test_percentages_read_back(size, sign, notation):
    ratio = sign * size
    back = read_percent(percent(ratio, notation=notation), notation)
    pct = abs(ratio) * 100
    allowed = half_unit(pct, 3) if pct < 1 else max(0.05, half_unit(pct, 3))
    assert abs(back - ratio) * 100 <= allowed * (1 + 1e-9)


@given(st.floats(min_value=-1e300, max_value=1e300), NOTATIONS)
def test_an_editor_starts_with_the_number_to_ten_digits(value, notation):
    back = read_number(plain(value, notation=notation), notation)
    if value == 0:
        assert back.value == 0
    else:
        assert abs(back.value - value) <= half_unit(value, 10) * (1 + 1e-9)


@given(st.floats(allow_nan=False, allow_infinity=False), NOTATIONS)
def test_an_exact_copy_reads_back_as_the_same_float(value, notation):
    assert read_number(exact(value, notation), notation).value == value


@given(st.floats(min_value=1e-300, max_value=TINY, exclude_max=True), SIGNS)
def test_values_below_a_millionth_are_scientific_and_still_exact_enough(size, sign):
    text = amount(sign * size)
    assert "e-" in text
    assert abs(float(text) - sign * size) <= half_unit(size, 3) * (1 + 1e-9)
