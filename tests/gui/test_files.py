"""File actions with the dialogs scripted: open, edit, save, reopen; quit; recovery; new."""

from __future__ import annotations

from workbench.core.commands import SetHistory
from workbench.core.project import TOTAL
from workbench.core.sample import sample_document
from workbench.gui.bridge import DocumentBridge
from workbench.gui.main_window import MainWindow
from workbench.store import open_project, write_recovery


def test_open_edit_save_reopen_through_the_file_actions(window, dialogs, saved_sample):
    dialogs.queue("ask_open_path", str(saved_sample))
    window.actions.open.trigger()
    assert window.files.path == saved_sample
    assert window.windowTitle() == "market.mwp[*] — Market Workbench"
    assert window.bridge.execute(SetHistory(TOTAL, 2024, 8.25))
    assert window.isWindowModified()
    window.actions.save.trigger()
    assert not window.isWindowModified()
    assert open_project(saved_sample).project.history[(TOTAL, 2024)] == 8.25
    dialogs.queue("ask_open_path", str(saved_sample))
    window.actions.open.trigger()  # reopen: nothing unsaved, so nothing is asked
    assert window.bridge.document.project.history[(TOTAL, 2024)] == 8.25
    assert window.settings.recent_files()[0] == str(saved_sample.resolve())


def test_save_as_for_a_project_without_a_file(window, dialogs, tmp_path):
    window.bridge.execute(SetHistory(TOTAL, 2024, 9.0))
    dialogs.queue("ask_save_path", str(tmp_path / "copy"))
    window.actions.save.trigger()  # no file yet: Save asks where
    assert window.files.path == tmp_path / "copy.mwp"
    assert open_project(tmp_path / "copy.mwp").project.history[(TOTAL, 2024)] == 9.0
    assert not window.isWindowModified()


def test_opening_a_bad_file_shows_one_sentence_and_keeps_the_project(window, dialogs, tmp_path):
    bad = tmp_path / "notes.mwp"
    bad.write_text("not a project")
    document = window.bridge.document
    dialogs.queue("ask_open_path", str(bad))
    window.actions.open.trigger()
    assert window.bridge.document is document
    assert len(dialogs.errors) == 1 and "notes.mwp" in dialogs.errors[0]


def test_replacing_unsaved_work_asks_and_cancel_keeps_it(window, dialogs):
    window.bridge.execute(SetHistory(TOTAL, 2024, 9.0))
    document = window.bridge.document
    dialogs.queue("ask_save_changes", "cancel")
    window.actions.new_sample.trigger()
    assert window.bridge.document is document
    dialogs.queue("ask_save_changes", "discard")
    window.actions.new_sample.trigger()
    assert window.bridge.document is not document
    assert not window.isWindowModified()


def test_quit_with_unsaved_changes_asks(qtbot, dialogs, settings, recovery_dir):
    document = sample_document()
    main = MainWindow(DocumentBridge(document), settings, recovery_dir)
    main.start(document=document)
    main.show()
    main.bridge.execute(SetHistory(TOTAL, 2024, 9.0))
    dialogs.queue("ask_save_changes", "cancel", "discard")
    assert not main.close()
    assert main.isVisible()
    assert main.close()
    assert [name for name, _ in dialogs.asked] == ["ask_save_changes", "ask_save_changes"]


def test_recovery_is_offered_at_start(qtbot, dialogs, settings, recovery_dir, saved_sample):
    edited = open_project(saved_sample)
    edited.execute(SetHistory(TOTAL, 2024, 11.0))
    write_recovery(edited, saved_sample)
    dialogs.queue("confirm", True)
    main = MainWindow(DocumentBridge(sample_document()), settings, recovery_dir)
    main.start(str(saved_sample))
    assert "Restore" in dialogs.asked[0][1][1]
    assert main.bridge.document.project.history[(TOTAL, 2024)] == 11.0
    assert main.isWindowModified()
    main.files.maybe_save = lambda: True
    main.close()


def test_new_from_blank_template(window, dialogs):
    dialogs.queue(
        "ask_form",
        {
            "title": "Robotaxi",
            "unit": "USD millions",
            "first_year": 2020,
            "base_year": 2024,
            "last_year": 2030,
            "dimensions": "Region: US, China\nVehicle: Sedan, Van",
            "scenarios": "Base, Bull",
        },
    )
    window.actions.new_blank.trigger()
    project = window.bridge.document.project
    assert project.metadata.title == "Robotaxi" and project.metadata.unit == "USD millions"
    assert [d.name for d in project.dimensions] == ["Region", "Vehicle"]
    assert [s.name for s in project.scenarios] == ["Base", "Bull"]
    assert "Region" in [window.navigator.item(i).text() for i in range(window.navigator.count())]
    assert not window.isWindowModified()  # untouched: nothing to lose yet
    assert window.files.maybe_save()  # no "Save changes?" (an unexpected dialog fails)
    window.bridge.execute(SetHistory(TOTAL, 2024, 5.0))
    assert window.isWindowModified()


def test_blank_template_refusal_is_one_sentence(window, dialogs):
    document = window.bridge.document
    dialogs.queue(
        "ask_form",
        {
            "title": "X",
            "unit": "USD",
            "first_year": 2024,
            "base_year": 2020,
            "last_year": 2030,
            "dimensions": "",
            "scenarios": "Base",
        },
    )
    window.actions.new_blank.trigger()
    assert window.bridge.document is document
    assert len(dialogs.errors) == 1 and "2024" in dialogs.errors[0]


def test_open_recent_menu_lists_and_opens(window, dialogs, saved_sample):
    from workbench.gui.menus import fill_recent

    window.settings.add_recent(saved_sample)
    fill_recent(window, window.recent_menu)
    actions = window.recent_menu.actions()
    assert actions[0].text() == "&1 market.mwp"
    actions[0].trigger()
    assert window.files.path == saved_sample.resolve()
