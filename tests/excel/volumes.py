"""Projects with a volume for the workbook tests, built in memory by the core's commands.

`with_volume` gives the sample a volume with every kind of input (history with a cited
cell, a zero and a blank, growth by several methods, a pin, a hold, a note), so the
volume's sheets, its Assumptions and Cell notes and the price's blanks are all exercised.
`dump_all` is the canonical dump of both measures (the value's, then the volume's view).
"""

from __future__ import annotations

from workbench.core.commands import Batch, SetGrowth, SetHistory, SetHold, SetNote, SetPin
from workbench.core.commands.measures import AddVolume, OnMeasure
from workbench.core.commands.values import SetHistorySource
from workbench.core.document import Document
from workbench.core.dump import dump_json
from workbench.core.measures import VOLUME, view
from workbench.core.project import Growth
from workbench.core.sample import sample_document

UNIT = "million subscriptions"


def with_volume(document: Document | None = None, unit: str = UNIT) -> Document:
    """The value-only sample (or `document`, the sample's shape) with a volume of every kind
    of input."""
    document = document or sample_document(volume=False)
    document.execute(AddVolume(unit))
    p = document.project
    base = p.metadata.base_year
    edits = [SetHistory(s, y, v * 40) for (s, y), v in p.history.items()]
    edits += [SetHistory("others", y, 0.0) for y in p.metadata.history_years]
    edits += [
        SetHistory("europe", p.metadata.first_year, None),
        SetHistorySource("tiktok", base, p.sources[0].id),
        SetGrowth("base", "total", Growth("cagr", 0.12)),
        SetGrowth("optimistic", "tiktok", Growth("growth_by_year", 0.1, rates={base + 1: 0.3})),
        SetPin("base", "kwai", base + 3, 35.5),
        SetHold("wechat", base + 5, True),
        SetNote("base", "mini-program", base + 2, "Paid episodes, not viewers."),
    ]
    document.execute(OnMeasure(VOLUME, Batch("Volume", edits)))
    return document


def volume_dump(document: Document) -> str:
    return dump_json(Document(view(document.project, VOLUME)))


def dump_all(document: Document) -> str:
    """Both measures' canonical dumps (inputs, forecasts), and the volume's unit."""
    p = document.project
    volume = "" if p.volume is None else p.volume.unit + "\n" + volume_dump(document)
    return dump_json(document) + "\n" + volume
