"""Crash recovery: unsaved work in a recovery file beside the project, found and restored.

The recovery file is a complete project file written atomically (temporary file, rename),
so whatever kills the app — even `kill -9` mid-write — leaves either the previous recovery
file or the new one. It never touches the project file: the analyst decides, on the next
open, whether to take the recovered work.

A project that has no file yet keeps its recovery file in a folder (the app's data folder),
named after its document — `.Untitled-PID-KEY.mwp.recovery` — so two untitled projects,
in one app or in two, never overwrite each other's work. At start-up the untitled files of
processes that are gone are offered newest first; a running app's own are left alone.
"""

from __future__ import annotations

import os
import re
import secrets
import weakref
from pathlib import Path

from workbench.core.document import Document
from workbench.store.errors import StoreError
from workbench.store.journal import change_counter, settle
from workbench.store.project_file import forget, open_project, saved_counter, write_copy
from workbench.store.temporaries import process_alive

Place = str | os.PathLike | None
"""A project file's path, or None for a project without a file."""

UNTITLED = "Untitled.mwp"
"""The name a project without a file has, in messages and in its recovery file's name."""

_UNTITLED_FILE = re.compile(r"\.Untitled(?:-(\d+)-[0-9a-f]{12})?\.mwp\.recovery")
"""An untitled recovery file: ours (with the writing process's id and the document's key),
or the one shared name earlier versions wrote."""

_keys: weakref.WeakKeyDictionary[Document, str] = weakref.WeakKeyDictionary()
_recovered_from: weakref.WeakKeyDictionary[Document, Path] = weakref.WeakKeyDictionary()
_recovered_base: weakref.WeakKeyDictionary[Document, int] = weakref.WeakKeyDictionary()


def recovery_path(
    project_path: Place, folder: Place = None, document: Document | None = None
) -> Path:
    """Where the recovery file of `project_path` lives: hidden, beside the project.

    A project that has no file yet keeps its recovery file in `folder`, named after its
    `document`; both are then required.
    """
    if project_path is not None:
        path = Path(project_path)
        return path.with_name(f".{path.name}.recovery")
    if folder is None:
        raise StoreError("A project without a file needs a folder for its recovery file.")
    if document is None:
        raise StoreError("A project without a file needs its document to name its recovery file.")
    key = _keys.get(document)
    if key is None:
        key = _keys[document] = f"{os.getpid()}-{secrets.token_hex(6)}"
    return Path(folder) / f".Untitled-{key}.mwp.recovery"


def write_recovery(document: Document, project_path: Place, folder: Place = None) -> Path:
    """Autosave: the whole document to the recovery file; the project file is untouched."""
    target = recovery_path(project_path, folder, document)
    write_copy(document.project, prepared(target), recovery_base(document, project_path))
    return target


def prepared(target: Path) -> Path:
    """`target`, once its folder exists: the app's data folder is not there on a fresh
    profile until the first untitled autosave makes it (private to the user)."""
    target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    return target


def recovery_base(document: Document, project_path: Place) -> int | None:
    """The change counter of the project file the document's unsaved work started from,
    which its recovery file carries as its own (see `journal`); None for untitled work."""
    if project_path is None:
        return None
    counter = saved_counter(document, Path(project_path))
    return counter if counter is not None else _recovered_base.get(document)


def find_recoveries(project_path: Place, folder: Place = None) -> list[Path]:
    """The recovery files to offer, newest first.

    For a project file: its recovery file (at most one) when the project has not been
    saved since the work in it started (their change counters are equal; a Save killed
    mid-transaction is rolled back first, see `journal`), or when it is newer than the
    project. For untitled work: every untitled recovery file in `folder` not held by
    another running app. Only headers, names and times are read: cheap at start-up.
    """
    if project_path is None:
        if folder is None:
            raise StoreError("A project without a file needs a folder for its recovery file.")
        return _untitled_recoveries(Path(folder))
    target = recovery_path(project_path)
    recovered_at = _modified(target)
    if recovered_at is None:
        return []
    project = Path(project_path)
    settle(project)
    base = change_counter(target)
    if base is not None and base == change_counter(project):
        return [target]
    saved_at = _modified(project)
    return [target] if saved_at is None or recovered_at > saved_at else []


def find_recovery(project_path: Place, folder: Place = None) -> Path | None:
    """The recovery file to offer first (see `find_recoveries`), or None."""
    found = find_recoveries(project_path, folder)
    return found[0] if found else None


def recover(project_path: Place, folder: Place = None, recovery_file: Place = None) -> Document:
    """The recovered document, marked unsaved: saving it writes the project file whole.

    `recovery_file` picks one of `find_recoveries`; by default the project's own, or for
    untitled work the newest. An autosaver of the returned document takes over that file.
    """
    source = _chosen(project_path, folder, recovery_file)
    if source is None or not source.exists():
        raise StoreError(f"There is no recovered work for {project_path or UNTITLED}.")
    document = open_project(source)
    forget(document)
    document.mark_unsaved()
    _recovered_from[document] = source
    base = change_counter(source)
    if base is not None:
        _recovered_base[document] = base
    return document


def discard_recovery(
    project_path: Place, folder: Place = None, recovery_file: Place = None
) -> None:
    """Remove the recovery file `recover` would restore with the same arguments."""
    source = _chosen(project_path, folder, recovery_file)
    if source is not None:
        source.unlink(missing_ok=True)


def recovered_from(document: Document) -> Path | None:
    """The recovery file `document` was restored from, if it was."""
    return _recovered_from.get(document)


def _chosen(project_path: Place, folder: Place, recovery_file: Place) -> Path | None:
    if recovery_file is not None:
        return Path(recovery_file)
    if project_path is not None:
        return recovery_path(project_path)
    return find_recovery(None, folder)


def _untitled_recoveries(folder: Path) -> list[Path]:
    try:
        with os.scandir(folder) as entries:
            names = [e.name for e in entries if e.name.startswith(".Untitled")]
    except OSError:
        return []
    found = []
    for name in names:
        match = _UNTITLED_FILE.fullmatch(name)
        if match is None or _held_by_another_app(match.group(1)):
            continue
        modified = _modified(folder / name)
        if modified is not None:
            found.append((modified, folder / name))
    return [path for _modified_at, path in sorted(found, reverse=True)]


def _held_by_another_app(pid: str | None) -> bool:
    return pid is not None and int(pid) != os.getpid() and process_alive(int(pid))


def _modified(path: Path) -> int | None:
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return None
