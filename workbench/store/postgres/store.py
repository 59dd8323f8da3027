"""`ServerStore`: team server projects behind the `ProjectStore` protocol of the file store.

A location is a server address (`postgresql://…/db#project`, or a `ServerAddress`). A
server project's recovery file lives in `folder` (the app's data folder), named after
its address; recovering opens the latest revision and puts the recovered work on top as
one undoable step, so it is saved as an ordinary next revision.
"""

from __future__ import annotations

import os

from workbench.core.document import Document
from workbench.store.errors import StoreError
from workbench.store.postgres.projects import open_server_project
from workbench.store.postgres.reapply import apply_on_top
from workbench.store.postgres.saving import create_on_server, recovery_stand_in, save_to_server
from workbench.store.recovery import discard_recovery, find_recovery, recover
from workbench.store.server_address import ServerAddress

Location = str | ServerAddress


class ServerStore:
    def __init__(self, folder: str | os.PathLike | None = None) -> None:
        self.folder = folder

    def open(self, location: Location) -> Document:
        return open_server_project(_address(location))

    def save(self, document: Document, location: Location) -> None:
        save_to_server(document, _address(location), recovery_folder=self.folder)

    def save_as(self, document: Document, location: Location) -> None:
        """The document as a new project at `location` (an existing name is refused)."""
        create_on_server(document, _address(location), recovery_folder=self.folder)

    def has_recovery(self, location: Location | None) -> bool:
        return find_recovery(self._stand_in(location)) is not None

    def recover(self, location: Location | None) -> Document:
        recovered = recover(self._stand_in(location))
        document = open_server_project(_address(location))
        apply_on_top(document, recovered.project, "Recovered work")
        return document

    def discard_recovery(self, location: Location | None) -> None:
        discard_recovery(self._stand_in(location))

    def _stand_in(self, location: Location | None):
        if location is None or self.folder is None:
            raise StoreError("A server project's recovered work needs its address and a folder.")
        return recovery_stand_in(_address(location), self.folder)


def _address(location: Location) -> ServerAddress:
    return ServerAddress.parse(location) if isinstance(location, str) else location
