"""The scenario comparison and the growth opportunities of the built-in sample with its
volume: every figure printed in the Word file (and the charts' data) is the engine's,
`Document.result(scenario, measure)`, worked out here; the value-only report keeps its
shape (no measure in its titles).
"""

from __future__ import annotations

import re

import pytest

from tests.report.checks import agrees, check_table, expected, series_by_name
from tests.report.conftest import docx_tables, squash
from workbench.core.errors import ModelError
from workbench.core.measures import PRICE, VALUE, VOLUME
from workbench.core.project import TOTAL
from workbench.core.sample import sample_document
from workbench.report import ReportOptions, build_report
from workbench.report.figures import Figures
from workbench.report.model import Chart, Heading, Table
from workbench.report.opportunities import in_words, map_spec, opportunities

TAGS = {", value": VALUE, ", volume": VOLUME, ", average price": PRICE}
UNITS = {VALUE: "USD billions", VOLUME: "million paid subscriptions",
         PRICE: "USD per paid subscription"}  # fmt: skip


@pytest.fixture(scope="module")
def document():
    return sample_document()


@pytest.fixture(scope="module")
def printed(written_with_volume):
    """(model, the Word file's tables by the model's table) of the built-in sample's
    report with every scenario."""
    import docx

    model, _pdf, word = written_with_volume
    tables = docx_tables(docx.Document(str(word)))
    assert [tuple(t[0]) for t in tables] == [t.header for t in model.tables()]
    return model, dict(zip([t.number for t in model.tables()], tables, strict=True))


def measure_of(caption: str) -> str:
    found = [m for tag, m in TAGS.items() if f"{tag} (" in caption or caption.endswith(tag)]
    assert len(found) == 1, caption
    return found[0]


def cagr(result, series: str, a: int, b: int) -> float:
    return expected(result, f"CAGR {a}–{b}", series)


def test_the_comparison_has_every_measure_in_turn_each_title_saying_it(printed):
    chapter = printed[0].chapter("scenario-comparison")
    headings = [b.text for b in chapter.blocks if isinstance(b, Heading)]
    assert headings == [f"Value ({UNITS[VALUE]})", f"Volume ({UNITS[VOLUME]})",
                        f"Average price ({UNITS[PRICE]})"]
    titled = [b for b in chapter.blocks if isinstance(b, Table | Chart)]
    assert len(titled) == 3 * (1 + 1 + 3)  # per measure: a chart, the totals, 3 dimensions
    for block in titled:
        measure = measure_of(block.caption)
        if block.caption.startswith("Total market"):
            assert block.caption.endswith(f"({UNITS[measure]})"), block.caption
    assert "value ÷ volume × 1,000" in chapter.blocks[0].text


def test_every_scenario_total_is_the_engines_in_each_measure(printed, document):
    model, tables = printed
    chapter = model.chapter("scenario-comparison")
    scenarios = document.project.scenarios
    checked = 0
    for table in [b for b in chapter.blocks if isinstance(b, Table)
                  and b.caption.startswith("Total market by scenario")]:
        measure = measure_of(table.caption)
        rows = tables[table.number]
        assert rows[0] == ["Scenario", "2024", "2031", "CAGR 2025–2031"]
        assert [r[0] for r in rows[1:]] == [s.name for s in scenarios]
        for row, scenario in zip(rows[1:], scenarios, strict=True):
            result = document.result(scenario.id, measure)
            wanted = (result.value(TOTAL, 2024), result.value(TOTAL, 2031),
                      cagr(result, TOTAL, 2025, 2031))
            for cell, want in zip(row[1:], wanted, strict=True):
                assert agrees(cell, want), (table.caption, row[0], cell, want)
                checked += 1
    assert checked == 3 * len(scenarios) * 3


