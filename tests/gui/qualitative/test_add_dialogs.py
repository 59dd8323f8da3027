"""Adding a development or a segment is one dialog that asks for what it needs.

The real form is driven here as a person would: a refused date keeps the dialog open with
the reason and everything typed; "New source…" makes the source on the way, and the
development and its source are one undo step.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QApplication,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
)

from workbench.gui.qualitative.companies import CompaniesPage
from workbench.gui.source_form import NEW_SOURCE


def _press_ok(dialog) -> None:
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()


def test_a_refused_date_keeps_the_dialog_and_the_typing(qtbot, bridge, project):
    page = CompaniesPage(bridge)
    qtbot.addWidget(page)
    panel = page.dossier.developments
    before = len(project.developments)
    seen: dict[str, str] = {}

    def second_try() -> None:
        dialog = QApplication.activeModalWidget()
        seen["refusal"] = dialog.findChild(QLabel, "form-refusal").text()
        seen["kept"] = dialog.findChild(QPlainTextEdit).toPlainText()
        dialog.findChild(QLineEdit).setText("2024-11")
        _press_ok(dialog)

    def first_try() -> None:
        dialog = QApplication.activeModalWidget()
        assert dialog.findChild(QLineEdit).text() == ""  # no date chosen for the analyst
        dialog.findChild(QLineEdit).setText("2024-13")
        dialog.findChild(QPlainTextEdit).setPlainText("Opened a studio in Seoul")
        _press_ok(dialog)
        QTimer.singleShot(0, second_try)

    QTimer.singleShot(0, first_try)
    assert panel.add_development()
    assert "2024-13" in seen["refusal"] and seen["kept"] == "Opened a studio in Seoul"
    added = project.developments[-1]
    assert len(project.developments) == before + 1
    assert (added.date, added.text, added.company_id) == (
        "2024-11", "Opened a studio in Seoul", page.selected_id())


def test_new_source_is_made_on_the_way_in_the_same_undo_step(qtbot, bridge, project, dialogs):
    page = CompaniesPage(bridge)
    qtbot.addWidget(page)
    sources, developments = len(project.sources), len(project.developments)
    dialogs.queue(
        "ask_form",
        {"date": "2025-01", "kind": "Funding", "text": "Series B", "source": NEW_SOURCE},
        {"publisher": "36Kr", "title": "Funding news", "date": "2025-01", "url": "",
         "assumption": False},
    )
    assert page.dossier.developments.add_development()
    added = project.developments[-1]
    assert project.sources[-1].publisher == "36Kr" and added.source_id == project.sources[-1].id
    assert bridge.document.undo_text == "Add development"
    bridge.undo()
    assert (len(project.sources), len(project.developments)) == (sources, developments)


def test_a_trend_cites_a_new_source_made_on_the_way(qtbot, bridge, project, dialogs):
    from workbench.gui.qualitative.trends import TrendsPage

    page = TrendsPage(bridge)
    qtbot.addWidget(page)
    trend = page.detail.entity()
    dialogs.queue("ask_form", {"publisher": "Sensor Tower", "title": "Q1 report",
                               "date": "2025-04", "url": "", "assumption": False})
    page.detail.new_source.click()
    source = project.sources[-1]
    assert source.publisher == "Sensor Tower"
    assert project.entity("trends", trend.id).source_ids[-1] == source.id
    assert page.detail.sources.checked_ids()[-1] == source.id
    bridge.undo()
    assert source.id not in {s.id for s in project.sources}
    assert source.id not in project.entity("trends", trend.id).source_ids


def test_a_company_cites_a_new_source_from_its_sources_tab(qtbot, bridge, project, dialogs):
    page = CompaniesPage(bridge)
    qtbot.addWidget(page)
    company_id = page.selected_id()
    dialogs.queue("ask_form", {"publisher": "LatePost", "title": "", "date": "2025",
                               "url": "", "assumption": False})
    page.dossier.new_source.click()
    assert project.entity("companies", company_id).source_ids[-1] == project.sources[-1].id
    assert project.sources[-1].publisher == "LatePost"
