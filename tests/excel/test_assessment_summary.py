"""An assessment edited on the Assessments sheet reads in the summary as every other line:
what changed in words, before and after, at the cell the colleague typed in.

The sample's one assessment ('Technology assessment') rates the two technology segments
on four criteria, one row per rating from row 4 to row 11: readiness × short video (4),
readiness × mini program (5), competition × short video (5), …
"""

from __future__ import annotations

import openpyxl
import pytest

from workbench.core.dump import dump_json
from workbench.core.sample import sample_document
from workbench.excel import ExcelError, read_workbook
from workbench.excel.assessments import (
    CRITERION,
    DIMENSION,
    NAME,
    NOTE,
    SCORE,
    SEGMENT,
    SEGMENT_ID,
)

FIRST, SECOND = 4, 5
ASSESSMENT = "Assessment: 'Technology assessment'"


def _edited(exported, tmp_path, edits: dict[tuple[int, int], object]):
    """The sample and its workbook with `edits` ((1-based row, 0-based column) → value)."""
    document = sample_document()
    book = openpyxl.load_workbook(exported(document))
    ws = book["Assessments"]
    for (row, col), value in edits.items():
        ws.cell(row, col + 1).value = value
    book.save(tmp_path / "edited.xlsx")
    return document, tmp_path / "edited.xlsx"


def _lines(document, path) -> list[str]:
    return [
        line
        for line in read_workbook(path, document).summary_lines()
        if not line.startswith("Not compared")
    ]


def test_a_ratings_note_and_score_read_in_words_at_their_cells(exported, tmp_path):
    document, path = _edited(
        exported, tmp_path, {(FIRST, NOTE): "Cheap to make.", (SECOND, SCORE): 3}
    )
    assert _lines(document, path) == [
        f"{ASSESSMENT}, Short Video Short Drama on 'Technology readiness': note changed from "
        "'Easy to produce and widely used on TikTok and Kwai, but c...' to 'Cheap to make.' "
        "(Assessments!I4)",
        f"{ASSESSMENT}, Mini Program Short Drama on 'Technology readiness': score changed "
        "from 5 to 3 (Assessments!H5)",
    ]


def test_a_name_changed_on_one_row_is_the_assessments_new_name(exported, tmp_path):
    """Only the second row says the new name (the first keeps the old one): the name
    changes, and the line names the cell typed in, not the assessment's first row."""
    document, path = _edited(exported, tmp_path, {(SECOND, NAME): "Technology scorecard"})
    plan = read_workbook(path, document)
    assert plan.summary_lines()[0] == (
        f"{ASSESSMENT} name changed from 'Technology assessment' to 'Technology scorecard' "
        "(Assessments!B5)"
    )
    document.execute(plan.command)
    assert document.project.assessments[0].name == "Technology scorecard"


def test_a_criterion_renamed_on_its_second_row_is_said_there(exported, tmp_path):
    document, path = _edited(exported, tmp_path, {(SECOND, CRITERION): "Maturity"})
    assert _lines(document, path) == [
        f"{ASSESSMENT} criterion 'Technology readiness' name changed from 'Technology "
        "readiness' to 'Maturity' (Assessments!E5)"
    ]


def test_a_rating_added_and_one_deleted(exported, tmp_path):
    """The first rating's row cleared (it is gone), a rating of a new criterion added."""
    clear = {(FIRST, col): None for col in range(9)}
    added = {
        (12, 0): "assessment-technology",
        (12, CRITERION): "Monetisation",
        (12, SEGMENT_ID): "mini-program",
        (12, SCORE): 2,
    }
    document, path = _edited(exported, tmp_path, clear | added)
    lines = _lines(document, path)
    assert lines == [
        f"{ASSESSMENT} criterion 'Monetisation' added (Assessments!E12)",
        f"{ASSESSMENT}, Mini Program Short Drama on 'Monetisation': rating set to 2 "
        "(Assessments!F12)",
        f"{ASSESSMENT}, Short Video Short Drama on 'Technology readiness': rating removed "
        "(was 4) (Assessments)",
    ]


def test_the_dimension_changed_on_every_row_with_its_segments(exported, tmp_path):
    segments = {"short-video": "tiktok", "mini-program": "kwai"}
    document = sample_document()
    book = openpyxl.load_workbook(exported(document))
    ws = book["Assessments"]
    for row in range(FIRST, ws.max_row + 1):
        ws.cell(row, DIMENSION + 1).value = "application"
        ws.cell(row, SEGMENT_ID + 1).value = segments[ws.cell(row, SEGMENT_ID + 1).value]
        ws.cell(row, SEGMENT + 1).value = None
    book.save(tmp_path / "moved.xlsx")
    lines = _lines(document, tmp_path / "moved.xlsx")
    assert lines[0] == (
        f"{ASSESSMENT} dimension changed from 'Technology' to 'Application' (Assessments!C4)"
    )
    assert f"{ASSESSMENT}, TikTok on 'Technology readiness': rating set to 4 (Assessments!F4)" in (
        lines
    )


def test_a_dimension_changed_on_the_first_row_only_is_refused_there(exported, tmp_path):
    """The ratings below still rate technology segments: the refusal names the cell the
    colleague typed in (C4), not the row that kept the old dimension."""
    document, path = _edited(exported, tmp_path, {(FIRST, DIMENSION): "application"})
    before = dump_json(document)
    with pytest.raises(ExcelError) as refused:
        read_workbook(path, document)
    assert str(refused.value) == (
        "Assessments!C4: 'application' is not the dimension of the segments rated on this "
        "assessment's rows ('short-video' on row 4 is not a segment of Application); change "
        "their segments too, or delete those rows."
    )
    assert dump_json(document) == before


def test_two_rows_changed_to_two_different_dimensions_are_refused_at_the_second(
    exported, tmp_path
):
    document, path = _edited(
        exported, tmp_path, {(FIRST, DIMENSION): "application", (SECOND, DIMENSION): "region"}
    )
    with pytest.raises(ExcelError) as refused:
        read_workbook(path, document)
    assert str(refused.value) == (
        "Assessments!C5: 'region' differs from 'application' on row 4 of the same "
        "assessment; its rows share one dimension."
    )
