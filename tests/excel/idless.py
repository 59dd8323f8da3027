"""A workbook of ours with many rows that have no ids: the sample's export with `rows`
new sources appended to its Sources sheet (publisher and title only), written as XML
directly because openpyxl would take minutes for a million rows.

Shared by the import tests and `tests/benchmarks/bench_idless_import.py`.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from workbench.core.sample import sample_document
from workbench.excel import export_workbook
from workbench.guards import sheet_parts

_ROW = (
    b'<row r="%d"><c r="B%d" t="inlineStr"><is><t>Publisher %d</t></is></c>'
    b'<c r="C%d" t="inlineStr"><is><t>Report %d</t></is></c></row>'
)


def idless_workbook(path: Path, rows: int) -> Path:
    base = path.with_name(f".base-{path.name}")
    export_workbook(sample_document(), base)
    with zipfile.ZipFile(base) as old:
        part = dict(sheet_parts(old, base.name))["Sources"]
        xml = old.read(part)
        first = max(int(r) for r in re.findall(rb'<row r="(\d+)"', xml)) + 1
        head, _, tail = xml.partition(b"</sheetData>")
        body = b"".join(_ROW % (r, r, r, r, r) for r in range(first, first + rows))
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as new:
            for info in old.infolist():
                data = head + body + b"</sheetData>" + tail if info.filename == part else None
                new.writestr(info.filename, data if data is not None else old.read(info))
    base.unlink()
    return path
