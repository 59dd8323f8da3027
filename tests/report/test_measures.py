"""A project with a volume: the report shows the volume and the average price beside the
value, every title names its measure and unit, and every printed figure is the engine's
(`Document.result(…, VOLUME)` and `(…, PRICE)`), read back from the Word file.

The project is the sample with a volume (tests/core/test_measures.py::with_volume) that
grows on its own assumptions, so volume, price and value all differ year by year.
"""

from __future__ import annotations

import re

import pytest

from tests.core.test_measures import with_volume
from tests.report.checks import agrees, check_table, expected
from tests.report.conftest import docx_tables, squash, write
from workbench.core.commands import Batch, SetGrowth, SetHistorySource
from workbench.core.commands.measures import OnMeasure, RemoveVolume
from workbench.core.measures import PRICE, VALUE, VOLUME
from workbench.core.project import TOTAL, Growth
from workbench.report import build_report
from workbench.report.model import Heading
from workbench.report.specs import LineSpec

MEASURE_OF = {", value": VALUE, ", volume": VOLUME, ", average price": PRICE}


@pytest.fixture(scope="module")
def volume_document():
    document = with_volume()
    growth = {"total": 0.12, "mini-program": 0.2, "tiktok": 0.05, "asia-pacific": 0.08}
    edits = [SetGrowth("base", s, Growth("cagr", r)) for s, r in growth.items()]
    cited = document.project.sources[-1].id  # the volume cites its own source
    edits += [SetHistorySource("total", 2024, cited), SetHistorySource("tiktok", 2023, cited)]
    document.execute(OnMeasure(VOLUME, Batch("Volume growth", edits)))
    return document


@pytest.fixture(scope="module")
def report(tmp_path_factory, volume_document):
    """(model, the DOCX read back, the PDF's text) of the report of the sample with a volume."""
    import docx
    from pypdf import PdfReader

    folder = tmp_path_factory.mktemp("volume-report")
    word = write(volume_document, folder / "volume.docx")
    pdf = write(volume_document, folder / "volume.pdf")
    model = build_report(volume_document)
    pages = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    return model, docx.Document(str(word)), pages


def _measure(caption: str) -> str | None:
    found = [m for tag, m in MEASURE_OF.items() if f"{tag}:" in caption or f"{tag} (" in caption]
    return found[0] if len(found) == 1 else None


def test_every_volume_and_price_table_cell_is_the_engines(report, volume_document):
    model, word, _pdf = report
    tables = docx_tables(word)
    assert [tuple(t[0]) for t in tables] == [t.header for t in model.tables()]
    checked = {VALUE: 0, VOLUME: 0, PRICE: 0}
    for table, rows in zip(model.tables(), tables, strict=True):
        measure = _measure(table.caption)
        if measure is None:
            continue
        result = volume_document.result("base", measure)
        checked[measure] += check_table(rows, result, volume_document.project)
    p = volume_document.project
    years = len(p.metadata.years)
    members = sum(len(d.members) for d in p.dimensions)
    for measure in (VOLUME, PRICE):  # every segment and the total, every year
        assert checked[measure] >= (members + 1) * years, (measure, checked)
    assert checked[VALUE] >= (members + 1) * years


def test_price_tables_have_no_shares_and_no_sources(report):
    model = report[0]
    prices = [t for t in model.tables() if _measure(t.caption) == PRICE]
    assert prices
    for table in prices:
        assert not any(h.startswith(("Share", "Sources")) for h in table.header), table.caption
        assert "(USD per subscription)" in table.caption
    volumes = [t for t in model.tables() if _measure(t.caption) == VOLUME]
    total = next(t for t in volumes if t.caption.startswith("Total market, volume: history"))
    assert total.header[-1] == "Sources"
    assert re.fullmatch(r"\[\d+\]", total.rows[-1][-1])  # the volume's own citation
    by_application = next(t for t in volumes if t.caption.startswith("By Application, volume"))
    cited = {row[0]: row[-1] for row in by_application.rows}
    assert cited["TikTok"] == total.rows[-1][-1] and cited["Kwai"] == "–"
    assert any("Share 2031" in t.header for t in volumes)