def test_every_segment_cagr_by_scenario_is_the_engines_in_each_measure(printed, document):
    model, tables = printed
    names = series_by_name(document.project)
    by_name = {s.name: s.id for s in document.project.scenarios}
    checked = {VALUE: 0, VOLUME: 0, PRICE: 0}
    for table in [t for t in model.chapter("scenario-comparison").blocks
                  if isinstance(t, Table) and t.caption.startswith("Forecast CAGR")]:
        measure = measure_of(table.caption)
        rows = tables[table.number]
        for row in rows[1:]:
            for scenario, cell in zip(rows[0][1:], row[1:], strict=True):
                result = document.result(by_name[scenario], measure)
                assert agrees(cell, cagr(result, names[row[0]], 2025, 2031)), (
                    table.caption, row[0], scenario, cell)
                checked[measure] += 1
    members = sum(len(d.members) for d in document.project.dimensions)
    assert checked == dict.fromkeys((VALUE, VOLUME, PRICE), members * 3)


def test_the_comparison_charts_draw_each_scenarios_total_as_a_line(printed, document):
    charts = [b for b in printed[0].chapter("scenario-comparison").blocks
              if isinstance(b, Chart)]
    assert [measure_of(c.caption) for c in charts] == [VALUE, VOLUME, PRICE]
    for chart in charts:
        measure = measure_of(chart.caption)
        assert not chart.spec.stacked and chart.spec.unit == UNITS[measure]
        assert [n for n, _ in chart.spec.series] == [s.name for s in document.project.scenarios]
        for scenario, (_name, values) in zip(document.project.scenarios, chart.spec.series,
                                            strict=True):
            result = document.result(scenario.id, measure)
            assert values == tuple(result.values[result.row[TOTAL]])


def test_a_value_only_comparison_keeps_its_tables_and_names_no_measure():
    value_only = sample_document(volume=False)
    chapter = build_report(value_only, ReportOptions(scenario="all")).chapter(
        "scenario-comparison")
    assert not [b for b in chapter.blocks if isinstance(b, Heading)]
    captions = [b.caption for b in chapter.blocks if isinstance(b, Table | Chart)]
    assert captions[:2] == ["Total market by scenario (USD billions)"] * 2
    assert not [c for c in captions if re.search(r"value|volume|price", c)]


def test_the_opportunity_tables_add_the_volume_to_the_value(printed, document):
    model, tables = printed
    value, volume = document.result("base", VALUE), document.result("base", VOLUME)
    names = series_by_name(document.project)
    found = [t for t in model.chapter("growth-opportunities").blocks if isinstance(t, Table)]
    assert len(found) == len(document.project.dimensions)
    checked = 0
    for table in found:
        assert table.caption.endswith(
            f", value ({UNITS[VALUE]}) and volume ({UNITS[VOLUME]})"), table.caption
        rows = tables[table.number]
        assert rows[0][-2:] == ["Volume CAGR 2025–2031", "Volume added 2024–2031"]
        assert check_table([r[:4] for r in rows], value, document.project) == 3 * (
            len(rows) - 1)
        added = [value.value(names[r[0]], 2031) - value.value(names[r[0]], 2024)
                 for r in rows[1:]]
        assert added == sorted(added, reverse=True)  # ranked by value added
        for row in rows[1:]:
            series = names[row[0]]
            assert agrees(row[4], cagr(volume, series, 2025, 2031)), row
            assert agrees(row[5], volume.value(series, 2031) - volume.value(series, 2024)), row
            checked += 2
    members = sum(len(d.members) for d in document.project.dimensions)
    assert checked == 2 * members


