"""The user's locale on top of `workbench.numbers`: what every widget shows and reads.

Qt knows the desktop's decimal and group separators (`QLocale`); the rules (how many
digits, when scientific, what a typed text means) stay those of `workbench.numbers`, so a
German desktop shows "1.234,50" where the CLI prints "1,234.50", and both read back the
same number. The notation is read once: the desktop locale does not change while the app
runs (tests that switch it call `notation.cache_clear()`).
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QLocale

from workbench import numbers
from workbench.numbers import DASH, PLAIN, Notation, Reading

__all__ = [
    "DASH",
    "amount",
    "exact",
    "notation",
    "number",
    "percent",
    "plain",
    "plain_percent",
    "read_number",
    "read_percent",
]


@cache
def notation() -> Notation:
    """The default QLocale's separators; plain ones where Qt's are unusable."""
    locale = QLocale()
    try:
        return Notation(decimal=locale.decimalPoint(), group=locale.groupSeparator())
    except ValueError:  # a multi-character separator, or two equal ones
        return PLAIN


def amount(value: float | None, decimals: int = 2) -> str:
    return numbers.amount(value, decimals, notation())


def number(value: float | None, digits: int = 4) -> str:
    return numbers.number(value, digits, notation())


def percent(ratio: float | None, decimals: int = 1) -> str:
    return numbers.percent(ratio, decimals, notation())


def plain(value: float | None, digits: int = 10) -> str:
    return numbers.plain(value, digits, notation())


def exact(value: float | None) -> str:
    return numbers.exact(value, notation())


def plain_percent(ratio: float | None) -> str:
    return numbers.plain_percent(ratio, notation())


def read_number(text: str | None, percentage: bool = False) -> Reading | None:
    return numbers.read_number(text, notation(), percentage=percentage)


def read_percent(text: str | None) -> float | None:
    return numbers.read_percent(text, notation())
