"""Edits of the qualitative entities: add, update, remove, move, merge companies.

One set of commands serves every collection (`Project.ENTITY_COLLECTIONS`); what differs
per entity type is which references must point at something that exists, and what a
removal takes with it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from workbench.core.commands.base import Command, placed, unused_id
from workbench.core.commands.measures import on_every_measure
from workbench.core.entities import Assessment, Company, Development, Factor, Trend
from workbench.core.errors import ModelError
from workbench.core.fields import Field
from workbench.core.project import ENTITY_COLLECTIONS, Project
from workbench.core.transaction import Transaction

_NOUNS = {
    "sources": "source",
    "companies": "company",
    "developments": "development",
    "factors": "driver or challenge",
    "trends": "trend",
    "forces": "force",
    "assessments": "assessment",
    "key_questions": "key question",
}


def _collection(project: Project, collection: str) -> list:
    if collection not in ENTITY_COLLECTIONS:
        raise ModelError(f"Unknown kind of entity {collection!r}.")
    return getattr(project, collection)


@dataclass(frozen=True)
class References:
    """The ids an entity may point at, gathered once: checking thousands of entities
    against a project then costs one look-up each, not a scan of the project each."""

    member_ids: frozenset[str]
    source_ids: frozenset[str]
    company_ids: frozenset[str]

    @classmethod
    def of(cls, p: Project) -> References:
        return cls(
            frozenset(m.id for d in p.dimensions for m in d.members),
            frozenset(s.id for s in p.sources),
            frozenset(c.id for c in p.companies),
        )


def check_references(p: Project, entity, refs: References | None = None) -> None:
    """Every id an entity points at must exist in the project (`refs`: its ids, when
    many entities are checked against one project)."""
    refs = refs or References.of(p)
    label = getattr(entity, "name", None) or getattr(entity, "title", None) or entity.id
    for segment in getattr(entity, "segments", ()):
        if segment not in refs.member_ids:
            raise ModelError(f"{label!r} names an unknown segment {segment!r}.")
    cited = list(getattr(entity, "source_ids", ()))
    if isinstance(entity, Development) and entity.source_id is not None:
        cited.append(entity.source_id)
    for source_id in cited:
        if source_id not in refs.source_ids:
            raise ModelError(f"{label!r} cites an unknown source {source_id!r}.")
    if isinstance(entity, Development) and entity.company_id not in refs.company_ids:
        p.entity("companies", entity.company_id)  # raises, naming the missing company
    if isinstance(entity, Assessment):
        dim = p.dimension(entity.dimension_id)
        for _criterion, member in entity.cells:
            if member not in dim.member_ids():
                raise ModelError(
                    f"Assessment {entity.name!r} rates {member!r}, not a segment of {dim.name}."
                )


def _check_type(collection: str, entity) -> None:
    expected = ENTITY_COLLECTIONS[collection]
    if not isinstance(entity, expected):
        raise ModelError(f"A {_NOUNS[collection]} was expected, not {type(entity).__name__}.")


class AddEntity(Command):
    def __init__(self, collection: str, entity, index: int | None = None) -> None:
        self.collection, self.entity, self.index = collection, entity, index
        self.text = f"Add {_NOUNS.get(collection, 'item')}"

    def run(self, tx: Transaction) -> None:
        p = tx.project
        items = _collection(p, self.collection)
        _check_type(self.collection, self.entity)
        if self.collection == "forces" and any(f.id == self.entity.id for f in items):
            raise ModelError(f"The force {self.entity.name!r} is already rated; edit it instead.")
        unused_id(p, self.entity.id)
        check_references(p, self.entity)
        noun = _NOUNS[self.collection]
        placed_items = placed(list(items), self.entity, self.index, f"the {noun}")
        tx.replace(Field(self.collection), placed_items)


class UpdateEntity(Command):
    """Replace the entity with the same id (a rename keeps the id, so it stays itself)."""

    def __init__(self, collection: str, entity) -> None:
        self.collection, self.entity = collection, entity
        self.text = f"Edit {_NOUNS.get(collection, 'item')}"

    def run(self, tx: Transaction) -> None:
        p = tx.project
        items = _collection(p, self.collection)
        _check_type(self.collection, self.entity)
        p.entity(self.collection, self.entity.id)
        check_references(p, self.entity)
        updated = [self.entity if e.id == self.entity.id else e for e in items]
        tx.replace(Field(self.collection), updated)


class MoveEntity(Command):
    def __init__(self, collection: str, entity_id: str, index: int) -> None:
        self.collection, self.entity_id, self.index = collection, entity_id, index
        self.text = f"Move {_NOUNS.get(collection, 'item')}"

    def run(self, tx: Transaction) -> None:
        items = _collection(tx.project, self.collection)
        entity = tx.project.entity(self.collection, self.entity_id)
        rest = [e for e in items if e is not entity]
        noun = _NOUNS[self.collection]
        tx.replace(Field(self.collection), placed(rest, entity, self.index, f"the {noun}"))


class RemoveEntity(Command):
    """Remove an entity; a company takes its developments, a source its citations."""

    def __init__(self, collection: str, entity_id: str) -> None:
        self.collection, self.entity_id = collection, entity_id
        self.text = f"Remove {_NOUNS.get(collection, 'item')}"

    def run(self, tx: Transaction) -> None:
        p = tx.project
        items = _collection(p, self.collection)
        p.entity(self.collection, self.entity_id)
        if self.collection == "forces":
            raise ModelError(
                "The five forces are always rated; edit a force instead of removing it."
            )
        tx.replace(Field(self.collection), [e for e in items if e.id != self.entity_id])
        if self.collection == "companies":
            tx.replace(
                Field.DEVELOPMENTS, [d for d in p.developments if d.company_id != self.entity_id]
            )
        elif self.collection == "sources":
            _uncite(tx, self.entity_id)


def _uncite(tx: Transaction, source_id: str) -> None:
    """Take a removed source off every cell (of every measure) and entity citing it."""
    on_every_measure(tx, lambda measure_tx: _uncite_cells(measure_tx, source_id))
    p = tx.project
    tx.replace(
        Field.DEVELOPMENTS,
        [replace(d, source_id=None) if d.source_id == source_id else d for d in p.developments],
    )
    for field in (Field.COMPANIES, Field.FACTORS, Field.TRENDS):
        items: list[Company | Factor | Trend] = getattr(p, field)
        tx.replace(
            field,
            [
                replace(e, source_ids=tuple(s for s in e.source_ids if s != source_id))
                if source_id in e.source_ids
                else e
                for e in items
            ],
        )


def _uncite_cells(tx: Transaction, source_id: str) -> None:
    """One measure's history cells citing the source."""
    for key in [k for k, v in tx.project.history_sources.items() if v == source_id]:
        tx.delete(Field.HISTORY_SOURCES, key)


