"""Long jobs (workbook import and export) off the GUI thread, with progress and cancel.

The job runs in a plain Python thread and never touches Qt widgets or the document; it
returns a value that the GUI thread then applies. Cancelling stops waiting at once and
throws the eventual result away, so a cancelled import changes nothing and a cancelled
export leaves no file (exports write to a temporary file that is renamed only on success).
"""

from __future__ import annotations

import atexit
import multiprocessing
import threading
from collections.abc import Callable
from queue import Empty
from typing import Any

from PySide6.QtCore import QEventLoop, QObject, Qt, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from workbench.gui.job_process import Outcome, failure, run_child


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
    thread = threading.Thread(target=_work, args=(job, ticket, relay), daemon=True)
    _keep(thread, relay, ticket)
    return _wait(parent, label, relay, ticket, thread.start, lambda: None)


def run_in_process(
    parent: QWidget | None, label: str, function: Callable[..., Any], *args: Any
) -> Outcome:
    """Run `function(*args, progress=...)` in a child process while a cancellable progress
    dialog shows: cancelling ends the child at once, even inside a parser's one long call
    (a million-row sheet). `function`, `args` and the result travel by pickle."""
    context = multiprocessing.get_context("spawn")  # fork is unsafe beside Qt's threads
    queue = context.Queue()
    child = context.Process(target=run_child, args=(function, args, queue), daemon=True)
    relay = _Relay()
    ticket = Ticket(relay)
    listener = threading.Thread(target=_listen, args=(child, queue, ticket, relay), daemon=True)
    _keep(listener, relay, ticket)

    def start() -> None:
        child.start()
        listener.start()

    try:
        return _wait(parent, label, relay, ticket, start, child.kill)
    finally:
        if child.pid is not None:  # started: make sure it is gone, then reap it
            child.kill()
            child.join(5)
        queue.close()


def _wait(parent, label: str, relay: _Relay, ticket: Ticket, start, stop) -> Outcome:
    """Start the job, show progress, and return its outcome or the cancel."""
    loop = QEventLoop()
    ended: list[Outcome] = []

    def finish(outcome: Outcome) -> None:
        if not ended:
            ended.append(outcome)
        loop.quit()

    def cancel() -> None:
        ticket.cancel()
        stop()
        finish(Outcome(cancelled=True))

    relay.done.connect(finish, Qt.ConnectionType.QueuedConnection)
    progress = _progress_dialog(parent, label)
    progress.canceled.connect(cancel)
    open_ = [True]  # progress queued behind a cancel must not reach the deleted dialog
    # Queued explicitly: a plain Python slot is otherwise called in the emitting thread,
    # and the job's thread must never touch the progress dialog (an intermittent segfault).
    relay.progress.connect(
        lambda done, total: open_ and _show_progress(progress, done, total),
        Qt.ConnectionType.QueuedConnection,
    )
    start()
    if not ended:
        loop.exec()
    open_.clear()
    progress.reset()
    progress.deleteLater()
    return ended[0]


def _listen(child, queue, ticket: Ticket, relay: _Relay) -> None:
    """Relay the child's messages to the GUI thread until it is done, gone or cancelled."""
    while not ticket.cancelled:
        try:
            message = queue.get(timeout=0.1 if child.is_alive() else 1.0)
        except Empty:
            if child.is_alive() or ticket.cancelled:
                continue
            relay.done.emit(
                Outcome(error=f"The job stopped unexpectedly (exit status {child.exitcode}).")
            )
            return
        if message[0] == "progress":
            ticket.report(*message[1:])
        else:
            relay.done.emit(message[1])
            return


_JOBS: list[tuple[threading.Thread, _Relay, Ticket]] = []
"""Every job's thread with its relay, kept by the GUI thread until the thread has ended.

PySide destroys a QObject where its wrapper's last reference goes. A job's thread holds
its relay to the end, so without this list a relay (whose queued signals may still be on
their way to the GUI thread) could be destroyed on the job's thread: a cancelled export
segfaulted that way now and then.
"""


def _keep(thread: threading.Thread, relay: _Relay, ticket: Ticket) -> None:
    _JOBS[:] = [job for job in _JOBS if job[0].is_alive() or not job[0].ident]
    _JOBS.append((thread, relay, ticket))


@atexit.register
def _stop_jobs() -> None:
    """Cancel jobs still running when the app ends and give them a moment to stop, so the
    interpreter does not tear down under a thread that is inside a C library."""
    for _thread, _relay, ticket in _JOBS:
        ticket.cancel()
    for thread, _relay, _ticket in _JOBS:
        if thread.ident:
            thread.join(10)


def _work(job: Callable[[Ticket], Any], ticket: Ticket, relay: _Relay) -> None:
    try:
        outcome = Outcome(value=job(ticket))
    except Exception as exc:  # even an unexpected bug must end as a sentence, not a crash
        outcome = failure(exc)
    if ticket.cancelled:
        outcome = Outcome(cancelled=True)
    relay.done.emit(outcome)


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
