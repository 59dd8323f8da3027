"""Put: write one value the caller has already worked out, if the project still holds
the value it replaces.

Importers (a workbook of ours) compare what they read with the project and express each
difference as a Put; a `Batch` of them is the import, one undoable step. Each Put checks
that the value it replaces is still the one the comparison saw, so a plan applied to a
project edited in the meantime is refused whole instead of half-fitting.
"""

from __future__ import annotations

from typing import Any

from workbench.core.commands.base import Command
from workbench.core.errors import ModelError
from workbench.core.fields import Field
from workbench.core.transaction import MISSING, Transaction


class Put(Command):
    """Set (or, with `after` MISSING, delete) one key of a keyed field, or replace a whole
    field (key None); `before` is the value expected there now (MISSING: absent)."""

    text = "Import workbook"

    def __init__(self, field: Field | str, key: Any, before: Any, after: Any) -> None:
        self.field = Field(field)
        self.key, self.before, self.after = key, before, after

    def run(self, tx: Transaction) -> None:
        container = getattr(tx.project, self.field)
        if self.key is None:
            current = container
        elif isinstance(container, set):
            current = True if self.key in container else MISSING
        else:
            current = container.get(self.key, MISSING)
        if not _same(current, self.before):
            raise ModelError(
                "The project changed after the workbook was read; read the workbook again."
            )
        if self.key is None:
            tx.replace(self.field, self.after)
        elif self.after is MISSING:
            tx.delete(self.field, self.key)
        else:
            tx.set(self.field, self.key, self.after)


def _same(a: Any, b: Any) -> bool:
    if a is MISSING or b is MISSING:
        return a is b
    return type(a) is type(b) and bool(a == b)
