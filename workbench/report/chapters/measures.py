"""The volume and the average price in the market chapters, for a project with a volume.

The value's sections stay as they are; after them, the total market chapter and each
dimension chapter show the volume the same way (stacked chart, history and forecast
tables with CAGRs and shares of the volume) and the average price as lines and tables
(value ÷ volume with its factor named; no shares, no sources: it is derived). Every
figure comes from `Document.result(…, VOLUME/PRICE)` through `Figures.of`.
"""

from __future__ import annotations

import numpy as np

from workbench.core.measures import PRICE, VOLUME
from workbench.core.project import TOTAL, Dimension
from workbench.report.chapters.values import forecast_tables, history_tables, total_figures
from workbench.report.context import BuildContext, body, note
from workbench.report.figures import Figures, SeriesFigures, amount, percent, period_label
from workbench.report.model import Block, Chapter, Heading
from workbench.report.specs import LineSpec, largest_beside, top_and_others


def with_volume(ctx: BuildContext) -> bool:
    return ctx.project.volume is not None


def units(ctx: BuildContext) -> str:
    """"; volume in million subscriptions, average price in USD per subscription" after a
    sentence that says the value's unit (nothing for a value-only project)."""
    if not with_volume(ctx):
        return ""
    volume, price = ctx.figures.of(VOLUME), ctx.figures.of(PRICE)
    return f"; volume in {volume.unit}, average price in {price.unit}"


def scope_rows(ctx: BuildContext) -> list[tuple[str, str]]:
    """The scope table's rows of the volume's unit and the price's unit and formula."""
    if not with_volume(ctx):
        return []
    price = ctx.figures.of(PRICE)
    return [("Volume unit", ctx.figures.of(VOLUME).unit),
            ("Average price", f"{price.unit} ({price.price_explanation})")]


def methodology(ctx: BuildContext) -> list[str]:
    """How the volume and the price are made, in words (nothing for a value-only project)."""
    if not with_volume(ctx):
        return []
    volume, price = ctx.figures.of(VOLUME), ctx.figures.of(PRICE)
    return [
        f"Volume ({volume.unit}) is forecast by the same rules as the value, with its own "
        "history, sources, assumptions, pins and reconciliation in every scenario; it adds "
        "up across each dimension's segments.",
        f"The average price is {price.price_explanation}, in {price.unit}, computed for "
        "every segment, the total and every year from the forecasts of both; it is never "
        "typed or reconciled, and blank where the volume is zero or blank.",
    ]


def summary(ctx: BuildContext) -> list[Block]:
    """The executive summary's volume headline and price trend, in one paragraph."""
    volume, price = ctx.figures.of(VOLUME), ctx.figures.of(PRICE)
    if not volume.has_numbers():
        return [note(f"The volume ({volume.unit}) has no numbers yet.")]
    trend = volume.key_figure("trend", *_period(volume))
    prices = price.key_figure("price_trend", *_period(price))
    return [body(f"{trend.sentence} ({volume.scenario_name} scenario). {prices.sentence} "
                 f"(the average price is {price.price_explanation}).")]


def key_figure_rows(ctx: BuildContext) -> list[tuple[str, str]]:
    """The key-figures table's rows of the volume and the price (base, last year, CAGR);
    none while the volume has no numbers."""
    if not ctx.figures.of(VOLUME).has_numbers():
        return []
    rows = []
    for f in (ctx.figures.of(VOLUME), ctx.figures.of(PRICE)):
        total = total_figures(ctx, f)
        meta, name = f.meta, f.label.capitalize()
        rows += [
            (f"{name} {meta.base_year} ({f.unit})", amount(f.value(TOTAL, meta.base_year))),
            (f"{name} {meta.last_year} ({f.unit})", amount(f.value(TOTAL, meta.last_year))),
            (f"{name} CAGR {period_label(f.forecast_period)} (forecast)",
             percent(total.forecast_cagr)),
        ]
    return rows


def total_sections(ctx: BuildContext, chapter: Chapter) -> None:
    """The total market's volume and average price: charts and tables by year."""
    volume, price = ctx.figures.of(VOLUME), ctx.figures.of(PRICE)
    chapter.blocks.append(Heading(f"Volume ({volume.unit})"))
    if not _has_numbers(volume, chapter):
        return
    total = total_figures(ctx, volume)
    chapter.blocks.append(body(
        f"The market's volume grew at {percent(total.history_cagr)} a year over "
        f"{period_label(volume.history_period)} and is forecast to grow at "
        f"{percent(total.forecast_cagr)} a year over {period_label(volume.forecast_period)}, "
        f"in {volume.unit} ({volume.scenario_name} scenario)."
    ))
    _by_year(ctx, chapter, volume, None, [("Total market", total.values)], [total], None)
    chapter.blocks.append(Heading(f"Average price ({price.unit})"))
    prices = total_figures(ctx, price)
    trend = price.key_figure("price_trend", *_period(price))
    chapter.blocks.append(body(
        f"The average price is the value divided by the volume ({price.price_explanation}), "
        f"in {price.unit}; it is derived, never typed, and blank where the volume is zero "
        f"or blank. {trend.sentence}."
    ))
    _by_year(ctx, chapter, price, None, [("Total market", prices.values)], [prices], None)