def test_the_volume_opportunities_in_words_are_the_engines(printed, document):
    volume = document.result("base", VOLUME)
    text = printed[0].chapter("growth-opportunities").text()
    line = next(li for li in text.splitlines()
                if li.startswith("The largest opportunities by Region by volume, 2024–2031:"))
    first = re.match(r".*?: (.+?) adds ([\d.,]+) million paid subscriptions at ([\d.]+ %) a "
                     r"year and holds ([\d.]+ %) of the market's volume in 2031;", line)
    assert first, line
    name, added, rate, share = first.groups()
    assert name == "Asia Pacific"
    added_by_region = {m.id: volume.value(m.id, 2031) - volume.value(m.id, 2024)
                       for m in document.project.dimension("region").members}
    assert max(added_by_region, key=added_by_region.get) == "asia-pacific"
    assert agrees(added, added_by_region["asia-pacific"])
    assert agrees(rate, cagr(volume, "asia-pacific", 2025, 2031))
    assert agrees(share, volume.value("asia-pacific", 2031) / volume.value(TOTAL, 2031))


def test_opportunities_take_a_measure_and_keep_their_old_call(document):
    figures = Figures(document, "base")
    dim = document.project.dimension("technology")
    assert opportunities(figures, dim) == opportunities(figures, dim, VALUE)
    by_volume = opportunities(figures, dim, measure=VOLUME)
    assert by_volume == opportunities(figures.of(VOLUME), dim)
    volume = document.result("base", VOLUME)
    for o in by_volume:
        assert o.value_added == volume.value(o.series_id, 2031) - volume.value(o.series_id, 2024)
        assert o.share_last == volume.value(o.series_id, 2031) / volume.value(TOTAL, 2031)
        assert o.cagr == pytest.approx(cagr(volume, o.series_id, 2025, 2031), rel=1e-12)
    spec = map_spec(figures, dim, measure=VOLUME)
    assert spec.ylabel == f"Volume added 2024–2031 ({UNITS[VOLUME]})"
    assert spec.title == "Growth opportunities by Technology, volume (Base)"
    assert spec.y == tuple(o.value_added for o in by_volume)
    assert "million paid subscriptions" in in_words(figures, dim, measure=VOLUME)
    with pytest.raises(ModelError, match="prices do not add up"):
        opportunities(figures, dim, PRICE)


def test_the_pdf_prints_the_comparison_and_opportunity_cells(written_with_volume, printed):
    from pypdf import PdfReader

    text = squash("".join(p.extract_text() for p in PdfReader(written_with_volume[1]).pages))
    model, tables = printed
    for key in ("growth-opportunities", "scenario-comparison"):
        for table in [b for b in model.chapter(key).blocks if isinstance(b, Table)]:
            assert squash(table.label) in text
            for row in tables[table.number][1:]:
                assert squash("".join(row)) in text, row


def test_the_comparison_starts_with_its_value_chart_on_the_chapters_first_page(
        written_with_volume, printed):
    """The heading, chart and caption kept together fit under the chapter's lead: no page
    is left holding only the chapter's title (a KeepTogether nested in another did that)."""
    from pypdf import PdfReader

    chapter = printed[0].chapter("scenario-comparison")
    first_chart = next(b for b in chapter.blocks if isinstance(b, Chart))
    pages = [squash(p.extract_text()) for p in PdfReader(written_with_volume[1]).pages]
    opening = next(text for text in pages if squash(chapter.blocks[0].text) in text)
    assert squash(f"Value ({UNITS[VALUE]})") in opening
    assert squash(first_chart.label) in opening


