"""The workbook as a reader sees and prints it: print setup on every sheet, charts that
never overlap each other or the blocks, wrapped long texts, an About sheet that is a how-to
and Key Questions with their figures filled in; the sample prints in at most 30 pages."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile

import openpyxl
import pytest

from tests.benchmarks.synthetic import synthetic_project
from workbench.core.document import Document
from workbench.core.sample import sample_document
from workbench.excel import read_workbook
from workbench.excel.layout import FIXED_SHEETS

_ANCHOR = re.compile(
    r"<xdr:from><xdr:col>(\d+)</xdr:col><xdr:colOff>(\d+)</xdr:colOff><xdr:row>(\d+)</xdr:row>"
    r".*?<xdr:to><xdr:col>(\d+)</xdr:col><xdr:colOff>(\d+)</xdr:colOff><xdr:row>(\d+)</xdr:row>",
    re.S,
)


def chart_boxes(path) -> dict[str, list[tuple[int, int, int, int]]]:
    """Per drawing file, each chart's (first row, last row, left, right), left and right
    as (column, offset within it)."""
    with zipfile.ZipFile(path) as z:
        return {
            name: [
                (int(r0), int(r1), (int(c0), int(o0)), (int(c1), int(o1)))
                for c0, o0, r0, c1, o1, r1 in _ANCHOR.findall(z.read(name).decode())
            ]
            for name in z.namelist()
            if name.startswith("xl/drawings/drawing") and name.endswith(".xml")
        }


def overlaps(a, b) -> bool:
    return a[0] <= b[1] and b[0] <= a[1] and a[2] < b[3] and b[2] < a[3]


def with_members(count: int) -> Document:
    """A synthetic project: one dimension of `count` segments, three scenarios."""
    project = synthetic_project(1, count, 3, 12, companies=0, developments=0)
    return Document(project)


@pytest.mark.parametrize("members", [1, 2, 3, 12])
def test_charts_never_overlap_each_other_or_the_blocks(exported, members):
    document = with_members(members)
    path = exported(document)
    book = openpyxl.load_workbook(path)
    ws = book.worksheets[2]  # the dimension's sheet
    last_block_row = max(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value)
    boxes = chart_boxes(path)
    assert sorted(len(b) for b in boxes.values()) == [1, 3]
    for charts in boxes.values():
        for i, a in enumerate(charts):
            assert all(not overlaps(a, b) for b in charts[i + 1 :]), charts
    dimension_charts = next(c for c in boxes.values() if len(c) == 3)
    assert all(box[0] + 1 > last_block_row for box in dimension_charts)


def test_every_sheet_prints_landscape_one_page_wide_with_its_header_rows(exported):
    book = openpyxl.load_workbook(exported(sample_document()))
    for ws in book.worksheets:
        assert ws.page_setup.orientation == "landscape", ws.title
        assert ws.page_setup.fitToWidth in (None, 1), ws.title  # 1 is the default
        assert ws.page_setup.fitToHeight in (None, 0, 1), ws.title  # 1 (None): one page
        assert ws.sheet_properties.pageSetUpPr.fitToPage, ws.title
        assert "Page &P of &N" in ws.oddFooter.right.text, ws.title
        if ws.freeze_panes:
            frozen = openpyxl.utils.cell.coordinate_to_tuple(ws.freeze_panes)[0] - 1
            assert ws.print_title_rows == f"$1:${frozen}", ws.title


def test_long_texts_wrap_in_rows_tall_enough(exported):
    book = openpyxl.load_workbook(exported(sample_document()))
    ws = book["Five Forces"]
    rationale = ws.cell(4, 4)
    assert len(rationale.value) > 100 and rationale.alignment.wrap_text
    assert ws.row_dimensions[4].height >= 30  # two lines at least, not the default 15


def test_about_says_how_to_edit_and_lists_every_sheet(exported):
    book = openpyxl.load_workbook(exported(sample_document()))
    texts = [str(c.value) for row in book["About"].iter_rows() for c in row if c.value]
    assert "How to edit this workbook" in texts
    assert any("blue cells" in t for t in texts)
    at = texts.index("What it holds")
    listed = [texts[i] for i in range(at + 1, len(texts), 2)]
    assert listed == book.sheetnames and set(FIXED_SHEETS) <= set(listed)


def test_key_questions_show_their_figures_filled_in(exported):
    document = sample_document()
    book = openpyxl.load_workbook(exported(document))
    ws = book["Key Questions"]
    assert [c.value for c in ws[3]] == ["id", "Question", "Answer", "Answer with figures"]
    filled = [ws.cell(r, 4).value for r in range(4, ws.max_row + 1) if ws.cell(r, 4).value]
    assert filled and not any("{{" in text for text in filled)
    region = next(t for t in filled if "by growth:" in t)
    assert "North America" in region  # the ranking, named as the analyst knows them


def test_short_sheets_print_on_one_page_and_long_ones_on_as_many_as_they_need(exported):
    """A dimension's blocks and charts on one page (no chart cut by a page break); a
    large project's dimension, or the long Sources list, on as many pages as needed."""
    book = openpyxl.load_workbook(exported(sample_document()))
    assert book["Technology"].page_setup.fitToHeight in (None, 1)  # 1 is the default
    assert book["Region (volume)"].page_setup.fitToHeight in (None, 1)
    assert book["Sources"].page_setup.fitToHeight == 0
    large = openpyxl.load_workbook(exported(with_members(12)))
    assert large.worksheets[2].page_setup.fitToHeight == 0


