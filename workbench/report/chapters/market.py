"""The market chapters: executive summary, overview, trends and forecast, one per dimension.

Every figure here comes from `Figures` (the engine's values and the core's CAGRs, shares
and insights); the words around them are fixed sentences, so the analyst's own prose
lives in the qualitative chapters and the key questions.
"""

from __future__ import annotations

from workbench.core.derived import yoy_rows
from workbench.core.project import TOTAL, Dimension
from workbench.report.chapters import measures
from workbench.report.chapters.values import forecast_tables, history_tables, total_figures
from workbench.report.context import BuildContext, body, lead
from workbench.report.figures import amount, percent, period_label
from workbench.report.model import Chapter, Heading, Para, Run
from workbench.report.opportunities import in_words
from workbench.report.specs import LineSpec, top_and_others
from workbench.report.text import paragraphs


def executive_summary(ctx: BuildContext, chapter: Chapter) -> None:
    f = ctx.figures
    meta = f.meta
    total = total_figures(ctx)
    base, last = f.value(TOTAL, meta.base_year), f.value(TOTAL, meta.last_year)
    cite = ctx.cite(ctx.known_sources([ctx.project.history_sources.get((TOTAL, meta.base_year))]))
    chapter.blocks.append(lead(
        f"The {meta.title} is valued at {f.money(base)} in {meta.base_year}{cite} and "
        f"is forecast to reach {f.money(last)} in {meta.last_year}, a CAGR of "
        f"{percent(total.forecast_cagr)} over {period_label(f.forecast_period)} "
        f"({f.scenario_name} scenario)."
    ))
    rows = [
        (f"Market size {meta.base_year} ({f.unit})", amount(base)),
        (f"Market size {meta.last_year} ({f.unit})", amount(last)),
        (f"CAGR {period_label(f.history_period)} (history)", percent(total.history_cagr)),
        (f"CAGR {period_label(f.forecast_period)} (forecast)", percent(total.forecast_cagr)),
    ]
    if measures.with_volume(ctx):
        chapter.blocks.extend(measures.summary(ctx))
        rows += measures.key_figure_rows(ctx)
    chapter.blocks.append(ctx.table(
        f"Key figures, {f.scenario_name} scenario", ("Figure", "Value"), rows, ("l", "r")
    ))
    chapter.blocks.append(Heading("Fastest-growing segments"))
    shown = [f, f.of(measures.VOLUME)] if measures.with_volume(ctx) else [f]
    for dim in _dimensions(ctx):
        for g in shown:
            fastest = g.fastest(dim)
            listed = ", ".join(f"{s.name} ({percent(s.forecast_cagr)})" for s in fastest)
            by = f" by {g.label} ({g.unit})" if len(shown) > 1 else ""
            chapter.blocks.append(Para((Run(f"{dim.name}{by}: ", bold=True),
                                        Run(f"{listed or '–'}; CAGR "
                                            f"{period_label(f.forecast_period)}.")), "bullet"))
    chapter.blocks.append(Heading("Largest segments and opportunities"))
    for dim in _dimensions(ctx):
        largest = f.key_figure("largest", dim.id, str(meta.last_year))
        chapter.blocks.append(Para((Run(largest.sentence + "."),), "bullet"))
    for dim in _dimensions(ctx)[:3]:
        chapter.blocks.append(body(in_words(f, dim, 2)))


def market_overview(ctx: BuildContext, chapter: Chapter) -> None:
    p = ctx.project
    meta = p.metadata
    chapter.blocks.extend(paragraphs(meta.description) or [body(f"The {meta.title}.")])
    chapter.blocks.append(Heading("Scope of this report"))
    scope = [
        ("Market", meta.title),
        ("History", f"{meta.first_year}–{meta.base_year}"),
        ("Forecast", f"{meta.base_year + 1}–{meta.last_year}"),
        ("Unit", meta.unit),
        *measures.scope_rows(ctx),
        ("Scenarios", ", ".join(s.name for s in p.scenarios)),
        ("Forecast mode", "bottom-up" if p.mode == "bottom_up" else "top-down"),
    ]
    scope += [(d.name, ", ".join(m.name for m in d.members) or "–") for d in p.dimensions]
    chapter.blocks.append(ctx.table("Scope and segmentation", ("Item", "Value"), scope,
                                    ("l", "l")))
    if meta.currency_note:
        chapter.blocks.append(body(meta.currency_note))


