"""What a foreign cell says: a year label, a number, a unit, or plain text.

Spreadsheets that this app did not write spell the same things many ways: a year is
2025, "2025", "2025E", "FY2025" or "2025F"; a number is 1234.5, "1,234.5", "1.234,5",
"(3.4)" or "12 %"; a unit hides in a title ("Market size, USD bn"). These readers decide
once, here, so detection and mapping agree on what every cell means.
"""

from __future__ import annotations

import datetime
import math
import re
from dataclasses import dataclass

from workbench.numbers import PLAIN, Notation, NumberError, read_number

YEAR_RANGE = range(1900, 2201)

_YEAR = re.compile(
    r"^\s*(?:(?:FY|CY|Y)?\s*'?(\d{4})|(?:FY|CY)\s*'?(\d{2}))"
    r"\s*(?:([EFPAB])|\(([EFPAB])\)|(?:est|fcst|forecast))?\s*$",
    re.I,
)
"""2025, 2025E, 2025F, 2025 (E), FY2025, CY2025, FY25, FY'25E; E/F/P mark estimates and
forecasts. Two digits count only after FY/CY: a bare 25 is a number, not a year."""

MARKERS = re.compile(r"(?:\s*(?:\*+|[¹²³⁴⁵⁶⁷⁸⁹⁰]+|\(\d{1,2}\)|\([a-z]\)|\[\d{1,2}\]))+$")
"""Footnote markers after a label or a number ("China¹", "Total*", "12.3 (1)")."""

_BLANKS = frozenset({"", "-", "–", "—", "n/a", "na", "n.a.", "..", "...", "x", "*", "nan"})
"""Texts statistics offices and vendors put where there is no number."""

_FLAGS = re.compile(r"(?<=\d)\s+(?!bn$)[bcdefnprsuz]{1,3}$")
"""Eurostat's observation flags after a number: p provisional, e estimated, b break…"""


@dataclass(frozen=True, slots=True)
class YearLabel:
    """A column (or row) header that names a year; `forecast` when marked E, F or P."""

    year: int
    forecast: bool


def year_label(value: object) -> YearLabel | None:
    """The year a header cell names, or None when it is not a year header."""
    if isinstance(value, bool):
        return None
    if isinstance(value, datetime.date):  # a header of year-end dates (31/12/2024)
        return YearLabel(value.year, False) if value.year in YEAR_RANGE else None
    if isinstance(value, int | float):
        if isinstance(value, float) and (not math.isfinite(value) or value != int(value)):
            return None
        year = int(value)
        return YearLabel(year, False) if year in YEAR_RANGE else None
    if not isinstance(value, str) or len(value) > 24:
        return None
    match = _YEAR.match(value)
    if not match:
        return None
    year = int(match.group(1)) if match.group(1) else _century(int(match.group(2)))
    if year not in YEAR_RANGE:
        return None
    marker = (match.group(3) or match.group(4) or "").upper()
    forecast = marker in {"E", "F", "P", "B"} or value.strip().lower().endswith(
        ("est", "fcst", "forecast")
    )
    return YearLabel(year, forecast)


def _century(two_digits: int) -> int:
    """FY24 is 2024 and FY98 is 1998: fiscal years written short are recent ones."""
    return 2000 + two_digits if two_digits < 70 else 1900 + two_digits


def is_blank(value: object) -> bool:
    """An empty cell or a text that stands for 'no number' (n/a, —, ..)."""
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and value.strip().lower() in _BLANKS


def number(value: object, style: Notation = PLAIN) -> float | None:
    """The number a cell holds (numbers as text included), or None when it holds none.

    Footnote markers ("12.3*", "7.1¹") are dropped; accounting negatives "(3.4)", percent
    signs ("12 %" is 0.12), currency signs and spaces used as thousands separators are
    understood; a text with letters is not a number.
    """
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        return float(value) if math.isfinite(value) else None
    if not isinstance(value, str):
        return None
    text = value.strip().replace("\u00a0", " ").replace("\u2212", "-")
    if not text or len(text) > 40:
        return None
    text = MARKERS.sub("", text) or text  # "12.3*": the footnote is not part of the number
    text = _FLAGS.sub("", text)  # "1234.5 p": a statistics office's flag, not the number's
    negative = text.startswith("(") and text.endswith(")")
    if negative:
        text = text[1:-1].strip()
    percent = text.endswith("%")
    text = text.rstrip("%").strip().lstrip("$€£¥").strip()
    parsed = _plain_number(text, style, percent)
    if parsed is None:
        return None
    parsed = -parsed if negative else parsed
    return parsed / 100.0 if percent else parsed



def _plain_number(text: str, style: Notation, percent: bool) -> float | None:
    """The one reader of typed numbers (`workbench.numbers`) in the file's notation."""
    try:
        reading = read_number(text, style, percentage=percent)
    except NumberError:
        return None
    return None if reading is None else reading.value


# -- units --------------------------------------------------------------------------------

_SCALES = {
    "trillion": 1e12, "tn": 1e12, "trn": 1e12,
    "billion": 1e9, "billions": 1e9, "bn": 1e9, "b": 1e9, "bln": 1e9,
    "million": 1e6, "millions": 1e6, "mn": 1e6, "m": 1e6, "mm": 1e6, "mio": 1e6, "mln": 1e6,
    "thousand": 1e3, "thousands": 1e3, "k": 1e3, "000": 1e3, "'000": 1e3, "000s": 1e3,
}  # fmt: skip
_CURRENCIES = {
    "usd": "USD", "us$": "USD", "$": "USD", "dollars": "USD", "eur": "EUR", "€": "EUR",
    "euro": "EUR", "euros": "EUR", "gbp": "GBP", "£": "GBP", "cny": "CNY", "rmb": "CNY",
    "yuan": "CNY", "¥": "CNY", "jpy": "JPY", "yen": "JPY", "inr": "INR", "krw": "KRW",
}  # fmt: skip
_TOKEN = re.compile(r"us\$|'000s?|000s?|[$€£¥%]|[a-z]+", re.I)


@dataclass(frozen=True, slots=True)
class Unit:
    """A unit read from a header or title: currency, scale (1e9 for billions), percent."""

    text: str
    currency: str = ""
    scale: float = 1.0
    percent: bool = False

    def label(self) -> str:
        """'USD billions', 'million', '%': the unit in the app's own words."""
        if self.percent:
            return "%"
        words = {1e12: "trillions", 1e9: "billions", 1e6: "millions", 1e3: "thousands"}
        scale = words.get(self.scale, "")
        return " ".join(p for p in (self.currency, scale) if p) or self.text


def find_unit(text: str) -> Unit | None:
    """The unit a header or title names ("USD bn", "$ million", "in %"), if any.

    A scale word alone counts only inside brackets or after "in"/"," so that a segment
    called "M-commerce" or a title word is not taken for millions.
    """
    if not isinstance(text, str) or not text.strip():
        return None
    tokens = [t.lower() for t in _TOKEN.findall(text)]
    currency = next((_CURRENCIES[t] for t in tokens if t in _CURRENCIES), "")
    percent = "%" in tokens or "percent" in tokens
    scale_words = [t for t in tokens if t in _SCALES and (len(t) > 1 or currency)]
    scale = _SCALES[scale_words[0]] if scale_words else 1.0
    if not (currency or percent or _scale_in_unit_position(text)):
        return None
    if not currency and not percent and scale == 1.0:
        return None
    return Unit(text.strip(), currency, scale, percent)


def _scale_in_unit_position(text: str) -> bool:
    return bool(_UNIT_POSITION.search(text))


_UNIT_POSITION = re.compile(
    r"[(\[,]\s*(?:in\s+)?(?:thousands?|millions?|billions?|bn|mn|'?000s?)\b|"
    r"\bin\s+(?:thousands?|millions?|billions?)\b",
    re.I,
)


def target_scale(unit_text: str) -> float:
    """The scale the project's unit means ("USD billions" → 1e9, "millions" → 1e6).

    A project's unit is the app's own words, so any scale word counts, wherever it stands.
    """
    words = [t.lower() for t in _TOKEN.findall(unit_text or "")]
    return next((_SCALES[w] for w in words if w in _SCALES and len(w) > 1), 1.0)
