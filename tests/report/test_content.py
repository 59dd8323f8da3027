"""Every chapter is there with its content, and every printed figure is the engine's.

The figures are read back from the written DOCX (its tables are real Word tables), and the
PDF is checked to print the very same cells; the expected numbers are worked out here from
the engine's values (see checks.py), never taken from the report model.
"""

from __future__ import annotations

import math
import re

from tests.report.checks import agrees, check_table, expected, parse
from tests.report.conftest import docx_tables, squash
from workbench.core.project import TOTAL
from workbench.report import CHAPTERS


def chapter_titles(model) -> list[str]:
    return [c.title for c in model.chapters]


def test_every_chapter_of_the_seed_structure_is_there(written, sample):
    model = written[0]
    keys = [c.key for c in model.chapters]
    wanted = [e.key for e in CHAPTERS if e.key not in ("dimensions", "scenario-comparison")]
    assert [k for k in keys if not k.startswith("dimension:")] == wanted
    dims = [f"dimension:{d.id}" for d in sample.project.dimensions]
    assert [k for k in keys if k.startswith("dimension:")] == dims
    assert "Market by Region" in chapter_titles(model)


def test_every_chapter_heading_is_a_word_heading_and_in_the_pdf(written, word, pdf_pages):
    model = written[0]
    headings = [p.text for p in word.paragraphs if p.style.name == "Heading 1"]
    assert headings == chapter_titles(model)
    text = squash("".join(pdf_pages))
    for title in chapter_titles(model):
        assert squash(title) in text


def test_each_chapter_has_its_own_content(written, sample):
    model = written[0]
    p = sample.project
    checks = {
        "executive-summary": ["is valued at", "Fastest-growing segments", "Key figures"],
        "market-overview": ["Scope and segmentation", p.metadata.description[:40]],
        "trends-forecast": ["Total market trend and forecast", "Growth on previous year"],
        "competitors": ["Companies profiled", p.companies[0].name],
        "company-profiles": [c.name for c in p.companies] + [p.developments[0].text[:40]],
        "drivers-challenges": [f.title for f in p.factors] + ["Short term"],
        "emerging-trends": [t.title for t in p.trends],
        "strategic-analysis": ["Developments by kind", "Latest developments"],
        "five-forces": ["Porter's five forces", "Threat of new entrants"]
        + [f.rationale[:40] for f in p.forces],
        "assessments": [a.name for a in p.assessments] + ["Technology readiness"],
        "growth-opportunities": ["Opportunity map by Technology", "The largest opportunities"],
        "key-questions": [q.question[:50] for q in p.key_questions],
        "methodology": ["Reconciliation", "Top-down", "CAGRs are compound"],
        "sources": [s.publisher for s in p.sources],
    }
    for key, phrases in checks.items():
        text = model.chapter(key).text()
        for phrase in phrases:
            assert phrase in text, f"{key} lacks {phrase!r}"
    for dim in p.dimensions:
        text = model.chapter(f"dimension:{dim.id}").text()
        assert f"Trend and forecast by {dim.name}" in text
        for m in dim.members:
            assert f"{m.name}:" in text  # the segment's narrative


def test_charts_and_tables_sit_where_the_structure_has_them(written):
    model = written[0]
    for key in ["trends-forecast", "five-forces", "growth-opportunities"] + [
        c.key for c in model.chapters if c.key.startswith("dimension:")
    ]:
        assert any(b.__class__.__name__ == "Chart" for b in model.chapter(key).blocks), key
    numbers = [t.number for t in model.tables()]
    assert numbers == list(range(1, len(numbers) + 1))
    assert [c.number for c in model.charts()] == list(range(1, len(model.charts()) + 1))


def test_every_table_figure_equals_the_engines(written, word, sample):
    result = sample.result("base")
    checked = sum(check_table(rows, result, sample.project) for rows in docx_tables(word))
    meta = sample.project.metadata
    members = sum(len(d.members) for d in sample.project.dimensions)
    years = len(meta.years)
    # every segment's and the total's year values (in its own chapter and each dimension's)
    assert checked >= (members + 1) * years + len(sample.project.dimensions) * years


