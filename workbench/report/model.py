"""The report as plain data: chapters of headings, paragraphs, tables and charts.

Chapter builders fill this model from the project; the PDF and DOCX writers only lay it
out. Keeping the content in one writer-neutral form is what makes both formats print the
same words and the same figures, and lets the tests read every number back from either.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Run:
    """A stretch of text in one weight; text is plain (writers escape it for their format)."""

    text: str
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True, slots=True)
class Para:
    """A paragraph: `style` is "body", "bullet", "lead" (a summary line) or "note"."""

    runs: tuple[Run, ...]
    style: str = "body"

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


@dataclass(frozen=True, slots=True)
class Heading:
    """A heading inside a chapter (level 2) or inside a section (level 3)."""

    text: str
    level: int = 2


@dataclass(frozen=True, slots=True)
class Table:
    """A numbered table: `align` is "l" or "r" per column; `rows` are the printed cells.

    `emphasis` lists row indexes printed in bold (totals). Long tables paginate with the
    header repeated on every page.
    """

    number: int
    caption: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    align: tuple[str, ...]
    emphasis: frozenset[int] = frozenset()
    note: str = ""

    @property
    def label(self) -> str:
        return f"Table {self.number}: {self.caption}"


@dataclass(frozen=True, slots=True)
class Chart:
    """A numbered figure; `spec` is one of the chart specs of `workbench.report.charts`."""

    number: int
    caption: str
    spec: Any

    @property
    def label(self) -> str:
        return f"Figure {self.number}: {self.caption}"


Block = Para | Heading | Table | Chart


@dataclass
class Chapter:
    key: str
    title: str
    blocks: list[Block] = field(default_factory=list)

    def text(self) -> str:
        """Every word the chapter prints, for tests and the preview's search."""
        parts: list[str] = [self.title]
        for block in self.blocks:
            if isinstance(block, Para | Heading):
                parts.append(block.text)
            elif isinstance(block, Table):
                parts.append(block.label)
                parts.append(" ".join(block.header))
                parts.extend(" ".join(row) for row in block.rows)
            else:
                parts.append(block.label)
        return "\n".join(parts)


@dataclass(frozen=True)
class Cover:
    """The title page: every line comes from the project, the options or the template."""

    title: str
    subtitle: str
    edition: str
    scope: tuple[str, ...]
    publisher: str
    note: str
    logo: bytes | None = None


@dataclass
class Report:
    cover: Cover
    chapters: list[Chapter]
    template: Any

    def chapter(self, key: str) -> Chapter:
        return next(c for c in self.chapters if c.key == key)

    def tables(self) -> list[Table]:
        return [b for c in self.chapters for b in c.blocks if isinstance(b, Table)]

    def charts(self) -> list[Chart]:
        return [b for c in self.chapters for b in c.blocks if isinstance(b, Chart)]
