"""Canaries for the xlsxwriter pin (`>=3.3,<3.4` in pyproject.toml).

The export writes value-sheet rows as pre-rendered XML through xlsxwriter's writer
internals (`workbench/excel/sheet_xml.py`). These tests fail loudly, naming what moved,
when a new xlsxwriter changes the shape of those internals (the methods we override or
call, their parameters, the attributes we use), and compare a small sheet written through
our classes with golden XML byte for byte. After a deliberate change of our writer,
regenerate the golden files with WORKBENCH_REGENERATE_GOLDEN=1 and review the diff.
"""

from __future__ import annotations

import inspect
import math
import os
import re
import zipfile
from collections import defaultdict
from pathlib import Path

import pytest
import xlsxwriter
from xlsxwriter.chart import Chart
from xlsxwriter.format import Format
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet
from xlsxwriter.xmlwriter import XMLwriter

from workbench.excel.sheet_xml import (
    ExactLineChart,
    ExactWorkbook,
    ExactWorksheet,
    RawCells,
    RowCells,
    formula_xml,
)

GOLDEN = Path(__file__).parents[1] / "fixtures" / "excel" / "golden"
PIN = f"xlsxwriter {xlsxwriter.__version__} (pinned >=3.3,<3.4 for workbench/excel/sheet_xml.py)"

SHAPES = [
    # (class, attribute, its parameters, why sheet_xml.py needs it)
    (Worksheet, "_check_dimensions", ["self", "row", "col", "ignore_row", "ignore_col"],
     "write_cells checks a run's first and last column"),
    (Worksheet, "_write_cell", ["self", "row", "col", "cell"],
     "ExactWorksheet writes RawCells in place of a cell"),
    (Worksheet, "_prepare_formula", ["self", "formula", "expand_future_functions"],
     "ExactWorksheet skips the future-function passes"),
    (XMLwriter, "_xml_number_element", ["self", "number", "attributes"],
     "ExactWorksheet writes numbers with all their digits"),
    (XMLwriter, "_escape_attributes", ["self", "attribute"],
     "ExactWorksheet escapes a number cell's attributes"),
    (Chart, "_write_num_cache", ["self", "data"], "ExactLineChart writes chart caches"),
    (Workbook, "add_chart", ["self", "options"], "ExactWorkbook swaps a line chart's class"),
    (Format, "_get_xf_index", ["self"], "RowCells cells name their style by its index"),
]


@pytest.mark.parametrize(("owner", "name", "parameters", "why"), SHAPES,
                         ids=[f"{o.__name__}.{n}" for o, n, *_ in SHAPES])
def test_the_internals_we_extend_keep_their_shape(owner, name, parameters, why):
    method = getattr(owner, name, None)
    assert callable(method), f"{PIN}: {owner.__name__}.{name} is gone ({why})."
    found = list(inspect.signature(method).parameters)
    assert found == parameters, (
        f"{PIN}: {owner.__name__}.{name}{tuple(found)} was {tuple(parameters)} ({why})."
    )


def test_the_writer_still_calls_our_hooks_as_we_expect():
    """The call sites, read from xlsxwriter's source: a cell is written by `_write_cell`
    with (row, col, cell) taken from `table[row][col]`; a number by `_xml_number_element`;
    sheets are made from `Workbook.worksheet_class`; caches by `_write_num_cache(data)`."""
    rows = inspect.getsource(Worksheet._write_rows)
    cell = inspect.getsource(Worksheet._write_cell)
    checks = {
        "Worksheet._write_rows reads table[row][col]": "self.table[row_num][col_num]" in rows,
        "Worksheet._write_rows calls _write_cell(row, col, cell)": re.search(
            r"self\._write_cell\(row_num, col_num, \w+\)", rows) is not None,
        "Worksheet._write_cell reads cell.format": "cell.format" in cell,
        "Worksheet._write_cell writes numbers by _xml_number_element":
            "self._xml_number_element(" in cell,
        "Workbook makes sheets from worksheet_class":
            "self.worksheet_class" in inspect.getsource(Workbook),
        "Chart writes caches by _write_num_cache(data)":
            "self._write_num_cache(data)" in inspect.getsource(Chart),
        "XMLwriter writes to self.fh": "self.fh.write(" in inspect.getsource(XMLwriter),
    }
    moved = [what for what, holds in checks.items() if not holds]
    assert not moved, f"{PIN}: changed: {'; '.join(moved)}."