def test_every_market_title_names_its_measure_and_unit(report):
    model = report[0]
    units = {VALUE: "(USD billions)", VOLUME: "(million subscriptions)",
             PRICE: "(USD per subscription)"}  # fmt: skip
    market = [c for c in model.chapters
              if c.key == "trends-forecast" or c.key.startswith("dimension:")]
    for chapter in market:
        blocks = [b for b in chapter.blocks if hasattr(b, "caption")]
        found = {_measure(b.caption) for b in blocks}
        assert found == {VALUE, VOLUME, PRICE}, chapter.key
        for block in blocks:
            measure = _measure(block.caption)
            assert measure is not None, block.caption
            assert units[measure] in block.caption, block.caption


def test_price_charts_are_lines_of_segments_and_the_total(report):
    model = report[0]
    charts = [c for c in model.charts() if _measure(c.caption) == PRICE]
    assert len(charts) == 1 + 3  # the total market and each dimension
    for chart in charts:
        assert isinstance(chart.spec, LineSpec) and not chart.spec.stacked
        assert chart.spec.series[-1][0] == "Total market"
    stacked = [c.spec.stacked for c in model.charts() if _measure(c.caption) == VOLUME]
    assert stacked and all(stacked)


def test_the_executive_summary_names_the_volume_headline_and_the_price_trend(
    report, volume_document
):
    _model, word, pdf = report
    volume = volume_document.result("base", VOLUME)
    price = volume_document.result("base", PRICE)
    text = next(p.text for p in word.paragraphs if "The market's volume" in p.text)
    match = re.search(
        r"The market's volume rises from ([\d.,]+) million subscriptions in 2025 to "
        r"([\d.,]+) million subscriptions in 2031, ([\d.]+ %) a year \(Base scenario\)\. "
        r"The market's average price (?:rises|falls) from USD ([\d.,]+) per subscription in "
        r"2025 to USD ([\d.,]+) per subscription in 2031, (-?[\d.]+ %) a year \(the average "
        r"price is value ÷ volume × 1,000\)\.", text)
    assert match, text
    v1, v2, vc, p1, p2, pc = match.groups()
    assert agrees(v1, volume.value(TOTAL, 2025)) and agrees(v2, volume.value(TOTAL, 2031))
    assert agrees(vc, expected(volume, "CAGR 2025–2031", TOTAL))
    assert agrees(p1, price.value(TOTAL, 2025)) and agrees(p2, price.value(TOTAL, 2031))
    assert agrees(pc.lstrip("-"), abs(expected(price, "CAGR 2025–2031", TOTAL)))
    assert squash(text) in squash(pdf)


def test_the_key_figures_table_has_the_volume_and_the_price(report, volume_document):
    rows = next(t for t in docx_tables(report[1]) if t[0] == ["Figure", "Value"])
    results = {"Volume": volume_document.result("base", VOLUME),
               "Average price": volume_document.result("base", PRICE)}  # fmt: skip
    wanted = [
        ("Volume 2024 (million subscriptions)", "Volume", 2024),
        ("Volume 2031 (million subscriptions)", "Volume", 2031),
        ("Volume CAGR 2025–2031 (forecast)", "Volume", None),
        ("Average price 2024 (USD per subscription)", "Average price", 2024),
        ("Average price 2031 (USD per subscription)", "Average price", 2031),
        ("Average price CAGR 2025–2031 (forecast)", "Average price", None),
    ]
    assert [r[0] for r in rows[-6:]] == [w[0] for w in wanted]
    for (label, printed), (_l, name, year) in zip(rows[-6:], wanted, strict=True):
        result = results[name]
        want = (result.value(TOTAL, year) if year
                else expected(result, "CAGR 2025–2031", TOTAL))
        assert agrees(printed, want), label


