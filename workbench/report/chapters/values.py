"""Value tables: segments by year with CAGRs and shares, split so that they fit a page.

A table has at most `YEARS_PER_TABLE` year columns; a long history (the large project
has twenty years) becomes several tables, each paginating by rows with its header
repeated. Every value cell is the engine's value written by `figures.number`.
"""

from __future__ import annotations

from workbench.core.project import TOTAL
from workbench.report.context import BuildContext
from workbench.report.figures import Figures, SeriesFigures, amount, percent, period_label
from workbench.report.model import Table

YEARS_PER_TABLE = 8


def _chunks(years: list[int]) -> list[list[int]]:
    count = -(-len(years) // YEARS_PER_TABLE)
    size = -(-len(years) // count)
    return [years[i : i + size] for i in range(0, len(years), size)]


def history_tables(
    ctx: BuildContext,
    what: str,
    rows: list[SeriesFigures],
    total: SeriesFigures | None,
    figures: Figures | None = None,
) -> list[Table]:
    """History by year, the history CAGR and the sources cited by each row (a typed
    measure's: the price is derived and cites none), of `figures`' measure (the value's
    by default)."""
    f = figures or ctx.figures
    years = list(f.meta.history_years)
    tail = [f"CAGR {period_label(f.history_period)}"]
    tail += ["Sources"] if f.sources is not None else []
    tables = []
    chunks = _chunks(years)
    for i, chunk in enumerate(chunks):
        last = i == len(chunks) - 1
        header = ["Segment", *map(str, chunk)] + (tail if last else [])
        body = []
        for s in [*rows, *([total] if total else [])]:
            cells = [s.name, *(amount(s.values[f.result.col(y)]) for y in chunk)]
            if last:
                cells.append(percent(s.history_cagr))
                if f.sources is not None:
                    cells.append(_sources(ctx, f, s.series_id) or "–")
            body.append(cells)
        span = f"{chunk[0]}–{chunk[-1]}"
        caption = f"{what}{f.tag}: history {span} ({f.unit})"
        tables.append(_table(ctx, caption, header, body, total is not None))
    return tables


def forecast_tables(
    ctx: BuildContext,
    what: str,
    rows: list[SeriesFigures],
    total: SeriesFigures | None,
    figures: Figures | None = None,
) -> list[Table]:
    """Forecast by year, the forecast CAGR and (for a measure that adds up) the shares in
    the base and last year, of `figures`' measure (the value's by default)."""
    f = figures or ctx.figures
    meta = f.meta
    years = list(meta.forecast_years)
    shares = total is not None and f.additive
    tail = [f"CAGR {period_label(f.forecast_period)}"]
    if shares:
        tail += [f"Share {meta.base_year}", f"Share {meta.last_year}"]
    tables = []
    chunks = _chunks(years)
    for i, chunk in enumerate(chunks):
        last = i == len(chunks) - 1
        header = ["Segment", *map(str, chunk)] + (tail if last else [])
        body = []
        for s in [*rows, *([total] if total else [])]:
            cells = [s.name, *(amount(s.values[f.result.col(y)]) for y in chunk)]
            if last:
                cells.append(percent(s.forecast_cagr))
                if shares:
                    cells += [percent(s.share_base), percent(s.share_last)]
            body.append(cells)
        caption = (f"{what}{f.tag}: forecast {chunk[0]}–{chunk[-1]}, {f.scenario_name} "
                   f"({f.unit})")
        tables.append(_table(ctx, caption, header, body, total is not None))
    return tables


def _table(ctx: BuildContext, caption: str, header, body, with_total: bool) -> Table:
    align = ["l"] + ["r"] * (len(header) - 1)
    if header[-1] == "Sources":
        align[-1] = "l"
    emphasis = {len(body) - 1} if with_total else set()
    return ctx.table(caption, header, body, align, emphasis)


def _sources(ctx: BuildContext, f: Figures, series_id: str) -> str:
    """The citation marks of a series' history cells of the measure, e.g. "[2, 5]"."""
    ids = [f.sources.get((series_id, y)) for y in f.meta.history_years]
    return ctx.cite(ctx.known_sources([i for i in ids if i])).strip()


def total_figures(ctx: BuildContext, figures: Figures | None = None) -> SeriesFigures:
    return (figures or ctx.figures).series(TOTAL)
