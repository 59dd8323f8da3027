"""Round-trip laws: export → import gives back the same project (identical canonical dump)."""

from __future__ import annotations

import math
import os

import openpyxl
import pytest
from hypothesis import Phase, given, settings
from hypothesis import strategies as st

from tests.benchmarks.synthetic import synthetic_project
from workbench.core import commands as c
from workbench.core.commands import Put
from workbench.core.document import Document
from workbench.core.entities import Company, Development, Factor, KeyQuestion, Source
from workbench.core.methods import REGISTERED
from workbench.core.project import TOTAL, Dimension, Growth, Member, Metadata, Project, Scenario
from workbench.core.sample import sample_document
from workbench.excel import Cancelled, export_workbook, project_from_workbook, read_workbook


def test_sample_round_trips_exactly(exported, xl):
    document = sample_document()
    path = exported(document)
    assert xl.dump(Document(project_from_workbook(path))) == xl.dump(document)
    plan = read_workbook(path, document)
    assert plan.is_empty and plan.summary_lines() == []


def test_small_synthetic_round_trips_in_bottom_up_mode(exported, xl):
    project = synthetic_project(
        dimensions=2, members=6, scenarios=2, years=8, companies=3, developments=5
    )
    project.mode, project.primary_dimension = "bottom_up", "d0"
    project.holds.add(("d0m1", 2001))
    project.notes[("s1", "d1m2", project.metadata.last_year)] = "Checked with the client."
    document = Document(project)
    path = exported(document)
    assert xl.dump(Document(project_from_workbook(path))) == xl.dump(document)


def test_numbers_keep_every_digit_and_text_stays_text(exported):
    document = sample_document()
    p = document.project
    p.history[(TOTAL, p.metadata.first_year)] = 0.1 + 0.2  # needs 17 digits
    p.companies[0] = Company(p.companies[0].id, "=SUM(A1:A9)", description="+1 -2 @home")
    path = exported(document)
    back = project_from_workbook(path)
    assert back.history[(TOTAL, p.metadata.first_year)] == 0.30000000000000004
    assert back.companies[0].name == "=SUM(A1:A9)"
    ws = openpyxl.load_workbook(path)["Companies"]
    assert ws["B4"].data_type == "s" and ws["B4"].value == "=SUM(A1:A9)"


def test_formula_cells_carry_the_engine_values(exported):
    document = sample_document()
    path = exported(document)
    values = openpyxl.load_workbook(path, data_only=True)["Technology"]
    formulas = openpyxl.load_workbook(path)["Technology"]
    result = document.result("base")
    meta = document.project.metadata
    col = 3 + meta.last_year - meta.first_year
    row = next(r for r in range(1, 40) if formulas.cell(r, 1).value == "short-video")
    assert formulas.cell(row, col).data_type == "f"
    assert values.cell(row, col).value == result.value("short-video", meta.last_year)


def test_cited_history_cells_show_their_source_as_a_comment(exported, xl):
    document = sample_document()
    p = document.project
    ws = openpyxl.load_workbook(exported(document))["Technology"]
    row = xl.row_of(ws, "short-video")
    mirrored = xl.row_of(ws, "short-video", start=xl.row_of(ws, "optimistic"))
    year = p.metadata.first_year
    source = p.entity("sources", p.history_sources[("short-video", year)])
    assert ws.cell(row, 3).comment.text == "Source: " + source.label()
    assert ws.cell(mirrored, 3).comment is None  # the mirrored blocks carry no comments


def test_cancelling_leaves_no_file(tmp_path):
    path = tmp_path / "book.xlsx"
    calls = []

    def progress(done: int, total: int) -> bool:
        calls.append((done, total))
        return done < 3

    with pytest.raises(Cancelled):
        export_workbook(sample_document(), path, progress)
    assert not path.exists() and os.listdir(tmp_path) == []
    assert calls[-1][0] == 3 and all(total == calls[0][1] for _d, total in calls)


def test_export_refuses_text_longer_than_a_cell(tmp_path):
    document = sample_document()
    document.project.key_questions[0] = KeyQuestion("q1", "Why?", "x" * 40_000)
    with pytest.raises(Exception, match=r"Key Questions!C4: the text is 40,000 characters"):
        export_workbook(document, tmp_path / "book.xlsx")
    assert os.listdir(tmp_path) == []


