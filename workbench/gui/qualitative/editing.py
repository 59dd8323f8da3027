"""Edits of one entity from a page: build the replacement, then one undoable command.

Every qualitative page edits the same way: take the entity as it is now, replace some
fields, and run `UpdateEntity`. An entity checks itself when it is built, so a bad value
(an empty title, a share above 100 %) is refused here with the entity's own sentence and
reported through the bridge like any refused command; nothing changes.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtWidgets import QWidget

from workbench.core.commands import AddEntity, Batch, UpdateEntity
from workbench.core.entities import Source
from workbench.core.errors import ModelError
from workbench.core.project import Project, new_id
from workbench.gui.bridge import DocumentBridge
from workbench.gui.source_form import ask_source


def update_entity(bridge: DocumentBridge, collection: str, entity_id: str, **changes: Any) -> bool:
    """Replace fields of one entity as one undo step; False when refused or unchanged."""
    try:
        entity = bridge.document.project.entity(collection, entity_id)
        if all(getattr(entity, name) == value for name, value in changes.items()):
            return False
        updated = replace(entity, **changes)
    except ModelError as exc:
        bridge.error.emit(str(exc))
        return False
    return bridge.execute(UpdateEntity(collection, updated))


def build_entity(bridge: DocumentBridge, factory, **fields: Any):
    """An entity from its constructor, or None after reporting why it was refused."""
    try:
        return factory(**fields)
    except ModelError as exc:
        bridge.error.emit(str(exc))
        return None


def unique_name(taken: set[str], stem: str) -> str:
    """'New company', then 'New company 2', ...: new rows never look like duplicates."""
    if stem not in taken:
        return stem
    n = 2
    while f"{stem} {n}" in taken:
        n += 1
    return f"{stem} {n}"


def segment_names(project: Project, segment_ids: tuple[str, ...]) -> str:
    names = []
    for segment_id in segment_ids:
        try:
            names.append(project.member(segment_id).name)
        except ModelError:
            names.append(segment_id)
    return ", ".join(names)


def source_names(project: Project, source_ids: tuple[str, ...]) -> str:
    by_id = {s.id: s.publisher for s in project.sources}
    return ", ".join(by_id.get(s, s) for s in source_ids)


def cite_new_source(parent: QWidget, bridge: DocumentBridge, collection: str,
                    entity_id: str | None) -> bool:
    """Ask for a new source, add it and cite it on the entity: one undoable step."""
    typed = ask_source(parent, None) if entity_id is not None else None
    if typed is None:
        return False
    project = bridge.document.project
    source = build_entity(bridge, Source, id=new_id(project, "src"), **typed)
    if source is None:
        return False
    entity = project.entity(collection, entity_id)
    cited = replace(entity, source_ids=(*entity.source_ids, source.id))
    return bridge.execute(Batch("Add source", [AddEntity("sources", source),
                                               UpdateEntity(collection, cited)]))
