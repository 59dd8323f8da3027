"""Value tables: segments by year with CAGRs and shares, split so that they fit a page.

A table has at most `YEARS_PER_TABLE` year columns; a long history (the large project
has twenty years) becomes several tables, each paginating by rows with its header
repeated. Every value cell is the engine's value written by `figures.number`.
"""

from __future__ import annotations

from workbench.core.project import TOTAL
from workbench.report.context import BuildContext
from workbench.report.figures import SeriesFigures, amount, percent, period_label
from workbench.report.model import Table

YEARS_PER_TABLE = 8


def _chunks(years: list[int]) -> list[list[int]]:
    count = -(-len(years) // YEARS_PER_TABLE)
    size = -(-len(years) // count)
    return [years[i : i + size] for i in range(0, len(years), size)]


def history_tables(
    ctx: BuildContext, what: str, rows: list[SeriesFigures], total: SeriesFigures | None
) -> list[Table]:
    """History values by year, the history CAGR and the sources cited by each row."""
    f = ctx.figures
    years = list(f.meta.history_years)
    cagr_head = f"CAGR {period_label(f.history_period)}"
    tables = []
    chunks = _chunks(years)
    for i, chunk in enumerate(chunks):
        last = i == len(chunks) - 1
        header = ["Segment", *map(str, chunk)] + ([cagr_head, "Sources"] if last else [])
        body = []
        for s in [*rows, *([total] if total else [])]:
            cells = [s.name, *(amount(s.values[f.result.col(y)]) for y in chunk)]
            if last:
                cells += [percent(s.history_cagr), _sources(ctx, s.series_id) or "–"]
            body.append(cells)
        span = f"{chunk[0]}–{chunk[-1]}"
        caption = f"{what}: history {span} ({f.unit})"
        tables.append(_table(ctx, caption, header, body, total is not None))
    return tables


def forecast_tables(
    ctx: BuildContext, what: str, rows: list[SeriesFigures], total: SeriesFigures | None
) -> list[Table]:
    """Forecast values by year, the forecast CAGR and the shares in the base and last year."""
    f = ctx.figures
    meta = f.meta
    years = list(meta.forecast_years)
    tail = [f"CAGR {period_label(f.forecast_period)}"]
    if total is not None:
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
                if total is not None:
                    cells += [percent(s.share_base), percent(s.share_last)]
            body.append(cells)
        caption = f"{what}: forecast {chunk[0]}–{chunk[-1]}, {f.scenario_name} ({f.unit})"
        tables.append(_table(ctx, caption, header, body, total is not None))
    return tables


def _table(ctx: BuildContext, caption: str, header, body, with_total: bool) -> Table:
    align = ["l"] + ["r"] * (len(header) - 1)
    if header[-1] == "Sources":
        align[-1] = "l"
    emphasis = {len(body) - 1} if with_total else set()
    return ctx.table(caption, header, body, align, emphasis)


def _sources(ctx: BuildContext, series_id: str) -> str:
    """The citation marks of a series' history cells, e.g. "[2, 5]"."""
    p = ctx.project
    ids = [p.history_sources.get((series_id, y)) for y in p.metadata.history_years]
    return ctx.cite(ctx.known_sources([i for i in ids if i])).strip()


def total_figures(ctx: BuildContext) -> SeriesFigures:
    return ctx.figures.series(TOTAL)
