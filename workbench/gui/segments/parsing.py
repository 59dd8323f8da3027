"""Numbers typed into a segment table's cell, or pasted from Excel and LibreOffice.

The reading itself is `workbench.numbers` in the user's locale ("1,234.5", "−3.5",
"(3.5)", "12 %"); this module says what each kind of cell takes and refuses anything
else with one sentence that names the cell, before any edit is made.
"""

from __future__ import annotations

from workbench.core.errors import ModelError
from workbench.gui import locale_numbers
from workbench.numbers import NumberError


def read_cell(text: str, where: str) -> tuple[float | None, bool]:
    """(value, typed as a percentage) for a cell's text; (None, False) for an empty cell.

    A percentage is returned as a ratio ("12 %" → 0.12). `where` names the cell in the
    message of a refusal.
    """
    try:
        reading = locale_numbers.read_number(text)
    except NumberError as error:
        raise _refusal(error, where) from None
    return (None, False) if reading is None else (reading.value, reading.percent)


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
    """A growth rate: "12%", "12 %", "12,5" and a bare "12" all mean a percentage."""
    try:
        return locale_numbers.read_percent(text)
    except NumberError as error:
        raise _refusal(error, where) from None


def _refusal(error: NumberError, where: str) -> ModelError:
    if error.too_large:
        return ModelError(f"{error.text!r} is too large a number ({where}).")
    example = f"{locale_numbers.number(1234.5, 5)} or −{locale_numbers.number(3.5)}"
    return ModelError(
        f"{error.text!r} is not a number ({where}); type a number such as {example}."
    )
