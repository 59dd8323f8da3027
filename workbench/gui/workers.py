"""Long jobs (workbook import and export) off the GUI thread, with progress and cancel.

The job runs in a plain Python thread and never touches Qt widgets or the document; it
returns a value that the GUI thread then applies. Cancelling stops waiting at once and
throws the eventual result away, so a cancelled import changes nothing and a cancelled
export leaves no file (exports write to a temporary file that is renamed only on success).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QEventLoop, QObject, Qt, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from workbench.core.errors import ModelError


@dataclass(frozen=True)
class Outcome:
    """How a job ended: `value` when done, `error` (one sentence) when refused."""

    value: Any = None
    error: str | None = None
    cancelled: bool = False

    @property
    def ok(self) -> bool:
        return self.error is None and not self.cancelled


class _Relay(QObject):
    """Carries progress and the job's end from its thread to the GUI thread (queued)."""

    progress = Signal(int, int)
    done = Signal(object)


class Ticket:
    """What a job gets: `cancelled` to poll, `report(done, total)` for the progress bar.

    `report` returns False once the analyst has cancelled, which is the progress-callback
    contract of `workbench.excel` (return False to stop), so it can be passed straight in.
    """

    def __init__(self, relay: _Relay) -> None:
        self._relay = relay
        self._cancel = threading.Event()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def cancel(self) -> None:
        self._cancel.set()

    def report(self, done: int, total: int) -> bool:
        if not self.cancelled:
            self._relay.progress.emit(int(done), int(total))
        return not self.cancelled


def run_in_background(parent: QWidget | None, label: str, job: Callable[[Ticket], Any]) -> Outcome:
    """Run `job(ticket)` in a thread while a cancellable progress dialog shows.

    Blocks the caller (not the event loop) until the job ends or the user cancels. A job
    may poll the ticket to stop early; either way its result is dropped on cancel.
    """
    relay = _Relay()
    ticket = Ticket(relay)
    loop = QEventLoop()
    ended: list[Outcome] = []

    def finish(outcome: Outcome) -> None:
        if not ended:
            ended.append(outcome)
        loop.quit()

    relay.done.connect(finish, Qt.ConnectionType.QueuedConnection)
    progress = _progress_dialog(parent, label)
    progress.canceled.connect(lambda: (ticket.cancel(), finish(Outcome(cancelled=True))))
    relay.progress.connect(lambda done, total: _show_progress(progress, done, total))
    thread = threading.Thread(target=_work, args=(job, ticket, relay), daemon=True)
    thread.start()
    if not ended:
        loop.exec()
    progress.reset()
    progress.deleteLater()
    return ended[0]


def _work(job: Callable[[Ticket], Any], ticket: Ticket, relay: _Relay) -> None:
    try:
        outcome = Outcome(value=job(ticket))
    except Exception as exc:  # even an unexpected bug must end as a sentence, not a crash
        outcome = _failure(exc)
    if ticket.cancelled:
        outcome = Outcome(cancelled=True)
    relay.done.emit(outcome)


def _failure(exc: Exception) -> Outcome:
    from workbench.excel import Cancelled  # loaded by the job already; keeps start-up light

    if isinstance(exc, Cancelled):
        return Outcome(cancelled=True)
    if isinstance(exc, ModelError):
        return Outcome(error=str(exc))
    if isinstance(exc, OSError):
        return Outcome(error=f"The file could not be read or written: {exc.strerror or exc}.")
    return Outcome(error=f"The job failed unexpectedly: {exc}.")


def _show_progress(dialog: QProgressDialog, done: int, total: int) -> None:
    if dialog.maximum() != total:
        dialog.setRange(0, max(total, 0))
    dialog.setValue(min(done, total))


def _progress_dialog(parent: QWidget | None, label: str) -> QProgressDialog:
    dialog = QProgressDialog(label, "Cancel", 0, 0, parent)
    dialog.setWindowTitle("Market Workbench")
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(400)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.setValue(0)
    return dialog
