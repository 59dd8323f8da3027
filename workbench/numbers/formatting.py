"""Numbers as text for every output: tables, charts, the CLI, insights, workbook labels.

Three shapes, one set of rules (docs/numbers.md):

- `amount`: a market value in a table or a card: two decimals, thousands separated, and
  more decimals for a value below 1 so that at least three significant digits show
  (0.004 is "0.004", never "0.00").
- `number`: a figure inside a sentence (insights, formulas in words, validation): a fixed
  count of significant digits, trailing zeros dropped ("9.91", "12,346", "0.001235").
- `percent` / `points`: a ratio as a percentage (0.2412 → "24.1 %") or a change of shares
  in percentage points ("+3.1 pp"); below one percent more decimals show, down to a
  hundredth of a percent (a basis point), under which a percentage reads as zero.

Beyond the range a person reads digit by digit (a thousand trillion and up, or below a
millionth) values are written in scientific notation ("1.23e+15"), so no output holds a
300-digit string. Every form is read back by `workbench.numbers.parsing` within its shown
precision. The separators come from a `Notation`: plain "." and "," for the CLI, files and
sentences; the GUI passes the user's locale.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

DASH = "–"
"""What a blank (no number, NaN) shows as."""

HUGE = 1e15
"""From this magnitude on, values are written in scientific notation."""
TINY = 1e-6
"""Below this magnitude (and above zero), values are written in scientific notation."""
SIGNIFICANT = 3
"""Significant digits a small amount or percentage keeps at least."""
BASIS_POINT = 0.01
"""The finest percentage shown, in percent; anything smaller reads as zero."""
RESIDUE = 1e-12
"""A difference below this fraction of the numbers it came from is float arithmetic's
residue (sums are exact to about 1e-15), not a number worth showing."""


@dataclass(frozen=True)
class Notation:
    """The decimal and group separators a reader expects ("." and "," unless localised)."""

    decimal: str = "."
    group: str = ","

    def __post_init__(self) -> None:
        if self.decimal == self.group or len(self.decimal) != 1 or len(self.group) != 1:
            raise ValueError(f"unusable separators {self.decimal!r} and {self.group!r}")

    @property
    def is_plain(self) -> bool:
        return self.decimal == "." and self.group == ","

    def localise(self, text: str) -> str:
        """Text written with "." and "," in this notation's separators."""
        if self.is_plain:
            return text
        return text.replace(",", "\0").replace(".", self.decimal).replace("\0", self.group)


PLAIN = Notation()


def amount(
    value: float | None, decimals: int = 2, notation: Notation = PLAIN, scale: float = 0.0
) -> str:
    """A value as tables show it: "1,234.50", "0.50", "0.004", "-0.0123", "1.00e+15".

    `scale` is the size of the numbers a difference (a gap) came from: a value within
    `RESIDUE` of it is shown as zero instead of as "3.55e-15".
    """
    if value is None:
        return DASH
    size = abs(value)
    if 1.0 <= size < HUGE and size > RESIDUE * scale:  # the common case, kept short
        text = f"{value:,.{decimals}f}"
        return text if notation is PLAIN else notation.localise(text)
    if not math.isfinite(value):
        return DASH
    if size <= RESIDUE * scale:
        value = size = 0.0
    if size >= HUGE or 0 < size < TINY:
        return notation.localise(_scientific(value, SIGNIFICANT, strip=False))
    if size >= 1 or size == 0:
        text = f"{value:,.{decimals}f}"
    else:
        text = _strip(f"{value:,.{max(decimals, _decimals_for(size))}f}", decimals)
    return notation.localise(_unsigned_zero(text))


def number(value: float | None, digits: int = 4, notation: Notation = PLAIN) -> str:
    """A value in a sentence: `digits` significant digits, thousands separated, no zeros
    after the last significant digit: 9.91 → "9.91", 12345.6 → "12,346"."""
    if value is None or not math.isfinite(value):
        return DASH
    size = abs(value)
    if size == 0:
        return "0"
    if size >= HUGE or size < TINY:
        return notation.localise(_scientific(value, digits, strip=True))
    decimals = max(0, digits - 1 - math.floor(math.log10(size)))
    text = _strip(f"{value:,.{decimals}f}", 0)
    return notation.localise(_unsigned_zero(text) or "0")


def percent(ratio: float | None, decimals: int = 1, notation: Notation = PLAIN) -> str:
    """A ratio as a percentage: 0.2412 → "24.1 %", 0.000123 → "0.0123 %"."""
    text = _percentage(ratio, decimals, sign="")
    return DASH if text is None else notation.localise(text) + " %"


