"""The back-solve dialog, typed into as an analyst does: targets for several segments at
once, the resulting rates shown before OK, and a sentence when it cannot be done.
Project of the conftest: 2022 total 15 (Alpha 9, Beta 6), everything at 10 % a year, so
2025 shows total 19.965, Alpha 11.979, Beta 7.986."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from workbench.core.measures import VALUE
from workbench.gui.measures import MeasureReading
from workbench.gui.segments.backsolve import BackSolveDialog


@pytest.fixture
def dialog(qtbot, bridge):
    widget = BackSolveDialog(None, MeasureReading(bridge.document, VALUE), "base", "a")
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def type_into(qtbot, field, text: str) -> None:
    qtbot.mouseClick(field, Qt.MouseButton.LeftButton)
    assert QApplication.focusWidget() is field
    field.selectAll()
    for character in text:
        qtbot.keyClick(QApplication.focusWidget(), character)


def test_the_dialog_offers_the_dimension_and_prefills_the_clicked_series(dialog):
    assert [t.series_id for t in dialog.targets] == ["a", "b"]
    assert dialog.fields["a"].text() == "11.979" and dialog.fields["b"].text() == ""


def test_two_targets_that_fill_the_total_are_solved_together(qtbot, dialog, bridge):
    type_into(qtbot, dialog.fields["a"], "12.965")
    type_into(qtbot, dialog.fields["b"], "7")
    # Nothing else is free, so the targets are the projections: 9 (1+g)³ = 12.965.
    rate_a = (12.965 / 9) ** (1 / 3) - 1
    assert dialog.rates["a"].text() == f"10.0 % → {rate_a * 100:.1f} %"
    assert dialog.status.text() == ""
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert ok.isEnabled()
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert dialog.solved == {"a": 12.965, "b": 7.0}
    assert bridge.document.project.growth_of("base", "a").rate == 0.1  # the dialog only asks


def test_targets_that_cannot_add_up_are_refused_with_a_sentence(qtbot, dialog):
    type_into(qtbot, dialog.fields["a"], "12")
    type_into(qtbot, dialog.fields["b"], "9")
    assert "must add up to 19.965" in dialog.status.text()
    assert not dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