def dimension_sections(ctx: BuildContext, chapter: Chapter, dim: Dimension) -> None:
    """A dimension's volume (stacked, with shares) and average price (lines, with the
    total), after its value."""
    volume, price = ctx.figures.of(VOLUME), ctx.figures.of(PRICE)
    chapter.blocks.append(Heading(f"{dim.name} by volume ({volume.unit})"))
    if not _has_numbers(volume, chapter):
        return
    segments, total = volume.dimension(dim), total_figures(ctx, volume)
    if not volume.has_numbers(dim):
        chapter.blocks.append(note(f"No {dim.name} segment has a volume yet."))
        return
    for kind in ("fastest", "slowest"):
        chapter.blocks.append(body(volume.insight(kind, dim.id).sentence + "."))
    last = volume.result.col(volume.meta.last_year)
    series = top_and_others([(s.name, s.values) for s in segments], last)
    _by_year(ctx, chapter, volume, dim, series, segments, total)
    chapter.blocks.append(Heading(f"{dim.name} by average price ({price.unit})"))
    prices, price_total = price.dimension(dim), total_figures(ctx, price)
    chapter.blocks.append(body(
        f"Average price of each {dim.name.lower()} segment and of the whole market "
        f"({price.price_explanation}). {price.insight('fastest', dim.id).sentence}."
    ))
    size = [s.values[last] for s in segments]
    lines = largest_beside([(s.name, s.values) for s in prices], size,
                           ("Total market", price_total.values))
    _by_year(ctx, chapter, price, dim, lines, prices, price_total)


def narrative(ctx: BuildContext, series_id: str) -> str:
    """A segment's volume and price in its paragraph: " Volume 12.3 million subscriptions
    in 2024, 25 million subscriptions in 2031; average price USD 3.40 per subscription in
    2024, …"."""
    meta = ctx.figures.meta
    volume = ctx.figures.of(VOLUME)
    years = (meta.base_year, meta.last_year)
    if not any(np.isfinite(volume.value(series_id, y)) for y in years):
        return ""
    parts = []
    for f in (volume, ctx.figures.of(PRICE)):
        a, b = f.value(series_id, meta.base_year), f.value(series_id, meta.last_year)
        parts.append(f"{f.label} {f.money(a)} in {meta.base_year}, {f.money(b)} in "
                     f"{meta.last_year}")
    text = "; ".join(parts)
    return f" {text[0].upper()}{text[1:]}."


def _has_numbers(f: Figures, chapter: Chapter) -> bool:
    if f.has_numbers():
        return True
    chapter.blocks.append(note(f"The {f.label} has no numbers yet."))
    return False


def _period(f: Figures) -> list[str]:
    return [str(y) for y in f.forecast_period]


def _by_year(ctx: BuildContext, chapter: Chapter, f: Figures, dim: Dimension | None, series,
             rows: list[SeriesFigures], total: SeriesFigures | None) -> None:
    """A measure's chart, then its history and forecast tables, of the total or a dimension."""
    what = "Total market" if dim is None else f"By {dim.name}"
    chapter.blocks.append(_chart(ctx, f, dim, series))
    chapter.blocks.extend(history_tables(ctx, what, rows, total, f))
    chapter.blocks.extend(forecast_tables(ctx, what, rows, total, f))


def _chart(ctx: BuildContext, f: Figures, dim: Dimension | None, series) -> Block:
    """The chart of the total (dim None) or of a dimension, titled as the value's are."""
    meta = f.meta
    subject = "Total market" if dim is None else f"{meta.title} by {dim.name}"
    spec = LineSpec(f"{subject}{f.tag}, {meta.first_year}–{meta.last_year} "
                    f"({f.scenario_name})", tuple(meta.years), meta.base_year, f.unit,
                    tuple((name, tuple(map(float, values))) for name, values in series),
                    stacked=f.measure != PRICE)
    caption = "Total market trend and forecast" if dim is None else (
        f"Trend and forecast by {dim.name}")
    return ctx.chart(f"{caption}{f.tag} ({f.unit})", spec)
