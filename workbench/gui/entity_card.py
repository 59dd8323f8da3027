"""What the inspector says about a qualitative entity: its sources, segments and notes.

On the Companies, Drivers & Challenges and Trends pages the inspector shows the selected
entity's evidence (each source with its link), the segments it concerns and the
analyst's text, so a reader can check a claim without opening the Sources page.
"""

from __future__ import annotations

from html import escape

from workbench.core.entities import Company, Factor, Trend
from workbench.core.errors import ModelError
from workbench.core.project import Project
from workbench.gui.page import EntityTarget

_TEXT_LIMIT = 600
"""Characters of an entity's text the card shows (the page itself edits the rest)."""


def entity_card(project: Project, target: EntityTarget) -> str:
    """The entity as rich text for the inspector; one sentence when it no longer exists."""
    try:
        entity = project.entity(target.collection, target.entity_id)
    except ModelError:
        return "The selected entry no longer exists."
    if isinstance(entity, Company):
        name, kind, text = entity.name, "Company", entity.description
    elif isinstance(entity, Factor | Trend):
        name, text = entity.title, entity.text
        kind = entity.kind.capitalize() if isinstance(entity, Factor) else "Trend"
    else:
        return "This entry has no sources or notes to show."
    parts = [f"<p><b>{escape(name)}</b><br><span style='color:#5a6b7d'>{kind}</span></p>",
             _section("Sources", _sources(project, entity.source_ids)),
             _section("Segments", escape(_segments(project, entity.segments)))]
    if text:
        shown = text if len(text) <= _TEXT_LIMIT else text[:_TEXT_LIMIT].rstrip() + "…"
        parts.append(_section("Notes", escape(shown).replace("\n", "<br>")))
    return "".join(parts)


def _section(title: str, body: str) -> str:
    return f"<p><b>{title}</b><br>{body or '—'}</p>"


def _sources(project: Project, source_ids: tuple[str, ...]) -> str:
    lines = []
    for source_id in source_ids:
        try:
            source = project.entity("sources", source_id)
        except ModelError:
            continue
        label = escape(source.label())
        lines.append(f"<a href='{escape(source.url)}'>{label}</a>" if source.url else label)
    return "<br>".join(lines)


def _segments(project: Project, segment_ids: tuple[str, ...]) -> str:
    names = []
    for segment_id in segment_ids:
        try:
            names.append(project.member(segment_id).name)
        except ModelError:
            continue
    return ", ".join(names) or "whole market"