def test_the_pdf_prints_the_same_table_cells_in_order(written, word, pdf_pages):
    text = squash("".join(pdf_pages))
    position = 0
    for rows in docx_tables(word):
        for row in rows[1:]:
            cells = squash("".join(row))
            found = text.find(cells, position)
            assert found >= 0, f"row not printed in order: {row}"
            position = found


def test_the_year_on_year_table_is_the_engines_growth(word, sample):
    result = sample.result("base")
    rows = next(t for t in docx_tables(word) if t[0][-1] == "Growth on previous year")
    for year, _period, value, growth in rows[1:]:
        y = int(year)
        assert agrees(value, result.value(TOTAL, y))
        want = result.value(TOTAL, y) / result.value(TOTAL, y - 1) - 1 if y > 2019 else math.nan
        assert agrees(growth, want)


def test_the_executive_summary_prints_the_engines_headline(word, sample, pdf_pages):
    result = sample.result("base")
    meta = sample.project.metadata
    summary = next(p.text for p in word.paragraphs if "is valued at" in p.text)
    match = re.search(
        r"valued at USD ([\d.,]+) billion in (\d{4}) \[\d+\] and is forecast to reach "
        r"USD ([\d.,]+) billion in (\d{4}), a CAGR of ([\d.]+ %) over (\d{4})–(\d{4})",
        summary,
    )
    assert match, summary
    base, base_year, last, last_year, cagr, a, b = match.groups()
    assert (int(base_year), int(last_year)) == (meta.base_year, meta.last_year)
    assert (int(a), int(b)) == (meta.base_year + 1, meta.last_year)  # 2025–2031
    assert agrees(base, result.value(TOTAL, meta.base_year))
    assert agrees(last, result.value(TOTAL, meta.last_year))
    assert agrees(cagr, expected(result, "CAGR 2025–2031", TOTAL))
    assert squash(summary) in squash("".join(pdf_pages))


def test_the_fastest_segments_are_the_engines(word, sample):
    result = sample.result("base")
    names = {m.name: m.id for d in sample.project.dimensions for m in d.members}
    for dim in sample.project.dimensions:
        line = next(p.text for p in word.paragraphs if p.text.startswith(f"{dim.name}: "))
        listed = re.findall(r"([^,:(]+) \(([\d.]+ %)\)", line.split(": ", 1)[1])
        cagrs = {
            m.id: expected(result, "CAGR 2025–2031", m.id) for m in dim.members
        }
        top = sorted(cagrs, key=lambda k: -cagrs[k])[: len(listed)]
        assert [names[n.strip()] for n, _ in listed] == top
        for name, printed in listed:
            assert agrees(printed, cagrs[names[name.strip()]])


def test_key_questions_have_their_figures_filled_in(written, sample):
    text = written[0].chapter("key-questions").text()
    assert "{{" not in text and "unknown figure" not in text
    result = sample.result("base")
    share = re.search(r"share of the market reaches ([\d.]+ %) in 2031", text).group(1)
    assert agrees(share, result.value("mini-program", 2031) / result.value(TOTAL, 2031))


def test_every_cited_number_points_to_a_listed_source(written, sample):
    model = written[0]
    listed = re.findall(r"^\[(\d+)\] ", model.chapter("sources").text(), re.M)
    numbers = {int(n) for n in listed}
    assert numbers == set(range(1, len(sample.project.sources) + 1))
    body = "\n".join(c.text() for c in model.chapters if c.key != "sources")
    cited = {int(n) for group in re.findall(r"\[([\d, ]+)\]", body) for n in group.split(",")}
    assert cited and cited <= numbers
    history_table = next(t for t in model.tables() if t.header[-1] == "Sources")
    assert all(re.fullmatch(r"\[[\d, ]+\]", row[-1]) for row in history_table.rows)


