"""Which rows and columns a segment page's table has, and what each one means.

The total market page shows the total, its year-on-year growth and, per dimension, the
unreconciled gap (how far its projections were from the total before scaling) and the
scale its free segments got; a dimension page shows the total, the dimension's segments,
its gap and scale, and the segments' shares. Columns are the name and the growth
assumption an analyst edits most (method and rate, frozen beside the name), one per year,
two CAGRs and the S-curve's ceiling K and steepness r (where the registry's growth methods
show their parameters); headers name each in words with its unit. The model, the editing
rules and the clipboard all speak in these terms.

Each measure has the same table, built on its view of the project (so headers carry its
unit), except the average price: derived, it has no assumptions to edit and nothing
reconciled, so it shows the series, their CAGRs and (on the total page) the growth.
"""

from __future__ import annotations

from dataclasses import dataclass

from workbench.core.project import TOTAL, Project
from workbench.core.reconcile_words import GAP_LABEL, SCALE_LABEL

SERIES_ROWS = ("total", "segment")
ASSUMPTION_COLUMNS = ("method", "rate", "k", "r")


@dataclass(frozen=True, slots=True)
class Row:
    """`kind` is total, segment, gap, scale, share or yoy; `key` is a series or dimension id."""

    kind: str
    key: str
    label: str

    @property
    def is_series(self) -> bool:
        return self.kind in SERIES_ROWS


@dataclass(frozen=True, slots=True)
class Column:
    """`kind` is name, year, cagr_history, cagr_forecast, method, rate, k or r."""

    kind: str
    label: str
    year: int | None = None
    forecast: bool = False


@dataclass(frozen=True)
class TableLayout:
    rows: tuple[Row, ...]
    columns: tuple[Column, ...]

    def year_columns(self) -> range:
        """Column indexes of the years, which are contiguous."""
        first = next(i for i, c in enumerate(self.columns) if c.kind == "year")
        count = sum(1 for c in self.columns if c.kind == "year")
        return range(first, first + count)

    @property
    def frozen(self) -> int:
        """How many leading columns stay in view while the years scroll: the name and the
        assumptions an analyst edits most (method and rate)."""
        return next(i for i, c in enumerate(self.columns) if c.kind == "year")

    def series_rows(self) -> list[int]:
        return [i for i, r in enumerate(self.rows) if r.is_series]


def build_layout(project: Project, dimension_id: str | None, heading: str = "Series",
                 typed: bool = True) -> TableLayout:
    """The table of `project` (a measure's view) for a dimension or the total (None);
    `heading` names the measure in the name column; `typed` False is a derived measure."""
    return TableLayout(_rows(project, dimension_id, typed), _columns(project, heading, typed))


def _rows(project: Project, dimension_id: str | None, typed: bool) -> tuple[Row, ...]:
    rows = [Row("total", TOTAL, "Total market")]
    if dimension_id is None:
        rows.append(Row("yoy", TOTAL, "Growth year on year"))
        for d in project.dimensions if typed else ():
            rows.append(Row("gap", d.id, f"{d.name} · {GAP_LABEL}"))
            rows.append(Row("scale", d.id, f"{d.name} · {SCALE_LABEL}"))
        return tuple(rows)
    dim = project.dimension(dimension_id)
    rows += [Row("segment", m.id, m.name) for m in dim.members]
    if not typed:
        return tuple(rows)
    rows.append(Row("gap", dim.id, GAP_LABEL))
    rows.append(Row("scale", dim.id, SCALE_LABEL))
    rows += [Row("share", m.id, f"Share: {m.name}") for m in dim.members]
    return tuple(rows)


def _columns(project: Project, heading: str, typed: bool) -> tuple[Column, ...]:
    meta = project.metadata
    (a, b), (c, d) = meta.history_cagr_years, meta.forecast_cagr_years
    columns = [Column("name", heading)]
    if typed:
        columns += [Column("method", "Growth\nmethod"), Column("rate", "Rate\n% a year")]
    columns += [Column("year", str(y), y) for y in meta.history_years]
    columns += [Column("year", f"{y}F", y, forecast=True) for y in meta.forecast_years]
    columns += [
        Column("cagr_history", f"CAGR {_yy(a)}–{_yy(b)}"),
        Column("cagr_forecast", f"CAGR {_yy(c)}–{_yy(d)}", forecast=True),
    ]
    if typed:
        columns += [Column("k", f"Ceiling K\n{meta.unit}"), Column("r", "Steepness\nr")]
    return tuple(columns)


def _yy(year: int) -> str:
    """Two-digit year for narrow headers: 2024 → '24'."""
    return f"{year % 100:02d}"
