"""Model → Add Volume Measure…, Set Volume Unit…, Remove Volume Measure, from the menu bar
of a window on a fresh machine (empty HOME and XDG folders); each is one undoable edit and
the pages follow at once."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from workbench.core.commands.measures import RemoveVolume
from workbench.core.sample import sample_document
from workbench.gui import dialogs as dialogs_module
from workbench.gui.page import PageKey
from workbench.gui.segments import SegmentPage
from workbench.numbers import DASH

UNIT = "million paid subscriptions"


pytestmark = pytest.mark.usefixtures("fresh_home")


@pytest.fixture
def window(make_window):
    """The sample as a value-only project (whatever the sample carries)."""
    document = sample_document()
    if document.project.volume is not None:
        document.execute(RemoveVolume())
    return make_window(document, (1280, 800))


def model_menu_action(window, text: str):
    """The Model menu's action with this text (as the menu bar shows it)."""
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Model")
    return next(a for a in menu.actions() if a.text().replace("&", "") == text)


def test_add_the_volume_from_the_menu_then_undo_and_redo(qtbot, window, dialogs):
    document = window.bridge.document
    tech = window.show_page(PageKey(SegmentPage, "technology"))
    assert not tech.measure_switch.isVisible()
    assert not model_menu_action(window, "Remove Volume Measure").isEnabled()
    add = model_menu_action(window, "Add Volume Measure…")
    assert add.isEnabled()
    dialogs.queue("ask_form", {"unit": f"  {UNIT} "})
    add.trigger()
    assert document.project.volume.unit == UNIT
    assert not add.isEnabled() and model_menu_action(window, "Set Volume Unit…").isEnabled()
    assert tech.measure_switch.isVisible() and tech.model.measure == "volume"
    assert tech.model.headerData(0, Qt.Orientation.Horizontal) == f"Volume\n{UNIT}"
    year = next(i for i, c in enumerate(tech.model.layout.columns) if c.year == 2019)
    assert tech.model.data(tech.model.index(1, year)) == DASH  # empty: blank history
    window.actions.undo.trigger()
    assert document.project.volume is None
    assert not tech.measure_switch.isVisible() and tech.model.measure == "value"
    window.actions.redo.trigger()
    assert document.project.volume.unit == UNIT and tech.model.measure == "volume"


def test_the_form_hints_at_additive_units_and_refuses_an_empty_one(window, monkeypatch):
    """The form's own check: OK with no unit keeps it open with a sentence."""
    seen = {}

    def ask_form(parent, title, fields, check=None, note=""):
        seen.update(refusal=check({"unit": "  "}), note=note)
        return None  # then the analyst cancels

    monkeypatch.setattr(dialogs_module, "ask_form", ask_form)
    model_menu_action(window, "Add Volume Measure…").trigger()
    assert seen["refusal"] == "Name the unit."
    assert "add up across each dimension's segments" in seen["note"]
    assert "viewing hours" in seen["note"]
    assert window.bridge.document.project.volume is None


def test_set_the_unit_and_remove_the_volume_with_a_confirmation(qtbot, window, dialogs):
    document = window.bridge.document
    dialogs.queue("ask_form", {"unit": UNIT})
    model_menu_action(window, "Add Volume Measure…").trigger()
    tech = window.show_page(PageKey(SegmentPage, "technology"))
    dialogs.queue("ask_form", {"unit": "million subscriptions"})
    model_menu_action(window, "Set Volume Unit…").trigger()
    assert document.project.volume.unit == "million subscriptions"
    assert "million subscriptions" in tech.chart.title
    dialogs.queue("confirm", False)
    model_menu_action(window, "Remove Volume Measure").trigger()
    assert document.project.volume is not None
    dialogs.queue("confirm", True)
    model_menu_action(window, "Remove Volume Measure").trigger()
    assert document.project.volume is None and tech.model.measure == "value"
    assert "Remove the volume measure (million subscriptions)" in dialogs.asked[-1][1][1]
    window.actions.undo.trigger()
    assert document.project.volume.unit == "million subscriptions"
    assert tech.model.measure == "volume"  # the window's choice came back with it
