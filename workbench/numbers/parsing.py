"""Numbers as a person types them, or as a spreadsheet copies them: the one reader.

Accepted, in a notation's separators ("." decimal and "," group unless localised):
"1,234.5", "-3.5", "−3.5" (a typographic minus), "(3.5)" (an accounting negative), ".5",
"1e3", "1.23e+15", spaces or apostrophes between digit groups, and a trailing "%"
("12 %" is the ratio 0.12). An empty text is "no number" (None).

The group separator must separate groups of three digits (or India's lakh and crore groups,
"1,23,45,678"). A lone "," or "." that
is not the notation's decimal separator and cannot be its group separator ("18,2" where
"." is the decimal) is ambiguous for a value (a decimal comma, or "18,200" cut short?) and
refused; for a percentage (a share, a growth rate, anything typed with "%") it can only be
a decimal separator, so it is read as one: "18,2 %" is 18.2 % whatever the locale.
Anything else raises `NumberError`, which each caller turns into one sentence naming the
cell.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cache

from workbench.numbers.formatting import PLAIN, Notation

_MINUSES = str.maketrans({"\u2212": "-", "\u2012": "-", "\u2013": "-", "\ufe63": "-"})
_SPACES = ("\u00a0", "\u202f", "\u2009", " ", "'", "\u2019")
"""Spaces and apostrophes (Swiss) between digit groups are dropped before reading."""


class NumberError(ValueError):
    """A text that is not a number; `too_large` when it is one beyond the float range."""

    def __init__(self, text: str, too_large: bool = False) -> None:
        super().__init__(f"{text!r} is {'too large a number' if too_large else 'not a number'}")
        self.text = text
        self.too_large = too_large


@dataclass(frozen=True)
class Reading:
    """A typed number: its value (a ratio when typed with "%") and whether "%" was typed."""

    value: float
    percent: bool


def read_number(
    text: str | None, notation: Notation = PLAIN, *, percentage: bool = False
) -> Reading | None:
    """The number in `text`, or None when it is empty.

    `percentage` says the field takes a percentage, which settles an ambiguous separator
    as a decimal one (see the module's note); the value is still returned as typed.
    """
    raw = (text or "").strip()
    if not raw:
        return None
    body = raw.translate(_MINUSES)
    for space in _SPACES:
        body = body.replace(space, "")
    typed_percent = body.endswith("%")
    body = body.removesuffix("%")
    if body.startswith("(") and body.endswith(")"):
        body = "-" + body[1:-1]
    digits = _digits(body, notation, percentage or typed_percent)
    if digits is None:
        raise NumberError(raw)
    try:
        value = float(digits)
    except ValueError:  # an exponent with no digits before it ("e5")
        raise NumberError(raw) from None
    if not math.isfinite(value):
        raise NumberError(raw, too_large=True)
    return Reading(value / 100.0 if typed_percent else value, typed_percent)


def read_percent(text: str | None, notation: Notation = PLAIN) -> float | None:
    """A percentage field: "12%", "12 %", "12,5" and a bare "12" all give a ratio."""
    reading = read_number(text, notation, percentage=True)
    if reading is None:
        return None
    return reading.value if reading.percent else reading.value / 100.0


# -- separators -----------------------------------------------------------------------------


def _digits(body: str, notation: Notation, percentage: bool) -> str | None:
    """`body` in Python's float syntax, or None when it is no number in `notation`."""
    strict, loose = _patterns(notation.decimal, notation.group)
    if strict.match(body):
        return body.replace(notation.group, "").replace(notation.decimal, ".")
    if percentage and loose.match(body):
        return body.replace(_foreign(notation.decimal), ".")
    return None


def _foreign(decimal: str) -> str:
    """The other of "." and ",": a decimal separator from the other half of the world."""
    return "," if decimal == "." else "."


@cache
def _patterns(decimal: str, group: str) -> tuple[re.Pattern, re.Pattern]:
    """(the notation's own syntax, the foreign separator used once as a decimal one)."""
    d, g, f = re.escape(decimal), re.escape(group), re.escape(_foreign(decimal))
    exponent = r"([eE][+-]?\d+)?"
    whole = rf"(\d{{1,3}}({g}\d{{3}})+|\d{{1,2}}({g}\d{{2}})+{g}\d{{3}}|\d+)"  # 1,234 1,23,456
    strict = re.compile(rf"^[+-]?{whole}?({d}\d+)?{exponent}$")
    loose = re.compile(rf"^[+-]?\d*{f}\d+{exponent}$")
    return strict, loose
