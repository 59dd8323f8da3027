"""The `.mwp` project file: one SQLite database per project (DESIGN.md §5). Imports core only.

Public API (others code against these names):

- `open_project(path) -> Document`: the project in the file, marked saved. Raises
  `StoreError` (a `ModelError`) with one sentence for a missing file, a file that is not
  SQLite, an SQLite file that is not ours, a damaged one, or one from a newer schema; the
  file is left byte-identical. An older schema is migrated forward in one transaction.
- `save_project(document, path)`: one transaction; onto the file the document was opened
  from or last saved to, only what changed since then; anywhere else, as `save_project_as`.
- `save_project_as(document, path)`: the whole project to a temporary file beside `path`,
  synced, then renamed over it (atomic). The document then belongs to `path`.
- Recovery: `recovery_path(project_path, folder=None)`, `write_recovery(document,
  project_path, folder=None)` (the autosave; a full atomic write beside the project, or in
  `folder` for a project without a file), `find_recovery(project_path, folder=None) ->
  Path | None` (a recovery file newer than the project), `recover(project_path,
  folder=None) -> Document` (marked unsaved), `discard_recovery(project_path, folder=None)`.
- `Autosaver(document, project_path, every_seconds=60, every_edits=50, folder=None)`:
  counts edits; the GUI's QTimer calls `maybe_save()` (or `tick(now)`); `retarget(path)`
  after Save As; `close()` on a clean close removes its recovery file.
- `ProjectStore` (protocol: open, save, save_as, has_recovery, recover, discard_recovery)
  and `SqliteStore`, its local-file implementation.
- `APPLICATION_ID`, `SCHEMA_VERSION`, `StoreError`.

None of this is thread-safe: call it from one thread per document.
"""

from workbench.store.errors import StoreError
from workbench.store.interface import ProjectStore, SqliteStore
from workbench.store.project_file import open_project, save_project, save_project_as
from workbench.store.recovery import (
    Autosaver,
    discard_recovery,
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
    "ProjectStore",
    "SqliteStore",
    "StoreError",
    "discard_recovery",
    "find_recovery",
    "open_project",
    "recover",
    "recovery_path",
    "save_project",
    "save_project_as",
    "write_recovery",
]