class MergeCompanies(Command):
    """Fold a duplicate company into another: developments move, facts fill blanks."""

    def __init__(self, keep_id: str, duplicate_id: str) -> None:
        self.keep_id, self.duplicate_id = keep_id, duplicate_id
        self.text = "Merge companies"

    def run(self, tx: Transaction) -> None:
        p = tx.project
        keep: Company = p.entity("companies", self.keep_id)
        dup: Company = p.entity("companies", self.duplicate_id)
        if keep.id == dup.id:
            raise ModelError(f"{keep.name!r} cannot be merged with itself.")
        facts = {
            f: getattr(dup, f)
            for f in (
                "headquarters",
                "founded",
                "listing",
                "website",
                "type",
                "description",
                "strategy",
            )
            if getattr(keep, f) in ("", None)
        }
        merged = replace(
            keep,
            **facts,
            segments=tuple(dict.fromkeys(keep.segments + dup.segments)),
            shares={**dup.shares, **keep.shares},
            source_ids=tuple(dict.fromkeys(keep.source_ids + dup.source_ids)),
        )
        tx.replace(
            Field.DEVELOPMENTS,
            [
                replace(d, company_id=keep.id) if d.company_id == dup.id else d
                for d in p.developments
            ],
        )
        companies = [merged if c.id == keep.id else c for c in p.companies if c.id != dup.id]
        tx.replace(Field.COMPANIES, companies)
