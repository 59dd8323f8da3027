"""Refreshing costly views only when someone can see them.

Pages that recompute every scenario, validation or insights on an edit would make typing
on another page wait for them; they refresh through `Deferred` instead.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWidget


class Deferred:
    """Runs `refresh` for a page that is costly to refresh (all scenarios, validation).

    While the page is hidden, edits only mark it stale and it refreshes when shown; while
    it is visible, a burst of edits refreshes it once, a moment after the last one, so
    typing on another page never waits for it.
    """

    DELAY_MS = 120

    def __init__(self, page: QWidget, refresh) -> None:
        self.page, self.refresh, self.stale = page, refresh, False
        self.timer = QTimer(page)
        self.timer.setSingleShot(True)
        self.timer.setInterval(self.DELAY_MS)
        self.timer.timeout.connect(self.run)

    def request(self, *_args) -> None:
        self.stale = True
        if self.page.isVisible():
            self.timer.start()

    def urgent(self, *_args) -> None:
        """Refresh at once if the page is visible (the analyst asked for it: a switch of
        measure), else when it is shown."""
        self.stale = True
        if self.page.isVisible():
            self.run()

    def run(self) -> None:
        self.timer.stop()
        self.stale = False
        self.refresh()

    def shown(self) -> None:
        if self.stale:
            self.run()
