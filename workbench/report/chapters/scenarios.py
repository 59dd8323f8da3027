"""The scenario comparison chapter: every scenario side by side, in every measure.

Only when all scenarios are reported. For the value, and with a volume also for the
volume and the average price, the chapter draws the total market of each scenario as a
line (history is shared, so the lines part at the first forecast year), tabulates the
total in the base and last year with its forecast CAGR per scenario, and each segment's
forecast CAGR per scenario. A price's CAGR compares as well as a value's or a volume's
(how fast the average price moves in each scenario), so the price gets the same tables;
only its levels do not add up, and nothing here sums them. Every figure is the engine's,
from `Document.result(scenario, measure)` through `Figures.of`.
"""

from __future__ import annotations

from workbench.core.measures import PRICE, VALUE, VOLUME
from workbench.core.project import TOTAL
from workbench.report.context import BuildContext, lead, note
from workbench.report.figures import Figures, amount, percent, period_label
from workbench.report.model import Chapter, Heading
from workbench.report.specs import LineSpec


def scenario_comparison(ctx: BuildContext, chapter: Chapter) -> None:
    first = ctx.all_figures[0]
    a, b = first.forecast_period
    with_volume = ctx.project.volume is not None
    measures = (VALUE, VOLUME, PRICE) if with_volume else (VALUE,)
    also = (f", by value, by volume and by average price ({first.of(PRICE).price_explanation})"
            if with_volume else "")
    chapter.blocks.append(lead(
        f"The total market and each segment's forecast CAGR ({a}–{b}) in every scenario"
        f"{also}."
    ))
    for measure in measures:
        scenarios = [f.of(measure) for f in ctx.all_figures]
        if with_volume:
            chapter.blocks.append(Heading(f"{scenarios[0].label.capitalize()} "
                                          f"({scenarios[0].unit})"))
        if _has_numbers(scenarios, chapter):
            _measure_sections(ctx, chapter, scenarios)


def _has_numbers(scenarios: list[Figures], chapter: Chapter) -> bool:
    if any(f.has_numbers() for f in scenarios):
        return True
    chapter.blocks.append(note(f"The {scenarios[0].label} has no numbers yet."))
    return False


def _measure_sections(ctx: BuildContext, chapter: Chapter, scenarios: list[Figures]) -> None:
    """One measure in every scenario: the totals' lines, the totals' table, then each
    dimension's segment CAGRs."""
    first = scenarios[0]
    meta = first.meta
    a, b = first.forecast_period
    chapter.blocks.append(ctx.chart(f"Total market by scenario{first.tag} ({first.unit})",
                                    _total_lines(scenarios)))
    header = ("Scenario", f"{meta.base_year}", f"{meta.last_year}", f"CAGR {a}–{b}")
    rows = [
        (f.scenario_name, amount(f.value(TOTAL, meta.base_year)),
         amount(f.value(TOTAL, meta.last_year)), percent(f.series(TOTAL).forecast_cagr))
        for f in scenarios
    ]
    chapter.blocks.append(ctx.table(f"Total market by scenario{first.tag} ({first.unit})",
                                    header, rows, ("l", "r", "r", "r")))
    for dim in [d for d in ctx.project.dimensions if d.members]:
        if not first.has_numbers(dim):
            article = "an" if first.label[0] in "aeiou" else "a"
            chapter.blocks.append(note(f"No {dim.name} segment has {article} {first.label} "
                                       "yet."))
            continue
        header = ("Segment", *(f.scenario_name for f in scenarios))
        rows = [(m.name, *(percent(f.series(m.id).forecast_cagr) for f in scenarios))
                for m in dim.members]
        chapter.blocks.append(ctx.table(
            f"Forecast CAGR {a}–{b} by {dim.name} and scenario{first.tag}", header, rows,
            ("l",) + ("r",) * len(scenarios)))


def _total_lines(scenarios: list[Figures]) -> LineSpec:
    """The total market of each scenario as a line, solid in history, dashed forecast."""
    first = scenarios[0]
    meta = first.meta
    series = tuple((f.scenario_name, tuple(map(float, f.series(TOTAL).values)))
                   for f in scenarios)
    return LineSpec(f"Total market by scenario{first.tag}, "
                    f"{period_label((meta.first_year, meta.last_year))}", tuple(meta.years),
                    meta.base_year, first.unit, series, stacked=False)

