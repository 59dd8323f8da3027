"""What calamine does not say about an xlsx sheet: formulas, hidden rows and columns, and
which cells are formatted as percentages.

calamine hands over values only. A SUM row saved without results, a working row the analyst
hid, and a growth rate stored as 0.05 but shown as "5 %" all look like plain numbers there.
The sheet's XML (already read once for the file guards) says all three; it is scanned by
pattern rather than parsed, which keeps a 100,000-cell sheet's scan to a few milliseconds.
Only the small styles part is parsed, with defusedxml.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field

from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_PERCENT_BUILTIN = frozenset({"9", "10"})
"""Excel's built-in number formats 0% and 0.00%."""
_QUOTED = re.compile(r'"[^"]*"|\\.')
"""Literal text in a number format ("%" in quotes, or \\%), which shows but does not scale."""


@dataclass(frozen=True)
class SheetMarks:
    """A sheet's formulas, hidden rows and columns, and percent-formatted cells.

    Rows and columns count from 0; `formulas` maps (row, column) to a formula's text without
    "=" (shared formulas expanded to their master's text, all detection asks of them).
    """

    formulas: dict[tuple[int, int], str] = field(default_factory=dict)
    hidden_rows: frozenset[int] = frozenset()
    hidden_columns: frozenset[int] = frozenset()
    percent_cells: frozenset[tuple[int, int]] = frozenset()


def percent_styles(archive: zipfile.ZipFile) -> frozenset[str]:
    """The cell style indices (`s="…"`) whose number format shows a percentage."""
    try:
        styles = ElementTree.fromstring(archive.read("xl/styles.xml"))
    except (KeyError, ElementTree.ParseError, DefusedXmlException):
        return frozenset()  # no styles part: every cell has the General format
    percent = set(_PERCENT_BUILTIN)
    formats = styles.find(f"{_MAIN}numFmts")
    for fmt in [] if formats is None else formats.iter(f"{_MAIN}numFmt"):
        if "%" in _QUOTED.sub("", fmt.get("formatCode", "")):
            percent.add(fmt.get("numFmtId", ""))
    cell_xfs = styles.find(f"{_MAIN}cellXfs")
    found = [] if cell_xfs is None else cell_xfs.findall(f"{_MAIN}xf")
    return frozenset(str(i) for i, xf in enumerate(found) if xf.get("numFmtId") in percent)


def sheet_marks(xml: bytes, percent: frozenset[str]) -> SheetMarks:
    """The marks of one worksheet's XML, given the workbook's percent styles."""
    return SheetMarks(
        formulas=_formulas(xml),
        hidden_rows=frozenset(int(r) - 1 for r in _HIDDEN_ROW.findall(xml)),
        hidden_columns=frozenset(
            col - 1
            for low, high in _HIDDEN_COLUMNS.findall(xml)
            for col in range(int(low), min(int(high), 16_384) + 1)
        ),
        percent_cells=_percent_cells(xml, percent),
    )


_CELL_F = re.compile(
    rb'<c r="([A-Z]{1,3})([0-9]{1,7})"[^>]*>\s*<f([^>]*?)(?:/>|>([^<]*)</f>)', re.S
)
_SHARED = re.compile(rb'si="(\d+)"')
_HIDDEN_ROW = re.compile(rb'<row\b(?=[^>]*\shidden="(?:1|true)")[^>]*?\br="(\d{1,7})"')
_HIDDEN_COLUMNS = re.compile(
    rb'<col\b(?=[^>]*\shidden="(?:1|true)")(?=[^>]*\bmin="(\d{1,5})")[^>]*?\bmax="(\d{1,5})"'
)


def _formulas(xml: bytes) -> dict[tuple[int, int], str]:
    out: dict[tuple[int, int], str] = {}
    masters: dict[bytes, str] = {}
    for col, row, attrs, text in _CELL_F.findall(xml):
        shared = _SHARED.search(attrs)
        formula = text.decode("utf-8", "replace")
        if shared and formula:
            masters[shared.group(1)] = formula
        elif shared:
            formula = masters.get(shared.group(1), "")
        out[(int(row) - 1, column_index(col))] = formula
    return out


def _percent_cells(xml: bytes, percent: frozenset[str]) -> frozenset[tuple[int, int]]:
    """Cells styled with a percent format (none scanned when the workbook has no such style)."""
    if not percent:
        return frozenset()
    styles = "|".join(sorted(percent)).encode()
    pattern = re.compile(rb'<c r="([A-Z]{1,3})([0-9]{1,7})"[^>]*?\ss="(?:' + styles + rb')"')
    return frozenset((int(row) - 1, column_index(col)) for col, row in pattern.findall(xml))


def column_index(letters: bytes) -> int:
    """B → 1: a column's letters as an index from 0."""
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n - 1
