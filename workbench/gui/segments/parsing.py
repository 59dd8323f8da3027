"""Numbers as a person types them into a cell, or as Excel and LibreOffice copy them.

"1,234.5", "−3.5" (a unicode minus), "(3.5)" (accounting negative), "12%" and "12 %" are
all numbers; an empty cell means "clear". Anything else is refused with one sentence that
names the cell, before any edit is made.
"""

from __future__ import annotations

import math
import re

from workbench.core.errors import ModelError

_NUMBER = re.compile(r"^[+-]?(\d{1,3}(,\d{3})+|\d+)?(\.\d+)?([eE][+-]?\d+)?$")
_MINUSES = str.maketrans({"\u2212": "-", "\u2012": "-", "\u2013": "-", "\ufe63": "-"})
_SPACES = ("\u00a0", "\u202f", "\u2009", " ")


def read_cell(text: str, where: str) -> tuple[float | None, bool]:
    """(value, typed as a percentage) for a cell's text; (None, False) for an empty cell.

    A percentage is returned as a ratio ("12 %" → 0.12). `where` names the cell in the
    message of a refusal.
    """
    raw = (text or "").strip()
    if not raw:
        return None, False
    body = raw.translate(_MINUSES)
    for space in _SPACES:
        body = body.replace(space, "")
    percent = body.endswith("%")
    body = body.removesuffix("%")
    if body.startswith("(") and body.endswith(")"):
        body = "-" + body[1:-1]
    if not body or not _NUMBER.match(body) or not any(c.isdigit() for c in body):
        raise ModelError(
            f"{raw!r} is not a number ({where}); type a number such as 1,234.5 or −3.5."
        )
    value = float(body.replace(",", ""))
    if not math.isfinite(value):
        raise ModelError(f"{raw!r} is too large a number ({where}).")
    return (value / 100.0 if percent else value), percent


def read_value(text: str, where: str) -> float | None:
    """A plain value (a history value, a pin); a percentage is refused."""
    value, percent = read_cell(text, where)
    if percent:
        raise ModelError(
            f"{text.strip()!r} is a percentage, but {where} takes a value; "
            "growth rates go in the Rate column or a growth-by-year series."
        )
    return value


def read_rate(text: str, where: str) -> float | None:
    """A growth rate: "12%", "12 %" and a bare "12" all mean twelve percent."""
    value, percent = read_cell(text, where)
    if value is None or percent:
        return value
    return value / 100.0
