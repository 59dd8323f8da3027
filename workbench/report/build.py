"""Building the report model from a document and the analyst's options."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from workbench.core.document import Document
from workbench.core.errors import ModelError
from workbench.core.project import TOTAL, Scenario
from workbench.report.chapters import CHAPTERS, KEYS
from workbench.report.context import BuildContext
from workbench.report.figures import Figures, period_label
from workbench.report.model import Cover, Report
from workbench.report.template import Template

ALL_SCENARIOS = "all"
Progress = Callable[[int, int], bool | None]
"""progress(done, total): return False to cancel (the workers' `Ticket.report` contract)."""


class ReportCancelled(Exception):
    """The analyst cancelled; nothing was written."""


@dataclass(frozen=True)
class ReportOptions:
    """`scenario`: an id or name, None for the first, "all" for every one (and a
    comparison chapter); `chapters_off`: registry keys, or "dimension:ID" for one."""

    scenario: str | None = None
    chapters_off: frozenset[str] = frozenset()
    logo: Path | None = None
    publisher: str = ""
    template: Template = field(default_factory=Template)
    edition: dt.date | None = None


def scenarios_for(document: Document, wanted: str | None) -> list[Scenario]:
    p = document.project
    if not p.scenarios:
        raise ModelError("The project has no scenarios, so there is no forecast to report.")
    if wanted is None:
        return [p.scenarios[0]]
    if wanted.casefold() == ALL_SCENARIOS:
        return list(p.scenarios)
    for s in p.scenarios:
        if wanted in (s.id, s.name) or wanted.casefold() == s.name.casefold():
            return [s]
    names = ", ".join(s.name for s in p.scenarios)
    raise ModelError(f"There is no scenario {wanted!r}; the scenarios are {names}.")


def check_reportable(document: Document) -> None:
    """An empty project has nothing to report: say so in one sentence."""
    p = document.project
    if not p.history or all(
        value != value for (series, _y), value in p.history.items() if series == TOTAL
    ):
        raise ModelError(
            f"The project {p.metadata.title!r} has no market values yet; enter the total "
            "market's history before making a report."
        )


def build_report(
    document: Document, options: ReportOptions | None = None, progress: Progress | None = None
) -> Report:
    options = options or ReportOptions()
    check_reportable(document)
    unknown = {k.split(":")[0] for k in options.chapters_off} - set(KEYS) - {"dimension"}
    if unknown:
        raise ModelError(f"Unknown chapter {sorted(unknown)[0]!r}; the chapters are "
                         f"{', '.join(KEYS)}.")
    chosen = scenarios_for(document, options.scenario)
    all_figures = [Figures(document, s.id) for s in chosen]
    entries = [e for e in CHAPTERS if e.key not in options.chapters_off
               and (len(chosen) > 1 or not e.all_scenarios_only)]
    step = _stepper(progress, len(entries))
    ctx = BuildContext(document, all_figures[0], all_figures, options, options.template,
                       progress=lambda _what: step(0))
    built: dict[str, list] = {}
    for entry in sorted(entries, key=lambda e: e.last):
        chapters = entry.build(ctx)
        built[entry.key] = [c for c in chapters if c.key not in options.chapters_off]
        step(1)
    chapters = [c for e in entries for c in built[e.key]]
    return Report(_cover(document, options, all_figures), chapters, options.template)


def _stepper(progress: Progress | None, total: int) -> Callable[[int], None]:
    done = [0]

    def step(amount: int) -> None:
        done[0] += amount
        if progress is not None and progress(done[0], total) is False:
            raise ReportCancelled()

    return step


def _volume_unit(document: Document) -> str:
    volume = document.project.volume
    return "" if volume is None else f", volume in {volume.unit}"


def _cover(document: Document, options: ReportOptions, figures: list[Figures]) -> Cover:
    meta = document.project.metadata
    f = figures[0]
    scenario = "all scenarios" if len(figures) > 1 else f"{f.scenario_name} scenario"
    scope = (
        f"History {period_label(f.history_period)} · forecast "
        f"{meta.base_year + 1}–{meta.last_year}",
        f"Values in {meta.unit}{_volume_unit(document)} · {scenario}",
        "Segmented by " + (", ".join(d.name for d in document.project.dimensions) or "–"),
    )
    edition = options.edition or dt.date.today()
    logo = options.logo.read_bytes() if options.logo else None
    return Cover(meta.title, options.template.subtitle, f"Edition {edition:%B %Y}", scope,
                 options.publisher, options.template.cover_note, logo)
