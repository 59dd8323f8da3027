"""Analyst text as typed (no markup injection, bold, bullets, long texts across pages),
the options (scenario, chapters, logo, publisher, template) and a large project.
"""

from __future__ import annotations

import io

import docx
import pytest
from PIL import Image
from pypdf import PdfReader

from tests.benchmarks.synthetic import synthetic_project
from tests.report.checks import agrees
from tests.report.conftest import squash, write
from workbench.core.document import Document
from workbench.core.entities import KeyQuestion
from workbench.core.errors import ModelError
from workbench.core.sample import sample_project
from workbench.report import ReportOptions, build_report, load_template, template_path
from workbench.report.model import Table
from workbench.report.specs import MAX_SERIES
from workbench.report.text import paragraphs

HOSTILE = 'Costs <b>rise</b> & fall; <font size="40">big</font> <para> ]]> "quoted" **firm**'


def with_answer(answer: str) -> Document:
    project = sample_project()
    project.key_questions[:] = [KeyQuestion("q1", "Why?", answer)]
    return Document(project)


def test_typed_text_becomes_paragraphs_bullets_and_bold():
    paras = paragraphs("Intro line\ncontinues.\n\n- first **point**\n- second\n\nAfter.")
    assert [p.style for p in paras] == ["body", "bullet", "bullet", "body"]
    assert paras[0].text == "Intro line continues."
    assert [(r.text, r.bold) for r in paras[1].runs] == [("first ", False), ("point", True)]


def test_markup_in_typed_text_is_printed_as_typed(tmp_path):
    document = with_answer(HOSTILE)
    pdf = write(document, tmp_path / "r.pdf")
    text = "".join(p.extract_text() for p in PdfReader(pdf).pages)
    assert squash('Costs <b>rise</b> & fall; <font size="40">big</font> <para> ]]>') in squash(
        text
    )
    word = docx.Document(str(write(document, tmp_path / "r.docx")))
    answer = next(p for p in word.paragraphs if p.text.startswith("Costs"))
    assert answer.text == HOSTILE.replace("**firm**", "firm")
    assert [r.text for r in answer.runs if r.bold] == ["firm"]


def test_a_long_answer_flows_across_pages(tmp_path):
    words = " ".join(f"word{i}" for i in range(9000))
    document = with_answer(words + "\n\n- a bullet after it")
    pdf = write(document, tmp_path / "long.pdf", chapters_off=frozenset({"company-profiles"}))
    pages = [p.extract_text() for p in PdfReader(pdf).pages]
    holding = [i for i, t in enumerate(pages) if "word" in t and "word8999" not in t]
    assert len(holding) >= 3  # one paragraph spread over several pages
    assert any("word8999" in t for t in pages)


def test_all_scenarios_add_a_comparison_chapter_with_each_scenarios_figures(sample):
    report = build_report(sample, ReportOptions(scenario="all"))
    chapter = report.chapter("scenario-comparison")
    table = next(b for b in chapter.blocks if isinstance(b, Table))
    names = [row[0] for row in table.rows]
    assert names == [s.name for s in sample.project.scenarios]
    for row, scenario in zip(table.rows, sample.project.scenarios, strict=True):
        assert agrees(row[2], sample.result(scenario.id).value("total", 2031))


def test_one_scenario_by_name_and_no_comparison_chapter(sample):
    report = build_report(sample, ReportOptions(scenario="optimistic"))
    assert "Optimistic scenario" in report.chapter("executive-summary").text()
    assert "scenario-comparison" not in [c.key for c in report.chapters]


def test_chapters_can_be_left_out(sample):
    off = frozenset({"company-profiles", "dimension:region", "sources"})
    keys = [c.key for c in build_report(sample, ReportOptions(chapters_off=off)).chapters]
    assert not set(keys) & off
    assert "dimension:technology" in keys


def test_logo_publisher_and_template_reach_the_cover(tmp_path, sample):
    logo = tmp_path / "logo.png"
    Image.new("RGB", (300, 100), "#1f4e79").save(logo)
    (tmp_path / "market.report.json").write_text(
        '{"subtitle": "Q3 briefing", "cover_note": "Confidential", "accent": "#aa3300"}'
    )
    template = load_template(template_path(tmp_path / "market.mwp"))
    assert template.accent == "#aa3300"
    options = dict(logo=logo, publisher="Acme Research", template=template)
    pdf = write(sample, tmp_path / "c.pdf", **options)
    cover = PdfReader(pdf).pages[0]
    text = cover.extract_text()
    assert "Q3 briefing" in text and "Acme Research" in text and "Confidential" in text
    images = cover["/Resources"]["/XObject"].values()
    assert any(x.get_object()["/Subtype"] == "/Image" for x in images)
    word = docx.Document(str(write(sample, tmp_path / "c.docx", **options)))
    assert word.inline_shapes[0].width < word.inline_shapes[1].width  # the logo, then charts
    assert any(p.text == "Q3 briefing" for p in word.paragraphs)


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ("{not json", "not a readable JSON file"),
        ('{"colour": "#000000"}', "unknown setting 'colour'"),
        ('{"font_size": 40}', "font_size must be a number from 6 to 16"),
        ('{"accent": "red"}', "accent must be colours"),
    ],
)
def test_a_bad_template_is_refused_with_a_sentence(tmp_path, content, words):
    path = tmp_path / "t.report.json"
    path.write_text(content)
    with pytest.raises(ModelError, match=words):
        load_template(path)


def test_the_large_project_paginates_tables_and_charts_show_top_segments(tmp_path):
    project = synthetic_project(dimensions=1, members=120, scenarios=2, companies=80,
                                developments=300)
    document = Document(project)
    report = build_report(document)
    chapter = report.chapter("dimension:d0")
    chart = next(b for b in chapter.blocks if b.__class__.__name__ == "Chart")
    assert len(chart.spec.series) == MAX_SERIES
    assert chart.spec.series[-1][0] == f"Others ({120 - MAX_SERIES + 1} segments)"
    shown = sum(v[-1] for _n, v in chart.spec.series)
    assert shown == pytest.approx(document.result("s0").value("total", 2030))
    pdf = write(document, tmp_path / "large.pdf")
    pages = [p.extract_text() for p in PdfReader(pdf).pages]
    continued = [t for t in pages if "Segment 0.119" in t or "Segment 0.60" in t]
    assert len(continued) >= 2  # rows of one table on more than one page
    header_pages = [t for t in pages if "Segment" in t and "2000" in t]
    assert len(header_pages) >= 2  # its header repeated


def test_charts_draw_at_the_stated_resolution():
    from workbench.report import charts
    from workbench.report.charts import BarSpec

    png = charts.png(BarSpec("t", ("a",), (3.0,), 5.0, "x"), ("#000000",), dpi=300)
    image = Image.open(io.BytesIO(png))
    assert image.size == (int(charts.WIDTH_IN * 300), int(charts.HEIGHT_IN * 300))


def test_an_empty_project_is_refused():
    project = sample_project()
    project.history.clear()
    with pytest.raises(ModelError, match="has no market values yet"):
        build_report(Document(project))


def test_control_characters_pasted_into_a_text_do_not_break_either_file(tmp_path):
    document = with_answer("Form\x0cfeed, a\x00null and a\ttab")
    pdf = write(document, tmp_path / "cc.pdf", chapters_off=frozenset({"company-profiles"}))
    assert "Formfeed" in squash("".join(p.extract_text() for p in PdfReader(pdf).pages))
    word = docx.Document(str(write(document, tmp_path / "cc.docx")))
    assert "Formfeed, anull and a\ttab" in [p.text for p in word.paragraphs]
