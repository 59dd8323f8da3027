"""The shape of the exported formulas, as a modeller reviews them: one formula per
forecast row (FAST: every forecast year is the first year's formula moved along), no
numbers typed into formulas (years and periods come from the header row), and #N/A only
in the cells that truly have no number."""

from __future__ import annotations

import math

import openpyxl
import pytest
from openpyxl.formula.tokenizer import Token, Tokenizer
from openpyxl.formula.translate import Translator
from openpyxl.utils import get_column_letter

from tests.excel.test_libreoffice import every_method_document, with_fixed_segments
from tests.excel.volumes import with_volume
from workbench.core.commands import SetHistory
from workbench.core.sample import sample_document
from workbench.excel.layout import ASSUMPTIONS, year_col

VALUE_SHEETS = ("Total market", "Technology", "Application", "Region")


def every_kind(volume: bool):
    """Every growth method, pins, a hold and a year not reconciled; with a volume, the
    volume's and the price's sheets too."""
    document = with_fixed_segments(every_method_document())
    return with_volume(document) if volume else document


@pytest.mark.parametrize("volume", [False, True], ids=["value", "with volume"])
def test_every_forecast_row_has_one_formula(exported, volume):
    document = every_kind(volume)
    meta = document.project.metadata
    book = openpyxl.load_workbook(exported(document))
    first = year_col(meta, meta.base_year + 1) + 1  # 1-based
    last = year_col(meta, meta.last_year) + 1
    rows = 0
    for ws in book.worksheets:
        for row in range(4, ws.max_row + 1):
            head = ws.cell(row, first)
            if head.data_type != "f":
                continue
            origin = f"{get_column_letter(first)}{row}"
            for col in range(first + 1, last + 1):
                cell = ws.cell(row, col)
                moved = Translator(head.value, origin).translate_formula(cell.coordinate)
                assert cell.value == moved, (ws.title, cell.coordinate, cell.value, moved)
            rows += 1
    assert rows > (200 if volume else 100)


@pytest.mark.parametrize("volume", [False, True], ids=["value", "with volume"])
def test_no_number_is_typed_into_a_formula(exported, volume):
    """Only 0 and 1 (as in 1+g, or a scale of 1) appear as numbers in any formula."""
    book = openpyxl.load_workbook(exported(every_kind(volume)))
    numbers = set()
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if c.data_type == "f":
                    tokens = Tokenizer(c.value).items
                    numbers |= {
                        t.value for t in tokens if t.type == Token.OPERAND and t.subtype == "NUMBER"
                    }
    assert numbers <= {"0", "1"}, numbers


def test_one_blank_history_cell_is_na_only_where_no_number_exists(exported, libreoffice):
    """A blank 2022 in one segment: its mirrors, its share and projection that year and the
    dimension's gap that year have no number; every forecast has one."""
    document = sample_document()
    document.execute(SetHistory("tiktok", 2022, None))
    meta = document.project.metadata
    recalculated = libreoffice(exported(document))
    book = openpyxl.load_workbook(recalculated, data_only=True)
    blocks = len(document.project.scenarios)
    forecast = range(year_col(meta, meta.base_year + 1) + 1, year_col(meta, meta.last_year) + 2)
    for sheet in (*VALUE_SHEETS, ASSUMPTIONS):
        ws = book[sheet]
        missing = [
            (c.row, c.column) for row in ws.iter_rows() for c in row if c.value == "#N/A"
        ]
        assert not [m for m in missing if m[1] in forecast], (sheet, missing)
        if sheet != "Application":
            assert missing == [], (sheet, missing)
            continue
        assert {col for _row, col in missing} == {year_col(meta, 2022) + 1}
        # per block: the gap, the share and the projection; the mirror in the later blocks
        assert len(missing) == 3 * blocks + (blocks - 1), missing
        ids = {ws.cell(r, 1).value for r, _c in missing}
        assert ids == {"tiktok", "gap:application", "share:tiktok", "projected:tiktok"}
    shown = book["Application"]
    assert math.isfinite(shown.cell(6, year_col(meta, 2023) + 1).value)
