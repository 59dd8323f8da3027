"""Team server projects in the app: open from a server, save, a refused save, history."""

from __future__ import annotations

import itertools
import time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox

from tests.store.support import dump_of
from workbench.core.commands import SetHistory
from workbench.core.project import TOTAL
from workbench.core.sample import sample_document
from workbench.gui import server_dialogs
from workbench.gui.server_dialogs import ConflictDialog, HistoryDialog, ServerProjectDialog
from workbench.store.postgres import (
    disconnect,
    history,
    open_server_project,
    save_to_server,
)
from workbench.store.server_address import ServerAddress

_names = itertools.count(1)


@pytest.fixture
def address(cluster):
    yield ServerAddress.parse(cluster.url(project=f"gui project {next(_names)}"))
    disconnect()


@pytest.fixture
def on_server(address):
    save_to_server(sample_document(), address)
    return address


def _click(qtbot, widget, rect=None) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton,
                     pos=rect.center() if rect is not None else widget.rect().center())


def test_open_from_server_by_mouse_and_keys_on_a_fresh_machine(
    qtbot, monkeypatch, tmp_path, on_server
):
    for name in ("HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME"):
        (tmp_path / name).mkdir()
        monkeypatch.setenv(name, str(tmp_path / name))
    dialog = ServerProjectDialog(None, [], "Open from Server")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    _click(qtbot, dialog.server.lineEdit())
    assert QApplication.focusWidget() is dialog.server  # an editable combo box
    qtbot.keyClicks(QApplication.focusWidget(), on_server.conninfo)
    _click(qtbot, dialog.list_button)
    names = [dialog.projects.item(i).text() for i in range(dialog.projects.count())]
    row = next(i for i, text in enumerate(names) if text.startswith(on_server.project + " "))
    item = dialog.projects.item(row)
    dialog.projects.scrollToItem(item)  # the session's server holds many projects
    _click(qtbot, dialog.projects.viewport(), dialog.projects.visualItemRect(item))
    assert dialog.name.text() == on_server.project
    _click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Ok))
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.chosen() == on_server


def test_an_unreachable_server_is_a_sentence_in_the_dialog(qtbot):
    dialog = ServerProjectDialog(None, ["postgresql://nobody@127.0.0.1:9/none"], "Open")
    qtbot.addWidget(dialog)
    _click(qtbot, dialog.list_button)
    assert dialog.message.text().startswith("Cannot reach the server")
    assert dialog.projects.count() == 0


def test_open_edit_save_and_the_server_remembered_without_password(window, dialogs, on_server):
    assert window.files.servers.open(on_server)
    assert on_server.project in window.windowTitle()
    assert window.bridge.execute(SetHistory(TOTAL, 2024, 8.25))
    assert window.files.save()
    assert not window.bridge.document.is_modified
    assert open_server_project(on_server).project.history[(TOTAL, 2024)] == 8.25
    assert window.settings.servers() == [on_server.conninfo]
    assert "password" not in str(window.settings.servers())


def test_a_refused_save_reapplies_my_edits_with_my_decisions(
    window, dialogs, on_server, monkeypatch
):
    window.files.servers.open(on_server)
    theirs = open_server_project(on_server)
    theirs.execute(SetHistory(TOTAL, 2024, 1.0))
    theirs.execute(SetHistory(TOTAL, 2023, 2.0))
    save_to_server(theirs)
    window.bridge.execute(SetHistory(TOTAL, 2024, 3.0))  # both changed this one
    window.bridge.execute(SetHistory(TOTAL, 2022, 4.0))  # only mine
    asked: list = []
    monkeypatch.setattr(server_dialogs, "ask_after_conflict",
                        lambda _w, text: asked.append(text) or "reapply")
    monkeypatch.setattr(server_dialogs, "ask_conflicts",
                        lambda _w, labels: asked.append(labels) or [True])
    assert window.files.save()
    assert "saved by someone else since your revision 1" in asked[0]
    assert asked[1] == ["Total market 2024 (history): yours 3.0; on the server 1.0"]
    final = open_server_project(on_server).project.history
    assert (final[(TOTAL, 2024)], final[(TOTAL, 2023)], final[(TOTAL, 2022)]) == (3.0, 2.0, 4.0)
    assert [r.revision for r in history(on_server)] == [3, 2, 1]


def test_the_conflict_list_is_decided_by_ticking(qtbot):
    dialog = ConflictDialog(None, ["history total 2024: yours 3; on the server 1",
                                   "pins s1 total 2030: yours 9; on the server 8"])
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    second = dialog.changes.item(1)
    rect = dialog.changes.visualItemRect(second)
    checkbox = rect.adjusted(0, 0, -(rect.width() - rect.height()), 0)  # the tick box
    _click(qtbot, dialog.changes.viewport(), checkbox)
    assert dialog.keep_mine() == [False, True]


def test_history_opens_an_old_revision_read_only_and_restores_it(
    window, dialogs, on_server, qtbot
):
    window.files.servers.open(on_server)
    before = dump_of(window.bridge.document)
    window.bridge.execute(SetHistory(TOTAL, 2024, 8.25))
    window.files.save()
    dialog = HistoryDialog(None, on_server.project, history(on_server))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    cell = dialog.table.visualItemRect(dialog.table.item(1, 0))
    _click(qtbot, dialog.table.viewport(), cell)
    _click(qtbot, dialog.restore_button)
    assert dialog.action == ("restore", 1)

    assert window.files.servers.open(on_server, revision=1)
    assert "(revision 1, read-only)" in window.windowTitle()
    assert dump_of(window.bridge.document) == before
    dialogs.queue("confirm", False)  # "may not save: save as a new project?" → no
    window.bridge.execute(SetHistory(TOTAL, 2024, 1.0))
    assert not window.files.save()
    assert "read-only" in dialogs.asked[-1][1][1]


def test_a_lost_connection_keeps_the_work_and_the_next_opening_offers_it(
    window, dialogs, on_server, cluster
):
    window.files.servers.open(on_server)
    window.bridge.execute(SetHistory(TOTAL, 2024, 8.25))
    with cluster.admin() as admin:  # the server drops every session of the app
        admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                      " WHERE application_name = 'Market Workbench'")
    assert not window.files.save()
    assert "was lost while saving" in dialogs.errors[-1]
    assert "safe in the recovery file" in dialogs.errors[-1]
    assert open_server_project(on_server).project.history[(TOTAL, 2024)] != 8.25
    assert window.bridge.document.is_modified

    dialogs.queue("confirm", True)  # "Unsaved work on <project> … Restore it?"
    assert window.files.servers.open(on_server)
    assert on_server.project in dialogs.asked[-1][1][1]
    assert window.bridge.document.project.history[(TOTAL, 2024)] == 8.25
    assert window.bridge.document.undo_text == "Recovered work"
    assert window.files.save()
    assert open_server_project(on_server).project.history[(TOTAL, 2024)] == 8.25


def test_the_autosaver_keeps_a_server_project_recoverable(window, dialogs, on_server):
    window.files.servers.open(on_server)
    window.bridge.execute(SetHistory(TOTAL, 2024, 7.5))
    autosaver = window.files.autosaver
    written = autosaver.tick(time.monotonic() + 3600)  # long past the autosave interval
    autosaver.wait()
    assert written is not None and written.exists()
    assert written.parent == window.files.recovery_folder
