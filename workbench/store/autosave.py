"""Autosave: unsaved edits go to the recovery file every N seconds or M edits.

A recovery write of a large project takes a few hundred milliseconds, too long to hold up
typing. So the autosaver can write in the background: on the caller's thread it only takes
a snapshot (`Project.copy()`, which copies containers and shares the immutable values) and
hands the snapshot to a worker thread, which never sees the document. One write runs at a
time; a tick that finds one still running does nothing and the next tick tries again.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path

from workbench.core.document import Document
from workbench.core.errors import ModelError
from workbench.core.project import Project
from workbench.core.transaction import Change
from workbench.store.project_file import write_copy
from workbench.store.recovery import (
    Place,
    prepared,
    recovered_from,
    recovery_base,
    recovery_path,
)


class RecoveryWrite:
    """One autosave: a snapshot and the file it goes to; `run` is safe on any thread."""

    def __init__(
        self,
        snapshot: Project,
        target: Path,
        edits: int,
        first_edit_at: float | None,
        base: int | None = None,
    ) -> None:
        self.snapshot = snapshot
        self.target = target
        self.base = base
        self.edits = edits
        self.first_edit_at = first_edit_at
        self.error: Exception | None = None
        self.done = threading.Event()

    def run(self) -> None:
        try:
            write_copy(self.snapshot, prepared(self.target), self.base)
        except Exception as exc:  # handed back to the autosaver's thread, never lost
            self.error = exc
        finally:
            self.done.set()


class Autosaver:
    """Writes the recovery file every `every_seconds` or `every_edits`, whichever is first.

    It counts edits (and undos and redos) through `document.subscribe`; the GUI drives it
    with a timer calling `maybe_save()` (or `tick(now)` with its own clock), so the store
    needs no event loop. With `in_background` the write runs on a worker thread (the GUI's
    choice); without it, `tick` returns when the file is written. It only ever removes a
    recovery file it wrote itself or its document was recovered from, so one left by a
    crash stays until the analyst has chosen whether to recover it.
    """

    def __init__(
        self,
        document: Document,
        project_path: Place,
        every_seconds: float = 60.0,
        every_edits: int = 50,
        folder: Place = None,
        clock: Callable[[], float] = time.monotonic,
        in_background: bool = False,
    ) -> None:
        self.document = document
        self.project_path = project_path
        self.folder = folder
        self.every_seconds = every_seconds
        self.every_edits = every_edits
        self.in_background = in_background
        self.error: ModelError | None = None
        """Why the last write failed (None once one succeeds); the next tick retries."""
        self._clock = clock
        self.edits = 0
        self._first_edit_at: float | None = None
        self._job: RecoveryWrite | None = None
        source = recovered_from(document)
        self._written: set[Path] = {source} if source else set()
        self._unsubscribe = document.subscribe(self._edited)
        recovery_path(project_path, folder, document)  # refuse a place with nowhere to write

    def _edited(self, _change: Change) -> None:
        self.edits += 1
        if self._first_edit_at is None:
            self._first_edit_at = self._clock()

    @property
    def writing(self) -> bool:
        """A background write is still running."""
        return self._job is not None and not self._job.done.is_set()

    def due(self, now: float) -> bool:
        """Unsaved edits exist and enough edits or seconds have passed since the first."""
        if not self.edits or not self.document.is_modified:
            return False
        waited = now - (self._first_edit_at if self._first_edit_at is not None else now)
        return self.edits >= self.every_edits or waited >= self.every_seconds

    def tick(self, now: float) -> Path | None:
        """Autosave if due at time `now`: the recovery file written (or being written), or None.

        A document that is no longer modified (saved, or undone back) needs no recovery
        file, so a stale one is removed instead. While a background write runs, nothing.
        """
        if self.writing:
            return None
        self._finish()
        if not self.document.is_modified:
            self._reset()
            self._discard()
            return None
        if not self.due(now):
            return None
        job = RecoveryWrite(
            self.document.project.copy(),
            recovery_path(self.project_path, self.folder, self.document),
            self.edits,
            self._first_edit_at,
            recovery_base(self.document, self.project_path),
        )
        self._written.add(job.target)
        self._reset()
        self._job = job
        if self.in_background:
            threading.Thread(target=job.run, name="autosave", daemon=True).start()
        else:
            job.run()
            self._finish(raise_error=True)
        return job.target

    def maybe_save(self) -> Path | None:
        return self.tick(self._clock())

    def wait(self) -> None:
        """Block until a running background write has finished (and account for it)."""
        if self._job is not None:
            self._job.done.wait()
        self._finish()

    def discard(self) -> None:
        """Remove the recovery files this autosaver wrote (after a running write ends): the
        analyst has saved or thrown away the work they hold. Later edits are saved again.
        A write that failed no longer matters then, so its error is dropped, not raised."""
        if self._job is not None:
            self._job.done.wait()
        self._job, self.error = None, None
        self._discard()

    def retarget(self, project_path: Place) -> None:
        """After Save As: the old recovery file is obsolete, the new path's is used next."""
        self.discard()
        self.project_path = project_path

    def close(self) -> None:
        """A clean close: stop listening, let a running write end, remove the recovery file."""
        self._unsubscribe()
        self.discard()

    def _finish(self, raise_error: bool = False) -> None:
        """Account for a finished write: superseded files go; a failed one is retried."""
        job, self._job = self._job, None
        if job is None:
            return
        if job.error is None:
            self.error = None
            for superseded in self._written - {job.target}:
                superseded.unlink(missing_ok=True)
            self._written = {job.target}
            return
        self.edits += job.edits
        firsts = [t for t in (job.first_edit_at, self._first_edit_at) if t is not None]
        self._first_edit_at = min(firsts, default=None)
        if raise_error or not isinstance(job.error, ModelError):
            raise job.error
        self.error = job.error

    def _discard(self) -> None:
        for written in self._written:
            written.unlink(missing_ok=True)
        self._written.clear()

    def _reset(self) -> None:
        self.edits = 0
        self._first_edit_at = None
