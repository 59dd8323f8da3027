"""The Gompertz growth method end to end: engine, explanation, validation, edits, the
project file and the workbook (LibreOffice recalculating its formula is the registry-wide
law in tests/excel/test_libreoffice.py; the Method column in tests/gui/segments).

Hand-worked: v0 = 10, K = 100, r = 0.5, base year 2022, so
v[y] = 100 · exp(ln(0.1) · e^(−0.5 t)) with ln(0.1) = −2.302585:
2023: e^−0.5 = 0.606531, × ln(0.1) = −1.396586, exp = 0.247440 → 24.7440
2024: e^−1.0 = 0.367879, × ln(0.1) = −0.847080, exp = 0.428668 → 42.8668
2025: e^−1.5 = 0.223130, × ln(0.1) = −0.513776, exp = 0.598232 → 59.8232
"""

import pytest
from openpyxl import load_workbook

from workbench.core.commands import SetGrowth, SetHistory
from workbench.core.document import Document
from workbench.core.errors import ModelError
from workbench.core.explain import explain_cell
from workbench.core.methods import method, named
from workbench.core.project import TOTAL, Dimension, Growth, Member, Metadata, Project, Scenario
from workbench.core.validation import validate
from workbench.excel import export_workbook, project_from_workbook, read_workbook
from workbench.store import open_project, save_project

CURVE = Growth("gompertz", k=100.0, r=0.5)


def document_with(growth: Growth, v0: float = 10.0) -> Document:
    p = Project(
        Metadata("G", 2021, 2022, 2025),
        [Dimension("d", "D", (Member("a", "Alpha"), Member("b", "Beta")))],
        [Scenario("base", "Base")],
    )
    for series, value in ((TOTAL, v0 + 5.0), ("a", v0), ("b", 5.0)):
        p.history[(series, 2022)] = value
        p.history[(series, 2021)] = value
    p.growth[("base", TOTAL)] = Growth("cagr", 0.1)
    p.growth[("base", "a")] = growth
    p.growth[("base", "b")] = Growth("cagr", 0.1)
    return Document(p)


def test_the_engine_follows_the_hand_worked_curve():
    result = document_with(CURVE).result("base")
    projected = [result.projected_value("a", y) for y in (2023, 2024, 2025)]
    assert projected == pytest.approx([24.7440, 42.8668, 59.8232], abs=5e-5)


def test_k_below_the_base_value_declines_towards_k():
    result = document_with(Growth("gompertz", k=4.0, r=1.0)).result("base")
    projected = [result.projected_value("a", y) for y in (2023, 2024, 2025)]
    assert 10.0 > projected[0] > projected[1] > projected[2] > 4.0


def test_the_explanation_names_k_r_t_and_v0():
    info = explain_cell(document_with(CURVE), "base", "a", 2024)
    assert info.formula.startswith(
        "Gompertz: K · e^(ln(v0/K)·e^(−r·t)) with K = 100, r = 0.5, t = 2, v0 = 10"
    )


@pytest.mark.parametrize(
    ("growth", "v0", "code"),
    [
        (Growth("gompertz", k=-5.0, r=0.5), 10.0, "gompertz_k"),
        (Growth("gompertz", k=0.0, r=0.5), 10.0, "gompertz_k"),
        (CURVE, 0.0, "gompertz_base"),
        (CURVE, -3.0, "gompertz_base"),
        (Growth("gompertz", k=100.0), 10.0, "gompertz_incomplete"),
        (Growth("gompertz", k=4.0, r=-50.0), 10.0, "gompertz_r"),
        (Growth("gompertz", k=100.0, r=0.0), 10.0, "gompertz_r"),
    ],
)
def test_k_or_base_at_or_below_zero_and_a_missing_r_are_findings(growth, v0, code):
    findings = [f for f in validate(document_with(growth, v0)) if f.code == code]
    assert len(findings) == 1
    assert findings[0].is_error and findings[0].series_id == "a"
    assert "Alpha in Base" in findings[0].message


def test_a_valid_curve_has_no_finding():
    assert [f.code for f in validate(document_with(CURVE)) if f.series_id == "a"] == []


def test_edits_refuse_k_at_or_below_zero_and_change_nothing():
    document = document_with(Growth("cagr", 0.1))
    with pytest.raises(ModelError, match="must be above 0"):
        document.execute(SetGrowth("base", "a", Growth("gompertz", k=0.0, r=0.5)))
    document.execute(SetHistory("a", 2022, None))
    with pytest.raises(ModelError, match="base-year"):
        document.execute(SetGrowth("base", "a", CURVE))
    assert document.project.growth_of("base", "a") == Growth("cagr", 0.1)


def test_the_registry_entry_describes_its_parameters():
    gompertz = method("gompertz")
    assert [p.field for p in gompertz.parameters] == ["k", "r"]
    assert not gompertz.chained and gompertz.needs_base
    assert gompertz.parameter("k").admits(1e-9) and not gompertz.parameter("k").admits(0.0)


def test_the_project_file_keeps_a_gompertz_series(tmp_path):
    document = document_with(CURVE)
    save_project(document, tmp_path / "g.mwp")
    reopened = open_project(tmp_path / "g.mwp")
    assert reopened.project.growth_of("base", "a") == CURVE
    assert reopened.result("base").projected_value("a", 2025) == pytest.approx(59.8232, abs=5e-5)


def test_the_workbook_holds_the_formula_and_imports_back(tmp_path):
    document = document_with(CURVE)
    path = tmp_path / "g.xlsx"
    export_workbook(document, path)
    assert project_from_workbook(path).growth_of("base", "a") == CURVE
    assert read_workbook(path, document).is_empty


def test_an_edit_with_r_at_or_below_zero_is_refused_before_the_curve_runs_away():
    # K = 4 below v0 = 10 with r = −50: e^(50·t) overflows and every forecast year went
    # blank (a workbook from a colleague applied it without a word).
    document = document_with(Growth("cagr", 0.1))
    with pytest.raises(ModelError, match=r"rate r = -50 of the Gompertz curve .* above 0"):
        document.execute(SetGrowth("base", "a", Growth("gompertz", k=4.0, r=-50.0)))
    assert document.project.growth_of("base", "a") == Growth("cagr", 0.1)


def test_a_method_typed_by_its_label_in_the_workbook_means_that_method(tmp_path):
    """A colleague types the name the app shows ("Gompertz"), not the code."""
    document = document_with(CURVE)
    path = tmp_path / "g.xlsx"
    export_workbook(document, path)
    book = load_workbook(path)
    sheet = book["Assumptions"]
    cells = [c for row in sheet.iter_rows() for c in row if c.value == "gompertz"]
    assert cells
    for cell in cells:
        cell.value = "Gompertz"
    book.save(path)
    assert read_workbook(path, document).is_empty  # the same method, so no change
    assert named("Gompertz") == named(" gompertz ") == "gompertz"
    assert named("growth by year") == named("Growth by year") == "growth_by_year"
    assert named("Logistic") is None
