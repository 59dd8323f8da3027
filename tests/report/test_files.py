"""The written files as readers get them: contents with pages, page numbers, vector charts
in the PDF, Word styles and print-resolution charts in the DOCX, LibreOffice opening it.
"""

from __future__ import annotations

import re
import subprocess

import pytest
from docx.shared import Cm
from pypdf import PdfReader

from tests.report.conftest import squash


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


def page_of_heading(pages: list[str], title: str) -> int:
    """The 1-based page whose text starts (after the running header) with `title`."""
    for number, text in enumerate(pages, start=1):
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        if squash(title) in [squash(line) for line in lines[:5]]:
            return number
    raise AssertionError(f"no page starts with {title!r}")


def test_the_pdf_contents_lists_every_chapter_with_the_page_it_starts_on(written, pdf_pages):
    model = written[0]
    entries = contents_entries(layout_text(written[1], 2))
    assert [t for t, _ in entries] == [c.title for c in model.chapters]
    for title, page in entries:
        assert page_of_heading(pdf_pages, title) == page, title


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
def converted(written, libreoffice):
    """The DOCX as LibreOffice opens it and prints it to PDF."""
    path = libreoffice(written[2], to="pdf")
    assert path.exists(), "LibreOffice did not convert the DOCX (soffice exits 0 regardless)"
    return path


@pytest.mark.slow
def test_libreoffice_opens_the_docx_with_every_chapter_on_its_listed_page(written, converted):
    pages = [page.extract_text() for page in PdfReader(converted).pages]
    assert len(pages) > 15
    entries = contents_entries(layout_text(converted, 2))
    assert [t for t, _ in entries] == [c.title for c in written[0].chapters]
    for title, page in entries:
        assert page_of_heading(pages, title) == page, title
