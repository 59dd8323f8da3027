"""Screenshots of every page of the sample: `python -m workbench.gui.screenshots OUTDIR`.

Run it under Xvfb (`xvfb-run -a -s "-screen 0 1920x1080x24" python -m
workbench.gui.screenshots resources/screenshots`); the README shows one of the pictures
and reviewers look at all of them. Each page is shown at each window size (the smallest
the app supports and a full-HD screen), given time to lay out, grabbed with the whole
window (menus, navigator, inspector) and saved as `<page-slug>-<width>x<height>.png`.
A project with a volume also shows each market page in volume and in average price, saved
as `<page-slug>-volume-…` and `<page-slug>-price-…`; `--volume` takes the sample with its
volume measure.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from workbench.core.measures import VALUE, measures_of
from workbench.core.project import TOTAL
from workbench.gui.page import CellTarget

WINDOW_SIZES = ((1024, 700), (1920, 1080))


def write_screenshots(folder: Path, volume: bool = False) -> list[Path]:
    from PySide6.QtWidgets import QApplication

    from workbench.core.sample import sample_document
    from workbench.gui.app import create_window
    from workbench.gui.navigator import slug
    from workbench.gui.settings import Settings

    app = QApplication.instance() or QApplication(sys.argv[:1])
    folder.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix="workbench-shots-"))
    window = create_window(None, Settings.at(scratch / "settings.ini"), scratch)
    if volume:
        window.start(document=sample_document(volume=True))
    window.show()
    written = []
    for width, height in WINDOW_SIZES:
        window.resize(width, height)
        for key in window.navigator.page_keys():
            page = window.show_page(key)
            name = slug(window.navigator.currentItem().text())
            for measure in _measures(window, page):
                window.bridge.measure.pick(measure)
                _settle(app)
                _select_first_cell(window, page)
                _settle(app)
                shown = "" if measure == VALUE else f"-{measure}"
                path = folder / f"{name}{shown}-{width}x{height}.png"
                window.grab().save(str(path))
                written.append(path)
            window.bridge.measure.pick(VALUE)
    window.files.close()
    window.close()
    return written


def _measures(window, page) -> tuple[str, ...]:
    """The measures a page is shown in: every one the project has on a market page (one
    with the measure switch), the value elsewhere."""
    from workbench.gui.measure_switch import MeasureSwitch

    if page.findChild(MeasureSwitch) is None:
        return (VALUE,)
    return measures_of(window.bridge.document.project)


def _settle(app) -> None:
    for _ in range(5):
        app.processEvents()


def _select_first_cell(window, page) -> None:
    """On segment pages, select a forecast cell so the inspector shows what it explains."""
    project = window.bridge.document.project
    year = project.metadata.base_year + 1
    first_series = [TOTAL, *(d.member_ids()[0] for d in project.dimensions if d.members)]
    measure = window.bridge.shown_measure
    for series_id in first_series:
        target = CellTarget("", series_id, year, measure)
        if window.registry.locate(project, target) == page.key:
            page.show_target(target)
            return


def main(argv: list[str]) -> int:
    volume = "--volume" in argv
    folders = [a for a in argv if a != "--volume"]
    if len(folders) != 1:
        print("Usage: python -m workbench.gui.screenshots [--volume] OUTDIR", file=sys.stderr)
        return 2
    for path in write_screenshots(Path(folders[0]), volume):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
