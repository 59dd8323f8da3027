"""Cross-checks of a workbook's target project, each failure named by sheet and cell.

Rows are checked one by one as they are read; what needs the whole project (references
between sheets, growth against history, pins against the mode, ids unique across sheets)
is checked here, with the same rules the core commands apply to an edit.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import fields as dataclass_fields

from workbench.core.commands.base import where
from workbench.core.commands.entities import References, check_references
from workbench.core.commands.values import check_growth
from workbench.core.errors import ModelError
from workbench.core.methods import method
from workbench.core.methods.base import Check
from workbench.core.project import ENTITY_COLLECTIONS, TOTAL
from workbench.excel import assessments
from workbench.excel.about import DIMENSION_HEADERS
from workbench.excel.assessments import SHEET as ASSESSMENTS
from workbench.excel.assumptions import growth_cell
from workbench.excel.cell_notes import SOURCE, YEAR
from workbench.excel.errors import ExcelError, at
from workbench.excel.layout import ABOUT, cell
from workbench.excel.reader import WorkbookContent
from workbench.excel.tables import TABLES, refused_column
from workbench.numbers import number, percent

_SHEETS = {t.collection: t.sheet for t in TABLES} | {"assessments": ASSESSMENTS}


def check_content(content: WorkbookContent) -> None:
    p = content.project
    _check_structure(content)
    _check_unique_ids(content)
    refs = References.of(p)
    _check_assessments(content)
    for table in TABLES:
        for entity in getattr(p, table.collection):
            try:
                check_references(p, entity, refs)
            except ModelError as error:
                row = content.where[(table.collection, entity.id)]
                fields = {f.name: getattr(entity, f.name) for f in dataclass_fields(entity)}
                col = refused_column(table, fields, lambda e: check_references(p, e, refs))
                raise at(table.sheet, cell(row, col), str(error)) from None
    for part in (content, content.volume):
        if part is not None:
            check_inputs(part)


def check_inputs(content: WorkbookContent) -> None:
    """One typed measure's growth, pins and cell notes (`content.project` is its view)."""
    p = content.project
    for key, growth in p.growth.items():
        try:
            check_growth(p, *key, growth)
        except ModelError as error:
            raise at(*growth_refused_at(content, key, growth), str(error)) from None
    _check_pins(content)
    _check_cells(content)


def growth_refused_at(content: WorkbookContent, key: tuple[str, str], growth) -> tuple[str, str]:
    """Sheet and cell of the input a refused assumption is refused for: the rate, K or r
    typed out of range, the year's rate, or the base-year value a curve starts from; the
    method cell when no single input is to blame."""
    p = content.project
    meta = p.metadata
    row = content.where[("assumption", *key)]
    part, year = _refused_part(p, key, growth)
    if part == "base":
        sheet, _, ref = str(content.where[("history", key[1], meta.base_year)]).rpartition("!")
        return sheet, ref
    return content.names.assumptions, cell(row, growth_cell(meta, row, part, year))


def _refused_part(p, key: tuple[str, str], g) -> tuple[str, int | None]:
    """Which part of `g` the core refuses, in the order `check_growth` checks them."""
    if g.rate <= -1.0:
        return "rate", None
    low = next((y for y in sorted(g.rates) if g.rates[y] <= -1.0), None)
    if low is not None:
        return "rates", low
    base = p.metadata.base_year
    check = Check(
        g,
        where(p, *key),
        p.history.get((key[1], base)),
        base,
        p.metadata.forecast_years,
        True,
        number,
        percent,
    )
    problem = next((e for e in method(g.method).problems(check) if e.severity == "error"), None)
    if problem is None:
        return "method", None
    code = problem.code
    if code.endswith("_incomplete"):
        return ("k" if g.k is None or not math.isfinite(g.k) else "r"), None
    if code.endswith(("_k", "_r")):
        return code[-1], None
    if problem.year is not None and code != "missing_base" and not code.endswith("_base"):
        return "rates", problem.year
    return ("base" if problem.year == base else "method"), None


