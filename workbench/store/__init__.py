"""The `.mwp` project file: one SQLite database per project (docs/project-file.md).
Imports core only.

Public API (others code against these names):

- `open_project(path) -> Document`: the project in the file, marked saved. Raises
  `StoreError` (a `ModelError`) with one sentence for a missing file, a file that is not
  SQLite, an SQLite file that is not ours, a damaged one, or one from a newer schema; the
  file is left byte-identical. Opening never changes a file: an older schema is read
  through a copy migrated in memory, and the next save writes the file whole in the
  current version.
- `save_project(document, path, overwrite=False)`: one transaction; onto the file the
  document was opened from or last saved to, only what changed since then; anywhere else,
  as `save_project_as`. When its own file was changed on disk since (another window or
  program), `ChangedOnDisk` (a `StoreError`) and nothing written, unless `overwrite`.
- `save_project_as(document, path)`: the whole project to a temporary file beside `path`,
  synced, then renamed over it (atomic). The document then belongs to `path`.
- Recovery: `recovery_path(project_path, folder=None, document=None)`,
  `write_recovery(document, project_path, folder=None)` (a full atomic write beside the
  project, or for a project without a file in `folder`, under a name of its own document),
  `find_recoveries(project_path, folder=None) -> list[Path]` (newest first: a recovery
  file newer than the project; for untitled work (None) every untitled one in `folder` not
  held by a running app), `find_recovery(...) -> Path | None` (the first of those),
  `recover(project_path, folder=None, recovery_file=None) -> Document` (marked unsaved),
  `discard_recovery(project_path, folder=None, recovery_file=None)`.
- `Autosaver(document, project_path, every_seconds=60, every_edits=50, folder=None,
  in_background=False)`: counts edits; the GUI's QTimer calls `maybe_save()` (or
  `tick(now)`); with `in_background` it snapshots the project and writes on a worker
  thread, one write at a time; `discard()` removes what it wrote; `retarget(path)` after
  Save As; `close()` on a clean close removes its recovery file.
- `ProjectStore` (protocol: open, save, save_as, has_recovery, recover, discard_recovery)
  and `SqliteStore`, its local-file implementation; `store_for(location, folder=None)`
  picks it, or the team server's `ServerStore` for a `postgresql://…#project` address.
- `APPLICATION_ID`, `SCHEMA_VERSION`, `StoreError`.

None of this is thread-safe: call it from one thread per document (the autosaver's own
worker thread only ever sees a snapshot). Opening or saving a file sweeps away the
temporaries that a killed whole-file write left beside it.
"""

from workbench.store.autosave import Autosaver
from workbench.store.errors import ChangedOnDisk, StoreError
from workbench.store.interface import ProjectStore, SqliteStore, store_for
from workbench.store.project_file import open_project, save_project, save_project_as
from workbench.store.recovery import (
    discard_recovery,
    find_recoveries,
    find_recovery,
    recover,
    recovery_path,
    write_recovery,
)
from workbench.store.schema import APPLICATION_ID, SCHEMA_VERSION

__all__ = [
    "APPLICATION_ID",
    "SCHEMA_VERSION",
    "Autosaver",
    "ChangedOnDisk",
    "ProjectStore",
    "SqliteStore",
    "StoreError",
    "discard_recovery",
    "find_recoveries",
    "find_recovery",
    "open_project",
    "recover",
    "recovery_path",
    "save_project",
    "save_project_as",
    "store_for",
    "write_recovery",
]
