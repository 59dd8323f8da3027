"""What the command line prints is safe to look at and to open in a spreadsheet.

Names come from project files and workbooks, which come from anyone. A name holding an
escape sequence would drive the analyst's terminal (retitle it, hide lines, fake a
prompt), and a CSV cell starting with `=`, `+`, `-` or `@` is a formula to Excel
(`=HYPERLINK(...)`, or worse). So every line the CLI writes goes through `printable`,
which spells control characters as `\\u001b` (JSON reads that back as the same character,
so `dump` stays exact), and every text cell of a CSV through `csv_cell`, which puts a
quote in front of a leading formula character, as OWASP recommends.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from typing import TextIO

_CONTROLS = [*range(0x00, 0x09), *range(0x0B, 0x20), 0x7F, *range(0x80, 0xA0)]
_BIDI = [0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)]
"""Direction overrides: they make text read differently from what it is ("Trojan Source")."""
_ESCAPES = {code: f"\\u{code:04x}" for code in (*_CONTROLS, *_BIDI)}
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def printable(text: str) -> str:
    """`text` with every control and direction character spelled as an escape; line
    breaks and tabs stay."""
    return text.translate(_ESCAPES)


def csv_cell(value: object) -> object:
    """A CSV cell that no spreadsheet takes for a formula: text starting with a formula
    character gets a leading apostrophe; numbers and blanks pass unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class _Printable:
    """A text stream that writes only printable text to the stream it wraps."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        return self._stream.write(printable(text))

    def __getattr__(self, name: str):
        return getattr(self._stream, name)


@contextlib.contextmanager
def printable_output() -> Iterator[None]:
    """Standard output and error escape control characters while the block runs."""
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = _Printable(sys.stdout), _Printable(sys.stderr)
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved
