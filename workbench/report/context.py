"""What every chapter builder gets: the figures, the options and the report's counters.

Figure and table numbers run through the whole report, and sources are numbered in the
order the report first cites them, so both are handed out here as chapters are built.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from workbench.core.document import Document
from workbench.core.project import Project
from workbench.report.figures import Figures
from workbench.report.model import Chart, Para, Run, Table


@dataclass
class Citations:
    """Source ids in order of first citation; `number` hands out [1], [2], … once each."""

    order: list[str] = field(default_factory=list)

    def number(self, source_id: str) -> int:
        if source_id not in self.order:
            self.order.append(source_id)
        return self.order.index(source_id) + 1

    def marks(self, source_ids) -> str:
        """" [1, 4]" for the known ids (an empty string when there are none)."""
        numbers = sorted({self.number(s) for s in source_ids if s})
        return f" [{', '.join(map(str, numbers))}]" if numbers else ""


@dataclass
class BuildContext:
    document: Document
    figures: Figures
    all_figures: list[Figures]
    options: object
    template: object
    citations: Citations = field(default_factory=Citations)
    progress: Callable[[str], None] = lambda _step: None
    _tables: int = 0
    _charts: int = 0

    @property
    def project(self) -> Project:
        return self.document.project

    def table(self, caption: str, header, rows, align, emphasis=frozenset(), note="") -> Table:
        self._tables += 1
        return Table(
            self._tables,
            caption,
            tuple(header),
            tuple(tuple(r) for r in rows),
            tuple(align),
            frozenset(emphasis),
            note,
        )

    def chart(self, caption: str, spec) -> Chart:
        self._charts += 1
        return Chart(self._charts, caption, spec)

    def cite(self, source_ids) -> str:
        return self.citations.marks(source_ids)

    def known_sources(self, source_ids) -> list[str]:
        """The ids that name a source of the project (a dangling id is not cited)."""
        known = {s.id for s in self.project.sources}
        return [s for s in source_ids if s in known]


def lead(text: str) -> Para:
    return Para((Run(text),), "lead")


def body(text: str) -> Para:
    return Para((Run(text),))


def note(text: str) -> Para:
    return Para((Run(text),), "note")
