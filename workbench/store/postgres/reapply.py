"""After a refused save: the latest revision with your own edits re-applied on top.

The revision the document was based on is still on the server (history is never
deleted), so each of your edits is known exactly as base → yours, and each of theirs as
base → theirs. An edit only you made is re-applied; one you both made alike is already
there; a cell (or entity, or the project's structure) that you both changed differently
is a conflict: it keeps the server's value and is listed, so the analyst decides, and
`keep_mine` applies the chosen ones. Each edit is the core's `Put` (the workbook import's
command), and re-applying is one undoable `Batch` of them on a document that is based on
the latest revision, so the next save is an ordinary incremental one.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import psycopg

from workbench.core.commands.base import Batch
from workbench.core.commands.put import Put, held, same
from workbench.core.document import Document
from workbench.core.fields import MEASURE_INPUTS, Field
from workbench.core.measures import VOLUME_FIELDS
from workbench.core.project import ENTITY_COLLECTIONS, MeasureInputs, Project
from workbench.core.transaction import MISSING, WHOLE
from workbench.store.errors import StoreError
from workbench.store.postgres.connection import connect, unreachable
from workbench.store.postgres.projects import find, read, remember, server_project

_KEYED = (*MEASURE_INPUTS, *VOLUME_FIELDS.values())
_WHOLE = (
    Field.METADATA, Field.MODE, Field.PRIMARY_DIMENSION, Field.DIMENSIONS, Field.SCENARIOS,
    Field.VOLUME, Field.VOLUME_UNIT,
)
MOVED_ON = "The project changed while your edits were being re-applied; reload it again."


@dataclass(frozen=True)
class Conflict:
    """Something both you and the server changed, differently since your revision."""

    field: str
    key: Any
    mine: Any
    theirs: Any

    def label(self, project: Project | None = None) -> str:
        """"Total market 2024 (history): yours 3.0; on the server 1.0", with the names in
        `project` where it knows them (ids otherwise)."""
        where = self.field.replace("_", " ").replace(".", " ")
        if self.key is not WHOLE:
            parts = self.key if isinstance(self.key, tuple) else (self.key,)
            shown = " ".join(_named(project, self.field, part) for part in parts if part != "")
            where = f"{shown} ({where})"
        return f"{where}: yours {_shown(self.mine)}; on the server {_shown(self.theirs)}"


def _named(project: Project | None, field: str, part: Any) -> str:
    """The name of a scenario, segment or entity id in a key, or the part as it is."""
    if project is None or not isinstance(part, str):
        return str(part)
    if field in ENTITY_COLLECTIONS:
        entity = next((e for e in getattr(project, field) if e.id == part), None)
        return _shown(entity) if entity is not None else part
    for scenario in project.scenarios:
        if scenario.id == part:
            return scenario.name
    try:
        return project.series_name(part)
    except ValueError:
        return part


@dataclass
class Reapplied:
    """The latest revision with your edits on top; `conflicts` keep the server's values."""

    document: Document
    conflicts: list[Conflict]
    applied: int

    def keep_mine(self, chosen: Iterable[Conflict]) -> None:
        edits = [_put(c.field, c.key, c.theirs, c.mine) for c in chosen]
        apply_edits(self.document, edits, f"Keep my version of {len(edits)} changes")


def reapply(document: Document) -> Reapplied:
    """Fetch the base and the latest revision, and re-apply `document`'s own edits."""
    entry = server_project(document)
    if entry is None:
        raise StoreError("This project is not from a server: there is nothing to reload.")
    address = entry.address
    connection = connect(address.conninfo)
    try:
        with connection.transaction():
            connection.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
            project_id, latest = find(connection, address)
            base = read(connection, address, project_id, entry.revision)
            theirs = read(connection, address, project_id)
    except psycopg.OperationalError as exc:
        raise unreachable(address.conninfo, exc) from exc
    edits, conflicts = three_way(base, document.project, theirs, document.dirty())
    merged = Document(theirs)
    merged.mark_saved()
    remember(merged, address, project_id, latest)
    apply_edits(merged, edits, "Re-apply my edits")
    return Reapplied(merged, conflicts, len(edits))