def trends_and_forecast(ctx: BuildContext, chapter: Chapter) -> None:
    f = ctx.figures
    meta = f.meta
    total = total_figures(ctx)
    chapter.blocks.append(body(
        f"The market grew at {percent(total.history_cagr)} a year over "
        f"{period_label(f.history_period)} and is forecast to grow at "
        f"{percent(total.forecast_cagr)} a year over {period_label(f.forecast_period)} in the "
        f"{f.scenario_name} scenario."
    ))
    spec = LineSpec(f"Total market{f.tag}, {meta.first_year}–{meta.last_year} "
                    f"({f.scenario_name})", tuple(meta.years), meta.base_year, f.unit,
                    (("Total market", tuple(map(float, total.values))),))
    chapter.blocks.append(ctx.chart(f"Total market trend and forecast{f.tag} ({f.unit})", spec))
    chapter.blocks.extend(history_tables(ctx, "Total market", [total], None))
    chapter.blocks.extend(forecast_tables(ctx, "Total market", [total], None))
    chapter.blocks.append(Heading("Year-on-year growth"))
    growth = yoy_rows(total.values[None, :])[0]
    rows = [
        (str(year), "history" if year <= meta.base_year else "forecast",
         amount(total.values[f.result.col(year)]), percent(growth[f.result.col(year)]))
        for year in meta.years
    ]
    chapter.blocks.append(ctx.table(f"Total market by year and its growth{f.tag} ({f.unit})",
                                    ("Year", "Period", "Value", "Growth on previous year"),
                                    rows, ("l", "l", "r", "r")))
    if measures.with_volume(ctx):
        measures.total_sections(ctx, chapter)


def dimension_chapters(ctx: BuildContext) -> list[Chapter]:
    """One chapter per dimension, in model order; a new dimension needs no new code."""
    return [dimension_chapter(ctx, dim) for dim in _dimensions(ctx)]


def dimension_chapter(ctx: BuildContext, dim: Dimension) -> Chapter:
    f = ctx.figures
    meta = f.meta
    chapter = Chapter(f"dimension:{dim.id}", f"Market by {dim.name}")
    segments = f.dimension(dim)
    total = total_figures(ctx)
    chapter.blocks.append(lead(
        f"The market is split by {dim.name.lower()} into {len(segments)} segments: "
        f"{_names(segments)}. Values in {f.unit}{measures.units(ctx)}, {f.scenario_name} "
        "scenario."
    ))
    last = f.result.col(meta.last_year)
    series = top_and_others([(s.name, s.values) for s in segments], last)
    spec = LineSpec(f"{meta.title} by {dim.name}{f.tag}, {meta.first_year}–{meta.last_year}",
                    tuple(meta.years), meta.base_year, f.unit, tuple(series))
    chapter.blocks.append(ctx.chart(f"Trend and forecast by {dim.name}{f.tag} ({f.unit})", spec))
    chapter.blocks.extend(history_tables(ctx, f"By {dim.name}", segments, total))
    chapter.blocks.extend(forecast_tables(ctx, f"By {dim.name}", segments, total))
    chapter.blocks.append(Heading(f"{dim.name} segments"))
    for kind in ("fastest", "slowest"):
        chapter.blocks.append(body(f.insight(kind, dim.id).sentence + "."))
    for s in segments[:60]:
        chapter.blocks.append(_segment_narrative(ctx, s))
    if len(segments) > 60:
        chapter.blocks.append(body(f"The other {len(segments) - 60} segments are in the tables."))
    if measures.with_volume(ctx):
        measures.dimension_sections(ctx, chapter, dim)
    return chapter


def _segment_narrative(ctx: BuildContext, s) -> Para:
    """What the model says about one segment, and the qualitative items that name it."""
    f = ctx.figures
    meta = f.meta
    shift = f.insight("shift", s.series_id, period=(meta.base_year, meta.last_year))
    text = (
        f"{f.money(f.value(s.series_id, meta.base_year))} in {meta.base_year}, "
        f"{f.money(f.value(s.series_id, meta.last_year))} in {meta.last_year} "
        f"(CAGR {period_label(f.forecast_period)} {percent(s.forecast_cagr)}); {shift.sentence}."
    )
    if measures.with_volume(ctx) and f.of(measures.VOLUME).has_numbers():
        text += measures.narrative(ctx, s.series_id)
    named = [t.title for t in ctx.project.trends if s.series_id in t.segments]
    named += [x.title for x in ctx.project.factors if s.series_id in x.segments]
    if named:
        text += f" Shaped by: {', '.join(named)}."
    return Para((Run(f"{s.name}: ", bold=True), Run(text)), "bullet")


def _dimensions(ctx: BuildContext) -> list[Dimension]:
    return [d for d in ctx.project.dimensions if d.members]


def _names(segments) -> str:
    names = [s.name for s in segments]
    return ", ".join(names) if len(names) <= 12 else ", ".join(names[:12]) + ", …"