def test_parse_reads_what_the_report_prints():
    assert parse("1,234.5") == (1234.5, 1, False)
    assert parse("24.1 %") == (24.1, 1, True)
    assert agrees("24.1 %", 0.2412) and not agrees("24.2 %", 0.2412)


def test_the_key_figures_table_is_the_engines(word, sample):
    result = sample.result("base")
    rows = next(t for t in docx_tables(word) if t[0] == ["Figure", "Value"])
    want = {
        "Market size 2024 (USD billions)": result.value(TOTAL, 2024),
        "Market size 2031 (USD billions)": result.value(TOTAL, 2031),
        "CAGR 2019–2024 (history)": expected(result, "CAGR 2019–2024", TOTAL),
        "CAGR 2025–2031 (forecast)": expected(result, "CAGR 2025–2031", TOTAL),
    }
    assert [r[0] for r in rows[1:]] == list(want)
    for label, printed in rows[1:]:
        assert agrees(printed, want[label]), label


def test_every_number_of_the_executive_summary_is_the_engines(word, sample):
    """Walk the chapter: each figure is checked, and no figure is left unchecked."""
    result = sample.result("base")
    names = {m.name: m.id for d in sample.project.dimensions for m in d.members}
    start = next(i for i, p in enumerate(word.paragraphs) if p.text == "Executive Summary")
    end = next(i for i, p in enumerate(word.paragraphs)
               if i > start and p.style.name == "Heading 1")
    text = "\n".join(p.text for p in word.paragraphs[start:end])
    text += "\n" + "\n".join(" ".join(r) for r in docx_tables(word)[0])
    checked = 0

    def check(printed: str, want: float) -> None:
        nonlocal checked
        assert agrees(printed, want), (printed, want)
        checked += 1

    for name, value, share in re.findall(
        r"(\w[\w ]*?) is the largest \w+ segment in 2031: USD ([\d.,]+) billion "
        r"\(([\d.]+ %) of the market\)", text):
        check(value, result.value(names[name], 2031))
        check(share, result.value(names[name], 2031) / result.value(TOTAL, 2031))
    for name, added, cagr, share in re.findall(
        r"(?:: |; )([\w ]+?) adds USD ([\d.,]+) billion at ([\d.]+ %) a year and holds "
        r"([\d.]+ %) of the market in 2031", text):
        series = names[name]
        check(added, result.value(series, 2031) - result.value(series, 2024))
        check(cagr, expected(result, "CAGR 2025–2031", series))
        check(share, result.value(series, 2031) / result.value(TOTAL, 2031))
    for name, cagr in re.findall(r"([\w ]+?) \(([\d.]+ %)\)[,;]", text):
        check(cagr, expected(result, "CAGR 2025–2031", names[name.strip()]))
    lead = re.search(r"valued at USD ([\d.,]+) billion .*? reach USD ([\d.,]+) billion .*? "
                     r"CAGR of ([\d.]+ %)", text)
    check(lead.group(1), result.value(TOTAL, 2024))
    check(lead.group(2), result.value(TOTAL, 2031))
    check(lead.group(3), expected(result, "CAGR 2025–2031", TOTAL))
    key_figures = docx_tables(word)[0][1:]
    for label, printed in key_figures:
        year = re.search(r"(\d{4})", label).group(1)
        want = (result.value(TOTAL, int(year)) if label.startswith("Market size")
                else expected(result, label.split(" (")[0], TOTAL))
        check(printed, want)
    figures = re.findall(r"(?<![\w\[–-])\d+(?:,\d{3})*(?:\.\d+)?(?: %)?(?![\d\]–])", text)
    figures = [f for f in figures if not re.fullmatch(r"(19|20)\d\d", f)]
    figures = [f for f in figures if f != "1"]  # "Table 1"
    assert checked == len(figures), (checked, figures)