def test_the_sample_prints_in_at_most_30_pages_with_every_block_header_whole(
    exported, libreoffice
):
    """The built-in sample, value and volume and prices, as a colleague prints it. Every
    block's header ("Optimistic · Volume (million paid subscriptions)") prints whole: the
    years beside it leave it no room to run on, so it wraps in a taller row (LibreOffice
    cut it at the name column before)."""
    document = sample_document()
    assert document.project.volume is not None
    path = exported(document)
    pdf = libreoffice(path, to="pdf")
    pdfinfo, pdftotext = shutil.which("pdfinfo"), shutil.which("pdftotext")
    if pdfinfo is None or pdftotext is None:
        pytest.skip("pdfinfo and pdftotext (poppler-utils) are not installed")
    info = subprocess.run([pdfinfo, str(pdf)], capture_output=True, text=True, check=True)
    pages = int(re.search(r"Pages:\s+(\d+)", info.stdout).group(1))
    assert 10 <= pages <= 30
    printed = subprocess.run([pdftotext, str(pdf), "-"], capture_output=True, text=True).stdout
    printed = " ".join(printed.split())
    headers = {
        ws.cell(r, 2).value
        for ws in openpyxl.load_workbook(path).worksheets
        for r in range(1, ws.max_row + 1)
        if ws.cell(r, 1).value in {s.id for s in document.project.scenarios}
    }
    assert "Pessimistic · Average price (USD per paid subscription)" in headers
    assert [h for h in headers if h not in printed] == []


def test_block_headers_wrap_in_rows_tall_enough_and_the_unit_runs_on(exported):
    book = openpyxl.load_workbook(exported(sample_document()))
    ws = book["Technology (volume)"]
    row = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "optimistic")
    assert ws.cell(row, 2).value == "Optimistic · Volume (million paid subscriptions)"
    assert ws.cell(row, 2).alignment.wrap_text
    assert ws.row_dimensions[row].height >= 30  # two lines
    unit = book["Total market (volume)"].cell(3, 3)
    assert unit.value == "million paid subscriptions" and not unit.alignment.wrap_text
    value_only = openpyxl.load_workbook(exported(sample_document(volume=False), "vo.xlsx"))
    ws = value_only["Technology"]
    row = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "optimistic")
    assert ws.row_dimensions[row].height is None  # "Optimistic" fits: rows as they were


_CAT_AXIS = re.compile(r"<c:catAx>.*?</c:catAx>", re.S)
_CATEGORIES = re.compile(r"<c:cat><c:numRef><c:f>(.*?)</c:f>")


