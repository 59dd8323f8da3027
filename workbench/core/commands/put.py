"""Put: write one value the caller has already worked out, if the project still holds
the value it replaces.

Importers (a workbook of ours) compare what they read with the project and express each
difference as a Put; a `Batch` of them is the import, one undoable step. Re-applying your
edits over a newer revision from the team server does the same with each of your edits.
Each Put checks that the value it replaces is still the one the comparison saw, so a plan
applied to a project edited in the meantime is refused whole instead of half-fitting.
"""

from __future__ import annotations

from typing import Any

from workbench.core.commands.base import Command
from workbench.core.errors import ModelError
from workbench.core.fields import Field
from workbench.core.project import ENTITY_COLLECTIONS
from workbench.core.transaction import MISSING, Transaction

WORKBOOK_MOVED_ON = "The project changed after the workbook was read; read the workbook again."


class Put(Command):
    """Set (or, with `after` MISSING, delete) one key of a keyed field, or replace a whole
    field (key None); `before` is the value expected there now (MISSING: absent). A key
    of a set field is there (True) or not (MISSING); a key of an entity collection is an
    entity's id, whose entity is replaced, added at the end or removed. `moved_on` is the
    sentence that refuses a Put whose `before` is no longer there."""

    text = "Import workbook"

    def __init__(
        self,
        field: Field | str,
        key: Any,
        before: Any,
        after: Any,
        moved_on: str = WORKBOOK_MOVED_ON,
    ) -> None:
        self.field = Field(field)
        self.key, self.before, self.after = key, before, after
        self.moved_on = moved_on

    def run(self, tx: Transaction) -> None:
        container = tx.read(self.field)
        if not same(held(self.field, container, self.key), self.before):
            raise ModelError(self.moved_on)
        if self.key is None:
            tx.replace(self.field, self.after)
        elif self.field in ENTITY_COLLECTIONS:
            tx.replace(self.field, _with_entity(container, self.key, self.after))
        elif self.after is MISSING:
            tx.delete(self.field, self.key)
        else:
            tx.set(self.field, self.key, self.after)


def held(field: Field | str, container: Any, key: Any) -> Any:
    """What `container`, the attribute `field` names, holds at `key` (None: all of it):
    an entity by its id, True for a key of a set, the value of a dict; MISSING if none."""
    if key is None:
        return container
    if field in ENTITY_COLLECTIONS:
        return next((e for e in container if e.id == key), MISSING)
    if isinstance(container, set):
        return True if key in container else MISSING
    return container.get(key, MISSING)


def _with_entity(entities: list, entity_id: str, entity: Any) -> list:
    """A new list: the entity replaced in place, removed (MISSING), or appended."""
    out = [e for e in entities if e.id != entity_id or entity is not MISSING]
    for i, e in enumerate(out):
        if e.id == entity_id:
            out[i] = entity
            return out
    if entity is not MISSING:
        out.append(entity)
    return out


def same(a: Any, b: Any) -> bool:
    """The same value, as a Put's `before` must be: MISSING only as MISSING, else of one
    type and equal (the re-apply's three-way comparison decides with this too)."""
    if a is b:
        return True
    if a is MISSING or b is MISSING:
        return False
    return type(a) is type(b) and bool(a == b)