def points(ratio: float | None, decimals: int = 1, notation: Notation = PLAIN) -> str:
    """A change of shares in percentage points, signed: 0.031 → "+3.1 pp"."""
    text = _percentage(ratio, decimals, sign="+")
    return DASH if text is None else notation.localise(text) + " pp"


_SCALES = {"billions": "billion", "millions": "million", "thousands": "thousand",
           "trillions": "trillion"}


def money(value: float | None, unit: str, digits: int = 4, notation: Notation = PLAIN) -> str:
    """A value in its unit as a sentence says it: 2.55 in "USD billions" reads "USD 2.55
    billion" (a three-letter currency code, then a scale); a price in "USD per
    subscription" reads "USD 3.40 per subscription" (in cents, as prices are written); any
    other unit follows the number ("12.5 million subscribers")."""
    words = unit.split()
    text = number(value, digits, notation)
    if text == DASH:
        return text
    if len(words) == 2 and _is_currency(words[0]) and words[1].lower() in _SCALES:
        return f"{words[0]} {text} {_SCALES[words[1].lower()]}"
    if len(words) > 2 and _is_currency(words[0]) and words[1] == "per":
        return f"{words[0]} {amount(value, 2, notation)} {' '.join(words[1:])}"
    return f"{text} {unit}".strip()


def _is_currency(word: str) -> bool:
    return len(word) == 3 and word.isascii() and word.isalpha() and word.isupper()


def plain(value: float | None, digits: int = 10, notation: Notation = PLAIN) -> str:
    """The number as an editor starts with it: `digits` significant digits, no thousands
    separators, nothing for a blank ("1234.5", "0.004", "1e+20")."""
    if value is None or not math.isfinite(value):
        return ""
    return notation.localise(f"{value:.{digits}g}")


def exact(value: float | None, notation: Notation = PLAIN) -> str:
    """The shortest text that reads back as the very same float ("0.1", "1234.5678901234");
    nothing for a blank. For the app's own copies, which must not round."""
    if value is None or not math.isfinite(value):
        return ""
    return notation.localise(repr(float(value)))


def plain_percent(ratio: float | None, notation: Notation = PLAIN) -> str:
    """A rate as an editor starts with it: "12.5 %" (six significant digits)."""
    if ratio is None or not math.isfinite(ratio):
        return ""
    return notation.localise(f"{_hundredfold(ratio):.6g}") + " %"


# -- the rules ------------------------------------------------------------------------------


def _decimals_for(size: float, significant: int = SIGNIFICANT) -> int:
    """Decimals that show `significant` digits of a positive number below 1."""
    return significant - 1 - math.floor(math.log10(size))


def _percentage(ratio: float | None, decimals: int, sign: str) -> str | None:
    """The digits of ratio × 100 (no unit), or None for a blank."""
    value = _hundredfold(ratio)
    if not math.isfinite(value):
        return None
    size = abs(value)
    if size >= HUGE:
        return _scientific(value, SIGNIFICANT, strip=False, sign=sign)
    if BASIS_POINT <= size < 1:
        places = min(max(decimals, _decimals_for(size)), 4)
        text = _strip(f"{value:{sign},.{places}f}", decimals)
    else:
        text = f"{value:{sign},.{decimals}f}"
    if float(text.replace(",", "")) == 0:
        text = (sign + text.lstrip("+-")) if sign else text.lstrip("-")
    return text


def _scientific(value: float, digits: int, strip: bool, sign: str = "") -> str:
    mantissa, exponent = f"{value:{sign}.{max(digits - 1, 0)}e}".split("e")
    if strip and "." in mantissa:
        mantissa = mantissa.rstrip("0").rstrip(".")
    return f"{mantissa}e{exponent}"


def _strip(text: str, keep: int) -> str:
    """Drop zeros after the last significant decimal, keeping at least `keep` decimals."""
    whole, dot, decimals = text.partition(".")
    if not dot:
        return text
    decimals = decimals.rstrip("0").ljust(keep, "0")
    return f"{whole}.{decimals}" if decimals else whole


def _unsigned_zero(text: str) -> str:
    """"-0.00" → "0.00": a value that rounds to zero has no sign."""
    return text[1:] if text.startswith("-") and not text.strip("-0.,") else text


def _hundredfold(value: float | None) -> float:
    """value × 100 as a Python float (inf past the float range, NaN for a blank)."""
    return math.nan if value is None else float(value) * 100.0