def apply_on_top(document: Document, project: Project, text: str) -> int:
    """Make `document` hold `project` (recovered work) as one undoable step on top of it;
    returns how many changes that took."""
    every = dict.fromkeys((*_KEYED, *_WHOLE, *ENTITY_COLLECTIONS), WHOLE)
    edits, _none = three_way(document.project, project, document.project, every)
    apply_edits(document, edits, text)
    return len(edits)


def apply_edits(document: Document, edits: list[Put], text: str) -> None:
    """Write `edits` (from `three_way`) into `document` as one undoable step named `text`."""
    if edits:
        document.execute(Batch(text, edits))


def three_way(base: Project, mine: Project, theirs: Project,
              dirty: dict[str, Any]) -> tuple[list[Put], list[Conflict]]:
    """Your edits (base → mine) that apply cleanly to `theirs`, and the conflicts.

    The volume merges cell by cell like the value, unless you added, removed or replaced
    it whole, or they removed it: then it is one change of the whole measure.
    """
    edits: list[Put] = []
    conflicts: list[Conflict] = []
    whole_volume = Field.VOLUME in dirty or (mine.volume is not None and theirs.volume is None)
    fields = dict.fromkeys(Field.VOLUME if whole_volume and _of_volume(f) else f for f in dirty)
    for field in fields:
        if field in _KEYED:
            candidates = _keyed(field, base, mine, dirty[field])
        elif field in ENTITY_COLLECTIONS:
            candidates = _entities(field, base, mine)
        elif field in _WHOLE:
            candidates = [(field, WHOLE, _value(base, field, WHOLE), _value(mine, field, WHOLE))]
        else:
            continue
        for name, key, was, now in candidates:
            there = _value(theirs, name, key)
            if same(now, was) or same(there, now):
                continue
            if same(there, was):
                edits.append(_put(name, key, there, now))
            else:
                conflicts.append(Conflict(name, key, now, there))
    return edits, conflicts


def _put(field: str, key: Any, before: Any, after: Any) -> Put:
    """The core Put of one edit of `field` at `key` (WHOLE: the whole field). A measure's
    inputs are copied: they are edited in place, so two documents never share them."""
    if isinstance(after, MeasureInputs):
        after = after.copy()
    return Put(field, None if key is WHOLE else key, before, after, MOVED_ON)


def _of_volume(field: str) -> bool:
    return field == Field.VOLUME or field.startswith(f"{Field.VOLUME}.")


def _keyed(field: str, base: Project, mine: Project, keys) -> list[tuple]:
    if keys is WHOLE:
        keys = set(_part(base, field)) | set(_part(mine, field))
    return [(field, k, _value(base, field, k), _value(mine, field, k)) for k in keys]


def _entities(field: str, base: Project, mine: Project) -> list[tuple]:
    before = {e.id: e for e in getattr(base, field)}
    after = {e.id: e for e in getattr(mine, field)}
    return [(field, i, before.get(i, MISSING), after.get(i, MISSING))
            for i in [*before, *(i for i in after if i not in before)]]


def _part(project: Project, field: str) -> Any:
    """The project's attribute `field`; a dotted one ("volume.history") on the measure's
    inputs, empty when the project has no such measure."""
    head, _, name = str(field).partition(".")
    owner = getattr(project, head)
    if not name:
        return owner
    return () if owner is None else getattr(owner, name)


def _value(project: Project, field: str, key: Any) -> Any:
    container = _part(project, field)
    if key is WHOLE:
        return container
    if isinstance(container, tuple):  # the measure is not there
        return MISSING
    return held(field, container, key)


def _shown(value: Any) -> str:
    if value is MISSING or value is None:
        return "removed"
    if isinstance(value, MeasureInputs):
        return f"a volume in {value.unit}"
    if value is True:
        return "set"
    if isinstance(value, list):
        return f"{len(value)} of them, changed"
    return getattr(value, "name", None) or getattr(value, "title", None) or repr(value)