def test_a_new_sheet_has_the_table_we_store_runs_in(tmp_path):
    workbook = ExactWorkbook(str(tmp_path / "shape.xlsx"))
    sheet = workbook.add_worksheet("Values")
    assert type(sheet) is ExactWorksheet, f"{PIN}: worksheet_class is ignored."
    assert isinstance(sheet.table, defaultdict), f"{PIN}: Worksheet.table is no defaultdict."
    cells = RowCells(0)
    cells.number(1, 2.5, 0)
    cells.number(3, 4.5, 0)
    sheet.write_cells(0, cells)
    assert type(sheet.table[0][1]) is RawCells and type(sheet.table[0][3]) is RawCells
    assert (sheet.dim_colmin, sheet.dim_colmax) == (1, 3), f"{PIN}: dimensions moved."
    workbook.close()


def write_small_sheet(path: Path) -> None:
    """Every path of our writer: RawCells runs (formulas with values, blanks, #N/A), numbers
    and formulas through xlsxwriter's own API, text, and a line chart's cache."""
    workbook = ExactWorkbook(str(path))
    sheet = workbook.add_worksheet("Values")
    style = workbook.add_format({"num_format": "#,##0.000"})
    sheet.write_string(0, 0, "Alpha & <Beta>")
    sheet.write_number(0, 1, 0.1 + 0.2)  # 0.30000000000000004: all seventeen digits
    sheet.write_formula(0, 2, "=B1*2", None, 0.6000000000000001)
    sheet.write_number(0, 3, 1e300, style)
    run = RowCells(1)
    run.formula(1, formula_xml("IF(B1<1,B1+1,NA())"), style._get_xf_index(), 1.3)
    run.formula(2, formula_xml("1/0"), style._get_xf_index(), math.nan)
    run.formula(3, formula_xml("C1"), style._get_xf_index(), None)
    run.number(4, None, style._get_xf_index())
    run.number(5, math.inf, style._get_xf_index())
    run.number(6, 1 / 3, style._get_xf_index())
    sheet.write_cells(1, run)
    sheet.write_number(2, 1, 1.5)
    sheet.write_number(2, 2, 2.25)
    chart = workbook.add_chart({"type": "line"})
    assert type(chart) is ExactLineChart, f"{PIN}: add_chart's line chart is no ChartLine."
    chart.add_series({"values": "=Values!$B$3:$C$3"})
    sheet.insert_chart("E5", chart)
    workbook.close()


def parts(path: Path) -> dict[str, str]:
    with zipfile.ZipFile(path) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml").decode()
        chart = archive.read("xl/charts/chart1.xml").decode()
    cache = re.search(r"<c:numCache>.*?</c:numCache>", chart)
    assert cache is not None, f"{PIN}: the chart has no number cache."
    return {"writer-sheet.xml": sheet, "writer-chart-cache.xml": cache.group(0)}


@pytest.mark.parametrize("name", ["writer-sheet.xml", "writer-chart-cache.xml"])
def test_a_small_sheet_is_the_golden_xml(tmp_path, name):
    path = tmp_path / "small.xlsx"
    write_small_sheet(path)
    written = parts(path)[name]
    golden = GOLDEN / name
    if os.environ.get("WORKBENCH_REGENERATE_GOLDEN") == "1":
        golden.write_text(written, encoding="utf-8")
    assert written == golden.read_text(encoding="utf-8"), (
        f"{PIN}: {name} differs from {golden}; if xlsxwriter changed, check the export "
        "still opens in Excel and LibreOffice before regenerating."
    )
