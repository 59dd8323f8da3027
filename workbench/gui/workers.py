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
    """Carries the job's end from its thread to the GUI thread (a queued signal)."""

    done = Signal(object)


def run_in_background(
    parent: QWidget | None, label: str, job: Callable[[threading.Event], Any]
) -> Outcome:
    """Run `job(cancel_event)` in a thread while a cancellable progress dialog shows.

    Blocks the caller (not the event loop) until the job ends or the user cancels. A job
    may poll `cancel_event` to stop early; either way its result is dropped on cancel.
    """
    cancel = threading.Event()
    relay = _Relay()
    loop = QEventLoop()
    ended: list[Outcome] = []

    def finish(outcome: Outcome) -> None:
        if not ended:
            ended.append(outcome)
        loop.quit()

    relay.done.connect(finish, Qt.ConnectionType.QueuedConnection)
    progress = _progress_dialog(parent, label)
    progress.canceled.connect(lambda: (cancel.set(), finish(Outcome(cancelled=True))))
    thread = threading.Thread(target=_work, args=(job, cancel, relay), daemon=True)
    thread.start()
    if not ended:
        loop.exec()
    progress.reset()
    progress.deleteLater()
    return ended[0]


def _work(job: Callable[[threading.Event], Any], cancel: threading.Event, relay: _Relay):
    try:
        outcome = Outcome(value=job(cancel))
    except ModelError as exc:
        outcome = Outcome(error=str(exc))
    except OSError as exc:
        outcome = Outcome(error=f"The file could not be read or written: {exc.strerror or exc}.")
    except Exception as exc:  # an unexpected bug still must not kill the app silently
        outcome = Outcome(error=f"The job failed unexpectedly: {exc}.")
    if cancel.is_set():
        outcome = Outcome(cancelled=True)
    relay.done.emit(outcome)


def _progress_dialog(parent: QWidget | None, label: str) -> QProgressDialog:
    dialog = QProgressDialog(label, "Cancel", 0, 0, parent)
    dialog.setWindowTitle("Market Workbench")
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(400)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.setValue(0)
    return dialog
