"""Each project file opens in the measure it was last shown in, as an analyst expects.

The choice is kept in the app's settings per file (`Settings.remembered_measure`): switch
to Volume by mouse, close the window, open the file in a new window (or a new process on
a fresh machine) and the pages show the volume. A file that has lost that measure since,
or has none, opens on the value without a word.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from workbench.core.commands.measures import RemoveVolume
from workbench.core.sample import sample_document
from workbench.gui.app import create_window
from workbench.gui.page import PageKey
from workbench.gui.segments import SegmentPage
from workbench.store import open_project, save_project, save_project_as

UNIT = "million paid subscriptions"
CTRL = Qt.KeyboardModifier.ControlModifier

pytestmark = pytest.mark.usefixtures("fresh_home")


@pytest.fixture
def reopen(settings, recovery_dir, shown_until_teardown):
    """`reopen(path)`: a new window started on `path`, as `workbench PATH` starts one."""

    def start(path: Path):
        return shown_until_teardown(create_window(str(path), settings, recovery_dir))

    return start


def open_by_keys(qtbot, window, dialogs, path: Path) -> None:
    """A click in the Technology table, Ctrl+O typed there, the file chosen in the
    (scripted) dialog."""
    window.activateWindow()
    qtbot.waitActive(window)
    table = technology(qtbot, window).table
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton,
                     pos=table.visualRect(table.model().index(1, 3)).center())
    assert QApplication.focusWidget() is table
    dialogs.queue("ask_open_path", str(path))
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_O, CTRL)
    assert window.files.path == path


def technology(qtbot, window) -> SegmentPage:
    page = window.show_page(PageKey(SegmentPage, "technology"))
    qtbot.wait(10)
    return page


def click_measure(qtbot, page, measure: str) -> None:
    qtbot.mouseClick(page.measure_switch.buttons[measure], Qt.MouseButton.LeftButton)


def test_volume_chosen_by_mouse_comes_back_in_a_new_window(qtbot, make_window, dialogs,
                                                           reopen, saved_sample):
    first = make_window(sample_document(), (1400, 900))
    open_by_keys(qtbot, first, dialogs, saved_sample)
    page = technology(qtbot, first)
    assert page.model.measure == "value"
    click_measure(qtbot, page, "volume")
    first.close()
    assert not first.isVisible()

    second = reopen(saved_sample)
    page = technology(qtbot, second)
    assert second.bridge.measure.picked == "volume"
    assert page.measure_switch.buttons["volume"].isChecked()
    assert page.model.headerData(0, Qt.Orientation.Horizontal) == f"Volume\n{UNIT}"
    volume = second.bridge.document.project.volume.history[("short-video", 2022)]
    assert page.model.data(_cell(page, "short-video", 2022)) == f"{volume:,.2f}"


def test_each_file_keeps_its_own_measure(qtbot, make_window, dialogs, reopen, tmp_path,
                                         saved_sample):
    other = tmp_path / "other.mwp"
    save_project_as(sample_document(), other)
    window = make_window(sample_document(), (1400, 900))
    open_by_keys(qtbot, window, dialogs, saved_sample)
    click_measure(qtbot, technology(qtbot, window), "price")
    open_by_keys(qtbot, window, dialogs, other)  # never shown before: the value
    assert window.bridge.measure.picked == "value"
    assert technology(qtbot, window).model.measure == "value"
    click_measure(qtbot, technology(qtbot, window), "volume")
    open_by_keys(qtbot, window, dialogs, saved_sample)
    assert technology(qtbot, window).model.measure == "price"
    assert window.settings.remembered_measure(other) == "volume"


def test_a_file_that_lost_its_volume_opens_on_value_without_a_word(qtbot, make_window,
                                                                   dialogs, reopen,
                                                                   saved_sample):
    window = make_window(sample_document(), (1400, 900))
    open_by_keys(qtbot, window, dialogs, saved_sample)
    click_measure(qtbot, technology(qtbot, window), "volume")
    window.close()
    document = open_project(saved_sample)  # another window removes the volume and saves
    document.execute(RemoveVolume())
    save_project(document, saved_sample)
    asked = len(dialogs.asked)

    again = reopen(saved_sample)
    page = technology(qtbot, again)
    assert again.bridge.measure.picked == "value" and page.model.measure == "value"
    assert not page.measure_switch.isVisible()
    assert dialogs.errors == [] and len(dialogs.asked) == asked
    assert again.settings.remembered_measure(saved_sample) == "volume"  # until a switch


def test_save_as_keeps_the_measure_for_the_new_file(qtbot, make_window, dialogs, reopen,
                                                    tmp_path):
    window = make_window(sample_document(), (1400, 900))
    click_measure(qtbot, technology(qtbot, window), "volume")
    dialogs.queue("ask_save_path", str(tmp_path / "copy"))
    window.actions.save_as.trigger()
    window.close()
    assert technology(qtbot, reopen(tmp_path / "copy.mwp")).model.measure == "volume"


RUN = textwrap.dedent(
    """
    import sys
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication
    from workbench.gui import app as app_module
    from workbench.gui.page import PageKey
    from workbench.gui.segments import SegmentPage
    from workbench.gui.settings import APPLICATION, ORGANISATION

    qt = QApplication(sys.argv[:1])
    qt.setOrganizationName(ORGANISATION)
    qt.setApplicationName(APPLICATION)
    window = app_module.create_window(sys.argv[1])
    window.show()
    page = window.show_page(PageKey(SegmentPage, "technology"))
    qt.processEvents()
    if sys.argv[2] == "click":
        QTest.mouseClick(page.measure_switch.buttons["volume"], Qt.MouseButton.LeftButton)
    print("shown:", page.model.measure, repr(page.model.headerData(0, Qt.Orientation.Horizontal)),
          flush=True)
    window.close()
    """
)


def test_a_new_process_on_a_fresh_machine_opens_the_file_in_volume(tmp_path, saved_sample):
    home = {name: tmp_path / "machine" / name.lower() for name in
            ("HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME")}
    for folder in home.values():
        folder.mkdir(parents=True)
    env = dict(os.environ, **{k: str(v) for k, v in home.items()}, QT_QPA_PLATFORM="offscreen",
               PYTHONPATH=str(Path(__file__).parents[2]))

    def run(step: str) -> str:
        done = subprocess.run([sys.executable, "-c", RUN, str(saved_sample), step], env=env,
                              capture_output=True, text=True, timeout=120, check=True)
        return next(line for line in done.stdout.splitlines() if line.startswith("shown:"))

    assert run("click") == f"shown: volume 'Volume\\n{UNIT}'"
    config = home["XDG_CONFIG_HOME"] / "Market Workbench" / "Market Workbench.conf"
    assert str(saved_sample.resolve()) in config.read_text()
    assert run("look") == f"shown: volume 'Volume\\n{UNIT}'"


def _cell(page, series_id: str, year: int):
    model = page.model
    row = next(i for i, r in enumerate(model.layout.rows) if r.is_series and r.key == series_id)
    col = next(i for i, c in enumerate(model.layout.columns) if c.year == year)
    return model.index(row, col)
