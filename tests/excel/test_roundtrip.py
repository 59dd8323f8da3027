"""Round-trip laws: export → import gives back the same project (identical canonical dump)."""

from __future__ import annotations

import math
import os

import openpyxl
import pytest
from hypothesis import Phase, given, settings
from hypothesis import strategies as st

from tests.benchmarks.synthetic import synthetic_project
from tests.strategies import plain_ids, projects
from workbench.core import commands as c
from workbench.core.commands import Put
from workbench.core.document import Document
from workbench.core.entities import Company, Development, Factor, KeyQuestion, Source
from workbench.core.project import TOTAL, Dimension, Member, Project, Scenario
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


def _workbook_entities(draw, p: Project) -> None:
    """A source cited by history and a company, a note, a development, a driver."""
    meta, first_member = p.metadata, p.dimensions[0].members[0].id
    p.sources.append(
        Source("src-1", draw(names), draw(st.text(max_size=50)), assumption=draw(st.booleans()))
    )
    p.history_sources[(TOTAL, meta.base_year)] = "src-1"
    p.notes[("", first_member, meta.first_year)] = draw(names)
    p.companies.append(
        Company(
            "co-1",
            draw(names),
            description=draw(st.text(min_size=0, max_size=2000)),
            shares={meta.base_year: draw(st.floats(0, 1))},
            segments=(first_member,),
            source_ids=("src-1",),
        )
    )
    p.developments.append(
        Development("dev-1", "co-1", str(meta.base_year), "funding", draw(names), "src-1")
    )
    p.factors.append(Factor("fac-1", "driver", draw(names), impact_short=draw(st.integers(1, 5))))


def _distinct(named: list, make) -> list:
    """Names that differ ignoring case, as a workbook's rows must: a repeat gets a number."""
    seen: set[str] = set()
    out = []
    for item in named:
        name = item.name
        while name.casefold() in seen:
            name += " 2"
        seen.add(name.casefold())
        out.append(make(item, name))
    return out


@st.composite
def workbook_projects(draw) -> Project:
    """The shared `projects()` strategy in the shape a workbook must carry back."""
    p = draw(
        projects(
            forecastable=True, text=names, units=names, values=numbers, ids=plain_ids,
            dimensions=(1, 1), members=(1, 3), scenarios=(2, 2), years=(4, 4),
            entities=_workbook_entities,
        )
    )
    dim = p.dimensions[0]
    members = _distinct(list(dim.members), lambda m, n: Member(m.id, n))
    p.dimensions = [Dimension(dim.id, dim.name, tuple(members))]
    p.scenarios = _distinct(p.scenarios, lambda s, n: Scenario(s.id, n))
    return p


@settings(max_examples=15, phases=[Phase.explicit, Phase.reuse, Phase.generate])
@given(project=workbook_projects())
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
