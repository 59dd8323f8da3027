"""The workbook's look and the writing helpers every sheet writer shares.

Modelling convention: inputs are blue on a light fill, formulas black; pins (typed
forecast values) get their own fill so an analyst sees at once which forecast cells are
overridden. Text always goes through `write_text`, which writes it as text even when it
starts with = + - @ and refuses text longer than Excel keeps. Characters XML cannot hold
and literal "_xHHHH_" in text are escaped by xlsxwriter in Excel's notation, which every
reader (ours included) decodes.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import cached_property

from workbench.core.document import Document
from workbench.core.engine import ScenarioResult
from workbench.core.measures import VALUE, measure, unit_of, view
from workbench.core.project import TOTAL, Project
from workbench.excel.errors import at
from workbench.excel.layout import CELL_LIMIT, cell
from workbench.excel.measure_names import MeasureSheets, names_of

NUMBER = "#,##0.000"
PERCENT = "0.0%"
RATE = "0.00%"
INPUT = {"font_color": "#0000FF", "bg_color": "#FFF9E0"}
UNUSED = {"font_color": "#808080", "bg_color": "#EDEDED"}
"""A parameter the row's method does not use: kept, but greyed."""
PIN = {"font_color": "#0000FF", "bg_color": "#FCE4D6", "bold": True}

_FORMATS = {
    "title": {"bold": True, "font_size": 14},
    "hint": {"italic": True, "font_color": "#666666"},
    "header": {"bold": True, "bg_color": "#D9E1F2", "bottom": 1},
    "forecast_header": {"bold": True, "bg_color": "#C6E0B4", "bottom": 1},
    "block_header": {"bold": True, "bg_color": "#D9E1F2", "bottom": 1, "text_wrap": True},
    "id": {"font_color": "#808080", "font_size": 8, "valign": "top"},
    "label": {"valign": "top"},
    "label_bold": {"bold": True, "valign": "top"},
    "text": {"text_wrap": False, "valign": "top"},
    "wrapped": {"text_wrap": True, "valign": "top"},
    "input_text": {**INPUT, "text_wrap": True, "valign": "top"},
    "input_number": {**INPUT, "num_format": NUMBER},
    "input_rate": {**INPUT, "num_format": RATE},
    "input_plain": {**INPUT, "num_format": "General", "valign": "top"},
    "unused_rate": {**UNUSED, "num_format": RATE},
    "unused_number": {**UNUSED, "num_format": NUMBER},
    "unused_plain": {**UNUSED, "num_format": "General"},
    "pin": {**PIN, "num_format": NUMBER},
    "number": {"num_format": NUMBER},
    "number_bold": {"num_format": NUMBER, "bold": True},
    "percent": {"num_format": PERCENT, "italic": True},
    "gap": {"num_format": NUMBER, "font_color": "#C00000", "italic": True},
}


def make_formats(workbook) -> dict:
    return {name: workbook.add_format(spec) for name, spec in _FORMATS.items()}


def stored(value: float) -> float | str:
    """A formula's cached result: the number, or #N/A where the engine has no number."""
    return float(value) if math.isfinite(value) else "#N/A"


@dataclass
class Context:
    """What every sheet writer needs: the project, its forecasts, formats and positions.

    A context is one measure's: `project` is a typed measure's view of the project
    (`core.measures.view`; the price's is the value's) and `result` its forecast, so the
    value sheets' writers write the volume's sheets unchanged, under the names in `names`.
    """

    document: Document
    workbook: object
    formats: dict
    sheets: dict[str, str] = field(default_factory=dict)
    assumption_rows: dict[tuple[str, str], int] = field(default_factory=dict)
    styles: dict[str, int] = field(default_factory=dict)
    """Excel's style index of each format, for cells rendered as XML (`RowCells`)."""
    measure: str = VALUE
    names: MeasureSheets | None = None
    """The measure's sheets; the value's when not given."""

    def __post_init__(self) -> None:
        typed = measure(self.measure).typed
        self.shown = view(self.document.project, self.measure if typed else VALUE)
        if self.names is None:
            self.names = names_of(self.shown)
        self.sheets = self.names.dimensions
        self.styles = {name: fmt._get_xf_index() for name, fmt in self.formats.items()}

    @property
    def project(self) -> Project:
        return self.shown

    def result(self, scenario_id: str) -> ScenarioResult:
        return self.document.result(scenario_id, self.measure)

    def titled(self, title: str) -> str:
        """A sheet's title with its unit, and its measure when the project has two:
        "Technology (USD billions)", "Technology · Volume (million subscriptions)"."""
        unit = unit_of(self.document.project, self.measure)
        if self.document.project.volume is None:
            return f"{title} ({unit})"
        return f"{title} · {measure(self.measure).label} ({unit})"

    def headed(self, label: str) -> str:
        """A block's header: the scenario's name, with the measure and its unit when the
        project has two (a value-only workbook's headers are as they always were)."""
        return label if self.document.project.volume is None else self.titled(label)

    @cached_property
    def source_labels(self) -> dict[str, str]:
        return {s.id: s.label() for s in self.project.sources}

    @cached_property
    def series_labels(self) -> dict[str, str]:
        """Name per series id (a look-up per row; `Project.member` scans every dimension)."""
        names = {m.id: m.name for d in self.project.dimensions for m in d.members}
        return {TOTAL: "Total market"} | names

    def series_label(self, series_id: str) -> str:
        return self.series_labels[series_id]


def write_text(ws, row: int, col: int, value: str, fmt=None) -> None:
    """Write text as text (never a formula) and refuse what Excel would cut short."""
    if not value:
        if fmt is not None:
            ws.write_blank(row, col, None, fmt)
        return
    if len(value) > CELL_LIMIT:
        raise at(
            ws.name,
            cell(row, col),
            f"the text is {len(value):,} characters long; Excel keeps at most {CELL_LIMIT:,}.",
        )
    ws.write_string(row, col, value, fmt)


def write_number(ws, row: int, col: int, value: float | int | None, fmt=None) -> None:
    """A typed number, or an input-styled blank for a missing one."""
    if value is None:
        if fmt is not None:
            ws.write_blank(row, col, None, fmt)
        return
    ws.write_number(row, col, value, fmt)


YEAR_RULE = {
    "validate": "integer",
    "criteria": "between",
    "minimum": 1000,
    "maximum": 9999,
    "error_title": "Not a year",
    "error_message": "Type a year, such as 2024.",
}
"""The data validation of a cell that holds a year."""

LINE_HEIGHT = 15
"""Points per line of wrapped text at the default font."""


def wrapped_lines(text: str, width: float) -> int:
    """Lines `text` takes when wrapped in a column `width` characters wide (an estimate on
    the generous side: a word that does not fit goes to the next line)."""
    per_line = max(int(width * 1.1), 1)
    return sum(max(-(-len(part) // per_line), 1) for part in str(text).split("\n"))


def fit_row(ws, row: int, texts: list[tuple[str, float]]) -> None:
    """Give `row` the height its longest wrapped text needs: xlsxwriter cannot measure, and
    LibreOffice keeps a row's stored height, so a long answer would overlap the next row."""
    lines = max((wrapped_lines(t, w) for t, w in texts if t), default=1)
    if lines > 1:
        ws.set_row(row, LINE_HEIGHT * lines)


def header_row(
    ws, row: int, labels: list[str], fmt, widths: dict[int, float] | None = None
) -> None:
    for col, label in enumerate(labels):
        write_text(ws, row, col, label, fmt)
    for col, width in (widths or {}).items():
        ws.set_column(col, col, width)