def _check_assessments(content: WorkbookContent) -> None:
    """Each assessment's dimension, and each rated segment in it, at the cell that names it."""
    p = content.project
    dimensions = {d.id: d for d in p.dimensions}
    for assessment in p.assessments:
        row = content.where[("assessments", assessment.id, assessments.DIMENSION)]
        dim = dimensions.get(assessment.dimension_id)
        if dim is None:
            raise at(
                ASSESSMENTS,
                cell(row, assessments.DIMENSION),
                f"{assessment.dimension_id!r} is not a dimension id (see the About sheet).",
            )
        members = set(dim.member_ids())
        rows = {k: content.where[("rating", assessment.id, *k)] for k in assessment.cells}
        for criterion_id, member_id in sorted(assessment.cells, key=rows.__getitem__):
            if member_id not in members:
                rated = rows[(criterion_id, member_id)]
                if ("moved", assessment.id) in content.where:
                    raise at(
                        ASSESSMENTS,
                        cell(row, assessments.DIMENSION),
                        f"{assessment.dimension_id!r} is not the dimension of the segments "
                        f"rated on this assessment's rows ({member_id!r} on row {rated + 1} "
                        f"is not a segment of {dim.name}); change their segments too, or "
                        "delete those rows.",
                    )
                raise at(
                    ASSESSMENTS,
                    cell(rated, assessments.SEGMENT_ID),
                    f"{member_id!r} is not a segment of {dim.name}.",
                )


def _check_structure(content: WorkbookContent) -> None:
    p, where = content.project, content.where
    for label, items in (("scenario", p.scenarios), ("dimension", p.dimensions)):
        seen: set[str] = set()
        for item in items:
            if item.name.casefold() in seen:
                raise at(
                    ABOUT,
                    cell(where[("about", item.id)], 1),
                    f"the {label} name {item.name!r} is used twice.",
                )
            seen.add(item.name.casefold())
    primary = p.primary_dimension
    row = where[("about", "primary_dimension")]
    if primary is not None and primary not in {d.id for d in p.dimensions}:
        raise at(
            ABOUT,
            cell(row, 1),
            f"{primary!r} is not one of the {DIMENSION_HEADERS[0].lower()}s below.",
        )
    if p.mode == "bottom_up" and (primary is None or not p.dimension(primary).members):
        raise at(ABOUT, cell(row, 1), "bottom-up mode needs a primary dimension with segments.")


def _check_unique_ids(content: WorkbookContent) -> None:
    p = content.project
    ids = [TOTAL, *(d.id for d in p.dimensions), *(s.id for s in p.scenarios)]
    ids += [m.id for d in p.dimensions for m in d.members]
    for collection in ENTITY_COLLECTIONS:
        ids += [e.id for e in getattr(p, collection)]
    twice = [i for i, n in Counter(ids).items() if n > 1]
    if twice:
        where = next(
            (
                f" ({_SHEETS[c]}!A{content.where[(c, twice[0])] + 1})"
                for c in ENTITY_COLLECTIONS
                if (c, twice[0]) in content.where
            ),
            "",
        )
        raise ExcelError(f"The id {twice[0]!r} names two different things in this workbook{where}.")


def _check_pins(content: WorkbookContent) -> None:
    p = content.project
    if p.mode != "bottom_up":
        return
    for scenario_id, series_id, year in p.pins:
        if series_id == TOTAL:
            ref = content.where[("pin", scenario_id, series_id, year)]
            raise ExcelError(
                f"{ref}: in bottom-up mode the total is the sum of its segments "
                "and cannot be pinned."
            )


def _check_cells(content: WorkbookContent) -> None:
    p = content.project
    meta = p.metadata
    sources = {s.id for s in p.sources}
    notes_sheet = content.names.cell_notes
    for (series_id, year), source_id in p.history_sources.items():
        row = content.where[("cell", "", series_id, year)]
        if source_id not in sources:
            raise at(
                notes_sheet,
                cell(row, SOURCE),
                f"{source_id!r} is not a source id (see the Sources sheet).",
            )
        if not meta.first_year <= year <= meta.base_year:
            raise at(
                notes_sheet,
                cell(row, YEAR),
                f"{year} is not a history year; sources belong to history cells.",
            )
    for series_id, year in p.holds:
        row = content.where[("cell", "", series_id, year)]
        if series_id == TOTAL or year not in meta.years:
            raise at(
                notes_sheet,
                cell(row, YEAR),
                "only segment cells within the project's years can be held.",
            )
    for scenario_id, series_id, year in p.notes:
        years = meta.forecast_years if scenario_id else meta.history_years
        if year not in years:
            row = content.where[("cell", scenario_id, series_id, year)]
            raise at(
                notes_sheet,
                cell(row, YEAR),
                f"{year} is outside the years a note on this cell may have.",
            )
