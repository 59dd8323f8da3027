"""Edit laws: what a colleague changes in the workbook comes back, and nothing else moves."""

from __future__ import annotations

import re

import pytest

from workbench.core.sample import sample_document
from workbench.excel import read_workbook

HISTORY_2023 = 3 + 2023 - 2019  # 1-based column of 2023 on a value sheet (A id, B name)
FORECAST_2027 = 3 + 2027 - 2019


def _colleague(book, xl) -> None:
    """The six edits of the acceptance criteria, made with openpyxl."""
    app = book["Application"]
    app.cell(xl.row_of(app, "tiktok"), HISTORY_2023).value = 1.35
    tech = book["Technology"]
    tech.cell(xl.row_of(tech, "short-video"), 2).value = "Short Video Apps"
    kwai = xl.row_of(app, "kwai", start=xl.row_of(app, "optimistic"))
    app.cell(kwai, FORECAST_2027).value = 2.5
    assumptions = book["Assumptions"]
    row = next(
        r
        for r in range(4, assumptions.max_row + 1)
        if assumptions.cell(r, 1).value == "base" and assumptions.cell(r, 2).value == "tiktok"
    )
    assumptions.cell(row, 6).value = 0.31
    companies = book["Companies"]
    companies.cell(companies.max_row + 1, 2).value = "New Studio"
    developments = book["Developments"]
    developments.delete_rows(xl.row_of(developments, "dev-mango-1"))


@pytest.fixture
def edited(exported, xl, tmp_path):
    document = sample_document(volume=False)  # the summary lines of a value-only import
    path = exported(document)
    out = xl.edit(path, tmp_path / "edited.xlsx", lambda book: _colleague(book, xl))
    return document, out


def test_the_plan_lists_exactly_the_six_edits(edited):
    document, path = edited
    plan = read_workbook(path, document)
    kinds = sorted(c.kind for c in plan.changes)
    assert kinds == ["Assumption", "Company", "Development", "History", "Pin", "Segment"]
    lines = plan.summary_lines()
    text = "\n".join(lines)
    assert re.search(
        r"^History: TikTok 2023 changed from \S+ to 1.35 \(Application!G\d+\)$", text, re.M
    )
    assert (
        "Segment: name changed from 'Short Video Short Drama' to 'Short Video Apps'"
        in "\n".join(lines)
    )
    assert any("Pin: Kwai, Optimistic, 2027 set to 2.50" in line for line in lines), lines
    assert any(
        "Assumption: TikTok, Base, CAGR changed" in line and "to 31 %" in line for line in lines
    )
    assert any(line.startswith("Company: 'New Studio' added (Companies!B") for line in lines)
    assert any(
        line.startswith("Development:") and line.endswith("removed (Developments)")
        for line in lines
    )


def test_applying_is_one_undoable_step(edited, xl):
    document, path = edited
    before = xl.dump(document)
    plan = read_workbook(path, document)
    assert xl.dump(document) == before  # reading changed nothing
    document.execute(plan.command)
    p = document.project
    assert p.history[("tiktok", 2023)] == 1.35
    assert p.member("short-video").name == "Short Video Apps"
    assert p.pins[("optimistic", "kwai", 2027)] == 2.5
    assert p.growth[("base", "tiktok")].rate == 0.31
    new = p.companies[-1]
    assert new.name == "New Studio" and new.id not in {c.id for c in p.companies[:-1]}
    assert "dev-mango-1" not in {d.id for d in p.developments}
    assert document.result("optimistic").projected_value("kwai", 2027) == 2.5
    document.undo()
    assert xl.dump(document) == before
    assert not document.can_undo


def test_a_plan_for_a_changed_project_is_refused(edited, xl):
    document, path = edited
    plan = read_workbook(path, document)
    document.project.history[("tiktok", 2023)] = 9.0
    with pytest.raises(Exception, match="changed after the workbook was read"):
        document.execute(plan.command)
    assert document.project.member("short-video").name == "Short Video Short Drama"
