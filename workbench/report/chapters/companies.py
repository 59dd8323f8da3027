"""Competitor analysis and company profiles, from the dossiers and their developments."""

from __future__ import annotations

from collections import defaultdict

from workbench.core.entities import Company, Development
from workbench.report.context import BuildContext, body, lead, note
from workbench.report.figures import percent
from workbench.report.model import Chapter, Heading, Para, Run
from workbench.report.text import labelled, paragraphs

PROFILES_IN_FULL = 60
"""Beyond this many companies, the rest are profiled in one table row each."""


def competitors(ctx: BuildContext, chapter: Chapter) -> None:
    p = ctx.project
    year = _share_year(p.companies, p.metadata.base_year)
    chapter.blocks.append(lead(
        f"{len(p.companies)} companies are profiled in this report. The table lists each with "
        f"its type, headquarters, listing and share estimate"
        + (f" for {year}." if year else ".")
    ))
    ranked = sorted(p.companies, key=lambda c: -c.shares.get(year, -1.0) if year else 0.0)
    rows = [
        (c.name, c.type or "–", c.headquarters or "–", c.listing or "–",
         percent(c.shares[year]) if year in c.shares else "–")
        for c in ranked
    ]
    header = ("Company", "Type", "Headquarters", "Listing", f"Share {year}" if year else "Share")
    chapter.blocks.append(ctx.table("Companies profiled", header, rows, ("l", "l", "l", "l", "r")))
    members = {m.id: m.name for d in p.dimensions for m in d.members}
    counts: dict[str, int] = defaultdict(int)
    for c in p.companies:
        for s in c.segments:
            counts[s] += 1
    busiest = sorted(counts.items(), key=lambda kv: -kv[1])[:8]
    if busiest:
        listed = ", ".join(f"{members.get(s, s)} ({n})" for s, n in busiest)
        chapter.blocks.append(body(f"Segments with the most companies present: {listed}."))


def company_profiles(ctx: BuildContext, chapter: Chapter) -> None:
    p = ctx.project
    by_company: dict[str, list[Development]] = defaultdict(list)
    for d in sorted(p.developments, key=lambda d: d.date, reverse=True):
        by_company[d.company_id].append(d)
    members = {m.id: m.name for d in p.dimensions for m in d.members}
    for company in p.companies[:PROFILES_IN_FULL]:
        ctx.progress("profile")
        chapter.blocks.extend(_profile(ctx, company, by_company[company.id], members))
    rest = p.companies[PROFILES_IN_FULL:]
    if rest:
        chapter.blocks.append(Heading("Other companies"))
        rows = [(c.name, c.type or "–", c.description or "–", str(len(by_company[c.id])))
                for c in rest]
        chapter.blocks.append(ctx.table("Other companies in brief",
                                        ("Company", "Type", "Profile", "Developments"), rows,
                                        ("l", "l", "l", "r")))


def _profile(ctx: BuildContext, c: Company, developments, members) -> list:
    blocks: list = [Heading(c.name + ctx.cite(ctx.known_sources(c.source_ids)))]
    facts = [
        ("Type", c.type), ("Headquarters", c.headquarters),
        ("Founded", str(c.founded) if c.founded else ""), ("Listing", c.listing),
        ("Website", c.website),
    ]
    shown = "; ".join(f"{k}: {v}" for k, v in facts if v)
    if shown:
        blocks.append(note(shown))
    blocks.extend(paragraphs(c.description))
    if c.strategy:
        blocks.extend(labelled("Strategy", c.strategy))
    if c.segments:
        names = ", ".join(members.get(s, s) for s in c.segments)
        blocks.append(Para((Run("Segments: ", bold=True), Run(names))))
    if c.shares:
        shares = ", ".join(f"{y}: {percent(v)}" for y, v in sorted(c.shares.items()))
        blocks.append(Para((Run("Share estimates: ", bold=True), Run(shares))))
    for d in developments[:12]:
        label = f"{d.date or 'undated'} · {d.kind}"
        text = d.text + ctx.cite(ctx.known_sources([d.source_id] if d.source_id else []))
        blocks.extend(labelled(label, text, "bullet"))
    if len(developments) > 12:
        blocks.append(note(f"{len(developments) - 12} earlier developments are not listed."))
    return blocks


def _share_year(companies: list[Company], base_year: int) -> int | None:
    years = {y for c in companies for y in c.shares}
    if not years:
        return None
    return base_year if base_year in years else max(years)
