"""How a long job ends, and the child side of a job run in its own process.

Kept free of Qt: a job run by `workers.run_in_process` starts a fresh interpreter that
imports this module and the job's own, nothing of the GUI. The child reports progress and
its outcome through a queue; the parent may end it at any moment (cancel), which no
thread can do to a parser busy inside one call.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

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


def failure(exc: Exception) -> Outcome:
    """An exception as the sentence the analyst sees (an unexpected one too, never a crash)."""
    from workbench.excel import Cancelled  # loaded by the job already; keeps start-up light

    if isinstance(exc, Cancelled):
        return Outcome(cancelled=True)
    if isinstance(exc, ModelError):
        return Outcome(error=str(exc))
    if isinstance(exc, OSError):
        return Outcome(error=f"The file could not be read or written: {exc.strerror or exc}.")
    return Outcome(error=f"The job failed unexpectedly: {exc}.")


def run_child(function: Callable[..., Any], args: tuple, queue) -> None:
    """In the child: `function(*args, progress=report)`, then ("done", Outcome)."""

    def report(done: int, total: int) -> bool:
        queue.put(("progress", int(done), int(total)))
        return True

    try:
        outcome = Outcome(value=function(*args, progress=report))
    except Exception as exc:  # the parent shows it as a sentence
        outcome = failure(exc)
    queue.put(("done", outcome))
