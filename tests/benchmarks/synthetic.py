"""A large synthetic project, the yardstick of every benchmark (and of stress tests).

The default is the size the issues set their targets on: 6 dimensions × 200 segments,
5 scenarios, 31 years, 500 companies with 5,000 developments. It is deterministic for a
seed, uses every growth method, pins, holds, cell notes and cited history, holds every
kind of qualitative entity, and its history adds up, so it validates.

With `volume=True` it has a volume measure too (million subscriptions), drawn by the same
rules from its own random stream, so the value's numbers are the same with or without it.
"""

from __future__ import annotations

import numpy as np

from workbench.core.entities import (
    FORCE_IDS,
    Assessment,
    Company,
    Criterion,
    Development,
    Factor,
    Force,
    KeyQuestion,
    Rating,
    Source,
    Trend,
)
from workbench.core.measures import VOLUME, view
from workbench.core.project import (
    TOTAL,
    Dimension,
    Growth,
    MeasureInputs,
    Member,
    Metadata,
    Project,
    Scenario,
)


def synthetic_project(
    dimensions: int = 6,
    members: int = 200,
    scenarios: int = 5,
    years: int = 31,
    companies: int = 500,
    developments: int = 5000,
    seed: int = 0,
    volume: bool = False,
) -> Project:
    rng = np.random.default_rng(seed)
    first = 2000
    last = first + years - 1
    base = first + (years * 2) // 3 - 1
    meta = Metadata("Synthetic market", first, base, last, description="Benchmark project.")
    dims = [
        Dimension(
            f"d{d}",
            f"Dimension {d}",
            tuple(Member(f"d{d}m{m}", f"Segment {d}.{m}") for m in range(members)),
        )
        for d in range(dimensions)
    ]
    project = Project(meta, dims, [Scenario(f"s{s}", f"Scenario {s}") for s in range(scenarios)])
    project.sources.append(Source("src-1", "Synthetic", "Generated figures", assumption=True))
    _history(project, rng)
    _assumptions(project, rng)
    _companies(project, rng, companies, developments)
    _qualitative(project)
    if volume:
        _volume(project, np.random.default_rng(seed + 1))
    return project


def _volume(project: Project, rng: np.random.Generator) -> None:
    """The volume's history, sources, assumptions and pins, and a hold and a note per
    dimension, written through the volume's view as the value's are."""
    project.volume = MeasureInputs("million subscriptions")
    shown = view(project, VOLUME)
    _history(shown, rng)
    _assumptions(shown, rng)
    base = project.metadata.base_year
    for member_id in [d.members[0].id for d in project.dimensions if d.members]:
        shown.holds.add((member_id, base))
        shown.notes[("", member_id, base)] = "Subscriptions from the platform's filing."


def _history(project: Project, rng: np.random.Generator) -> None:
    hist_years = list(project.metadata.history_years)
    total = 100.0 * np.cumprod(1.0 + rng.uniform(0.02, 0.12, len(hist_years)))
    for year, value in zip(hist_years, total, strict=True):
        project.history[(TOTAL, year)] = float(value)
        project.history_sources[(TOTAL, year)] = "src-1"
    for dim in project.dimensions:
        shares = rng.dirichlet(np.ones(len(dim.members)), size=len(hist_years))
        for j, year in enumerate(hist_years):
            parts = shares[j] * total[j]
            parts[-1] = total[j] - parts[:-1].sum()
            for member, value in zip(dim.members, parts, strict=True):
                project.history[(member.id, year)] = float(value)


