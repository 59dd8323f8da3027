"""What the value reader cannot tell: where a workbook's sheets are, and which cells hold
formulas or error values.

python-calamine reads cell values fast (and decodes strings, dates and Excel's escapes),
but it shows a formula cell as its cached result. Our import must know the formulas: a
number where a forecast formula was is a pin. So each sheet's XML is also scanned here
with two regular expressions over the raw bytes, which find the cells whose first child is
an <f> element, or whose type is "e" (an error typed as a value). No XML parser runs on
the sheets; the small parts that are parsed (the workbook and its relationships) go
through defusedxml, and every part was refused before anything read it if its prolog
declares a document type (`workbench.guards.check_prologs`).
"""

from __future__ import annotations

import re

from workbench.excel.errors import ExcelError

_NS = rb"(?:[A-Za-z_][\w.-]*:)?"
"""An optional namespace prefix: a few writers spell cells <x:c> instead of <c>."""
_CELL = rb"<" + _NS + rb"c(?:\s([^>]*?))?(?<!/)>\s*<" + _NS
"""A cell's start tag (its attributes captured) and the start of its first child."""
_FORMULA = re.compile(_CELL + rb"f\b", re.S)
_REF_FORMULA = re.compile(_CELL + rb"f\b[^>]*(?<!/)>([^<]*#REF![^<]*)", re.S)
_ERROR = re.compile(
    rb"<" + _NS + rb"c\s([^>]*?\bt\s*=\s*[\"']e[\"'][^>]*?)(?<!/)>\s*<" + _NS + rb"v>([^<]*)<",
    re.S,
)
_FORMULA_ERROR = re.compile(
    rb"<"
    + _NS
    + rb"c\s([^>]*?\bt\s*=\s*[\"']e[\"'][^>]*?)(?<!/)>\s*<"
    + _NS
    + rb"f\b[^>]*?(?:/>|>[^<]*</"
    + _NS
    + rb"f>)\s*<"
    + _NS
    + rb"v>([^<]*)<",
    re.S,
)
"""A formula cell whose saved value is an error (t="e" and a <v> after its <f>)."""
_PLAIN_FORMULA = re.compile(rb'<c r="([A-Z]{1,3}[0-9]{1,7})"[^>]*><f[ >]')
"""The common spelling (Excel, LibreOffice, openpyxl, xlsxwriter): three times faster."""
_REF = re.compile(rb"\br\s*=\s*[\"']\$?([A-Za-z]{1,3})\$?([0-9]{1,7})[\"']")
_MERGE = re.compile(
    rb"<" + _NS + rb"mergeCell\s[^>]*?ref\s*=\s*[\"']([A-Z]+[0-9]+(?::[A-Z]+[0-9]+)?)"
)
FORMULA = ("=", "f")


def merged_range(xml: bytes) -> str | None:
    """The first merged range of a sheet ("C5:D5"), or None."""
    found = _MERGE.search(xml)
    return found.group(1).decode() if found else None


def special_cells(xml: bytes, sheet: str) -> dict[bytes, tuple[str, str]]:
    """Cell reference (b"C5") → ("=formula", "f") or ("#ERROR", "e") for one sheet's XML.

    A formula's text is kept only where it holds "#REF!" (the one thing ever read of it);
    other formulas read as "=". The common spelling is found with one cheap expression and
    the cells built in C (`dict.fromkeys`); any other spelling takes the general one.
    """
    refs = _PLAIN_FORMULA.findall(xml)
    prefixed = xml.count(b":f>") + xml.count(b":f ")
    if not prefixed and len(refs) == xml.count(b"<f>") + xml.count(b"<f "):
        cells = dict.fromkeys(refs, FORMULA)
    else:
        cells = {_ref(attrs, sheet): FORMULA for attrs in _FORMULA.findall(xml)}
    if b"#REF!" in xml:
        for attrs, text in _REF_FORMULA.findall(xml):
            cells[_ref(attrs, sheet)] = ("=" + text.decode("utf-8", "replace"), "f")
    for attrs, value in _ERROR.findall(xml):
        cells[_ref(attrs, sheet)] = (value.decode("utf-8", "replace").strip(), "e")
    return cells


def formula_errors(xml: bytes, sheet: str) -> dict[bytes, str]:
    """Cell reference → the error value ("#N/A") a formula's tool saved as its result.

    The value reader shows such a result as a blank, like a formula saved with no value at
    all; comparing what a colleague saw needs the two told apart. Most sheets hold none,
    so a byte count decides before any expression runs."""
    if b'"e"' not in xml and b"'e'" not in xml:
        return {}
    return {
        _ref(attrs, sheet): value.decode("utf-8", "replace").strip()
        for attrs, value in _FORMULA_ERROR.findall(xml)
    }


def _ref(attrs: bytes | None, sheet: str) -> bytes:
    """The cell reference in a <c> element's attributes, as b"C5"."""
    ref = _REF.search(attrs or b"")
    if ref is None:
        raise ExcelError(
            f"{sheet}!A1: a cell carries no reference (r=); save the workbook again in Excel "
            "or LibreOffice and try again."
        )
    return ref.group(1).upper() + b"%d" % int(ref.group(2))
