"""Edit → Preferences: the few choices that are the analyst's, not the project's.

They live in `Settings` (QSettings) and take effect at once: the autosave interval applies
to the open project's autosaver, "reopen the last project" to the next start.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from workbench.gui import dialogs

if TYPE_CHECKING:
    from workbench.gui.main_window import MainWindow

AUTOSAVE_RANGE = (10, 3600)
"""Seconds: often enough to lose little, rarely enough not to write constantly."""


def edit_preferences(window: MainWindow) -> None:
    settings = window.settings
    answer = dialogs.ask_form(
        window,
        "Preferences",
        [
            dialogs.Field(
                "reopen_last", "Open the last project at start", "bool", settings.reopen_last
            ),
            dialogs.Field(
                "autosave_seconds",
                "Autosave unsaved work every (seconds)",
                "int",
                settings.autosave_seconds,
                minimum=AUTOSAVE_RANGE[0],
                maximum=AUTOSAVE_RANGE[1],
            ),
        ],
    )
    if answer is None:
        return
    settings.reopen_last = answer["reopen_last"]
    settings.autosave_seconds = answer["autosave_seconds"]
    if window.files.autosaver is not None:
        window.files.autosaver.every_seconds = settings.autosave_seconds
