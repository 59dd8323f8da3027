"""Growth opportunities, key questions answered, methodology, sources."""

from __future__ import annotations

from workbench.core.insights import render_answer
from workbench.report.chapters import measures
from workbench.report.context import BuildContext, body, lead, note
from workbench.report.figures import Figures, amount, percent, period_label
from workbench.report.model import Chapter, Heading, Para, Run
from workbench.report.opportunities import added_label, in_words, map_spec, opportunities
from workbench.report.text import paragraphs

METHOD_WORDS = {
    "cagr": "a constant annual growth rate (CAGR)",
    "growth_by_year": "growth rates set year by year",
    "s_curve": "an S-curve towards a saturation level",
    "manual": "values typed year by year",
}
OPPORTUNITY_ROWS = 25
MAP_POINTS = 40
"""A map shows the dimension's 40 largest opportunities (all are in the dimension's chapter)."""


def growth_opportunities(ctx: BuildContext, chapter: Chapter) -> None:
    f = ctx.figures
    meta = f.meta
    volume = _volume_of(ctx)
    chapter.blocks.append(lead(
        f"Each map places a dimension's segments by their forecast CAGR "
        f"({period_label(f.forecast_period)}, across) and the value they add from "
        f"{meta.base_year} to {meta.last_year} (up); a bubble's area is the segment's share of "
        f"the market in {meta.last_year}. {f.scenario_name} scenario."
        + ("" if volume is None else
           f" The maps are by value; each table adds the volume a segment adds "
           f"({volume.unit}) and its volume CAGR, so a segment whose value outgrows its "
           "volume is seen to grow on price.")
    ))
    for dim in [d for d in ctx.project.dimensions if d.members]:
        chapter.blocks.append(Heading(f"Opportunities by {dim.name}"))
        chapter.blocks.append(ctx.chart(f"Opportunity map by {dim.name}{f.tag}",
                                        map_spec(f, dim, MAP_POINTS)))
        by_volume = volume if volume is not None and volume.has_numbers(dim) else None
        _opportunity_table(ctx, chapter, dim, by_volume)
        chapter.blocks.append(body(in_words(f, dim)))
        if by_volume is not None:
            chapter.blocks.append(body(in_words(by_volume, dim)))
        elif volume is not None:
            chapter.blocks.append(note(f"No {dim.name} segment has a volume yet."))


def _opportunity_table(ctx: BuildContext, chapter: Chapter, dim, volume: Figures | None
                       ) -> None:
    """The value's opportunities, largest first; with a volume, each row also has the
    segment's volume CAGR and volume added (the compact volume view of the same map)."""
    f = ctx.figures
    meta = f.meta
    added = f"{meta.base_year}–{meta.last_year}"
    points = opportunities(f, dim)[:OPPORTUNITY_ROWS]
    header = ["Segment", f"CAGR {period_label(f.forecast_period)}", f"{added_label(f)} {added}",
              f"Share {meta.last_year}"]
    rows = [[o.name, percent(o.cagr), amount(o.value_added), percent(o.share_last)]
            for o in points]
    caption = f"Opportunities by {dim.name}{f.tag} ({f.unit})"
    if volume is not None:
        by_id = {o.series_id: o for o in opportunities(volume, dim)}
        header += [f"Volume CAGR {period_label(volume.forecast_period)}",
                   f"{added_label(volume)} {added}"]
        for row, o in zip(rows, points, strict=True):
            row += [percent(by_id[o.series_id].cagr), amount(by_id[o.series_id].value_added)]
        caption += f" and volume ({volume.unit})"
    more = len(dim.members) - OPPORTUNITY_ROWS
    chapter.blocks.append(ctx.table(
        caption, header, rows, ("l",) + ("r",) * (len(header) - 1),
        note=f"The {more} smaller opportunities are in the chapter on {dim.name}."
        if more > 0 else "",
    ))


def _volume_of(ctx: BuildContext) -> Figures | None:
    """The volume's figures when the project has a volume with numbers, else None."""
    if not measures.with_volume(ctx):
        return None
    volume = ctx.figures.of(measures.VOLUME)
    return volume if volume.has_numbers() else None


def key_questions(ctx: BuildContext, chapter: Chapter) -> None:
    questions = ctx.project.key_questions
    chapter.blocks.append(lead(
        f"This report answers the following {len(questions)} key questions; figures in the "
        f"answers are computed from the model ({ctx.figures.scenario_name} scenario)."
    ))
    for number_, q in enumerate(questions, start=1):
        chapter.blocks.append(Para((Run(f"Q.{number_}. {q.question}", bold=True),)))
        answer = render_answer(q.answer, ctx.document, ctx.figures.scenario_id)
        chapter.blocks.extend(paragraphs(answer) or [note("Not answered yet.")])


def methodology(ctx: BuildContext, chapter: Chapter) -> None:
    p = ctx.project
    meta = p.metadata
    f = ctx.figures
    mode = (
        f"Bottom-up: the total is the sum of the {p.dimension(p.primary_dimension).name} "
        "segments, and every other dimension is scaled to that total."
        if p.mode == "bottom_up" and p.primary_dimension
        else "Top-down: the total market has its own forecast, and every dimension's segments "
        "are scaled so that they add up to it."
    )
    used = sorted({g.method for (s, _), g in p.growth.items() if s == f.scenario_id})
    methods = "; ".join(METHOD_WORDS[m] for m in used) or METHOD_WORDS["cagr"]
    sentences = [
        f"History covers {meta.first_year}–{meta.base_year}; each history figure cites its "
        "source, numbered in the Sources chapter.",
        f"The forecast covers {meta.base_year + 1}–{meta.last_year}. Each series grows from its "
        f"{meta.base_year} value by its own method in each scenario: {methods}. A typed value "
        "(a pin) replaces a forecast year and the series continues from it.",
        mode,
        "Reconciliation scales only the segments that are free in a year; a pinned or held "
        "segment shows exactly the number typed. Where a dimension's own projections differ "
        "from the total, that gap is shown in the model as the unreconciled gap.",
        f"Scenarios: {', '.join(s.name for s in p.scenarios)}. History is shared; each scenario "
        "has its own assumptions.",
        f"CAGRs are compound annual growth rates: history over "
        f"{period_label(f.history_period)}, forecast over {period_label(f.forecast_period)}. "
        "Shares are a segment's part of the total market in the same year.",
        *measures.methodology(ctx),
    ]
    chapter.blocks.extend(body(s) for s in sentences)
    if meta.currency_note:
        chapter.blocks.append(body(meta.currency_note))


def sources(ctx: BuildContext, chapter: Chapter) -> None:
    """Numbered in order of first citation; sources the report does not cite follow."""
    p = ctx.project
    by_id = {s.id: s for s in p.sources}
    for s in p.sources:
        ctx.citations.number(s.id)
    chapter.blocks.append(lead(
        "Numbers in brackets in the text and tables point to these sources."
    ))
    for n, source_id in enumerate(ctx.citations.order, start=1):
        s = by_id.get(source_id)
        if s is None:
            continue
        text = s.label() + (f". {s.url}" if s.url else "")
        chapter.blocks.append(Para((Run(f"[{n}] ", bold=True), Run(text)), "body"))
