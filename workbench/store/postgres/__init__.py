"""Projects on a PostgreSQL team server, behind the same store interface as the `.mwp` file.

Addressed as `postgresql://user@host:port/db#project` (`ServerAddress`). Imports core and
the store's own row description only; the GUI and the CLI pick this backend by address.

Public API:

- `is_server_address(text)`, `ServerAddress.parse(text)`.
- `open_server_project(address, revision=None) -> Document`: the latest revision, or an
  older one read-only.
- `save_to_server(document, address=None, summary=None, recovery_folder=None) -> int`:
  one transaction writing only what changed, as the next revision. Raises `SaveConflict`
  (someone saved since: `.since` lists their revisions), `ReadOnlyProject`, or
  `ServerUnreachable` (the server holds the old revision; with `recovery_folder` the work
  is in a recovery file named after `recovery_stand_in(address, folder)`).
- `create_on_server(document, address)`: a new project (Save as new project).
- `reapply(document) -> Reapplied`: after a conflict, the latest revision with this
  document's own edits re-applied on top, and the cells both sides changed to decide.
- `history(address) -> list[Revision]`, `restore_revision(address, n) -> int`.
- `list_projects(server)`, `share(address, user, edit)`.
- `push(path, address)`, `pull(address, path)`.
- `ServerStore`: the `ProjectStore` protocol over server addresses.
"""

from workbench.store.postgres.connection import ServerUnreachable, disconnect
from workbench.store.postgres.projects import (
    Revision,
    history,
    list_projects,
    open_server_project,
    server_project,
)
from workbench.store.postgres.reapply import Conflict, Reapplied, apply_on_top, reapply
from workbench.store.postgres.saving import (
    ReadOnlyProject,
    SaveConflict,
    create_on_server,
    recovery_stand_in,
    save_to_server,
)
from workbench.store.postgres.store import ServerStore
from workbench.store.postgres.transfer import pull, push, restore_revision, share
from workbench.store.server_address import ServerAddress, is_server_address

__all__ = [
    "Conflict",
    "ReadOnlyProject",
    "Reapplied",
    "Revision",
    "SaveConflict",
    "ServerAddress",
    "ServerStore",
    "ServerUnreachable",
    "apply_on_top",
    "create_on_server",
    "disconnect",
    "history",
    "is_server_address",
    "list_projects",
    "open_server_project",
    "pull",
    "push",
    "reapply",
    "recovery_stand_in",
    "restore_revision",
    "save_to_server",
    "server_project",
    "share",
]
