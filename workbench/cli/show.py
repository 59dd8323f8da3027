"""`workbench show PROJECT [--scenario S] [--measure M] [--format table|csv|json]`: the
market tables of one measure (value by default; volume and average price where the
project has a volume).

The table format is for reading in a terminal (fixed decimals, aligned, forecast years
marked F); csv and json carry the same numbers at full precision for other programs, with
blanks empty (csv) or null (json). With a volume, every title and table header names the
measure and its unit; a value-only project prints exactly what it always has.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import sys

import numpy as np

from workbench.cli.loading import (
    CommandError,
    add_project_argument,
    find_scenario,
    load_document,
)
from workbench.cli.safe_text import csv_cell
from workbench.cli.tables import MarketTables, Row, Table, market_tables
from workbench.core.measures import MEASURES, VALUE, measure, measures_of
from workbench.core.reconcile_words import GAP_LABEL, SCALE_LABEL
from workbench.numbers import amount, percent

FORMATS = ("table", "csv", "json")


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "show",
        help="print the market tables with totals, shares and CAGRs",
        description="Print the market tables of one scenario: per dimension and the total, "
        "history and forecast values, totals, shares, CAGRs, the unreconciled gap and the "
        "scale of the free segments.",
    )
    add_project_argument(parser, "a project file, or 'sample'")
    parser.add_argument("--scenario", metavar="S", help="scenario id or name (default: first)")
    parser.add_argument(
        "--measure",
        choices=[m.id for m in MEASURES],
        default=VALUE,
        help="the measure to show: value (default), or volume or the average price where "
        "the project has a volume",
    )
    parser.add_argument("--format", choices=FORMATS, default="table")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    document = load_document(args)
    scenario = find_scenario(document.project, args.scenario)
    if args.measure not in measures_of(document.project):
        label = measure(args.measure).label.lower()
        raise CommandError(
            f"{document.project.metadata.title} has no volume measure, so there is no "
            f"{label} to show; it has value only."
        )
    tables = market_tables(document, scenario.id, args.measure)
    {"table": write_text, "csv": write_csv, "json": write_json}[args.format](tables, sys.stdout)
    return 0


# -- table ----------------------------------------------------------------------------------


def _text_rows(m: MarketTables, table: Table) -> list[list[str]]:
    cagr_blank = [""] * len(m.periods)
    title = f"{table.title} ({m.measure_label}, {m.unit})" if m.measure_label else table.title
    out = [[title, *_year_labels(m), *(f"CAGR {a}–{b}" for a, b in m.periods)]]
    for row in (*table.rows, table.total):
        name = "Total" if table.rows and row is table.total else row.name
        out.append([name, *map(amount, row.values), *map(percent, row.cagrs)])
    if table.gap is not None:
        scale = float(np.nanmax(np.abs(table.total.values), initial=0.0))
        gaps = [amount(gap, scale=scale) for gap in table.gap.tolist()]
        out.append([GAP_LABEL, *gaps, *cagr_blank])
    if table.scale is not None:
        out.append([SCALE_LABEL, *map(_scale, table.scale.tolist()), *cagr_blank])
    for row in table.rows:
        if row.shares is not None:
            out.append([f"{row.name} share", *map(percent, row.shares), *cagr_blank])
    return out


def _scale(value: float) -> str:
    """A scale factor: "×1.0234"; blank in history and where nothing was reconciled."""
    return "" if not math.isfinite(value) else f"×{value:.4f}"


def _year_labels(m: MarketTables) -> list[str]:
    return [f"{y}F" if y > m.base_year else str(y) for y in m.years]


def write_text(m: MarketTables, out) -> None:
    measure_part = f"{m.measure_label}, " if m.measure_label else ""
    out.write(f"{m.title} — {measure_part}{m.scenario_name} scenario ({m.unit})\n")
    for table in m.tables:
        rows = _text_rows(m, table)
        widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
        out.write("\n")
        for r in rows:
            cells = [r[0].ljust(widths[0])]
            cells += [cell.rjust(w) for cell, w in zip(r[1:], widths[1:], strict=True)]
            out.write("  ".join(cells).rstrip() + "\n")


# -- csv ------------------------------------------------------------------------------------


def _number(value: float) -> float | None:
    return float(value) if math.isfinite(value) else None


def _numbers(values: np.ndarray | tuple) -> list[float | None]:
    return [_number(v) for v in values]


class _SafeWriter:
    """A csv writer whose text cells no spreadsheet takes for formulas (`csv_cell`)."""

    def __init__(self, out) -> None:
        self._writer = csv.writer(out, lineterminator="\n")

    def writerow(self, row: list) -> None:
        self._writer.writerow([csv_cell(value) for value in row])


def write_csv(m: MarketTables, out) -> None:
    """One line per table row and kind of number (the measure's own: value, volume or
    price; then share, gap, scale); years then CAGRs as columns."""
    writer = _SafeWriter(out)
    cagr_columns = [f"cagr_{a}_{b}" for a, b in m.periods]
    writer.writerow(["scenario", "table", "series", "name", "measure", *m.years, *cagr_columns])
    blank = [None] * len(m.periods)
    for table in m.tables:
        head = [m.scenario_id, table.dimension_id or "total"]
        for row in (*table.rows, table.total):
            cells = [*_numbers(row.values), *_numbers(row.cagrs)]
            writer.writerow([*head, row.series_id, row.name, m.measure, *cells])
        if table.gap is not None:
            writer.writerow([*head, "", GAP_LABEL, "gap", *_numbers(table.gap), *blank])
        if table.scale is not None:
            writer.writerow([*head, "", SCALE_LABEL, "scale", *_numbers(table.scale), *blank])
        for row in table.rows:
            if row.shares is not None:
                writer.writerow(
                    [*head, row.series_id, row.name, "share", *_numbers(row.shares), *blank]
                )


# -- json -----------------------------------------------------------------------------------


def _json_row(row: Row) -> dict:
    out = {"series": row.series_id, "name": row.name, "values": _numbers(row.values)}
    if row.shares is not None:
        out["shares"] = _numbers(row.shares)
    out["cagrs"] = _numbers(row.cagrs)
    return out


def write_json(m: MarketTables, out) -> None:
    data = {
        "title": m.title,
        "measure": m.measure,
        "unit": m.unit,
        "scenario": {"id": m.scenario_id, "name": m.scenario_name},
        "years": list(m.years),
        "base_year": m.base_year,
        "cagr_periods": [list(p) for p in m.periods],
        "tables": [
            {
                "dimension": t.dimension_id,
                "name": t.title,
                "rows": [_json_row(r) for r in t.rows],
                "total": _json_row(t.total),
                "gap": None if t.gap is None else _numbers(t.gap),
                "scale": None if t.scale is None else _numbers(t.scale),
            }
            for t in m.tables
        ],
    }
    out.write(json.dumps(data, ensure_ascii=False, indent=1, allow_nan=False) + "\n")
