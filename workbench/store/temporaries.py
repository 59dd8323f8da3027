"""Temporary files of whole-file writes: naming them, and sweeping up the ones a crash left.

A whole-file write builds `.NAME.PID-TOKEN.tmp` beside `NAME` and renames it over `NAME`
when complete. A process killed in between leaves the temporary behind for good, so every
open and save of `NAME` removes the temporaries of `NAME` that no live writer can still be
filling: those of a process that is gone, those of this process that no write of ours is
using, and any older than a write could possibly take. A temporary of another running
process is left alone: it may be a Save in progress in a second window of the app.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import threading
import time
from collections.abc import Iterator
from pathlib import Path

STALE_AFTER_SECONDS = 3600.0
"""No whole-file write takes an hour: a temporary untouched that long is abandoned, whatever
its process id says (ids are reused after a reboot)."""

_STARTED = time.time()
"""When this process started writing, near enough: temporaries named without a process id
(written by earlier versions) and older than this are no one's."""

_active: set[Path] = set()
_lock = threading.Lock()


@contextlib.contextmanager
def temporary_for(path: Path) -> Iterator[Path]:
    """A fresh temporary name beside `path`, protected from sweeping while the block runs.

    The caller creates, fills and renames (or removes) the file inside the block.
    """
    temporary = path.with_name(f".{path.name}.{os.getpid()}-{secrets.token_hex(4)}.tmp")
    with _lock:
        _active.add(temporary)
    try:
        yield temporary
    finally:
        with _lock:
            _active.discard(temporary)


def sweep(path: Path) -> list[Path]:
    """Remove the abandoned temporaries of `path` (see the module docstring); the removed.

    Sweeping is housekeeping: a folder that cannot be listed or a file that cannot be
    removed is left as it is, silently.
    """
    pattern = re.compile(rf"\.{re.escape(path.name)}\.(?:(\d+)-)?[0-9a-f]{{8}}\.tmp")
    try:
        with os.scandir(path.parent) as entries:
            candidates = [
                Path(entry.path)
                for entry in entries
                if entry.name.endswith(".tmp") and pattern.fullmatch(entry.name)
            ]
    except OSError:
        return []
    removed = []
    for candidate in candidates:
        pid = pattern.fullmatch(candidate.name).group(1)
        if _abandoned(candidate, int(pid) if pid else None):
            with contextlib.suppress(OSError):
                candidate.unlink()
                removed.append(candidate)
    return removed


def _abandoned(temporary: Path, pid: int | None) -> bool:
    try:
        modified = temporary.stat().st_mtime
    except OSError:
        return False
    if modified < time.time() - STALE_AFTER_SECONDS:
        return True
    if pid is None:
        return modified < _STARTED
    if pid == os.getpid():
        with _lock:
            return temporary not in _active
    return not process_alive(pid)


def process_alive(pid: int) -> bool:
    """Whether a process with this id runs now (POSIX); elsewhere assumed alive.

    Windows has no harmless probe (`os.kill` there terminates), so on Windows only the age
    of a file says it is abandoned.
    """
    if os.name != "posix":
        return True
    if pid <= 0:
        return False  # 0 and below address process groups, not a process
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    except OverflowError:
        return False  # not a process id at all
    return True