def test_the_opportunity_maps_bubbles_and_labels_stay_inside_the_chart(document):
    """Every bubble is drawn whole under the title and beside the axes' ends, and every
    label reads inside the plot (a right-half bubble's label runs leftwards)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from workbench.report import charts

    figures = Figures(document, "base")
    for dim in document.project.dimensions:
        figure = charts.draw(map_spec(figures, dim), ("#1f4e79",))
        renderer = FigureCanvasAgg(figure).get_renderer()
        axes = figure.axes[0]
        plot = axes.get_window_extent(renderer)
        title = axes.title.get_window_extent(renderer)
        bubbles = axes.collections[0].get_window_extent(renderer)
        assert bubbles.y1 <= title.y0 and bubbles.y0 >= 0, dim.id
        assert plot.x0 <= bubbles.x0 and bubbles.x1 <= plot.x1, dim.id
        labels = [t for t in axes.texts if t.get_text()]
        assert len(labels) == len(dim.members)
        for label in labels:
            box = label.get_window_extent(renderer)
            assert plot.x0 <= box.x0 and box.x1 <= plot.x1, (dim.id, label.get_text())


def test_a_volume_by_region_only_adds_volume_columns_and_comparisons_for_region(tmp_path):
    from tests.report.test_measures import volume_by_region

    document = volume_by_region(tmp_path)
    model = build_report(document, ReportOptions(scenario="all"))
    opportunities_ = model.chapter("growth-opportunities")
    tables = {t.caption: t for t in opportunities_.blocks if isinstance(t, Table)}
    region = tables["Opportunities by Region, value (USD billions) and volume (million "
                    "subscriptions)"]
    technology = tables["Opportunities by Technology, value (USD billions)"]
    assert len(region.header) == 6 and len(technology.header) == 4
    volume = document.result("base", VOLUME)
    row = next(r for r in region.rows if r[0] == "Europe")
    assert agrees(row[5], volume.value("europe", 2031) - volume.value("europe", 2024))
    assert "No Technology segment has a volume yet." in opportunities_.text()
    comparison = model.chapter("scenario-comparison").text()
    assert "No Technology segment has a volume yet." in comparison
    assert "No Technology segment has an average price yet." in comparison
    assert "Forecast CAGR 2025–2031 by Region and scenario, volume" in comparison


def test_a_volume_without_numbers_is_said_once_per_measure_in_the_comparison():
    from workbench.core.commands.measures import AddVolume

    document = sample_document(volume=False)
    document.execute(AddVolume("million subscriptions"))
    model = build_report(document, ReportOptions(scenario="all"))
    comparison = model.chapter("scenario-comparison")
    assert "The volume has no numbers yet." in comparison.text()
    assert "The average price has no numbers yet." in comparison.text()
    assert [measure_of(c.caption) for c in comparison.blocks if isinstance(c, Chart)] == [VALUE]
    opportunities_ = model.chapter("growth-opportunities")
    assert all(len(t.header) == 4 for t in opportunities_.blocks if isinstance(t, Table))


def test_a_comparison_chart_draws_the_shared_history_once(printed, document):
    """The scenarios share their history: one grey 'History' line, then one dashed line
    per scenario, each in its own colour (drawn per scenario, the last one's colour hid
    the others' before 2025). Prices by segment, whose histories differ, keep a solid
    history line each."""
    from workbench.report import charts

    chart = next(b for b in printed[0].chapter("scenario-comparison").blocks
                 if isinstance(b, Chart))
    axes = charts.draw(chart.spec, ("#1f4e79", "#c55a11", "#548235")).axes[0]
    labels = [t.get_text() for t in axes.get_legend().get_texts()]
    assert labels == ["History", *(s.name for s in document.project.scenarios)]
    named = {s.name for s in document.project.scenarios}
    history = [line for line in axes.get_lines() if line.get_label() == "History"]
    assert len(history) == 1 and list(history[0].get_xdata())[-1] == 2024
    forecasts = [line for line in axes.get_lines() if line.get_label() in named]
    assert all(line.get_xdata()[0] == 2024 for line in forecasts)
    assert len({line.get_color() for line in forecasts}) == len(named) == len(forecasts)
    diverging = chart.spec.__class__(
        "t", (2023, 2024, 2025), 2024, "u", (("a", (1.0, 2.0, 3.0)), ("b", (1.5, 2.0, 2.5))),
        stacked=False,
    )
    labels = [t.get_text() for t in
              charts.draw(diverging, ("#1f4e79", "#c55a11")).axes[0].get_legend().get_texts()]
    assert labels == ["a", "b"]
