"""The store as an interface: what the GUI and the command line need from "a place projects live".

Today that place is a local `.mwp` file; a shared server database for teams can later be
another `ProjectStore` without any change to the core or the GUI, which only ever hold a
`ProjectStore` and a location.
"""

from __future__ import annotations

import os
from typing import Protocol

from workbench.core.document import Document
from workbench.store.project_file import open_project, save_project, save_project_as
from workbench.store.recovery import discard_recovery, find_recovery, recover

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
