"""Spreadsheet precision: 15 significant digits, the last one rounded either way."""

import pytest

from workbench.excel.precision import same_number


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (0.8044909897059225, 0.804490989705923),  # LibreOffice rounds the 15th digit up
        (0.8044909897059225, 0.804490989705922),
        (123456.78901234567, 123456.789012346),
        (-2.5e-7, -2.50000000000001e-7),
        (0.0, 0.0),
        (None, None),
    ],
)
def test_numbers_equal_to_fifteen_digits_are_the_same(a, b):
    assert same_number(a, b) and same_number(b, a)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (0.804490989705922, 0.804490989705924),  # two units of the 15th digit: a change
        (1.0, 1.00000000000002),
        (0.0, 1e-300),
        (1.0, None),
        (float("inf"), 1e308),
        (float("nan"), float("nan")),
    ],
)
def test_a_visible_difference_is_a_change(a, b):
    assert not same_number(a, b) and not same_number(b, a)
