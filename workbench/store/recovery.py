"""Autosave and crash recovery: unsaved work goes to a recovery file beside the project.

The recovery file is a complete project file written atomically (temporary file, rename),
so whatever kills the app — even `kill -9` mid-write — leaves either the previous recovery
file or the new one. It never touches the project file: the analyst decides, on the next
open, whether to take the recovered work. A clean close removes it.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

from workbench.core.document import Document
from workbench.core.transaction import Change
from workbench.store.errors import StoreError
from workbench.store.project_file import forget, open_project, write_copy

Place = str | os.PathLike | None
"""A project file's path, or None for a project without a file."""

UNTITLED = "Untitled.mwp"
"""The name a project without a file has, for its recovery file."""


def recovery_path(project_path: Place, folder: Place = None) -> Path:
    """Where the recovery file of `project_path` lives: hidden, beside the project.

    A project that has no file yet keeps its recovery file in `folder` (the app's data
    folder), which is then required.
    """
    if project_path is None:
        if folder is None:
            raise StoreError("A project without a file needs a folder for its recovery file.")
        return Path(folder) / f".{UNTITLED}.recovery"
    path = Path(project_path)
    return path.with_name(f".{path.name}.recovery")


def write_recovery(
    document: Document, project_path: Place, folder: Place = None
) -> Path:
    """Autosave: the whole document to the recovery file; the project file is untouched."""
    target = recovery_path(project_path, folder)
    write_copy(document, target)
    return target


def find_recovery(
    project_path: Place, folder: Place = None
) -> Path | None:
    """The recovery file to offer: one that exists and is newer than the project file."""
    target = recovery_path(project_path, folder)
    try:
        recovered_at = target.stat().st_mtime_ns
    except FileNotFoundError:
        return None
    if project_path is None:
        return target
    try:
        saved_at = Path(project_path).stat().st_mtime_ns
    except FileNotFoundError:
        return target
    return target if recovered_at > saved_at else None


def recover(
    project_path: Place, folder: Place = None
) -> Document:
    """The recovered document, marked unsaved: saving it writes the project file whole."""
    target = recovery_path(project_path, folder)
    if not target.exists():
        raise StoreError(f"There is no recovered work for {project_path or UNTITLED}.")
    document = open_project(target)
    forget(document)
    document.mark_unsaved()
    return document


def discard_recovery(
    project_path: Place, folder: Place = None
) -> None:
    recovery_path(project_path, folder).unlink(missing_ok=True)


class Autosaver:
    """Writes the recovery file every `every_seconds` or `every_edits`, whichever is first.

    It counts edits (and undos and redos) through `document.subscribe`; the GUI drives it
    with a timer calling `maybe_save()` (or `tick(now)` with its own clock), so the store
    needs no event loop. It only ever removes a recovery file it wrote itself, so one left
    by a crash stays until the analyst has chosen whether to recover it.
    """

    def __init__(
        self,
        document: Document,
        project_path: Place,
        every_seconds: float = 60.0,
        every_edits: int = 50,
        folder: Place = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.document = document
        self.project_path = project_path
        self.folder = folder
        self.every_seconds = every_seconds
        self.every_edits = every_edits
        self._clock = clock
        self.edits = 0
        self._first_edit_at: float | None = None
        self._wrote = False
        self._unsubscribe = document.subscribe(self._edited)
        recovery_path(project_path, folder)  # refuse a configuration with nowhere to write

    def _edited(self, _change: Change) -> None:
        self.edits += 1
        if self._first_edit_at is None:
            self._first_edit_at = self._clock()

    def due(self, now: float) -> bool:
        """Unsaved edits exist and enough edits or seconds have passed since the first."""
        if not self.edits or not self.document.is_modified:
            return False
        waited = now - (self._first_edit_at if self._first_edit_at is not None else now)
        return self.edits >= self.every_edits or waited >= self.every_seconds

    def tick(self, now: float) -> Path | None:
        """Autosave if due at time `now`; the recovery file written, or None.

        A document that is no longer modified (saved, or undone back) needs no recovery
        file, so a stale one is removed instead.
        """
        if not self.document.is_modified:
            self._reset()
            self._discard()
            return None
        if not self.due(now):
            return None
        written = write_recovery(self.document, self.project_path, self.folder)
        self._wrote = True
        self._reset()
        return written

    def maybe_save(self) -> Path | None:
        return self.tick(self._clock())

    def retarget(self, project_path: Place) -> None:
        """After Save As: the old recovery file is obsolete, the new path's is used next."""
        self._discard()
        self.project_path = project_path

    def close(self) -> None:
        """A clean close: stop listening and remove the recovery file."""
        self._unsubscribe()
        self._discard()

    def _discard(self) -> None:
        if self._wrote:
            discard_recovery(self.project_path, self.folder)
            self._wrote = False

    def _reset(self) -> None:
        self.edits = 0
        self._first_edit_at = None
