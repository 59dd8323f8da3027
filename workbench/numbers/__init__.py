"""Numbers for every output and every input: one formatter, one reader (docs/numbers.md).

The ground floor beside the core: pure Python, no Qt, so the core (insights, formulas in
words, validation), the CLI, the workbook writer, the report and the GUI all write and
read numbers by the same rules. The GUI passes the user's locale as a `Notation`.
"""

from workbench.numbers.formatting import (
    DASH,
    PLAIN,
    RESIDUE,
    Notation,
    amount,
    exact,
    money,
    number,
    percent,
    plain,
    plain_percent,
    points,
)
from workbench.numbers.parsing import NumberError, Reading, read_number, read_percent

__all__ = [
    "DASH",
    "PLAIN",
    "RESIDUE",
    "Notation",
    "NumberError",
    "Reading",
    "amount",
    "exact",
    "money",
    "number",
    "percent",
    "plain",
    "plain_percent",
    "points",
    "read_number",
    "read_percent",
]
