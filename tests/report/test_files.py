"""The written files as readers get them: contents with pages, page numbers, vector charts
in the PDF, Word styles and print-resolution charts in the DOCX, LibreOffice opening it.
"""

from __future__ import annotations

import re
import subprocess
from collections import Counter

import pytest
from docx.shared import Cm
from pypdf import PdfReader

from tests.report.conftest import squash
from workbench.report.model import Chart, Heading


def contents_entries(page_text: str) -> list[tuple[str, int]]:
    """(title, page) of each line of a contents page: "Title . . . . 12"."""
    out = []
    for line in page_text.splitlines():
        match = re.match(r"^\s*(.+?)[\s.]*\.\s*(\d+)\s*$", line)
        if match:
            out.append((match.group(1).strip(" ."), int(match.group(2))))
    return out


def layout_text(path, page: int) -> str:
    """One page as poppler's pdftotext lays it out (keeps a contents line on one line)."""
    done = subprocess.run(["pdftotext", "-layout", "-f", str(page), "-l", str(page), str(path),
                           "-"], capture_output=True, text=True, check=True, timeout=120)
    return done.stdout


def page_of_heading(pages: list[str], title: str, running: tuple[str, ...] = ()) -> int:
    """The 1-based page whose first line, after the running header's `running` lines and
    its page number, is `title` (a chapter starts a page; the same word further down, such
    as a table's "Sources" column, is not the chapter)."""
    for number, text in enumerate(pages, start=1):
        lines = [squash(line) for line in text.splitlines() if line.strip()]
        lines = [line for line in lines
                 if line not in map(squash, running) and not re.fullmatch(r"Page\d+", line)]
        if lines and lines[0] == squash(title):
            return number
    raise AssertionError(f"no page starts with {title!r}")


def running_header(model) -> tuple[str, ...]:
    return (model.cover.title, model.cover.publisher)


def test_the_pdf_contents_lists_every_chapter_with_the_page_it_starts_on(every_written):
    model, pdf = every_written[0], every_written[1]
    pages = [page.extract_text() for page in PdfReader(pdf).pages]
    entries = contents_entries(layout_text(pdf, 2))
    assert [t for t, _ in entries] == [c.title for c in model.chapters]
    for title, page in entries:
        assert page_of_heading(pages, title, running_header(model)) == page, title


def test_pdf_pages_are_numbered_and_the_outline_has_every_chapter(written, pdf_pages):
    for number, text in enumerate(pdf_pages[1:], start=2):
        assert f"Page {number}" in text
    outline = [item.title for item in PdfReader(written[1]).outline]
    assert outline == [c.title for c in written[0].chapters]


def test_pdf_figures_and_tables_are_numbered_and_charts_are_vector(written, pdf_pages):
    model = written[0]
    text = squash("".join(pdf_pages))
    for item in [*model.tables(), *model.charts()]:
        assert squash(item.label) in text
    reader = PdfReader(written[1])
    for page in reader.pages:
        resources = page.get("/Resources") or {}
        xobjects = resources.get("/XObject") or {}
        assert not any(x.get_object().get("/Subtype") == "/Image" for x in xobjects.values())
    # the chart text is real text: the five forces' axis and the map's axis title
    assert squash("Strength (1 weak – 5 strong)") in text
    assert squash("Forecast CAGR 2025–2031") in text


def test_the_docx_uses_word_styles_and_print_resolution_charts(written, word):
    styles = {p.style.name for p in word.paragraphs}
    assert {"Title", "Heading 1", "Heading 2", "List Bullet", "Caption", "TOC 1"} <= styles
    assert all(t.style.name == "Table Grid" for t in word.tables)
    shapes = word.inline_shapes
    assert len(shapes) == len(written[0].charts())
    for shape in shapes:
        blip = shape._inline.graphic.graphicData.pic.blipFill.blip
        image = word.part.related_parts[blip.embed].image
        inches = shape.width / Cm(2.54)
        assert image.px_width / inches >= 290  # about 300 dpi at the printed width


def test_the_docx_contents_has_an_entry_and_a_page_reference_per_chapter(written, word):
    entries = [p for p in word.paragraphs if p.style.name == "TOC 1"]
    assert [p.text.strip() for p in entries] == [c.title for c in written[0].chapters]
    for p in entries:
        assert "PAGEREF _Toc_" in p._p.xml
    bookmarks = re.findall(r'w:name="(_Toc_[^"]+)"', word.element.body.xml)
    assert len(bookmarks) == len(entries) == len(set(bookmarks))


@pytest.fixture(scope="session")
def converted(every_written, libreoffice):
    """The DOCX as LibreOffice opens it and prints it to PDF."""
    path = libreoffice(every_written[2], to="pdf")
    assert path.exists(), "LibreOffice did not convert the DOCX (soffice exits 0 regardless)"
    return path


@pytest.mark.slow
def test_libreoffice_opens_the_docx_with_every_chapter_on_its_listed_page(every_written,
                                                                          converted):
    """Every contents entry's page, as LibreOffice lays the DOCX out, is the page its
    chapter's heading lands on: for the value-only sample and the one with a volume."""
    model = every_written[0]
    pages = [page.extract_text() for page in PdfReader(converted).pages]
    assert len(pages) > 15
    entries = contents_entries(layout_text(converted, 2))
    assert [t for t, _ in entries] == [c.title for c in model.chapters]
    for title, page in entries:
        assert page_of_heading(pages, title, running_header(model)) == page, title


def pictures_by_page(path) -> Counter:
    """How many pictures poppler finds drawn on each page (masks are not pictures)."""
    done = subprocess.run(["pdfimages", "-list", str(path)], capture_output=True, text=True,
                          check=True, timeout=120)
    rows = [line.split() for line in done.stdout.splitlines()[2:]]
    return Counter(int(row[0]) for row in rows if row[2] == "image")


@pytest.mark.slow
def test_libreoffice_never_parts_a_chart_from_its_caption(every_written, converted):
    """Each chart (a picture in the DOCX) is on the page of its caption: a page holds as
    many pictures as "Figure n:" captions (a chart left at the foot of a page with its
    caption on the next one makes them differ on both pages)."""
    model = every_written[0]
    pictures = pictures_by_page(converted)
    captions = Counter()
    for number, page in enumerate(PdfReader(converted).pages, start=1):
        lines = page.extract_text().splitlines()
        captions[number] = sum(bool(re.match(r"Figure \d+: ", line)) for line in lines)
    assert +pictures == +captions
    assert sum(pictures.values()) == len(model.charts())


def test_a_pdf_heading_is_on_the_page_of_the_chart_it_introduces(every_written):
    """A section heading followed by a chart never stays alone at a page's foot: its page
    prints the chart's caption too (the scenario comparison's measures start this way)."""
    model, pdf = every_written[0], every_written[1]
    pages = [squash(page.extract_text()) for page in PdfReader(pdf).pages]
    pairs = [(a.text, b.label) for c in model.chapters
             for a, b in zip(c.blocks, c.blocks[1:], strict=False)
             if isinstance(a, Heading) and isinstance(b, Chart)]
    assert len(pairs) >= 3
    for heading, caption in pairs:
        page = next(text for text in pages if squash(caption) in text)
        assert squash(heading) in page, heading
