"""The hover read-out: the year under the mouse and each series' value in it.

Kept apart from the widget so the wording and number format are one small function that
the chart and its tests share.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from workbench.gui.locale_numbers import amount

_MAX_ITEMS = 8


def readout_html(
    year: int,
    forecast: bool,
    names: Sequence[str],
    values: Sequence[float],
    colours: Sequence[str],
    unit: str,
) -> str:
    """'2027 (forecast) · ■ Total 7.10 · ■ Other 1.20  USD billions' as rich text.

    Only the first few series are listed so the line never outgrows the chart; the rest
    are counted.
    """
    head = f"<b>{year}</b>" + (" <i>(forecast)</i>" if forecast else "")
    parts = [head]
    for name, value, colour in list(zip(names, values, colours, strict=True))[:_MAX_ITEMS]:
        parts.append(
            f"<span style='color:{colour}'>&#9632;</span> {escape(name)} "
            f"<b>{amount(value)}</b>"
        )
    hidden = len(names) - _MAX_ITEMS
    if hidden > 0:
        parts.append(f"+{hidden} more")
    tail = f"&nbsp;&nbsp;<span style='color:#777'>{escape(unit)}</span>" if unit else ""
    return " &nbsp;·&nbsp; ".join(parts) + tail
