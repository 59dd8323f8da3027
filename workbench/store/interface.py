"""The store as an interface: what the GUI and the command line need from "a place projects live".

That place is a local `.mwp` file (`SqliteStore`) or a project on a team server
(`workbench.store.postgres.ServerStore`); `store_for(location)` picks by the location, so
a caller holds a `ProjectStore` and a location and never asks which.
"""

from __future__ import annotations

import os
from typing import Protocol

from workbench.core.document import Document
from workbench.store.project_file import open_project, save_project, save_project_as
from workbench.store.recovery import discard_recovery, find_recovery, recover
from workbench.store.server_address import is_server_address

Location = str | os.PathLike


class ProjectStore(Protocol):
    def open(self, location: Location) -> Document: ...

    def save(self, document: Document, location: Location) -> None: ...

    def save_as(self, document: Document, location: Location) -> None: ...

    def has_recovery(self, location: Location | None) -> bool: ...

    def recover(self, location: Location | None) -> Document: ...

    def discard_recovery(self, location: Location | None) -> None: ...


class SqliteStore:
    """Projects as local `.mwp` files; `folder` keeps the recovery file of untitled projects."""

    def __init__(self, folder: Location | None = None) -> None:
        self.folder = folder

    def open(self, location: Location) -> Document:
        return open_project(location)

    def save(self, document: Document, location: Location) -> None:
        save_project(document, location)

    def save_as(self, document: Document, location: Location) -> None:
        save_project_as(document, location)

    def has_recovery(self, location: Location | None) -> bool:
        return find_recovery(location, self.folder) is not None

    def recover(self, location: Location | None) -> Document:
        return recover(location, self.folder)

    def discard_recovery(self, location: Location | None) -> None:
        discard_recovery(location, self.folder)


def store_for(location: Location, folder: Location | None = None) -> ProjectStore:
    """The store of `location`: a team server for a `postgresql://` address, else a file.
    The server's driver is loaded only when a server address is named."""
    if is_server_address(location):
        from workbench.store.postgres.store import ServerStore

        return ServerStore(folder)
    return SqliteStore(folder)
