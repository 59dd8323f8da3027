"""Drivers and challenges, emerging trends, strategic analysis, five forces, assessments."""

from __future__ import annotations

from collections import Counter

from workbench.core.entities import DEVELOPMENT_KINDS, FORCE_IDS, FORCE_NAMES
from workbench.report.context import BuildContext, body, lead
from workbench.report.model import Chapter, Heading
from workbench.report.specs import BarSpec
from workbench.report.text import labelled

HORIZONS = ("short", "medium", "long")
IMPACT = {1: "very low", 2: "low", 3: "medium", 4: "high", 5: "very high"}


def drivers_and_challenges(ctx: BuildContext, chapter: Chapter) -> None:
    factors = ctx.project.factors
    rows = [
        (x.title, x.kind, *(f"{getattr(x, f'impact_{h}')} ({IMPACT[getattr(x, f'impact_{h}')]})"
                            for h in HORIZONS))
        for x in factors
    ]
    chapter.blocks.append(lead(
        "Drivers push the market forward and challenges hold it back; each is rated for its "
        "impact from 1 (very low) to 5 (very high) in the short, medium and long term."
    ))
    chapter.blocks.append(ctx.table(
        "Drivers and challenges with their impact",
        ("Factor", "Kind", "Short term", "Medium term", "Long term"),
        rows, ("l", "l", "l", "l", "l"),
    ))
    for kind, title in (("driver", "Drivers"), ("challenge", "Challenges")):
        chosen = [x for x in factors if x.kind == kind]
        chapter.blocks.append(Heading(title))
        if not chosen:
            chapter.blocks.append(body(f"No {title.lower()} are recorded."))
        for x in chosen:
            text = (x.text or "") + ctx.cite(ctx.known_sources(x.source_ids))
            chapter.blocks.extend(labelled(x.title, text, "bullet"))


def emerging_trends(ctx: BuildContext, chapter: Chapter) -> None:
    trends = ctx.project.trends
    chapter.blocks.append(lead(f"{len(trends)} trends are shaping the market."))
    for t in trends:
        text = (t.text or "") + ctx.cite(ctx.known_sources(t.source_ids))
        chapter.blocks.extend(labelled(t.title, text, "bullet"))


def strategic_analysis(ctx: BuildContext, chapter: Chapter) -> None:
    p = ctx.project
    names = {c.id: c.name for c in p.companies}
    counts = Counter(d.kind for d in p.developments)
    chapter.blocks.append(lead(
        f"{len(p.developments)} dated developments are recorded for {len(p.companies)} "
        "companies: new products, partnerships, mergers and acquisitions, funding, technology "
        "and regulation."
    ))
    rows = [(kind, str(counts.get(kind, 0))) for kind in DEVELOPMENT_KINDS]
    chapter.blocks.append(ctx.table("Developments by kind", ("Kind", "Developments"), rows,
                                    ("l", "r")))
    recent = sorted(p.developments, key=lambda d: d.date, reverse=True)[:25]
    if recent:
        chapter.blocks.append(Heading("Latest developments"))
    for d in recent:
        label = f"{d.date or 'undated'} · {names.get(d.company_id, d.company_id)} · {d.kind}"
        text = d.text + ctx.cite(ctx.known_sources([d.source_id] if d.source_id else []))
        chapter.blocks.extend(labelled(label, text, "bullet"))


def five_forces(ctx: BuildContext, chapter: Chapter) -> None:
    forces = {f.id: f for f in ctx.project.forces}
    rated = [forces[i] for i in FORCE_IDS if i in forces]
    chapter.blocks.append(lead(
        "Porter's five forces, each rated from 1 (weak) to 5 (strong) for the market as a whole."
    ))
    if rated:
        spec = BarSpec("Porter's five forces", tuple(f.name for f in rated),
                       tuple(float(f.rating) for f in rated), 5.0, "Strength (1 weak – 5 strong)")
        chapter.blocks.append(ctx.chart("Porter's five forces", spec))
    rows = [(FORCE_NAMES[i], str(forces[i].rating) if i in forces else "–") for i in FORCE_IDS]
    chapter.blocks.append(ctx.table("Five forces ratings", ("Force", "Rating"), rows, ("l", "r")))
    for f in rated:
        chapter.blocks.extend(labelled(f"{f.name} ({f.rating} of 5)", f.rationale or "–",
                                       "bullet"))


def assessments(ctx: BuildContext, chapter: Chapter) -> None:
    p = ctx.project
    if not p.assessments:
        chapter.blocks.append(body("No assessment matrix is recorded."))
    for a in p.assessments:
        dim = next((d for d in p.dimensions if d.id == a.dimension_id), None)
        members = dim.members if dim else ()
        chapter.blocks.append(Heading(a.name))
        header = ("Segment", *(c.name for c in a.criteria))
        rows = [
            (m.name, *(str(a.cells[(c.id, m.id)].score) if (c.id, m.id) in a.cells else "–"
                       for c in a.criteria))
            for m in members
        ]
        chapter.blocks.append(ctx.table(f"{a.name}: ratings 1–5 by segment", header, rows,
                                        ("l",) + ("r",) * len(a.criteria)))
        for c in a.criteria:
            notes = [(m.name, a.cells[(c.id, m.id)].note) for m in members
                     if (c.id, m.id) in a.cells and a.cells[(c.id, m.id)].note]
            for name, text in notes[:30]:
                chapter.blocks.extend(labelled(f"{c.name}, {name}", text, "bullet"))
