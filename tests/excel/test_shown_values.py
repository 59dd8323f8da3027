"""What a colleague saw against what the app computes: the import compares the values a
recalculating tool saved with every shown formula (totals, segments, shares, CAGRs) with
the engine's, and names each disagreement before anything is applied; values that no
tool recalculated (openpyxl drops them, a value-keeping tool leaves the export's) are
recognised and not reported."""

from __future__ import annotations

import re
import zipfile

import openpyxl
import pytest

from workbench.core.sample import sample_document
from workbench.excel import read_workbook
from workbench.excel.disagreements import DISAGREES, NOT_COMPARED
from workbench.numbers import amount, plain_percent

YEAR_2027 = 3 + 2027 - 2019  # 1-based column of 2027 on a value sheet (A id, B name)
HISTORY_2023 = 3 + 2023 - 2019


def _kinds(plan, kind: str) -> list:
    return [n for n in plan.notes if n.kind == kind]


def test_libreoffice_recalculating_an_honest_edit_gives_no_disagreement(
    exported, libreoffice, xl, tmp_path
):
    document = sample_document()
    path = exported(document)

    def raise_history(book):
        ws = book["Application"]
        ws.cell(xl.row_of(ws, "tiktok"), HISTORY_2023).value = 3.0

    saved = libreoffice(xl.edit(path, tmp_path / "honest.xlsx", raise_history))
    # LibreOffice did recalculate: TikTok's 2023 share is no longer the exported one
    ws = openpyxl.load_workbook(saved, data_only=True)["Application"]
    share = ws.cell(xl.row_of(ws, "share:tiktok"), HISTORY_2023).value
    assert share == pytest.approx(3.0 / 5.816, rel=1e-12)
    assert share != pytest.approx(document.project.history[("tiktok", 2023)] / 5.816)
    plan = read_workbook(saved, document)
    assert [c.after for c in plan.changes] == [3.0]
    assert _kinds(plan, DISAGREES) == [] and _kinds(plan, NOT_COMPARED) == []


def test_a_reconciliation_formula_rewritten_in_libreoffice_is_listed_with_its_cell(
    exported, libreoffice, xl, tmp_path
):
    """TikTok's shown 2027 cell made to read Kwai's row, as a slip of the mouse would:
    the colleague sees Kwai's number where the app shows TikTok's."""
    document = sample_document()
    path = exported(document)
    where = []

    def borrow_reference(book):
        ws = book["Application"]
        mine, theirs = xl.row_of(ws, "tiktok"), xl.row_of(ws, "kwai")
        ws.cell(mine, YEAR_2027).value = ws.cell(theirs, YEAR_2027).value
        where.append(ws.cell(mine, YEAR_2027).coordinate)
        where.append(ws.cell(xl.row_of(ws, "share:tiktok"), YEAR_2027).coordinate)

    saved = libreoffice(xl.edit(path, tmp_path / "slip.xlsx", borrow_reference))
    plan = read_workbook(saved, document)
    assert plan.is_empty  # a formula is not an input: nothing to apply
    result = document.result("base")
    tiktok, kwai = result.value("tiktok", 2027), result.value("kwai", 2027)
    total = result.value("total", 2027)
    assert [(n.sheet, n.cell, n.text) for n in _kinds(plan, DISAGREES)] == [
        (
            "Application",
            where[0],
            f"TikTok, Base, 2027: the workbook shows {amount(kwai)}, "
            f"the app computes {amount(tiktok)}",
        ),
        (
            "Application",
            where[1],
            f"share of TikTok, Base, 2027: the workbook shows {plain_percent(kwai / total)}, "
            f"the app computes {plain_percent(tiktok / total)}",
        ),
    ]
    assert f"(Application!{where[0]})" in plan.summary_lines()[0]


def test_an_openpyxl_edit_keeps_no_values_and_is_not_compared(exported, xl, tmp_path):
    document = sample_document()
    path = exported(document)

    def raise_history(book):
        ws = book["Application"]
        ws.cell(xl.row_of(ws, "tiktok"), HISTORY_2023).value = 3.0

    plan = read_workbook(xl.edit(path, tmp_path / "openpyxl.xlsx", raise_history), document)
    assert [c.after for c in plan.changes] == [3.0]
    assert _kinds(plan, DISAGREES) == []
    assert [n.text for n in _kinds(plan, NOT_COMPARED)] == [
        "the workbook's computed values were not compared with the app's: its formulas were "
        "saved without their values (the tool that saved it did not recalculate)"
    ]


def _retype_keeping_values(path, out, sheet_part: str, ref: str, value: float):
    """Change one typed cell in the file's XML and keep every saved formula value, as a
    tool that writes values without recalculating does."""
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == sheet_part:
                data, n = re.subn(
                    rb'(<c r="' + ref.encode() + rb'"[^>]*><v>)[^<]*(</v>)',
                    rb"\g<1>" + repr(value).encode() + rb"\g<2>",
                    data,
                )
                assert n == 1
            target.writestr(item, data)
    return out


def test_values_a_tool_kept_from_the_export_are_not_disagreements(exported, xl, tmp_path):
    document = sample_document()
    path = exported(document)
    book = openpyxl.load_workbook(path)
    ws = book["Application"]
    ref = ws.cell(xl.row_of(ws, "tiktok"), HISTORY_2023).coordinate
    part = f"xl/worksheets/sheet{book.sheetnames.index('Application') + 1}.xml"
    edited = _retype_keeping_values(path, tmp_path / "kept.xlsx", part, ref, 3.0)
    plan = read_workbook(edited, document)
    assert [(c.cell, c.after) for c in plan.changes] == [(ref, 3.0)]
    assert _kinds(plan, DISAGREES) == []
    assert [n.text for n in _kinds(plan, NOT_COMPARED)] == [
        "the workbook's computed values were not compared with the app's: its values are the "
        "ones the app computed before this import (the tool that saved it did not recalculate)"
    ]


def test_the_exported_workbook_agrees_with_itself(exported):
    document = sample_document()
    plan = read_workbook(exported(document), document)
    assert plan.summary_lines() == []