def _assumptions(project: Project, rng: np.random.Generator) -> None:
    meta = project.metadata
    forecast = list(meta.forecast_years)
    for s_index, scenario in enumerate(project.scenarios):
        shift = 0.01 * (s_index - len(project.scenarios) // 2)
        project.growth[(scenario.id, TOTAL)] = Growth("cagr", 0.06 + shift)
        for d in project.dimensions:
            for m_index, member in enumerate(d.members):
                project.growth[(scenario.id, member.id)] = _growth(
                    project, member.id, m_index, forecast, shift, rng
                )
                if m_index % 25 == 0:
                    project.pins[(scenario.id, member.id, forecast[len(forecast) // 2])] = float(
                        project.history[(member.id, meta.base_year)] * 1.2
                    )


def _growth(project, member_id, index, forecast, shift, rng) -> Growth:
    v0 = project.history[(member_id, project.metadata.base_year)]
    kind = index % 10
    if kind == 7:
        return Growth(
            "growth_by_year", rates={y: float(rng.uniform(-0.02, 0.15) + shift) for y in forecast}
        )
    if kind == 8:
        return Growth(
            "s_curve", k=float(v0 * rng.uniform(2.0, 5.0)), r=float(rng.uniform(0.1, 0.5))
        )
    if kind == 9:
        return Growth(
            "manual", values={y: float(v0 * (1.05 ** (i + 1))) for i, y in enumerate(forecast)}
        )
    return Growth("cagr", float(rng.uniform(-0.02, 0.15) + shift))


def _companies(
    project: Project, rng: np.random.Generator, companies: int, developments: int
) -> None:
    member_ids = [m.id for d in project.dimensions for m in d.members]
    kinds = ("product", "partnership", "m&a", "funding", "technology", "regulation", "other")
    for c in range(companies):
        segments = (
            tuple(rng.choice(member_ids, size=3, replace=False).tolist()) if member_ids else ()
        )
        project.companies.append(
            Company(
                f"c{c}",
                f"Company {c}",
                headquarters="Somewhere",
                founded=1990 + c % 30,
                type="Private",
                description=f"Company {c} makes things.",
                segments=segments,
                shares={project.metadata.base_year: float(rng.uniform(0, 0.05))},
                source_ids=("src-1",),
            )
        )
    for i in range(developments):
        project.developments.append(
            Development(
                f"dev{i}",
                f"c{i % max(companies, 1)}",
                f"{2015 + i % 10}-{1 + i % 12:02d}",
                kinds[i % len(kinds)],
                f"Development {i}: launched something notable.",
                "src-1",
            )
        )


def _qualitative(project: Project) -> None:
    """A few of every other entity, each pointing at segments and sources that exist."""
    meta = project.metadata
    first_members = [d.members[0].id for d in project.dimensions if d.members]
    for i, kind in enumerate(("driver", "challenge") * 5):
        project.factors.append(
            Factor(
                f"f{i}",
                kind,
                f"{kind.title()} {i}",
                f"Why {kind} {i} matters.",
                1 + i % 5,
                1 + (i + 1) % 5,
                1 + (i + 2) % 5,
                tuple(first_members[:1]),
                ("src-1",),
            )
        )
    for i in range(5):
        project.trends.append(Trend(f"t{i}", f"Trend {i}", "Text.", tuple(first_members[-1:])))
    project.forces.extend(Force(f, 1 + i % 5, f"Rationale {i}.") for i, f in enumerate(FORCE_IDS))
    if project.dimensions:
        dim = project.dimensions[0]
        criteria = tuple(Criterion(f"k{i}", f"Criterion {i}") for i in range(4))
        cells = {
            (c.id, m.id): Rating(1 + j % 5, "") for c in criteria for j, m in enumerate(dim.members)
        }
        project.assessments.append(Assessment("a0", "Assessment", dim.id, criteria, cells))
    project.key_questions.extend(
        KeyQuestion(f"q{i}", f"Question {i}?", "Answer.") for i in range(11)
    )
    for member_id in first_members:
        project.holds.add((member_id, meta.base_year))
        project.notes[("", member_id, meta.base_year)] = "Checked against the filing."
    if project.scenarios:
        project.notes[(project.scenarios[0].id, TOTAL, meta.last_year)] = "Consensus view."
