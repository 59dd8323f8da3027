"""Five Forces and Assessments: ratings as heat maps, rationale and notes, undo."""

from PySide6.QtCore import Qt

from workbench.gui.qualitative.assessments import AssessmentsPage
from workbench.gui.qualitative.forces import FiveForcesPage
from workbench.gui.qualitative.radar import spoke


def test_force_rating_edit_redraws_the_radar(qtbot, qtmodeltester, bridge, project):
    page = FiveForcesPage(bridge)
    qtbot.addWidget(page)
    qtmodeltester.check(page.model)
    assert page.radar.ratings == [5, 4, 3, 3, 4]
    row = page.model.row_of("substitutes")
    assert page.model.setData(page.model.index(row, 1), 1)
    assert page.radar.ratings == [5, 4, 1, 3, 4]
    bridge.undo()
    assert page.radar.ratings == [5, 4, 3, 3, 4]


def test_radar_axes_start_at_the_top_and_turn_clockwise():
    x, y = spoke(0, 4, 2)
    assert abs(x) < 1e-12 and y == 2
    x, y = spoke(1, 4, 2)
    assert abs(x - 2) < 1e-12 and abs(y) < 1e-12


def test_rationale_commits_as_one_edit(qtbot, bridge, project):
    page = FiveForcesPage(bridge)
    qtbot.addWidget(page)
    page.table.setCurrentIndex(page.model.index(page.model.row_of("buyer_power"), 0))
    page.rationale.editor.setPlainText("- switching is free\n- **many** substitutes")
    page.rationale.editor.commit()
    assert project.entity("forces", "buyer_power").rationale == (
        "- switching is free\n- **many** substitutes")
    assert bridge.document.undo_text == "Edit force"


def assessment_page(qtbot, bridge) -> AssessmentsPage:
    page = AssessmentsPage(bridge)
    qtbot.addWidget(page)
    return page


def test_matrix_shows_criteria_by_members(qtbot, qtmodeltester, bridge):
    page = assessment_page(qtbot, bridge)
    qtmodeltester.check(page.model)
    model = page.model
    assert (model.rowCount(), model.columnCount()) == (4, 3)
    assert model.headerData(2, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole) == (
        "Mini Program Short Drama")
    assert model.index(0, 2).data() == 5
    assert "interactive" in model.index(0, 2).data(Qt.ItemDataRole.ToolTipRole)


def test_rate_note_clear_and_undo(qtbot, bridge, project, errors):
    page = assessment_page(qtbot, bridge)
    model = page.model
    cell = model.index(2, 1)
    before = project.entity("assessments", "assessment-technology")
    assert model.setData(cell, 2)
    assessment = project.entity("assessments", "assessment-technology")
    assert assessment.cells[("regulation", "short-video")].score == 2
    page.table.setCurrentIndex(cell)
    page.note.setPlainText("Licensing rules tightened in 2024.")
    page.note.commit()
    rating = project.entity("assessments", "assessment-technology").cells[
        ("regulation", "short-video")]
    assert (rating.score, rating.note) == (2, "Licensing rules tightened in 2024.")
    page.clear_rating()
    assert ("regulation", "short-video") not in project.entity(
        "assessments", "assessment-technology").cells
    assert not page.note.isEnabled()
    assert not model.set_note(cell, "orphan")
    assert errors == ["Rate the cell before writing a note for it."]
    for _ in range(3):
        bridge.undo()
    assert project.entity("assessments", "assessment-technology") == before
    assert model.index(2, 1).data() == 3


def test_add_criterion_and_rename_it(qtbot, bridge, project, errors):
    page = assessment_page(qtbot, bridge)
    page.add_criterion()
    assert page.model.rowCount() == 5
    assert page.model.setData(page.model.index(4, 0), "Monetisation maturity")
    criteria = project.entity("assessments", "assessment-technology").criteria
    assert (criteria[-1].id, criteria[-1].name) == ("criterion-1", "Monetisation maturity")
    assert not page.model.setData(page.model.index(4, 0), " ")
    assert errors == ["A criterion's name must not be empty."]


def test_new_assessment_for_another_dimension(qtbot, bridge, project):
    page = assessment_page(qtbot, bridge)
    page.dimension_choice.setCurrentIndex(page.dimension_choice.findData("region"))
    page.add_assessment()
    added = project.assessments[-1]
    assert (added.name, added.dimension_id, len(added.criteria)) == (
        "Region assessment", "region", 4)
    assert page.chooser.currentData() == added.id
    assert page.model.columnCount() == 5
    assert page.model.setData(page.model.index(0, 4), 4)
    assert set(project.assessments[-1].cells) == {("readiness", "rest-of-world")}
    bridge.undo()
    bridge.undo()
    assert len(project.assessments) == 1
    assert page.chooser.count() == 1