def test_every_chart_has_one_year_axis_of_labels(exported):
    """Each chart's lines share one range of years, drawn as a text axis: an automatic
    axis lets a spreadsheet read the years as dates and space its labels by a calendar."""
    with zipfile.ZipFile(exported(sample_document())) as z:
        charts = [z.read(n).decode() for n in z.namelist() if n.startswith("xl/charts/chart")]
    assert len(charts) == 20  # the totals and the three scenarios of three dimensions, twice
    for chart in charts:
        axis = _CAT_AXIS.search(chart).group(0)
        assert "<c:auto" not in axis
        assert len(set(_CATEGORIES.findall(chart))) == 1


def test_every_parameter_names_its_unit_and_unused_ones_are_grey(exported):
    document = sample_document()
    book = openpyxl.load_workbook(exported(document))
    ws = book["Assumptions"]
    unit = document.project.metadata.unit
    headers = [c.value for c in ws[3]]
    assert headers[5:8] == [
        "CAGR (% a year)",
        f"K (saturation, {unit})",
        "r (S-curve rate, per year)",
    ]
    *parameters, key = headers[8:]
    assert all(h.endswith("(%)") or h.endswith(f"({unit})") for h in parameters)
    assert key.startswith("Key (scenario|series")  # the column the formulas find rows by
    for row in range(4, ws.max_row + 1):
        method = ws.cell(row, 5).value
        rate, k = ws.cell(row, 6), ws.cell(row, 7)
        grey = {"cagr": (False, True), "s_curve": (True, False), "gompertz": (True, False)}
        if method in grey:
            rate_grey, k_grey = grey[method]
            assert (rate.fill.fgColor.rgb == "FFEDEDED") is rate_grey, (row, method)
            assert (k.fill.fgColor.rgb == "FFEDEDED") is k_grey, (row, method)


def test_a_workbook_with_the_old_headers_still_imports(exported, xl):
    document = sample_document()
    path = exported(document)

    def old_headers(book):
        ws = book["Assumptions"]
        ws.cell(3, 6).value, ws.cell(3, 7).value, ws.cell(3, 8).value = (
            "CAGR",
            "K (saturation)",
            "r (S-curve rate)",
        )

    out = xl.edit(path, path.with_name("old.xlsx"), old_headers)
    assert read_workbook(out, document).changes == []


def validations(ws) -> dict[str, tuple]:
    """Each validated range's first cell → (type, first formula, operator)."""
    return {
        str(v.sqref).split()[0].split(":")[0]: (v.type, v.formula1, v.operator)
        for v in ws.data_validations.dataValidation
    }


def test_every_constrained_input_is_validated(exported):
    book = openpyxl.load_workbook(exported(sample_document()))
    about = validations(book["About"])
    assert "B10" not in about and "B12" not in about  # the years are shown, not typed
    assert about["B13"] == ("list", '"top_down,bottom_up"', None)
    assumptions = validations(book["Assumptions"])
    assert assumptions["E4"][0] == "list" and "gompertz" in assumptions["E4"][1]
    assert assumptions["F4"] == ("decimal", "-1.0", "greaterThan")  # CAGR above -100 %
    assert assumptions["I4"] == ("decimal", "-1.0", "greaterThan")  # growth of each year
    manual = next(v for k, v in assumptions.items() if k not in ("E4", "F4", "G4", "H4", "I4"))
    assert manual == ("decimal", "0.0", "greaterThanOrEqual")
    forces = validations(book["Five Forces"])
    assert forces["C4"] == ("whole", "1", None)  # between (the default) 1 and 5
    factors = validations(book["Drivers & Challenges"])
    assert factors["B4"] == ("list", '"driver,challenge"', None)
    assert {factors[c][0] for c in ("E4", "F4", "G4")} == {"whole"}
    developments = validations(book["Developments"])
    assert developments["E4"][0] == "list" and "m&a" in developments["E4"][1]
    assert developments["D4"][0] == "textLength"
    assert validations(book["Technology"])["C6"][0] == "decimal"  # history
    assert validations(book["Total market"])["C5"][0] == "decimal"