def test_segment_paragraphs_and_fastest_lines_name_the_volume(report, volume_document):
    model = report[0]
    volume = volume_document.result("base", VOLUME)
    text = model.chapter("dimension:technology").text()
    value = volume.value("mini-program", 2031)
    line = next(li for li in text.splitlines() if li.startswith("Mini Program Short Drama: "))
    printed = re.search(r"Volume [\d.,]+ million subscriptions in 2024, ([\d.,]+) million "
                        r"subscriptions in 2031", line).group(1)
    assert agrees(printed, value)
    assert "grows fastest by volume (million subscriptions)" in text
    summary = model.chapter("executive-summary").text()
    assert "Technology by volume (million subscriptions): Mini Program" in summary


def test_the_scope_cover_and_methodology_say_the_measures(report):
    model = report[0]
    scope = model.chapter("market-overview").text()
    assert "Volume unit million subscriptions" in scope
    assert "Average price USD per subscription (value ÷ volume × 1,000)" in scope
    assert "Values in USD billions, volume in million subscriptions" in model.cover.scope[1]
    assert "never typed or reconciled" in model.chapter("methodology").text()


def test_removing_the_volume_gives_back_the_value_only_report(volume_document, sample):
    document = with_volume()
    document.execute(RemoveVolume())
    model = build_report(sample)
    plain = [c.text() for c in model.chapters]
    assert [c.text() for c in build_report(document).chapters] == plain
    titles = [b.caption for b in [*model.tables(), *model.charts()]]
    titles += [b.text for c in model.chapters for b in c.blocks if isinstance(b, Heading)]
    assert not [t for t in titles if "volume" in t.lower() or "price" in t.lower()
                or ", value" in t]
    assert model.cover.scope[1] == "Values in USD billions · Base scenario"


def test_a_volume_without_numbers_says_so_instead_of_printing_dashes(sample):
    from workbench.core.commands.measures import AddVolume
    from workbench.core.sample import sample_document

    document = sample_document(volume=False)
    document.execute(AddVolume("million subscriptions"))
    model = build_report(document)
    text = model.chapter("trends-forecast").text()
    assert "The volume has no numbers yet." in text
    assert "The volume (million subscriptions) has no numbers yet." in (
        model.chapter("executive-summary").text()
    )


def volume_by_region(folder):
    """The analyst's path: the value-only sample and a CSV of subscriptions by region
    imported as its volume (no other dimension has a volume)."""
    from workbench.core.sample import sample_document
    from workbench.ingest import Mapping, plan

    source = folder / "subs.csv"
    source.write_text("Paid subscriptions by region (thousands)\n"
                      "Region,2022,2023,2024\n"
                      "North America,1200,1800,2600\nEurope,300,450,700\n"
                      "Asia Pacific,9000,12000,15000\nRest of the World,500,800,1200\n"
                      "Total,11000,15050,19500\n", "utf-8")
    document = sample_document(volume=False)
    mapping = Mapping(measure="volume", volume_unit="million subscriptions")
    document.execute(plan(source, mapping, document.project).command)
    return document


def test_a_volume_imported_by_region_only_reports_region_and_says_the_rest_has_none(tmp_path):
    from workbench.core.insights import insights

    document = volume_by_region(tmp_path)
    model = build_report(document)
    technology = model.chapter("dimension:technology")
    assert "No Technology segment has a volume yet." in technology.text()
    assert not [t for t in technology.blocks if _measure(getattr(t, "caption", "")) == VOLUME]
    assert "Volume –" not in technology.text()  # no blank volume in the segment paragraphs
    region = model.chapter("dimension:region")
    volume = document.result("base", VOLUME)
    tables = [b for b in region.blocks if _measure(getattr(b, "caption", "")) == VOLUME
              and hasattr(b, "rows")]
    checked = sum(check_table([list(t.header), *map(list, t.rows)], volume, document.project)
                  for t in tables)
    assert checked >= 5 * len(document.project.metadata.years)
    assert volume.value("europe", 2024) == pytest.approx(0.7)
    keys = [i.key for i in insights(document, "base")]
    assert "fastest:region:volume" in keys and "fastest:technology:volume" not in keys
