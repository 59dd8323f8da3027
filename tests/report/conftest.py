"""Fixtures of the report tests: the sample's report built once, as model, PDF and DOCX,
and readers that give back what a reader of each file sees (text, paragraphs, tables).
"""

from __future__ import annotations

import re
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader

from workbench.core.sample import sample_document
from workbench.report import ReportOptions, write_report


@pytest.fixture(scope="session")
def sample():
    """The value-only sample (the report of a project with a volume: test_measures.py)."""
    return sample_document(volume=False)


@pytest.fixture(scope="session")
def written(tmp_path_factory, sample):
    """The sample's report (Base scenario) as (model, pdf path, docx path)."""
    folder = tmp_path_factory.mktemp("report")
    pdf, word = folder / "sample.pdf", folder / "sample.docx"
    options = ReportOptions(publisher="Test Publisher")
    model = write_report(sample, pdf, options)
    write_report(sample, word, options)
    return model, pdf, word


@pytest.fixture(scope="session")
def written_with_volume(tmp_path_factory):
    """The built-in sample with its volume, every scenario (so the scenario comparison is
    in it too), as (model, pdf path, docx path)."""
    folder = tmp_path_factory.mktemp("report-volume")
    pdf, word = folder / "sample.pdf", folder / "sample.docx"
    options = ReportOptions(publisher="Test Publisher", scenario="all")
    document = sample_document()
    model = write_report(document, pdf, options)
    write_report(document, word, options)
    return model, pdf, word


@pytest.fixture(scope="session", params=["written", "written_with_volume"])
def every_written(request):
    """Each written sample report in turn: the value-only one and the one with a volume."""
    return request.getfixturevalue(request.param)


@pytest.fixture(scope="session")
def pdf_pages(written) -> list[str]:
    """The text of every page of the sample's PDF, as pypdf extracts it."""
    return [page.extract_text() for page in PdfReader(written[1]).pages]


@pytest.fixture(scope="session")
def word(written):
    return docx.Document(str(written[2]))


def squash(text: str) -> str:
    """Whitespace-insensitive text: PDF extraction breaks lines where the layout does."""
    return re.sub(r"\s+", "", text)


def docx_tables(document) -> list[list[list[str]]]:
    return [[[c.text for c in row.cells] for row in t.rows] for t in document.tables]


def write(document, path: Path, **options) -> Path:
    write_report(document, path, ReportOptions(**options))
    return path
