"""Two editors of one file: this window, and another process that saved the file since
this window opened it. Saving asks (reload, save as, overwrite) instead of silently
overwriting the other's work; the command line refuses in one sentence."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from workbench.cli import main
from workbench.core.commands import SetHistory
from workbench.core.project import TOTAL
from workbench.core.sample import sample_document
from workbench.excel import export_workbook
from workbench.store import open_project, save_project_as

OTHER_EDITOR = textwrap.dedent(
    """
    import sys
    from workbench.core.commands import SetHistory
    from workbench.store import open_project, save_project

    document = open_project(sys.argv[1])
    document.execute(SetHistory("total", 2023, 7.5))
    save_project(document, sys.argv[1])
    """
)


def other_process_saves(path: Path) -> None:
    """A second, real process opens the file, edits total 2023 and saves."""
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).parents[2]))
    subprocess.run(
        [sys.executable, "-c", OTHER_EDITOR, str(path)], check=True, env=env, timeout=120
    )


def total(path: Path, year: int) -> float:
    return open_project(path).project.history[(TOTAL, year)]


@pytest.fixture
def shared(tmp_path) -> Path:
    path = tmp_path / "shared.mwp"
    save_project_as(sample_document(), path)
    return path


@pytest.fixture
def editing(window, dialogs, shared):
    """The window has the shared file open and an unsaved edit (total 2024 = 1.5); then
    the other process saves its own edit."""
    dialogs.queue("ask_save_changes", "discard")
    assert window.files.open_path(shared)
    assert window.bridge.execute(SetHistory(TOTAL, 2024, 1.5))
    original_2023 = total(shared, 2023)
    other_process_saves(shared)
    assert total(shared, 2023) == 7.5
    return original_2023


def test_cancel_writes_nothing(window, dialogs, shared, editing):
    before = shared.read_bytes()
    dialogs.queue("ask_changed_on_disk", "cancel")
    assert not window.files.save()
    assert shared.read_bytes() == before
    assert window.bridge.document.is_modified
    assert dialogs.asked[-1][1][1] == "shared.mwp"


def test_overwrite_writes_this_windows_version(window, dialogs, shared, editing):
    dialogs.queue("ask_changed_on_disk", "overwrite")
    assert window.files.save()
    assert (total(shared, 2024), total(shared, 2023)) == (1.5, editing)
    assert not window.bridge.document.is_modified


def test_reload_takes_the_other_version(window, dialogs, shared, editing):
    dialogs.queue("ask_changed_on_disk", "reload")
    assert window.files.save()
    history = window.bridge.document.project.history
    assert history[(TOTAL, 2023)] == 7.5 and history[(TOTAL, 2024)] != 1.5
    assert not window.bridge.document.is_modified
    assert total(shared, 2023) == 7.5


def test_save_as_keeps_both(window, dialogs, shared, editing, tmp_path):
    dialogs.queue("ask_changed_on_disk", "save_as")
    dialogs.queue("ask_save_path", str(tmp_path / "mine.mwp"))
    assert window.files.save()
    assert total(tmp_path / "mine.mwp", 2024) == 1.5
    assert (total(shared, 2023), window.files.path.name) == (7.5, "mine.mwp")


def test_the_command_line_never_overwrites_either(shared, tmp_path, monkeypatch, capsys):
    """`workbench import` reads the project, then the workbook; another process saves the
    project in between: the import is refused and the other's save stays."""
    book = tmp_path / "book.xlsx"
    edited = sample_document()
    edited.execute(SetHistory("tiktok", 2022, 0.123))
    export_workbook(edited, book)
    import workbench.excel as excel

    real = excel.read_workbook

    def slow_read(*args, **kwargs):
        other_process_saves(shared)
        return real(*args, **kwargs)

    monkeypatch.setattr(excel, "read_workbook", slow_read)
    assert main(["import", str(book), str(shared)]) == 2
    _out, err = capsys.readouterr()
    assert err.count("\n") == 1 and "was changed on disk by another window or program" in err
    assert str(shared) in err
    assert total(shared, 2023) == 7.5
    assert open_project(shared).project.history[("tiktok", 2022)] != 0.123
