"""What detection finds: tables of labelled rows by year, with their title, unit and notes."""

from __future__ import annotations

from dataclasses import dataclass, field

from workbench.ingest.cells import Unit


@dataclass
class Row:
    """One labelled row of a table: a segment, the total, or a row the mapping skips.

    `cells[year]` is where each number stands ("C5"), so every imported number can be
    cited to its cell; `group` is the heading the row stands under ("By region"), if any.
    """

    label: str
    values: dict[int, float | None]
    cells: dict[int, str]
    address: str
    group: str = ""
    total_by: str = ""
    """Why this row is taken for the total: 'label', 'formula' or 'sum' ('' if it is not)."""

    set_aside: str = ""
    """Why detection leaves the row out by default ('a subtotal', 'a growth rate row')."""
    percent: bool = False
    """Most of its numbers are percentages (typed with % or formatted as %): rates or shares."""

    @property
    def is_total(self) -> bool:
        return bool(self.total_by)


@dataclass
class Table:
    """A candidate table on one sheet: years along one axis, labelled rows along the other."""

    sheet: str
    index: int
    layout: str
    """'years across', 'years down' or 'long' (segment, year, value rows)."""
    years: list[int]
    rows: list[Row]
    title: str = ""
    unit: Unit | None = None
    forecast_marked: set[int] = field(default_factory=set)
    """Years the source marks as estimates or forecasts (2025E, 2026F)."""
    footnotes: list[str] = field(default_factory=list)
    header: str = ""
    """Where the year header starts ("B4"), to name the table to the user."""
    label_header: str = ""
    """What the header says above the row labels ("Region"), a default dimension name."""
    hidden_rows: list[int] = field(default_factory=list)
    hidden_columns: list[int] = field(default_factory=list)
    """Hidden rows and columns of the sheet (from 0) inside the table that hold cells."""
    hidden_included: bool = False
    """Whether those were read like the others (as asked) or left out (the default)."""

    @property
    def total(self) -> Row | None:
        return next((r for r in self.rows if r.is_total), None)

    @property
    def segments(self) -> list[Row]:
        return [r for r in self.rows if not r.is_total and not r.set_aside]

    @property
    def groups(self) -> list[str]:
        """The row groups in order ("By technology", "By region"), '' for ungrouped rows."""
        out: list[str] = []
        for row in self.segments:
            if row.group not in out:
                out.append(row.group)
        return out

    def describe(self) -> str:
        """'Sheet1, table 1 at B4: 6 rows × 13 years (2019–2031), USD billions'."""
        unit = f", {self.unit.label()}" if self.unit else ""
        span = f"{self.years[0]}–{self.years[-1]}" if self.years else "no years"
        return (
            f"{self.sheet}, table {self.index + 1} at {self.header} ({self.layout}): "
            f"{len(self.rows)} rows × {len(self.years)} years ({span}){unit}"
        )