# -- hypothesis: generated projects ---------------------------------------------------------

names = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from("=+-@'\"\n"),
    min_size=1,
    max_size=40,
).filter(lambda s: s.strip() == s and s.strip())
numbers = st.floats(allow_nan=False, allow_infinity=False, min_value=-1e300, max_value=1e300)
positive = st.floats(min_value=1e-6, max_value=1e12)


@st.composite
def projects(draw) -> Project:
    first = draw(st.integers(1990, 2020))
    base = first + draw(st.integers(0, 4))
    last = base + draw(st.integers(1, 4))
    meta = Metadata(
        draw(names), first, base, last, unit=draw(names), description=draw(st.text(max_size=300))
    )
    member_names = draw(st.lists(names, min_size=1, max_size=3, unique_by=str.casefold))
    dim = Dimension(
        "dim-1", draw(names), tuple(Member(f"m{i}", n) for i, n in enumerate(member_names))
    )
    p = Project(
        meta, [dim], [Scenario("s1", "Base"), Scenario("s2", draw(names).replace("Base", "B2"))]
    )
    if p.scenarios[1].name.casefold() == "base":
        p.scenarios[1] = Scenario("s2", "Other")
    for series in p.series_ids():
        for year in meta.history_years:
            if draw(st.booleans()):
                p.history[(series, year)] = draw(numbers)
        p.history[(series, base)] = draw(positive)
        for scenario in p.scenarios:
            p.growth[(scenario.id, series)] = draw(growths(p, series))
            if draw(st.booleans()):
                p.pins[(scenario.id, series, last)] = draw(numbers)
    p.sources.append(
        Source("src-1", draw(names), draw(st.text(max_size=50)), assumption=draw(st.booleans()))
    )
    p.history_sources[(TOTAL, base)] = "src-1"
    p.notes[("", "m0", first)] = draw(names)
    p.companies.append(
        Company(
            "co-1",
            draw(names),
            description=draw(st.text(min_size=0, max_size=2000)),
            shares={base: draw(st.floats(0, 1))},
            segments=("m0",),
            source_ids=("src-1",),
        )
    )
    p.developments.append(Development("dev-1", "co-1", str(base), "funding", draw(names), "src-1"))
    p.factors.append(Factor("fac-1", "driver", draw(names), impact_short=draw(st.integers(1, 5))))
    return p


@st.composite
def growths(draw, p: Project, series: str) -> Growth:
    """Any registered method; a curve (a method with K) gets K above v0 and a rate r, the
    others rates and values in some years."""
    grows = draw(st.sampled_from(REGISTERED))
    years = list(p.metadata.forecast_years)
    rates = st.floats(min_value=-0.99, max_value=10)
    if grows.parameter("k") is not None:
        v0 = p.history[(series, p.metadata.base_year)]
        return Growth(grows.code, k=v0 * draw(st.floats(1.5, 1e3)), r=draw(st.floats(0.01, 2)))
    return Growth(
        grows.code,
        rate=draw(rates),
        rates={y: draw(rates) for y in years if draw(st.booleans())},
        values={y: draw(numbers) for y in years if draw(st.booleans())},
    )


@settings(max_examples=15, phases=[Phase.explicit, Phase.reuse, Phase.generate])
@given(project=projects())
def test_generated_projects_round_trip(tmp_path_factory, project):
    path = tmp_path_factory.mktemp("gen") / "book.xlsx"
    document = Document(project)
    export_workbook(document, path)
    back = Document(project_from_workbook(path))
    from workbench.core.dump import dump_json

    assert dump_json(back) == dump_json(document)
    assert read_workbook(path, document).is_empty
    assert math.isfinite(len(dump_json(back)))


def test_an_import_is_core_put_commands(exported):
    """The excel layer builds the commands; the core runs them."""
    document = sample_document()
    path = exported(document)
    document.execute(c.SetHistory("tiktok", 2020, 123.0))
    plan = read_workbook(path, document)
    assert plan.command.commands and all(type(p) is Put for p in plan.command.commands)
    document.execute(plan.command)
    assert document.project.history[("tiktok", 2020)] != 123.0
